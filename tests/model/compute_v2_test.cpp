// The compute model's v2 parts (MODEL.md section 4, "compute"): attention FLOPs, tokens from the
// data, memory per GPU, and goodput from failures and checkpoints, against hand arithmetic from
// MODEL.md's formulas and published figures (the H200 runs, Llama 3 405B, Transformer
// Math 101, Chinchilla). Defaults as ComputeParams sets them: H100 SXM dense BF16 989 TFLOP/s,
// 80 GB, 8 GPUs, MFU 0.4, goodput 0.9, 16 B of state per parameter, 100 GB/s checkpoints, 600 s
// restarts. Every expected number is worked out beside it.
#include <doctest/doctest.h>

#include <cmath>

#include "model/compute.hpp"
#include "support.hpp"

using haul::Attention;
using haul::compute_model;
using haul::ComputeParams;
using haul::ComputeResult;
using haul::Job;

using haul::test::code;

namespace {

// A params-and-tokens job with the defaults otherwise.
ComputeParams<double> params_tokens(double params, double tokens) {
  ComputeParams<double> c;
  c.job = code(Job::params_tokens);
  c.params = params;
  c.tokens = tokens;
  return c;
}

}  // namespace

TEST_CASE("compute v2: attention FLOPs on the issue's H200 runs (GPT, 24 x 2048, 1.31e9, causal)") {
  // The tokens cancel in every ratio; 1e9 keeps the absolute figures readable.
  ComputeParams<double> c = params_tokens(1.31e9, 1e9);
  c.layers = 24;
  c.d_model = 2048;
  c.attention = code(Attention::causal);

  SUBCASE("seq 16,384") {
    c.seq_len = 16384;
    const ComputeResult<double> r = compute_model(c);
    // 6N per token = 6 * 1.31e9 = 7.86e9; flops_6n = 7.86e9 * 1e9 = 7.86e18
    CHECK(r.flops_6n == doctest::Approx(7.86e18).epsilon(1e-15));
    // causal A = 16,384 / 2 = 8,192; attention per token = 12 * 24 * 2048 * 8192
    //   = 288 * 2048 * 8192 = 4,831,838,208; flops = 1e9 * (7.86e9 + 4.831838208e9)
    //   = 1.2691838208e19
    CHECK(r.flops == doctest::Approx(1.2691838208e19).epsilon(1e-14));
    const double ratio = r.flops / r.flops_6n;
    // 1.2691838208e19 / 7.86e18 = 1.614737685
    CHECK(ratio == doctest::Approx(1.614737685).epsilon(1e-9));
    // The issue: 327 TFLOP/s counting 6N is 528 counting attention: 327 * 1.614737685 = 528.02
    CHECK(std::round(327.0 * ratio) == 528.0);
    CHECK(std::round(528.0 / ratio) == 327.0);  // 528 / 1.614737685 = 326.99
    // "6·N·D misses 38 % of the work": 4.831838208 / 12.691838208 = 0.3807
    CHECK(std::round(100.0 * (r.flops - r.flops_6n) / r.flops) == 38.0);
    // MODEL.md: MFU 0.53 counting attention, 0.33 counting 6N on the H200 (989 TFLOP/s dense):
    // 528 / 989 = 0.534, 327 / 989 = 0.3306; 0.534 / 1.6147 = 0.3306
    CHECK(std::round(100.0 * 528.0 / 989.0) == 53.0);
    CHECK(std::round(100.0 * (528.0 / 989.0) / ratio) == 33.0);
  }
  SUBCASE("seq 1,024") {
    c.seq_len = 1024;
    const ComputeResult<double> r = compute_model(c);
    // A = 512; attention per token = 288 * 2048 * 512 = 301,989,888;
    // flops = 1e9 * (7.86e9 + 0.301989888e9) = 8.161989888e18
    CHECK(r.flops == doctest::Approx(8.161989888e18).epsilon(1e-14));
    const double ratio = r.flops / r.flops_6n;
    // 8.161989888 / 7.86 = 1.038421105
    CHECK(ratio == doctest::Approx(1.038421105).epsilon(1e-9));
    // 547 * 1.038421105 = 568.016 -> 568; 568 / 1.038421105 = 546.98 -> 547
    CHECK(std::round(547.0 * ratio) == 568.0);
    CHECK(std::round(568.0 / ratio) == 547.0);
    // MODEL.md: 0.57 counting attention, 0.55 counting 6N: 568 / 989 = 0.5743; 547 / 989 = 0.5531
    CHECK(std::round(100.0 * (568.0 / 989.0) / ratio) == 55.0);
  }
  SUBCASE("without seq_len the attention is not counted") {
    c.seq_len = 0;
    const ComputeResult<double> r = compute_model(c);
    // layers and d_model alone: flops = 6N * D = 7.86e18, the same as flops_6n
    CHECK(r.flops == doctest::Approx(7.86e18).epsilon(1e-15));
    CHECK(r.flops == r.flops_6n);
  }
}

