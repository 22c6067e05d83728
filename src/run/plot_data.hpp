// What haul plot draws (MODEL.md section 13), computed: the curves and grids come from the sweep's
// batch evaluation (run/sweep.hpp), a breakeven is then solved on the model, the distributions
// come from monte_carlo and the front from the optimiser. No drawing here (output/plots.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../input/catalog.hpp"
#include "../input/scenario.hpp"
#include "../input/units.hpp"
#include "../plan/uncertainty.hpp"

namespace haul::plot {

// The drives follow the size along a plot's size axis (ship.drives = "auto", as in haul table): a
// count given for the scenario's own size may be too few once the plot sets the size, so the
// scenario a crossover or winner map starts from is built that way too.
std::vector<Assignment> with_auto_drives(std::vector<Assignment> assignments, const char* where);
Scenario auto_drives_scenario(const std::vector<Assignment>& assignments, const Catalog& catalog,
                              const char* where);

// A route's curve: time to model (arrival when there is no job) at each size; NaN where the route
// cannot deliver.
struct Series {
  std::string route;
  std::vector<double> time_s;
};

// Where the winner on time changes along the size axis: below `size_bytes` route `below` arrives
// first (with the trained model, when there is a job), from it on route `above`.
struct Crossing {
  double size_bytes = 0;
  std::size_t below = 0, above = 0;
};

struct CrossoverData {
  std::vector<double> sizes;  // bytes, rising, equal ratios
  std::vector<Series> routes;
  std::vector<Crossing> crossings;  // rising
  double scenario_size = 0;
  bool job = false;  // time to model (true) or arrival
};

// The scenario's routes along data sizes with the drive count following the size (ship.drives =
// "auto", as in haul table), on a log grid from below the first winner change (or the scenario's
// size) to above the last: two decades either side at least, within 1 MB .. 1 EB, 24 sizes a
// decade, and each change of winner solved on the model to 12 digits. `base` is the scenario's
// assignments (file, then --set and flags).
CrossoverData crossover_data(const std::vector<Assignment>& base, const Catalog& catalog,
                             units::ByteStyle style, unsigned threads);

struct WinnerMapData {
  std::vector<double> sizes, rates;  // rows (bytes) and columns (bits/s), rising
  std::vector<std::string> routes;
  // Row-major, size by rate: the route that delivers the trained model first (index into
  // routes; -1 when none can) and by how long before the next (seconds; NaN with one route).
  std::vector<int> winner;
  std::vector<double> margin_s;
  double scenario_size = 0, scenario_rate = 0;
  bool job = false;  // the winner by time to model (true) or by arrival
};

// Which route delivers first over data size x [network] bandwidth, drives following the size:
// sizes 100 GB .. 10 PB and bandwidths 10 Mbps .. 100 Gbps in steps of 1 and 3 (with IEC sizes,
// 100 GiB .. 10 PiB in 1 and 3 of each binary unit times 1, 10, 100), widened a decade at a time to
// hold the scenario's own size and bandwidth.
WinnerMapData winner_map_data(const std::vector<Assignment>& base, const Catalog& catalog,
                              units::ByteStyle style, unsigned threads);

struct CdfData {
  Spread spread;  // with each route's sorted delivered times (RouteSpread::time_to_model_sorted)
  std::vector<std::string> routes;
  bool job = false;
};

// The scenario's Monte Carlo spread (its [uncertainty] samples and seed), keeping the samples.
CdfData cdf_data(const Scenario& scenario, unsigned threads);

}  // namespace haul::plot
