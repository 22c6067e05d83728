// Every numeric input of the models, listed once. A sweep treats Inputs<T> as a row of kFieldCount
// numbers: it builds columns from per-field values and reads a row back out of columns, so the list
// must name every member; the static_assert below fails the build when a member is added without
// it.
#pragma once

#include <array>
#include <cstddef>

#include "plan/plan.hpp"

namespace haul {

// clang-format off
#define HAUL_INPUT_FIELDS(X)                                                                       \
  X(data.size_bytes)                                                                               \
  X(data.files)                                                                                    \
  X(data.compression)                                                                              \
  X(network.bandwidth_bps)                                                                         \
  X(network.utilization)                                                                           \
  X(network.efficiency)                                                                            \
  X(network.mtu_bytes)                                                                             \
  X(network.rtt_s)                                                                                 \
  X(network.loss)                                                                                  \
  X(network.streams)                                                                               \
  X(network.window_bytes)                                                                          \
  X(network.congestion)                                                                            \
  X(network.per_file_rtts)                                                                         \
  X(network.egress_usd_per_byte)                                                                   \
  X(network.fixed_usd)                                                                             \
  X(network.measured_rate_bps)                                                                     \
  X(network.lease_usd_per_s)                                                                       \
  X(ship.capacity_bytes)                                                                           \
  X(ship.write_Bps)                                                                                \
  X(ship.read_Bps)                                                                                 \
  X(ship.price_usd)                                                                                \
  X(ship.weight_kg)                                                                                \
  X(ship.drives)                                                                                   \
  X(ship.redundancy)                                                                               \
  X(ship.copies)                                                                                   \
  X(ship.erasure_k)                                                                                \
  X(ship.erasure_m)                                                                                \
  X(ship.verify)                                                                                   \
  X(ship.copy_slots)                                                                               \
  X(ship.copy_limit_Bps)                                                                           \
  X(ship.ingest_slots)                                                                             \
  X(ship.ingest_limit_Bps)                                                                         \
  X(ship.transit_s)                                                                                \
  X(ship.couriers)                                                                                 \
  X(ship.per_courier)                                                                              \
  X(ship.bag_kg)                                                                                   \
  X(ship.trip_cost_usd)                                                                            \
  X(ship.per_diem_usd)                                                                             \
  X(ship.shipping_cost_usd)                                                                        \
  X(ship.drive_loss)                                                                               \
  X(compute.peak_flops)                                                                            \
  X(compute.gpus)                                                                                  \
  X(compute.price_usd_per_gpu_s)                                                                   \
  X(compute.mfu)                                                                                   \
  X(compute.goodput)                                                                               \
  X(compute.job)                                                                                   \
  X(compute.gpu_hours)                                                                             \
  X(compute.flops)                                                                                 \
  X(compute.params)                                                                                \
  X(compute.tokens)                                                                                \
  X(compute.total_params)                                                                          \
  X(compute.weight_bytes)                                                                          \
  X(compute.weights)                                                                               \
  X(compute.billing)                                                                               \
  X(compute.tokens_auto)                                                                           \
  X(compute.bytes_per_token)                                                                       \
  X(compute.epochs)                                                                                \
  X(compute.layers)                                                                                \
  X(compute.d_model)                                                                               \
  X(compute.seq_len)                                                                               \
  X(compute.attention)                                                                             \
  X(compute.attention_window)                                                                      \
  X(compute.memory_bytes)                                                                          \
  X(compute.state_bytes_per_param)                                                                 \
  X(compute.micro_batch)                                                                           \
  X(compute.vocab)                                                                                 \
  X(compute.failures_per_gpu_day)                                                                  \
  X(compute.checkpoint_s)                                                                          \
  X(compute.checkpoint_Bps)                                                                        \
  X(compute.restart_s)
// clang-format on

#define HAUL_COUNT_FIELD(member) +1
inline constexpr std::size_t kFieldCount = 0 HAUL_INPUT_FIELDS(HAUL_COUNT_FIELD);
#undef HAUL_COUNT_FIELD
static_assert(sizeof(Inputs<double>) == kFieldCount * sizeof(double),
              "HAUL_INPUT_FIELDS must list every member of Inputs");

// Inputs<double> as the row of kFieldCount numbers that sweeps and comparisons use.
using Flat = std::array<double, kFieldCount>;

// Calls f(i, a.member, b.member) for every field, i = 0 .. kFieldCount - 1 in list order.
template <class A, class B, class F>
void zip_fields(A& a, B& b, F&& f) {
  std::size_t i = 0;
#define HAUL_ZIP_FIELD(member) f(i++, a.member, b.member);
  HAUL_INPUT_FIELDS(HAUL_ZIP_FIELD)
#undef HAUL_ZIP_FIELD
}

// Calls f(i, a.member) for every field.
template <class A, class F>
void for_each_field(A& a, F&& f) {
  std::size_t i = 0;
#define HAUL_EACH_FIELD(member) f(i++, a.member);
  HAUL_INPUT_FIELDS(HAUL_EACH_FIELD)
#undef HAUL_EACH_FIELD
}

inline Flat flatten(Inputs<double> in) {
  Flat flat{};
  for_each_field(in, [&](std::size_t i, double& x) { flat[i] = x; });
  return flat;
}

}  // namespace haul