TEST_CASE("compute v2: Llama 3 405B with attention, failures and checkpoints") {
  // Meta, "The Llama 3 Herd of Models" (2024): 405e9 parameters, 15.6e12 tokens, 126 layers,
  // d_model 16,384, 8,192 context, 16,384 H100 (989 TFLOP/s dense BF16), 38-43 % MFU,
  // 3.8e25 FLOP, 419 unexpected interruptions in 54 days, 30.84M H100-hours for the 405B model.
  ComputeParams<double> c = params_tokens(405e9, 15.6e12);
  c.layers = 126;
  c.d_model = 16384;
  c.seq_len = 8192;
  c.attention = code(Attention::causal);
  c.gpus = 16384;
  c.peak_flops = 989e12;
  c.failures_per_gpu_day = 419.0 / (54.0 * 16384.0);
  c.goodput = 0.5;  // ignored: failures are given
  c.vocab = 128256;
  c.mfu = 0.43;
  const ComputeResult<double> r = compute_model(c);

  // flops_6n = 6 * 405e9 * 15.6e12 = 2.43e12 * 15.6e12 = 3.7908e25, the published 3.8e25 to 0.25 %
  CHECK(r.flops_6n == doctest::Approx(3.7908e25).epsilon(1e-14));
  CHECK(r.flops_6n / 3.8e25 == doctest::Approx(1.0).epsilon(0.003));
  CHECK(r.tokens == doctest::Approx(15.6e12).epsilon(1e-15));
  // attention per token = 12 * 126 * 16,384 * 4,096 = 1,512 * 67,108,864 = 101,468,602,368;
  // flops = 15.6e12 * (2.43e12 + 1.01468602368e11) = 15.6e12 * 2.531468602368e12 = 3.94909102e25
  CHECK(r.flops == doctest::Approx(3.94909102e25).epsilon(1e-8));
  // delta = 16 * 405e9 / 100e9 = 64.8 s; M = 86,400 / (419 / (54 * 16,384) * 16,384)
  //   = 86,400 * 54 / 419 = 11,135.0835 s; tau = sqrt(2 * 64.8 * 11,135.0835)
  //   = sqrt(1,443,106.83) = 1,201.2938 s
  CHECK(r.checkpoint_interval_s == doctest::Approx(1201.2938).epsilon(1e-7));
  // goodput = 1 - 64.8 / 1,201.2938 - (600.6469 + 600) / 11,135.0835
  //   = 1 - 0.0539418 - 0.1078256 = 0.8382326 (the given 0.5 is ignored)
  CHECK(r.goodput == doctest::Approx(0.8382326).epsilon(1e-7));
  // sustained = 16,384 * 989e12 * 0.43 * 0.8382326 = 5.8404891e18 FLOP/s;
  // train = 3.94909102e25 / 5.8404891e18 = 6,761,576 s = 78.26 d
  CHECK(r.train_time_s == doctest::Approx(6761576).epsilon(1e-6));
  // GPU-hours = flops / (peak * mfu * goodput) / 3600 (the GPUs cancel):
  //   at MFU 0.43: 3.94909102e25 / (4.2527e14 * 0.8382326) / 3600 = 3.94909102e25 / 3.5647517e14
  //   / 3600 = 1.10781659e11 / 3600 = 30,772,683 GPU-h, 0.22 % under the published 30.84M
  CHECK(r.gpu_hours == doctest::Approx(30772683).epsilon(1e-6));
  CHECK(r.gpu_hours / 30.84e6 == doctest::Approx(1.0).epsilon(0.01));
  //   at MFU 0.38: 3.94909102e25 / (3.7582e14 * 0.8382326) / 3600 = 3.94909102e25 / 3.1502457e14
  //   / 3600 = 1.25358193e11 / 3600 = 34,821,720 GPU-h
  ComputeParams<double> low = c;
  low.mfu = 0.38;
  const double low_hours = compute_model(low).gpu_hours;
  CHECK(low_hours == doctest::Approx(34821720).epsilon(1e-6));
  // the published 30.84M lies between the two ends of Meta's MFU range
  CHECK(r.gpu_hours < 30.84e6);
  CHECK(30.84e6 < low_hours);
  // interruptions = train / M = 6,761,576 / 11,135.0835 = 607.23; the published rate scaled to
  // the modelled 78.26 d: 419 * 78.259 / 54 = 607.23
  CHECK(r.interruptions == doctest::Approx(607.2317).epsilon(1e-6));
  CHECK(r.interruptions == doctest::Approx(419.0 * (r.train_time_s / 86400.0) / 54.0));
  // memory: state 16 * 405e9 / 16,384 = 395,507,812.5 B; activations 2 * 8,192 * 16,384 * 126
  //   = 33,822,867,456 + 34 * 8,192 * 16,384 = 4,563,402,752 + logits 10 * 8,192 * 128,256
  //   = 10,506,731,520 -> 48,893,001,728 B; per GPU 49,288,509,540.5 B, fits in 80 GB
  CHECK(r.memory_per_gpu_bytes == doctest::Approx(49288509540.5).epsilon(1e-12));
  CHECK(r.fits == 1.0);
  // min_gpus: 6.48e12 / (80e9 - 48,893,001,728) = 6.48e12 / 31,106,998,272 = 208.31 -> 209
  //   (209: 31,004,784,689 + 48,893,001,728 = 79.898e9 <= 80e9; 208: 80.047e9 > 80e9)
  CHECK(r.min_gpus == 209.0);

  SUBCASE("over exactly 54 days the model expects the published 419 interruptions") {
    c.job = code(Job::gpu_hours);
    c.gpu_hours = 16384.0 * 54.0 * 24.0;  // 21,233,664 GPU-h: 54 d on 16,384 GPUs
    // 54 * 86,400 = 4,665,600 s; 4,665,600 / 11,135.0835 = 419
    CHECK(compute_model(c).interruptions == doctest::Approx(419.0).epsilon(1e-12));
  }
}

