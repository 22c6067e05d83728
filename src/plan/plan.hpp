// The plan (MODEL.md section 4, "plan"): for each route (network, ship) the time until the data is
// there, the training, the weights back; the total cost with idle reserved GPUs; the winners; and
// the breakeven bandwidth and data size.
#pragma once

#include <optional>
#include <string>

#include "model/compute.hpp"
#include "model/network.hpp"
#include "model/ship.hpp"

namespace haul {

template <class T>
struct Inputs {
  DataParams<T> data;
  NetworkParams<T> network;
  ShipParams<T> ship;
  ComputeParams<T> compute;
};

template <class T>
struct RoutePlan {
  T arrival_s;
  T train_s;
  T weights_back_s;
  T idle_usd;
  T weights_egress_usd;
  T time_to_model_s;
  T total_cost_usd;
};

template <class T>
struct Plan {
  NetworkResult<T> network;
  ShipResult<T> ship;
  ComputeResult<T> compute;
  NetworkResult<T> weights_network;  // the network model run on the weights (same link)
  RoutePlan<T> via_network;
  RoutePlan<T> via_ship;
  T ship_wins_time;  // 1 when shipping reaches the trained model sooner (ties go to the network)
  T ship_wins_cost;  // 1 when shipping costs less in total
};

template <class T>
RoutePlan<T> route_plan(const T& arrival_s, const T& route_cost_usd, const ComputeParams<T>& c,
                        const ComputeResult<T>& compute, const T& weights_back_s,
                        const T& weights_egress_usd) {
  RoutePlan<T> r;
  const double at_start = static_cast<int>(Billing::at_start);
  const double no_job = static_cast<int>(Job::none);
  r.arrival_s = arrival_s;
  r.train_s = compute.train_time_s;
  // Without a job nothing is trained and nothing comes back.
  const auto has_job = num::ne(c.job, no_job);
  r.weights_back_s = num::select(has_job, weights_back_s, num::constant(0.0, arrival_s));
  r.weights_egress_usd = num::select(has_job, weights_egress_usd, num::constant(0.0, arrival_s));
  // Reserved GPUs bill from t = 0 and sit idle until the data lands.
  r.idle_usd =
      num::select(num::both(num::eq(c.billing, at_start), has_job),
                  T(c.gpus * c.price_usd_per_gpu_s * arrival_s), num::constant(0.0, arrival_s));
  r.time_to_model_s = r.arrival_s + r.train_s + r.weights_back_s;
  r.total_cost_usd = route_cost_usd + compute.cost_usd + r.idle_usd + r.weights_egress_usd;
  return r;
}

// Which parts of the plan to evaluate: a sweep that shows only network columns skips the rest.
enum Parts : unsigned { kNetwork = 1, kShip = 2, kCompute = 4, kRoutes = 8, kAll = 15 };

template <class T>
Plan<T> plan_model(const Inputs<T>& in, unsigned parts = kAll) {
  Plan<T> p;
  if (parts & kRoutes) parts = kAll;  // the routes need every model
  if (parts & kNetwork) p.network = network_model(in.data, in.network);
  if (parts & kShip) p.ship = ship_model(in.data, in.ship);
  if (parts & kCompute) p.compute = compute_model(in.compute, in.data.size_bytes);
  if (!(parts & kRoutes)) return p;
  // The weights travel as one file, uncompressed, over the same link.
  DataParams<T> weights{p.compute.weights_bytes, num::constant(1.0, p.compute.weights_bytes),
                        num::constant(1.0, p.compute.weights_bytes)};
  p.weights_network = network_model(weights, in.network);
  const double network_code = static_cast<int>(Weights::network);
  const double carry_code = static_cast<int>(Weights::carry);
  // Nothing to bring back (no parameter count given) takes no time.
  const T network_back_s =
      num::select(num::gt(p.compute.weights_bytes, 0.0), p.weights_network.time_s,
                  num::constant(0.0, p.weights_network.time_s));
  const T back_s =
      num::select(num::eq(in.compute.weights, network_code), network_back_s,
                  num::select(num::eq(in.compute.weights, carry_code), in.ship.transit_s,
                              num::constant(0.0, in.ship.transit_s)));
  const T back_usd =
      num::select(num::eq(in.compute.weights, network_code), p.weights_network.egress_usd,
                  num::constant(0.0, in.ship.transit_s));
  p.via_network =
      route_plan(p.network.time_s, p.network.cost_usd, in.compute, p.compute, back_s, back_usd);
  p.via_ship = route_plan(p.ship.time_s, p.ship.cost_usd, in.compute, p.compute, back_s, back_usd);
  p.ship_wins_time = num::select(num::lt(p.via_ship.time_to_model_s, p.via_network.time_to_model_s),
                                 num::constant(1.0, back_s), num::constant(0.0, back_s));
  p.ship_wins_cost = num::select(num::lt(p.via_ship.total_cost_usd, p.via_network.total_cost_usd),
                                 num::constant(1.0, back_s), num::constant(0.0, back_s));
  return p;
}

// A breakeven point, or the reason there is none.
struct Breakeven {
  std::optional<double> value;
  std::string reason;  // set when value is empty
};

// The bandwidth (bits/s) at which the network delivers the data as soon as the drives do, all else
// fixed: log bisection over 1 kbps .. 1 Pbps.
Breakeven breakeven_bandwidth(const Inputs<double>& in);
// The data size (bytes) from which shipping (drives = auto) arrives first.
Breakeven breakeven_size(const Inputs<double>& in);

}  // namespace haul
