// What each command shows: evaluates the models for a scenario and lays the results out as a
// Report (a Record for JSON/CSV and a Table for the terminal/Markdown).
#pragma once

#include <optional>

#include "../input/catalog.hpp"
#include "../input/scenario.hpp"
#include "../input/units.hpp"
#include "../output/report.hpp"
#include "../plan/plan.hpp"
#include "../plan/uncertainty.hpp"

namespace haul {

class Optimizer;  // run/optimize.hpp
struct OptimizeResult;

struct Outcome {
  Scenario scenario;
  Plan<double> plan;              // the routes compared
  NetworkResult<double> network;  // the [network] and [ship] sections' models (haul network, ship)
  ShipResult<double> ship;
  std::optional<Breakeven> bandwidth;  // computed for compare only
  std::optional<Breakeven> size;
  std::optional<Spread> spread;  // compare under uncertainty (MODEL.md section 11)
};

// Evaluates what a command needs: the models, and for `compare` the breakevens too, and under
// uncertainty its samples on `threads` workers (0: one a core; the numbers do not depend on it).
Outcome evaluate(const Scenario& scenario, bool with_breakevens, unsigned threads = 0);

Report report_compare(const Outcome& outcome, units::ByteStyle bytes);
Report report_network(const Outcome& outcome, units::ByteStyle bytes);
Report report_ship(const Outcome& outcome, units::ByteStyle bytes);
Report report_compute(const Outcome& outcome, units::ByteStyle bytes);
Report report_catalog(const Catalog& catalog, units::ByteStyle bytes);
Report report_keys();      // every scenario key with its expected form and default
Report report_examples();  // the built-in example scenarios, one line each
// haul optimize (MODEL.md section 12): the best plan, the scenario as given beside it and the
// Pareto front; the JSON's additions to section 12 are listed in views_optimize.cpp.
Report report_optimize(const Optimizer& o, const OptimizeResult& r, units::ByteStyle bytes);

}  // namespace haul