TEST_CASE("compute v2: memory per GPU, Transformer Math 101's 16 bytes per parameter") {
  // EleutherAI, "Transformer Math 101" (2023): mixed-precision Adam keeps 2 (bf16 weights)
  // + 4 (fp32 master) + 4 + 4 (Adam m, v) + 2 (bf16 grads) = 16 B per parameter.
  ComputeParams<double> c = params_tokens(70e9, 1.4e12);  // no architecture: no activations
  const ComputeResult<double> r = compute_model(c);
  // state = 16 * 70e9 = 1.12e12 B; over 8 GPUs 1.12e12 / 8 = 1.4e11 B > 80e9
  CHECK(r.memory_per_gpu_bytes == doctest::Approx(1.4e11).epsilon(1e-15));
  CHECK(r.memory_bytes == 80e9);
  CHECK(r.fits == 0.0);
  // min_gpus = ceil(1.12e12 / 80e9) = ceil(14) = 14, exactly (1.12e12 / 14 = 80e9 <= 80e9)
  CHECK(r.min_gpus == 14.0);
  c.gpus = 14;  // 1.12e12 / 14 = 8e10 B, equal to the memory: fits
  CHECK(compute_model(c).memory_per_gpu_bytes == doctest::Approx(8e10).epsilon(1e-15));
  CHECK(compute_model(c).fits == 1.0);
  c.gpus = 13;  // 1.12e12 / 13 = 86,153,846,154 B > 80e9
  CHECK(compute_model(c).memory_per_gpu_bytes == doctest::Approx(86153846154).epsilon(1e-10));
  CHECK(compute_model(c).fits == 0.0);
  // total_params (the whole MoE) sizes the state, not the active params: 16 * 140e9 / 13
  //   = 172,307,692,308 B; min_gpus = ceil(2.24e12 / 80e9) = 28
  c.total_params = 140e9;
  CHECK(compute_model(c).memory_per_gpu_bytes == doctest::Approx(172307692308).epsilon(1e-10));
  CHECK(compute_model(c).min_gpus == 28.0);
  // 12 B per parameter (no bf16 copies kept): 12 * 70e9 = 8.4e11; ceil(8.4e11 / 80e9) = ceil(10.5)
  //   = 11
  c.total_params = 0;
  c.state_bytes_per_param = 12;
  CHECK(compute_model(c).min_gpus == 11.0);
}

