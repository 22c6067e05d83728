// The compute model (MODEL.md section 4, "compute"): how long and how much to train on G rented
// GPUs, whether the model fits in their memory, what failures and checkpoints leave of the wall
// time, and how big the trained weights are. Templated on the number type like the other models.
#pragma once

#include <limits>

#include "../model/num.hpp"

namespace haul {

// Codes for ComputeParams::job: which description of the training job was given (first present
// wins in this order: gpu_hours, flops, params * tokens).
enum class Job : int { none = 0, gpu_hours = 1, flops = 2, params_tokens = 3 };
// Codes for ComputeParams::weights: how the trained weights come back.
enum class Weights : int { network = 0, carry = 1, none = 2 };
// Codes for ComputeParams::billing.
enum class Billing : int { on_arrival = 0, at_start = 1 };
// Codes for ComputeParams::attention: which earlier positions a token attends to.
enum class Attention : int { causal = 0, full = 1, window = 2 };
// The words for the codes, indexed by code: what scenarios, reports and sweeps say.
inline constexpr const char* kWeightsNames[] = {"network", "carry", "none"};
inline constexpr const char* kBillingNames[] = {"on-arrival", "at-start"};
inline constexpr const char* kAttentionNames[] = {"causal", "full", "window"};

inline constexpr double kSecondsPerDay = 86400.0;

template <class T>
struct ComputeParams {
  T peak_flops = num::init<T>(989e12);  // dense BF16 peak per GPU, FLOP/s
  T gpus = num::init<T>(8);
  T price_usd_per_gpu_s = num::init<T>(2.0 / 3600.0);
  T mfu = num::init<T>(0.4);
  T goodput = num::init<T>(0.9);  // as given; replaced by the derived one with failures_per_gpu_day
  T job = num::init<T>(static_cast<int>(Job::none));
  T gpu_hours = num::init<T>(0);
  T flops = num::init<T>(0);
  T params = num::init<T>(0);  // active parameters per token
  T tokens = num::init<T>(0);
  T total_params = num::init<T>(0);  // for the weights' size and memory; 0 = params
  T weight_bytes = num::init<T>(2);  // bytes per parameter brought back
  T weights = num::init<T>(static_cast<int>(Weights::network));
  T billing = num::init<T>(static_cast<int>(Billing::on_arrival));
  // v2: tokens from the data (tokens = "auto")
  T tokens_auto = num::init<T>(0);  // 1: tokens = epochs * data.size / bytes_per_token
  T bytes_per_token = num::init<T>(4);
  T epochs = num::init<T>(1);
  // v2: the architecture; 0 = not given (attention FLOPs and activations need all three)
  T layers = num::init<T>(0);
  T d_model = num::init<T>(0);
  T seq_len = num::init<T>(0);
  T attention = num::init<T>(static_cast<int>(Attention::causal));
  T attention_window = num::init<T>(0);  // N of "window N"
  // v2: memory per GPU
  T memory_bytes = num::init<T>(80e9);  // of one GPU, from the preset
  T state_bytes_per_param = num::init<T>(16);
  T micro_batch = num::init<T>(1);
  T vocab = num::init<T>(0);  // 0 = not given: no logits counted
  // v2: failures and checkpoints; failures_per_gpu_day 0 = not given (goodput as given)
  T failures_per_gpu_day = num::init<T>(0);
  T checkpoint_s = num::init<T>(0);  // 0 = state bytes / checkpoint_Bps
  T checkpoint_Bps = num::init<T>(100e9);
  T restart_s = num::init<T>(600);
};

template <class T>
struct ComputeResult {
  T flops;            // counted with attention when the architecture is given
  T flops_6n;         // 6 * params * tokens alone; NaN unless the job is params and tokens
  T tokens;           // the training tokens (given, or from the data); NaN unless params and tokens
  T sustained_flops;  // gpus * peak * mfu * goodput
  T train_time_s;
  T gpu_hours;
  T cost_usd;
  T weights_bytes;
  T memory_per_gpu_bytes;   // NaN when no parameter count is known
  T memory_bytes;           // of one GPU
  T fits;                   // 1 or 0; NaN when no parameter count is known
  T min_gpus;               // NaN when unknown, or when the activations alone overflow a GPU
  T goodput;                // the one used: derived with failures, else as given
  T checkpoint_interval_s;  // Young/Daly; NaN without failures
  T interruptions;          // expected over the training; NaN without failures
};

// The mean number of positions a token attends to (MODEL.md section 4, v2 attention).
template <class T>
T attended_positions(const ComputeParams<T>& c) {
  const double full = static_cast<int>(Attention::full);
  const double window = static_cast<int>(Attention::window);
  const T n = c.attention_window;
  const T in_window = n * (1.0 - n / (2.0 * c.seq_len));
  return num::select(num::eq(c.attention, full), c.seq_len,
                     num::select(num::both(num::eq(c.attention, window), num::le(n, c.seq_len)),
                                 in_window, T(c.seq_len / 2.0)));
}

// 1 (as a mask) where layers, d_model and seq_len are all given.
template <class T>
auto has_architecture(const ComputeParams<T>& c) {
  return num::both(num::both(num::gt(c.layers, 0.0), num::gt(c.d_model, 0.0)),
                   num::gt(c.seq_len, 0.0));
}

// Parameters of the whole model: total_params, else params (0 when neither is known).
template <class T>
T model_params(const ComputeParams<T>& c) {
  return num::select(num::gt(c.total_params, 0.0), c.total_params, c.params);
}

// Bytes of activations per GPU with full recomputation (0 without the architecture): the bf16
// layer inputs kept, one layer recomputed at a time (Korthikanti et al. 2022, flash attention), the
// logits (bf16, their fp32 copy and its gradient; 0 without vocab).
template <class T>
T activation_bytes(const ComputeParams<T>& c) {
  const T tokens = c.seq_len * c.micro_batch;
  const T bytes =
      2.0 * tokens * c.d_model * c.layers + 34.0 * tokens * c.d_model + 10.0 * tokens * c.vocab;
  return num::select(has_architecture(c), bytes, num::constant(0.0, c.layers));
}

// Goodput from failures and checkpoints (Young 1974, Daly 2006): the job is interrupted every
// M = 1 / (failure rate * gpus) on average; a checkpoint of delta seconds every tau = sqrt(2 delta
// M) loses delta / tau to writing, and each interruption half an interval of work and the restart.
template <class T>
struct Failures {
  T mtbi_s;        // mean time between interruptions of the job
  T checkpoint_s;  // delta
  T interval_s;    // tau
  T goodput;       // max(0, 1 - delta / tau - (tau / 2 + restart) / M)
};
template <class T>
Failures<T> failures(const ComputeParams<T>& c) {
  Failures<T> f;
  f.mtbi_s = kSecondsPerDay / (c.failures_per_gpu_day * c.gpus);
  f.checkpoint_s = num::select(num::gt(c.checkpoint_s, 0.0), c.checkpoint_s,
                               T(c.state_bytes_per_param * model_params(c) / c.checkpoint_Bps));
  f.interval_s = num::sqrt(T(2.0 * f.checkpoint_s * f.mtbi_s));
  f.goodput = num::max(
      T(1.0 - f.checkpoint_s / f.interval_s - (f.interval_s / 2.0 + c.restart_s) / f.mtbi_s), 0.0);
  return f;
}

template <class T>
ComputeResult<T> compute_model(const ComputeParams<T>& c, const T& data_size_bytes) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  ComputeResult<T> r;
  const double hours_code = static_cast<int>(Job::gpu_hours);
  const double flops_code = static_cast<int>(Job::flops);
  const double none_code = static_cast<int>(Job::none);
  const double pt_code = static_cast<int>(Job::params_tokens);
  const T zero = num::constant(0.0, c.gpus);
  const T unknown = num::constant(nan, c.gpus);
  const auto has_failures = num::gt(c.failures_per_gpu_day, 0.0);
  const auto is_pt = num::eq(c.job, pt_code);

