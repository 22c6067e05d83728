// The plan (MODEL.md sections 4 and 10): for each route compared (network, ship and the named
// routes of any kind) the time until the data is there, the training, the weights back; the total
// cost with idle reserved GPUs; the winners over all routes; and, for the network/ship pair, the
// breakeven bandwidth and data size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "../model/appliance.hpp"
#include "../model/compute.hpp"
#include "../model/hybrid.hpp"
#include "../model/network.hpp"
#include "../model/ship.hpp"
#include "../plan/events.hpp"

namespace haul {

enum class RouteKind { network, ship, appliance, hybrid };
inline constexpr const char* kRouteKindNames[] = {"network", "ship", "appliance", "hybrid"};

// One route's own inputs: the sections of its kind (the others are left empty in a sweep).
template <class T>
struct RouteParams {
  RouteKind kind = RouteKind::network;
  // false: the route is its kind's section ([network] or [ship]) and reads it from Inputs, so
  // that a sweep carries those inputs once; true: its own inputs below.
  bool own = true;
  NetworkParams<T> network;
  ShipParams<T> ship;
  ApplianceParams<T> appliance;
  T split = num::init<T>(-1);  // hybrid: the share of the bytes over the network; -1 = auto
};

template <class T>
struct Inputs {
  DataParams<T> data;
  NetworkParams<T> network;  // the network route's section, and the link the weights come back on
  ShipParams<T> ship;        // the ship route's section; its transit carries the weights back
  ApplianceParams<T> appliance;  // the base of routes of kind appliance
  ComputeParams<T> compute;
  // The routes compared, in order: the network and ship routes (copies of their sections) and the
  // named ones, as [plan] routes lists them.
  std::vector<RouteParams<T>> routes;
};

// The network and ship routes of MODEL.md section 4 from their sections, in that order: what a
// scenario without [route.NAME] or [plan] routes compares. For inputs made in code.
template <class T>
Inputs<T> with_section_routes(Inputs<T> in) {
  RouteParams<T> network, ship;
  network.kind = RouteKind::network;
  network.own = false;
  ship.kind = RouteKind::ship;
  ship.own = false;
  in.routes = {network, ship};
  return in;
}

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

// One route's results: the model of its kind (the others stay empty), and its plan.
template <class T>
struct RouteResult {
  RouteKind kind = RouteKind::network;
  NetworkResult<T> network;
  ShipResult<T> ship;
  ApplianceResult<T> appliance;
  HybridResult<T> hybrid;
  T time_s;    // the data's arrival
  T cost_usd;  // the route's own cost
  T rate_bps;  // 8 * bytes / time, except the network's steady rate 8 R (MODEL.md section 6)
  // hybrid: its pure routes' times (the whole data over its network leg, or on its drives) and
  // the gain over the better of them (>= 0 with split = "auto")
  T pure_network_s, pure_ship_s, gain_s;
  RoutePlan<T> plan;
};

template <class T>
struct Plan {
  std::vector<RouteResult<T>> routes;  // as Inputs::routes
  ComputeResult<T> compute;
  NetworkResult<T> weights_network;  // the network model run on the weights (the network's link)
  T winner_time;  // the index of the route with the trained model first (ties: the first listed)
  T winner_cost;  // the index of the cheapest route in total
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

// split = "auto" (a negative split) row by row: best_split for each row that asks for it.
num::Array auto_splits(const DataParams<num::Array>& data, const NetworkParams<num::Array>& net,
                       const ShipParams<num::Array>& ship, const num::Array& split);
inline double auto_splits(const DataParams<double>& data, const NetworkParams<double>& net,
                          const ShipParams<double>& ship, double split) {
  return split < 0 ? best_split(data, net, ship) : split;
}

// A route's network and ship inputs: its own, or its section's.
template <class T>
const NetworkParams<T>& network_of(const Inputs<T>& in, const RouteParams<T>& route) {
  return route.own ? route.network : in.network;
}
template <class T>
const ShipParams<T>& ship_of(const Inputs<T>& in, const RouteParams<T>& route) {
  return route.own ? route.ship : in.ship;
}

// One route's model, by its kind.
template <class T>
RouteResult<T> route_model(const Inputs<T>& in, const RouteParams<T>& route,
                           const EventSource* events = nullptr, std::size_t index = 0) {
  const DataParams<T>& data = in.data;
  RouteResult<T> r;
  r.kind = route.kind;
  switch (route.kind) {
    case RouteKind::network:
      r.network = network_model(data, network_of(in, route));
      r.time_s = r.network.time_s;
      r.cost_usd = r.network.cost_usd;
      r.rate_bps = 8.0 * r.network.rate_Bps;
      break;
    case RouteKind::ship:
      r.ship = ship_model(data, ship_of(in, route));
      r.time_s = r.ship.time_s;
      r.cost_usd = r.ship.cost_usd;
      if constexpr (std::is_same_v<T, num::Array>) {
        if (events) {
          const ShipParams<T>& s = ship_of(in, route);
          const EventCost c = event_cost(in.network, data, s, events->ship(index, s, r.ship));
          r.time_s = nan_where(c.held_s, T(r.time_s + c.held_s + c.recover_s));
          r.cost_usd = r.cost_usd + c.cost_usd;
        }
      }
      r.rate_bps = 8.0 * r.ship.bytes / r.time_s;
      break;
    case RouteKind::appliance:
      r.appliance = appliance_model(data, route.appliance);
      r.time_s = r.appliance.time_s;
      r.cost_usd = r.appliance.cost_usd;
      r.rate_bps = r.appliance.rate_bps;
      break;
    case RouteKind::hybrid: {
      const T split = auto_splits(data, route.network, route.ship, route.split);
      r.hybrid = hybrid_model(data, route.network, route.ship, split);
      r.time_s = r.hybrid.time_s;
      r.cost_usd = r.hybrid.cost_usd;
      if constexpr (std::is_same_v<T, num::Array>) {
        if (events) {  // the drives' leg (no events when it carries no bytes)
          // Data lost on the drives goes over the hybrid's own link once that link is free and
          // the drives are in; a retrip starts when the loss is found.
          const EventCost c = event_cost(route.network, share_of(data, T(1.0 - split)), route.ship,
                                         events->ship(index, route.ship, r.hybrid.ship));
          const auto ship_used = num::lt(split, 1.0);
          const T& net_s = r.hybrid.network_s;
          const T drives_in = r.hybrid.ship_s + c.held_s;
          const T after_link = num::max(net_s, drives_in) + c.recover_s;
          const T alongside = num::max(net_s, T(drives_in + c.recover_s));
          r.time_s = nan_where(
              c.held_s,
              num::select(ship_used, num::select(num::gt(c.over_link, 0.0), after_link, alongside),
                          net_s));
          r.cost_usd = r.cost_usd + num::select(ship_used, c.cost_usd, num::constant(0.0, split));
        }
      }
      r.rate_bps = 8.0 * (data.size_bytes / data.compression) / r.time_s;
      r.pure_network_s = network_model(data, route.network).time_s;
      r.pure_ship_s = ship_model(data, route.ship).time_s;
      r.gain_s = num::min(r.pure_network_s, r.pure_ship_s) - r.time_s;
      break;
    }
  }
  return r;
}

// Which parts of the plan to evaluate: a sweep that shows only one route's columns skips the rest.
struct PlanParts {
  std::uint64_t routes = ~std::uint64_t{0};  // bit r: route r's model
  bool compute = true;
  bool plans = true;  // every route's plan and the winners (needs every route and the compute)
};

// `events`: under uncertainty, the chunk's draws of the ship routes' events (batch only).
template <class T>
Plan<T> plan_model(const Inputs<T>& in, const PlanParts& parts = {},
                   const EventSource* events = nullptr) {
  Plan<T> p;
  const std::size_t n = in.routes.size();
  p.routes.resize(n);
  for (std::size_t r = 0; r < n; ++r)
    if (parts.plans || (r < 64 && (parts.routes >> r & 1u)))
      p.routes[r] = route_model(in, in.routes[r], events, r);
  if (parts.plans || parts.compute) p.compute = compute_model(in.compute, in.data.size_bytes);
  if (!parts.plans || n == 0) return p;
  // The weights travel as one file, uncompressed, over the network route's link.
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
  for (auto& r : p.routes)
    r.plan = route_plan(r.time_s, r.cost_usd, in.compute, p.compute, back_s, back_usd);
  // Winners over all routes; a tie goes to the route listed first.
  p.winner_time = num::constant(0.0, back_s);
  p.winner_cost = num::constant(0.0, back_s);
  T best_time = p.routes[0].plan.time_to_model_s;
  T best_cost = p.routes[0].plan.total_cost_usd;
  for (std::size_t r = 1; r < n; ++r) {
    const auto& plan = p.routes[r].plan;
    const auto sooner = num::lt(plan.time_to_model_s, best_time);
    p.winner_time = num::select(sooner, num::constant(double(r), back_s), p.winner_time);
    best_time = num::select(sooner, plan.time_to_model_s, best_time);
    const auto cheaper = num::lt(plan.total_cost_usd, best_cost);
    p.winner_cost = num::select(cheaper, num::constant(double(r), back_s), p.winner_cost);
    best_cost = num::select(cheaper, plan.total_cost_usd, best_cost);
  }
  return p;
}

// A breakeven point, or the reason there is none.
struct Breakeven {
  std::optional<double> value;
  std::string reason;  // set when value is empty
};

// The bandwidth (bits/s) at which the network delivers the data as soon as the drives do, all else
// fixed, within 1 kbps .. 1 Pbps: solved for the rate, then bisected on the model to 1e-12. When
// the window or loss keeps the network behind at any bandwidth, the reason says how many streams
// (and, window-bound, what window) would let it arrive first, solved on the model; with_help =
// false leaves that out, for a caller that reads only the value (it costs a few more models).
Breakeven breakeven_bandwidth(const Inputs<double>& in, bool with_help = true);
// The data size (bytes) from which shipping (drives = auto) arrives first, within 1 MB .. 1 EB: the
// first crossing, solved step by step of the drive count, then bisected on the models to 1e-12.
Breakeven breakeven_size(const Inputs<double>& in);

}  // namespace haul