TEST_CASE("compute v2: activations with the architecture, and min_gpus") {
  // A 7B model, 32 x 4096, 2,048 context, micro-batch 2, vocabulary 32,000.
  ComputeParams<double> c = params_tokens(7e9, 1e12);
  c.layers = 32;
  c.d_model = 4096;
  c.seq_len = 2048;
  c.micro_batch = 2;
  c.vocab = 32000;
  // activations: 2 * 2,048 * 4,096 * 32 * 2 = 1,073,741,824
  //            + 34 * 2,048 * 4,096 * 2 = 570,425,344
  //            + 10 * 2 * 2,048 * 32,000 = 1,310,720,000  -> 2,954,887,168 B
  // state 16 * 7e9 = 1.12e11; per GPU on 8: 1.4e10 + 2,954,887,168 = 16,954,887,168 B
  ComputeResult<double> r = compute_model(c);
  CHECK(r.memory_per_gpu_bytes == doctest::Approx(16954887168).epsilon(1e-15));
  CHECK(r.fits == 1.0);
  // room = 80e9 - 2,954,887,168 = 77,045,112,832; 1.12e11 / 77,045,112,832 = 1.454 -> 2
  CHECK(r.min_gpus == 2.0);

  SUBCASE("a 24 GB GPU") {
    c.memory_bytes = 24e9;
    // room = 24e9 - 2,954,887,168 = 21,045,112,832; 1.12e11 / 21,045,112,832 = 5.322 -> 6
    r = compute_model(c);
    CHECK(r.min_gpus == 6.0);
    CHECK(r.fits == 1.0);  // 8 GPUs: 16,954,887,168 <= 24e9
    c.gpus = 6;            // 1.12e11 / 6 + 2,954,887,168 = 21,621,553,835 <= 24e9
    CHECK(compute_model(c).memory_per_gpu_bytes == doctest::Approx(21621553835).epsilon(1e-10));
    CHECK(compute_model(c).fits == 1.0);
    c.gpus = 5;  // 1.12e11 / 5 + 2,954,887,168 = 25,354,887,168 > 24e9
    CHECK(compute_model(c).memory_per_gpu_bytes == doctest::Approx(25354887168).epsilon(1e-15));
    CHECK(compute_model(c).fits == 0.0);
  }
  SUBCASE("no vocab: no logits") {
    c.vocab = 0;
    // 1.4e10 + 1,073,741,824 + 570,425,344 = 15,644,167,168 B
    CHECK(compute_model(c).memory_per_gpu_bytes == doctest::Approx(15644167168).epsilon(1e-15));
  }
  SUBCASE("activations alone overflow the GPU") {
    c.seq_len = 131072;
    c.micro_batch = 1;
    c.vocab = 128256;
    c.gpus = 16384;
    // 2 * 131,072 * 4,096 * 32 = 34,359,738,368 + 34 * 131,072 * 4,096 = 18,253,611,008
    //   + 10 * 131,072 * 128,256 = 168,107,704,320 -> 220,721,053,696 B > 80e9 on any count
    r = compute_model(c);
    // + 1.12e11 / 16,384 = 6,835,937.5 -> 220,727,889,633.5 B
    CHECK(r.memory_per_gpu_bytes == doctest::Approx(220727889633.5).epsilon(1e-12));
    CHECK(r.fits == 0.0);
    CHECK(std::isnan(r.min_gpus));
  }
  SUBCASE("a ratio whole on paper that rounds up in binary") {
    c.state_bytes_per_param = 18.1;
    // state = 18.1 * 7e9 = 1.267e11 (1.2670000000000002e11 in binary); on paper 1.267e11 / 8
    //   = 15,837,500,000 + 2,954,887,168 = 18,792,387,168 B: 8 GPUs fill this memory exactly,
    //   7 do not (1.81e10 + 2,954,887,168 = 21,054,887,168 B)
    c.memory_bytes = 18792387168;
    // room = 15,837,500,000; 1.267e11 / 15,837,500,000 = 8 on paper (8.000000000000002 in binary,
    //   whose ceiling is 9): the model checks 8 against the inequality and keeps it
    r = compute_model(c);
    CHECK(r.min_gpus == 8.0);
    c.gpus = 8;
    CHECK(compute_model(c).fits == 1.0);
  }
  SUBCASE("min_gpus is the fewest that fit: fits at min_gpus, not one below") {
    // Not a hand figure: MODEL.md's definition, checked against the model's own fits on a grid.
    int checked = 0;
    for (double mem : {24e9, 40e9, 80e9, 141e9})
      for (double params : {1.1e9, 7e9, 13e9, 70e9, 405e9})
        for (double state : {2.0, 12.0, 16.0, 18.5}) {
          ComputeParams<double> d = c;
          d.memory_bytes = mem;
          d.params = params;
          d.state_bytes_per_param = state;
          const double g = compute_model(d).min_gpus;
          REQUIRE(g >= 1.0);
          d.gpus = g;
          CHECK(compute_model(d).fits == 1.0);
          if (g > 1.0) {
            d.gpus = g - 1.0;
            CHECK(compute_model(d).fits == 0.0);
          }
          ++checked;
        }
    CHECK(checked == 80);
  }
}