  // Goodput: derived from failures when a failure rate is given.
  const Failures<T> f = failures(c);
  r.goodput = num::select(has_failures, f.goodput, c.goodput);

  // Tokens: given, or every epoch over the data (its size before compression) at bytes_per_token.
  const T tokens = num::select(num::gt(c.tokens_auto, 0.0),
                               T(c.epochs * data_size_bytes / c.bytes_per_token), c.tokens);
  r.tokens = num::select(is_pt, tokens, unknown);
  // Training FLOPs: 6 per parameter per token (forward 2, backward 4; Kaplan et al. 2020), plus
  // the attention scores and their use, 12 * layers * d_model per attended position (PaLM,
  // Chowdhery et al. 2022, appendix B, which counts every position of the sequence; MODEL.md
  // counts a causal mask's half), when the architecture is given.
  const T attention_per_token = num::select(
      has_architecture(c), T(12.0 * c.layers * c.d_model * attended_positions(c)), zero);
  const T flops_6n = 6.0 * c.params * tokens;
  const T flops_pt = tokens * (6.0 * c.params + attention_per_token);
  r.flops_6n = num::select(is_pt, flops_6n, unknown);

  r.sustained_flops = c.gpus * c.peak_flops * c.mfu * r.goodput;
  const T flops = num::select(num::eq(c.job, flops_code), c.flops, flops_pt);
  const T time_from_flops = flops / r.sustained_flops;
  const T time_from_hours = c.gpu_hours * 3600.0 / c.gpus;
  r.train_time_s =
      num::select(num::eq(c.job, none_code), zero,
                  num::select(num::eq(c.job, hours_code), time_from_hours, time_from_flops));
  // Given GPU-hours, the FLOPs they deliver at this MFU and goodput.
  r.flops = num::select(num::eq(c.job, hours_code), T(r.train_time_s * r.sustained_flops),
                        num::select(num::eq(c.job, none_code), zero, flops));
  r.gpu_hours = c.gpus * r.train_time_s / 3600.0;
  r.cost_usd = r.gpu_hours * 3600.0 * c.price_usd_per_gpu_s;
  const T total = model_params(c);
  r.weights_bytes = total * c.weight_bytes;

