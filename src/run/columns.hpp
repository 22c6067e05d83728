// The columns a sweep can show: every result path of MODEL.md section 6 (network.time_s,
// winner.time, breakeven.size_bytes, ...) with how to read it from a batch of plans and how to show
// it to people. Scenario keys are columns too; sweep.cpp handles those. With uncertainty (MODEL.md
// sections 7 and 11) the Monte Carlo spread of a row is a result too: uncertainty.routes.NAME.X,
// uncertainty.p_win_time.NAME, uncertainty.p_no_winner, read from the row's Spread.
#pragma once

#include <string>
#include <vector>

#include "../input/units.hpp"
#include "../plan/plan.hpp"
#include "../plan/uncertainty.hpp"

namespace haul {

// How a value is shown to people.
enum class Show {
  duration,
  rate,
  throughput,
  money,
  size,
  count,
  number,
  fraction,
  flop,
  flop_rate,
  mass,
  price_per_byte,
  price_per_second,
  code
};

// Where a result is read from. A route's columns are read from the route a path names:
// network.time_s from the network route, routes.leased.time_s from the route named leased (of
// kind network), plan.ship.arrival_s and routes.NAME.plan.arrival_s from a route's plan.
enum class Scope {
  network,    // a network route's model: network.X, routes.NAME.X
  ship,       // a ship route's model: ship.X, routes.NAME.X
  appliance,  // an appliance route's: routes.NAME.X
  hybrid,     // a hybrid route's: routes.NAME.X
  route,      // any route's: routes.NAME.X (time_s, cost_usd, rate_bps of every kind)
  plan,       // a route's plan: plan.network.X, plan.ship.X, routes.NAME.plan.X
  compute,    // compute.X
  winner,     // winner.X: over every route compared
  breakeven,  // breakeven.X: the network/ship pair, solved per row
  // A row's Monte Carlo spread (plan/uncertainty.hpp), drawn per row:
  spread_route,  // uncertainty.routes.NAME.X: a route's quantiles and chances
  spread_win,    // uncertainty.X.NAME: the chance a route wins (p_win_time, p_win_cost)
  spread         // uncertainty.X: over every route (p_no_winner)
};

struct ResultColumn {
  std::string name;  // the path in its scope: "time_s", "flops", "time" (winner.time)
  Scope scope;
  Show show;
  const char* const* names = nullptr;  // Show::code: the word for each code
  num::Array (*get)(const Plan<num::Array>&, std::size_t route) = nullptr;
  // winner.*: the margin to the next best route, shown beside the winner ("ship by 3.2 d")
  num::Array (*margin)(const Plan<num::Array>&, std::size_t route) = nullptr;
  Show margin_show = Show::number;
  bool breakeven = false;  // solved per row (breakeven.*), not read from the plan
  // NaN means "not known for this row" (compute.flops_6n without params and tokens, min_gpus when
  // the activations alone overflow a GPU, ...): an empty cell, not an overflow. Infinity still is.
  bool unknown_ok = false;
  bool route_names = false;  // Show::code with the routes' names (winner.*)
  // uncertainty.*: read from the row's Monte Carlo spread, not from its plan.
  double (*drawn)(const Spread&, std::size_t route) = nullptr;
  // Needs every route's plan (winners, plans, margins), not only its own route's model.
  bool plans() const {
    return scope == Scope::plan || scope == Scope::winner ||
           (scope == Scope::route && (name == "behind_s" || name == "above_usd"));
  }
};

const std::vector<ResultColumn>& result_columns();

// A result path bound to the scenario's routes: the column, and the route it reads (-1 for
// compute, winner, breakeven and uncertainty.p_no_winner columns).
// A hybrid's leg, read as its own route: routes.mix.ship.drives is the ship leg's drives.
enum class Leg { none, network, ship };

struct BoundResult {
  const ResultColumn* column = nullptr;  // nullptr: not a result path
  int route = -1;
  Leg leg = Leg::none;  // a hybrid's leg the column reads, as a route of the leg's kind
  std::string error;    // a result path that cannot be read here (the route is not compared, ...)
};
// `routes` are the names and kinds of the routes compared, in order.
BoundResult find_result(const std::string& path, const std::vector<std::string>& route_names,
                        const std::vector<RouteKind>& route_kinds);
// Every result path these routes give, for "did you mean".
std::vector<std::string> result_paths(const std::vector<std::string>& route_names,
                                      const std::vector<RouteKind>& route_kinds);

// One value for people: "7.41 d", "950 Mbps", "$1.2M", ...
std::string show_human(Show show, double value, units::ByteStyle bytes,
                       const char* const* names = nullptr);

}  // namespace haul