TEST_CASE("compute v2: Young's checkpoint interval and the goodput it leaves") {
  // 64 GPUs at 1/64 failures per GPU-day: M = 86,400 / (1/64 * 64) = 86,400 s (24 h).
  ComputeParams<double> c;
  c.job = code(Job::gpu_hours);
  c.gpus = 64;
  c.gpu_hours = 64.0 * 240.0;  // 15,360 GPU-h: 15,360 * 3600 / 64 = 864,000 s = 10 d
  c.failures_per_gpu_day = 1.0 / 64.0;
  c.checkpoint_s = 300;
  c.restart_s = 600;
  c.goodput = 0.5;  // ignored: failures are given
  ComputeResult<double> r = compute_model(c);
  // tau = sqrt(2 * 300 * 86,400) = sqrt(51,840,000) = 7,200 s
  CHECK(r.checkpoint_interval_s == doctest::Approx(7200).epsilon(1e-14));
  // goodput = 1 - 300 / 7,200 - (3,600 + 600) / 86,400 = 1 - 0.0416667 - 0.0486111 = 0.9097222
  CHECK(r.goodput == doctest::Approx(0.90972222222).epsilon(1e-10));
  // interruptions = 864,000 / 86,400 = 10
  CHECK(r.interruptions == doctest::Approx(10).epsilon(1e-14));
  // sustained = 64 * 989e12 * 0.4 * 0.9097222 = 2.3032711e16; flops delivered in 864,000 s
  //   = 1.99002624e22
  CHECK(r.sustained_flops == doctest::Approx(2.30327111e16).epsilon(1e-8));
  CHECK(r.flops == doctest::Approx(1.99002624e22).epsilon(1e-8));

  SUBCASE("checkpoint_s = 0: derived from the state bytes and the write rate") {
    c.checkpoint_s = 0;
    c.params = 7e9;
    c.total_params = 70e9;  // the checkpoint holds the whole model
    c.checkpoint_Bps = 1e10;
    r = compute_model(c);
    // delta = 16 * 70e9 / 1e10 = 112 s; tau = sqrt(2 * 112 * 86,400) = sqrt(19,353,600)
    //   = 4,399.2727 s
    CHECK(r.checkpoint_interval_s == doctest::Approx(4399.2727).epsilon(1e-8));
    // goodput = 1 - 112 / 4,399.2727 - (2,199.6363 + 600) / 86,400 = 1 - 0.0254588 - 0.0324032
    //   = 0.9421380
    CHECK(r.goodput == doctest::Approx(0.9421380).epsilon(1e-7));
  }
  SUBCASE("restart 0: only the checkpoints and the lost half intervals") {
    c.restart_s = 0;
    // 1 - 300 / 7,200 - 3,600 / 86,400 = 1 - 0.0416667 - 0.0416667 = 0.9166667 (Young's optimum:
    // the two losses are equal at tau)
    CHECK(compute_model(c).goodput == doctest::Approx(0.91666666667).epsilon(1e-10));
  }
  SUBCASE("failures so frequent that nothing progresses: goodput 0, not negative") {
    c.failures_per_gpu_day = 1.0;
    r = compute_model(c);
    // M = 86,400 / 64 = 1,350 s; tau = sqrt(2 * 300 * 1,350) = 900 s;
    // 1 - 300 / 900 - (450 + 600) / 1,350 = 1 - 0.3333 - 0.7778 = -0.1111 -> 0
    CHECK(r.checkpoint_interval_s == doctest::Approx(900).epsilon(1e-14));
    CHECK(r.goodput == 0.0);
  }
  SUBCASE("without failures the given goodput stands") {
    c.failures_per_gpu_day = 0;
    r = compute_model(c);
    CHECK(r.goodput == 0.5);
    CHECK(std::isnan(r.checkpoint_interval_s));
    CHECK(std::isnan(r.interruptions));
  }
}

