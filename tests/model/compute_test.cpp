// The compute model against hand arithmetic from MODEL.md section 4 ("compute") and one published
// training run. Defaults as ComputeParams sets them: H100 SXM dense BF16 989 TFLOP/s, 8 GPUs,
// $2 per GPU-hour, MFU 0.4, goodput 0.9. Every expected number is worked out beside it.
#include "model/compute.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

using haul::compute_model;
using haul::ComputeParams;
using haul::ComputeResult;
using haul::Job;

using haul::test::code;

TEST_CASE("compute: flops = 6 * params * tokens, train_time = flops / (gpus peak mfu goodput)") {
  ComputeParams<double> c;
  c.job = code(Job::params_tokens);
  c.params = 7e9;
  c.tokens = 2e12;
  const ComputeResult<double> r = compute_model(c);
  // 6 * 7e9 * 2e12 = 8.4e22 FLOP
  CHECK(r.flops == doctest::Approx(8.4e22).epsilon(1e-15));
  // sustained = 8 * 989e12 * 0.4 * 0.9 = 2.84832e15 FLOP/s
  // train_time = 8.4e22 / 2.84832e15 = 29,491,068.42 s (341.3 d)
  CHECK(r.train_time_s == doctest::Approx(29491068.42).epsilon(1e-9));
  // gpu_hours = 8 * 29,491,068.42 / 3600 = 65,535.708
  CHECK(r.gpu_hours == doctest::Approx(65535.708).epsilon(1e-8));
  // cost = 65,535.708 GPU-h * $2 = $131,071.415
  CHECK(r.cost_usd == doctest::Approx(131071.415).epsilon(1e-8));
  // total_params 0 -> params: 7e9 * 2 B = 1.4e10 B
  CHECK(r.weights_bytes == doctest::Approx(1.4e10).epsilon(1e-15));
}

TEST_CASE("compute: total flops given") {
  ComputeParams<double> c;
  c.job = code(Job::flops);
  c.flops = 1e21;
  c.params = 7e9;  // ignored for the time: flops is the job
  c.tokens = 2e12;
  const ComputeResult<double> r = compute_model(c);
  CHECK(r.flops == doctest::Approx(1e21).epsilon(1e-15));
  // 1e21 / 2.84832e15 = 351,084.148 s
  CHECK(r.train_time_s == doctest::Approx(351084.148).epsilon(1e-9));
  // gpu_hours = 8 * 351,084.148 / 3600 = 780.187; cost = 780.187 * $2 = $1,560.374
  CHECK(r.gpu_hours == doctest::Approx(780.187).epsilon(1e-6));
  CHECK(r.cost_usd == doctest::Approx(1560.374).epsilon(1e-6));
}

TEST_CASE("compute: gpu_hours given -> train_time = gpu_hours * 3600 / gpus") {
  ComputeParams<double> c;
  c.job = code(Job::gpu_hours);
  c.gpu_hours = 1000;
  c.flops = 1e30;  // ignored: gpu_hours comes first
  const ComputeResult<double> r = compute_model(c);
  // 1000 * 3600 / 8 = 450,000 s
  CHECK(r.train_time_s == doctest::Approx(450000).epsilon(1e-12));
  CHECK(r.gpu_hours == doctest::Approx(1000).epsilon(1e-12));
  // 1000 GPU-h * $2 = $2,000
  CHECK(r.cost_usd == doctest::Approx(2000).epsilon(1e-12));
  // the FLOPs those hours deliver: 450,000 s * 2.84832e15 FLOP/s = 1.281744e21
  CHECK(r.flops == doctest::Approx(1.281744e21).epsilon(1e-12));

  SUBCASE("price is stored per GPU-second") {
    c.price_usd_per_gpu_s = 3.5 / 3600.0;  // $3.50 per GPU-hour
    // 1000 GPU-h * $3.50 = $3,500
    CHECK(compute_model(c).cost_usd == doctest::Approx(3500).epsilon(1e-12));
  }
  SUBCASE("more GPUs, shorter time, same GPU-hours") {
    c.gpus = 2400;
    // 1000 * 3600 / 2400 = 1,500 s
    CHECK(compute_model(c).train_time_s == doctest::Approx(1500).epsilon(1e-12));
    CHECK(compute_model(c).cost_usd == doctest::Approx(2000).epsilon(1e-12));
  }
}