  r.checkpoint_interval_s = num::select(has_failures, f.interval_s, unknown);
  r.interruptions = num::select(has_failures, T(r.train_time_s / f.mtbi_s), unknown);

  // Memory per GPU: the state sharded over all GPUs (ZeRO-3 / FSDP) plus the activations.
  const auto known = num::gt(total, 0.0);
  const T state = c.state_bytes_per_param * total;
  const T activations = activation_bytes(c);
  const T per_gpu = state / c.gpus + activations;
  r.memory_bytes = c.memory_bytes;
  r.memory_per_gpu_bytes = num::select(known, per_gpu, unknown);
  // A relative slack of 1e-12, as for the drive counts' whole ratios: 16.1 B a parameter can make a
  // per-GPU figure that equals the memory on paper 8e-6 B over it in binary.
  const T memory = c.memory_bytes * (1.0 + 1e-12);
  r.fits = num::select(known, num::select(num::le(per_gpu, memory), 1.0, zero), unknown);
  // The fewest GPUs that fit: state / g + activations <= memory. The ratio's ceiling, checked
  // against the same inequality one below it (a ratio that is whole on paper may round up).
  const T room = c.memory_bytes - activations;
  const T g = num::max(num::ceil(T(state / room)), 1.0);
  const T below = num::max(T(g - 1.0), 1.0);
  const T least = num::select(num::le(T(state / below + activations), memory), below, g);
  r.min_gpus = num::select(num::both(known, num::gt(room, 0.0)), least, unknown);
  return r;
}

// Without tokens = "auto" the data's size does not matter.
inline ComputeResult<double> compute_model(const ComputeParams<double>& c) {
  return compute_model(c, 0.0);
}

}  // namespace haul