TEST_CASE("compute v2: tokens = auto, Chinchilla 70B on 1.4T tokens") {
  // Hoffmann et al. 2022: 70e9 parameters, 1.4e12 tokens (20 a parameter); the paper's Table 3
  // gives 5.76e23 FLOP for Chinchilla.
  ComputeParams<double> c = params_tokens(70e9, 0);
  c.tokens_auto = 1;
  c.bytes_per_token = 4;
  const double data = 5.6e12;  // 1.4e12 tokens of 4 B (uint32 ids), before compression
  ComputeResult<double> r = compute_model(c, data);
  // tokens = 1 * 5.6e12 / 4 = 1.4e12
  CHECK(r.tokens == doctest::Approx(1.4e12).epsilon(1e-15));
  // flops_6n = 6 * 70e9 * 1.4e12 = 5.88e23; no architecture, so flops = flops_6n
  CHECK(r.flops_6n == doctest::Approx(5.88e23).epsilon(1e-15));
  CHECK(r.flops == doctest::Approx(5.88e23).epsilon(1e-15));
  // 5.88e23 / 5.76e23 = 1.0208: 6N counts 2.1 % more than the paper's own (embedding-aware) count
  CHECK(r.flops_6n / 5.76e23 == doctest::Approx(1.0208).epsilon(1e-4));

  SUBCASE("a given token count is ignored under auto") {
    c.tokens = 1e9;
    CHECK(compute_model(c, data).tokens == doctest::Approx(1.4e12).epsilon(1e-15));
  }
  SUBCASE("epochs multiply the tokens") {
    c.epochs = 2;  // 2 * 5.6e12 / 4 = 2.8e12 tokens; 6 * 70e9 * 2.8e12 = 1.176e24
    r = compute_model(c, data);
    CHECK(r.tokens == doctest::Approx(2.8e12).epsilon(1e-15));
    CHECK(r.flops_6n == doctest::Approx(1.176e24).epsilon(1e-15));
    c.epochs = 2.5;  // 2.5 * 5.6e12 / 4 = 3.5e12
    CHECK(compute_model(c, data).tokens == doctest::Approx(3.5e12).epsilon(1e-15));
  }
  SUBCASE("bytes per token") {
    c.bytes_per_token = 2;  // uint16 ids: 5.6e12 / 2 = 2.8e12 tokens
    CHECK(compute_model(c, data).tokens == doctest::Approx(2.8e12).epsilon(1e-15));
  }
  SUBCASE("without auto the data size does not matter") {
    c.tokens_auto = 0;
    c.tokens = 1e12;
    CHECK(compute_model(c, data).tokens == doctest::Approx(1e12).epsilon(1e-15));
  }
}

TEST_CASE("compute v2: attention windows") {
  // 32 x 4096, seq 8,192, 7e9 params, 1e12 tokens: 6N per token = 4.2e10;
  // 12 * layers * d_model = 12 * 32 * 4096 = 1,572,864 FLOP per attended position.
  ComputeParams<double> c = params_tokens(7e9, 1e12);
  c.layers = 32;
  c.d_model = 4096;
  c.seq_len = 8192;
  auto flops = [&](Attention a, double window) {
    c.attention = code(a);
    c.attention_window = window;
    return compute_model(c).flops;
  };
  // window 4,096: A = 4,096 * (1 - 4,096 / 16,384) = 3,072;
  //   1e12 * (4.2e10 + 1,572,864 * 3,072) = 1e12 * (4.2e10 + 4,831,838,208) = 4.6831838208e22
  CHECK(flops(Attention::window, 4096) == doctest::Approx(4.6831838208e22).epsilon(1e-14));
  // window 1: A = 1 - 1 / 16,384 = 0.99993896484375; 1,572,864 * A = 1,572,768;
  //   1e12 * 42,001,572,768 = 4.2001572768e22
  CHECK(flops(Attention::window, 1) == doctest::Approx(4.2001572768e22).epsilon(1e-14));
  // causal: A = 4,096; 1,572,864 * 4,096 = 6,442,450,944 -> 4.8442450944e22
  CHECK(flops(Attention::causal, 0) == doctest::Approx(4.8442450944e22).epsilon(1e-14));
  // window = seq: A = 8,192 * (1 - 1/2) = 4,096, the same as causal
  CHECK(flops(Attention::window, 8192) == doctest::Approx(4.8442450944e22).epsilon(1e-14));
  // window > seq: as causal
  CHECK(flops(Attention::window, 10000) == doctest::Approx(4.8442450944e22).epsilon(1e-14));
  CHECK(flops(Attention::window, 1e9) == doctest::Approx(4.8442450944e22).epsilon(1e-14));
  // full: A = 8,192; 1,572,864 * 8,192 = 12,884,901,888 -> 5.4884901888e22
  CHECK(flops(Attention::full, 0) == doctest::Approx(5.4884901888e22).epsilon(1e-14));
  // the 6N figure does not move with the attention: 6 * 7e9 * 1e12 = 4.2e22
  CHECK(compute_model(c).flops_6n == doctest::Approx(4.2e22).epsilon(1e-15));
}

