// The compute model (MODEL.md section 4, "compute"): how long and how much to train on G rented
// GPUs, and how big the trained weights are. Templated on the number type like the other models.
#pragma once

#include "model/num.hpp"

namespace haul {

// Codes for ComputeParams::job: which description of the training job was given (first present
// wins in this order: gpu_hours, flops, params * tokens).
enum class Job : int { none = 0, gpu_hours = 1, flops = 2, params_tokens = 3 };
// Codes for ComputeParams::weights: how the trained weights come back.
enum class Weights : int { network = 0, carry = 1, none = 2 };
// Codes for ComputeParams::billing.
enum class Billing : int { on_arrival = 0, at_start = 1 };
// The words for the codes, indexed by code: what scenarios, reports and sweeps say.
inline constexpr const char* kWeightsNames[] = {"network", "carry", "none"};
inline constexpr const char* kBillingNames[] = {"on-arrival", "at-start"};

template <class T>
struct ComputeParams {
  T peak_flops = num::init<T>(989e12);  // dense BF16 peak per GPU, FLOP/s
  T gpus = num::init<T>(8);
  T price_usd_per_gpu_s = num::init<T>(2.0 / 3600.0);
  T mfu = num::init<T>(0.4);
  T goodput = num::init<T>(0.9);
  T job = num::init<T>(static_cast<int>(Job::none));
  T gpu_hours = num::init<T>(0);
  T flops = num::init<T>(0);
  T params = num::init<T>(0);  // active parameters per token
  T tokens = num::init<T>(0);
  T total_params = num::init<T>(0);  // for the weights' size; 0 = params
  T weight_bytes = num::init<T>(2);  // bytes per parameter brought back
  T weights = num::init<T>(static_cast<int>(Weights::network));
  T billing = num::init<T>(static_cast<int>(Billing::on_arrival));
};

template <class T>
struct ComputeResult {
  T flops;
  T train_time_s;
  T gpu_hours;
  T cost_usd;
  T weights_bytes;
};

template <class T>
ComputeResult<T> compute_model(const ComputeParams<T>& c) {
  ComputeResult<T> r;
  const double hours_code = static_cast<int>(Job::gpu_hours);
  const double flops_code = static_cast<int>(Job::flops);
  const double none_code = static_cast<int>(Job::none);
  // Training FLOPs: 6 per parameter per token (forward 2, backward 4; Kaplan et al. 2020).
  const T sustained = c.gpus * c.peak_flops * c.mfu * c.goodput;
  const T flops = num::select(num::eq(c.job, flops_code), c.flops, T(6.0 * c.params * c.tokens));
  const T time_from_flops = flops / sustained;
  const T time_from_hours = c.gpu_hours * 3600.0 / c.gpus;
  r.train_time_s =
      num::select(num::eq(c.job, none_code), num::constant(0.0, c.gpus),
                  num::select(num::eq(c.job, hours_code), time_from_hours, time_from_flops));
  // Given GPU-hours, the FLOPs they deliver at this MFU and goodput.
  r.flops = num::select(num::eq(c.job, hours_code), T(r.train_time_s * sustained),
                        num::select(num::eq(c.job, none_code), num::constant(0.0, c.gpus), flops));
  r.gpu_hours = c.gpus * r.train_time_s / 3600.0;
  r.cost_usd = r.gpu_hours * 3600.0 * c.price_usd_per_gpu_s;
  const T total = num::select(num::gt(c.total_params, 0.0), c.total_params, c.params);
  r.weights_bytes = total * c.weight_bytes;
  return r;
}

}  // namespace haul