TEST_CASE("compute: weights_bytes = total_params * weight_bytes") {
  ComputeParams<double> c;
  c.job = code(Job::params_tokens);
  c.params = 37e9;  // active per token (a mixture of experts)
  c.tokens = 1e12;
  c.total_params = 671e9;
  const ComputeResult<double> r = compute_model(c);
  // 671e9 * 2 B = 1.342e12 B
  CHECK(r.weights_bytes == doctest::Approx(1.342e12).epsilon(1e-15));
  // flops follow the active parameters: 6 * 37e9 * 1e12 = 2.22e23
  CHECK(r.flops == doctest::Approx(2.22e23).epsilon(1e-15));

  c.weight_bytes = 4;  // fp32
  // 671e9 * 4 = 2.684e12 B
  CHECK(compute_model(c).weights_bytes == doctest::Approx(2.684e12).epsilon(1e-15));
}

TEST_CASE("compute: no job -> zeros") {
  const ComputeResult<double> r = compute_model(ComputeParams<double>{});
  CHECK(r.flops == 0.0);
  CHECK(r.train_time_s == 0.0);
  CHECK(r.gpu_hours == 0.0);
  CHECK(r.cost_usd == 0.0);
  CHECK(r.weights_bytes == 0.0);
}

TEST_CASE("compute: Llama 3 405B, a published run, for magnitude") {
  // Meta, "The Llama 3 Herd of Models" (2024): 3.8e25 FLOP, up to 16K H100 GPUs, 38-43% BF16 MFU.
  ComputeParams<double> c;
  c.job = code(Job::flops);
  c.flops = 3.8e25;
  c.gpus = 16384;
  c.peak_flops = 989e12;
  c.mfu = 0.4;
  c.goodput = 1.0;
  const ComputeResult<double> r = compute_model(c);
  // 16,384 * 989e12 * 0.4 = 6.4815e18 FLOP/s; 3.8e25 / 6.4815e18 = 5,862,831 s = 67.86 d
  CHECK(r.train_time_s == doctest::Approx(5862831).epsilon(1e-6));
  // Context only: the paper reports about 54 days of pre-training; same order, the model's
  // steady-state figure is not expected to match a run that mixed cluster sizes.
  CHECK(r.train_time_s / 86400.0 > 40.0);
  CHECK(r.train_time_s / 86400.0 < 90.0);
  // gpu_hours = flops / (peak * mfu) / 3600 = 3.8e25 / 3.956e14 / 3600 = 9.60566e10 / 3600
  //   = 26,682,395 GPU-h (the same order as the 3.08e7 H100-hours Meta lists for the 405B model)
  CHECK(r.gpu_hours == doctest::Approx(26682395).epsilon(1e-6));
}

TEST_CASE("compute: the same formulas on a column (Eigen::ArrayXd)") {
  using A = haul::num::Array;
  const Eigen::Index n = 3;
  // Params<ArrayXd> have no usable default member initializers (T(989e12) is Eigen's size
  // constructor), so every field is given.
  const ComputeParams<A> c{
      .peak_flops = A::Constant(n, 989e12),
      .gpus = A::Constant(n, 8),
      .price_usd_per_gpu_s = A::Constant(n, 2.0 / 3600.0),
      .mfu = A::Constant(n, 0.4),
      .goodput = A::Constant(n, 0.9),
      .job = (A(n) << code(Job::none), code(Job::gpu_hours), code(Job::flops)).finished(),
      .gpu_hours = A::Constant(n, 1000),
      .flops = A::Constant(n, 1e21),
      .params = A::Constant(n, 0),
      .tokens = A::Constant(n, 0),
      .total_params = A::Constant(n, 0),
      .weight_bytes = A::Constant(n, 2),
      .weights = A::Constant(n, 0),
      .billing = A::Constant(n, 0),
      .tokens_auto = A::Constant(n, 0),
      .bytes_per_token = A::Constant(n, 4),
      .epochs = A::Constant(n, 1),
      .layers = A::Constant(n, 0),
      .d_model = A::Constant(n, 0),
      .seq_len = A::Constant(n, 0),
      .attention = A::Constant(n, 0),
      .attention_window = A::Constant(n, 0),
      .memory_bytes = A::Constant(n, 80e9),
      .state_bytes_per_param = A::Constant(n, 16),
      .micro_batch = A::Constant(n, 1),
      .vocab = A::Constant(n, 0),
      .failures_per_gpu_day = A::Constant(n, 0),
      .checkpoint_s = A::Constant(n, 0),
      .checkpoint_Bps = A::Constant(n, 100e9),
      .restart_s = A::Constant(n, 600)};
  const A data = A::Constant(n, 80e12);
  const ComputeResult<A> r = compute_model(c, data);
  CHECK(r.train_time_s[0] == 0.0);
  // 1000 * 3600 / 8 = 450,000 s
  CHECK(r.train_time_s[1] == doctest::Approx(450000).epsilon(1e-12));
  // 1e21 / 2.84832e15 = 351,084.148 s
  CHECK(r.train_time_s[2] == doctest::Approx(351084.148).epsilon(1e-9));
}