TEST_CASE("compute v2: what is unknown is NaN") {
  SUBCASE("flops_6n and tokens only for a params-and-tokens job") {
    for (Job job : {Job::none, Job::gpu_hours, Job::flops}) {
      ComputeParams<double> c;
      c.job = code(job);
      c.gpu_hours = 1000;
      c.flops = 1e21;
      c.params = 7e9;
      c.tokens = 1e12;
      const ComputeResult<double> r = compute_model(c);
      CHECK(std::isnan(r.flops_6n));
      CHECK(std::isnan(r.tokens));
      // the params still size the memory: 16 * 7e9 / 8 = 1.4e10 B
      CHECK(r.memory_per_gpu_bytes == doctest::Approx(1.4e10).epsilon(1e-15));
    }
  }
  SUBCASE("given flops are not changed by the architecture") {
    ComputeParams<double> c;
    c.job = code(Job::flops);
    c.flops = 1e21;
    c.params = 7e9;
    c.layers = 32;
    c.d_model = 4096;
    c.seq_len = 8192;
    CHECK(compute_model(c).flops == 1e21);
  }
  SUBCASE("no parameter count: memory, fits and min_gpus unknown") {
    ComputeParams<double> c;
    c.job = code(Job::gpu_hours);
    c.gpu_hours = 1000;
    const ComputeResult<double> r = compute_model(c);
    CHECK(std::isnan(r.memory_per_gpu_bytes));
    CHECK(std::isnan(r.fits));
    CHECK(std::isnan(r.min_gpus));
    CHECK(r.memory_bytes == 80e9);  // the GPU's own memory is still known
  }
  SUBCASE("total_params alone sizes the memory") {
    ComputeParams<double> c;
    c.job = code(Job::gpu_hours);
    c.gpu_hours = 1000;
    c.total_params = 70e9;  // 16 * 70e9 / 8 = 1.4e11 B
    CHECK(compute_model(c).memory_per_gpu_bytes == doctest::Approx(1.4e11).epsilon(1e-15));
  }
}

TEST_CASE("compute v2: memory that equals the GPU's on paper fits (a 1e-12 slack, as for drives)") {
  // 7e9 params at 16.1 B a parameter on 2 GPUs, no architecture: 7e9 * 16.1 / 2 = 56,350,000,000 B
  // a GPU on paper; in binary 7e9 * 16.1 is 112,700,000,000.00002 (16.1 is not exact).
  haul::ComputeParams<double> c;
  c.job = static_cast<int>(haul::Job::params_tokens);
  c.params = 7e9;
  c.tokens = 1e12;
  c.state_bytes_per_param = 16.1;
  c.gpus = 2;
  c.memory_bytes = 56.35e9;
  const haul::ComputeResult<double> r = haul::compute_model(c);
  CHECK(r.fits == 1.0);
  // The fewest GPUs is 2 (1 GPU would need 112.7 GB).
  CHECK(r.min_gpus == 2.0);
  // One byte less memory: it does not fit on 2, and 3 GPUs are needed (112.7e9 / 3 = 37.6 GB).
  c.memory_bytes = 56.35e9 - 1;
  const haul::ComputeResult<double> less = haul::compute_model(c);
  CHECK(less.fits == 0.0);
  CHECK(less.min_gpus == 3.0);
}
