// The members of each section of the model inputs, listed once: the sweep's rows (input/fields.hpp)
// and the batch code that needs one row of a section back as numbers (a hybrid's split = "auto")
// both walk these lists. X(section, member) is called for each.
#pragma once

// clang-format off
#define HAUL_DATA_FIELDS(X)                                                                        \
  X(data, size_bytes)                                                                              \
  X(data, files)                                                                                   \
  X(data, compression)

#define HAUL_NETWORK_FIELDS(X)                                                                     \
  X(network, bandwidth_bps)                                                                        \
  X(network, utilization)                                                                          \
  X(network, efficiency)                                                                           \
  X(network, mtu_bytes)                                                                            \
  X(network, rtt_s)                                                                                \
  X(network, loss)                                                                                 \
  X(network, streams)                                                                              \
  X(network, window_bytes)                                                                         \
  X(network, congestion)                                                                           \
  X(network, per_file_rtts)                                                                        \
  X(network, egress_usd_per_byte)                                                                  \
  X(network, fixed_usd)                                                                            \
  X(network, measured_rate_bps)                                                                    \
  X(network, lease_usd_per_s)

#define HAUL_SHIP_FIELDS(X)                                                                        \
  X(ship, capacity_bytes)                                                                          \
  X(ship, write_Bps)                                                                               \
  X(ship, read_Bps)                                                                                \
  X(ship, price_usd)                                                                               \
  X(ship, weight_kg)                                                                               \
  X(ship, drives)                                                                                  \
  X(ship, redundancy)                                                                              \
  X(ship, copies)                                                                                  \
  X(ship, erasure_k)                                                                               \
  X(ship, erasure_m)                                                                               \
  X(ship, verify)                                                                                  \
  X(ship, copy_slots)                                                                              \
  X(ship, copy_limit_Bps)                                                                          \
  X(ship, ingest_slots)                                                                            \
  X(ship, ingest_limit_Bps)                                                                        \
  X(ship, transit_s)                                                                               \
  X(ship, couriers)                                                                                \
  X(ship, per_courier)                                                                             \
  X(ship, bag_kg)                                                                                  \
  X(ship, trip_cost_usd)                                                                           \
  X(ship, per_diem_usd)                                                                            \
  X(ship, shipping_cost_usd)                                                                       \
  X(ship, drive_loss)                                                                              \
  X(ship, hold_probability)                                                                        \
  X(ship, hold_s)                                                                                  \
  X(ship, on_loss)

#define HAUL_APPLIANCE_FIELDS(X)                                                                   \
  X(appliance, capacity_bytes)                                                                     \
  X(appliance, fill_Bps)                                                                           \
  X(appliance, devices)                                                                            \
  X(appliance, copy_limit_Bps)                                                                     \
  X(appliance, lead_time_s)                                                                        \
  X(appliance, transit_s)                                                                          \
  X(appliance, processing_s)                                                                       \
  X(appliance, job_fee_usd)                                                                        \
  X(appliance, included_days)                                                                      \
  X(appliance, day_fee_usd)                                                                        \
  X(appliance, shipping_usd)

#define HAUL_COMPUTE_FIELDS(X)                                                                     \
  X(compute, peak_flops)                                                                           \
  X(compute, gpus)                                                                                 \
  X(compute, price_usd_per_gpu_s)                                                                  \
  X(compute, mfu)                                                                                  \
  X(compute, goodput)                                                                              \
  X(compute, job)                                                                                  \
  X(compute, gpu_hours)                                                                            \
  X(compute, flops)                                                                                \
  X(compute, params)                                                                               \
  X(compute, tokens)                                                                               \
  X(compute, total_params)                                                                         \
  X(compute, weight_bytes)                                                                         \
  X(compute, weights)                                                                              \
  X(compute, billing)                                                                              \
  X(compute, tokens_auto)                                                                          \
  X(compute, bytes_per_token)                                                                      \
  X(compute, epochs)                                                                               \
  X(compute, layers)                                                                               \
  X(compute, d_model)                                                                              \
  X(compute, seq_len)                                                                              \
  X(compute, attention)                                                                            \
  X(compute, attention_window)                                                                     \
  X(compute, memory_bytes)                                                                         \
  X(compute, state_bytes_per_param)                                                                \
  X(compute, micro_batch)                                                                          \
  X(compute, vocab)                                                                                \
  X(compute, failures_per_gpu_day)                                                                 \
  X(compute, checkpoint_s)                                                                         \
  X(compute, checkpoint_Bps)                                                                       \
  X(compute, restart_s)

#define HAUL_INPUT_FIELDS(X) \
  HAUL_DATA_FIELDS(X) HAUL_NETWORK_FIELDS(X) HAUL_SHIP_FIELDS(X) HAUL_APPLIANCE_FIELDS(X) \
  HAUL_COMPUTE_FIELDS(X)
// clang-format on
