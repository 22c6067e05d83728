// Decisions under uncertainty (MODEL.md v2 section 11): a scenario's keys may hold distributions,
// and ship routes have events (customs holds per trip, drive loss per drive with what the layout
// cannot rebuild handled by ship.on_loss). monte_carlo() draws `samples` scenarios and runs them
// through the batch plan (plan_model on Eigen columns, the sweeps' kernels), in chunks on a pool
// of threads, and summarises each route's arrival, time to model and total cost (mean, P10, P50,
// P90), its chance of failing, and the chance each route wins on time and on cost.
//
// Sample i's draws depend only on (seed, i, the key's stream), never on the chunk or the thread
// that evaluates it (model/random.hpp), and the summaries are computed in sample order after all
// chunks are done: the same seed gives the same numbers on any number of threads or shards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../model/dist.hpp"
#include "../plan/plan.hpp"

namespace haul {

// A key that holds a distribution. Its point value (in the scenario's inputs) is the truncated
// median; each sample draws it by inverse CDF from its own stream.
struct UncertainKey {
  std::string key;           // as written: "ship.transit", "route.courier.transit"
  std::vector<int> slots;    // the row's fields it sets (input/fields.hpp): its own, and the same
                             // field of each named route that inherits it (a hybrid's ship leg
                             // takes the same flight: one draw)
  Truncated dist;            // base units, truncated to the key's valid range
  bool whole = false;        // a count: each draw rounded to the nearest whole number
  std::uint64_t stream = 0;  // random stream: stream_of(key, 0)
};

// Per route compared (as Inputs::routes): the hold's duration when it is a distribution (drawn per
// held trip from stream_of(hold_key, trip)); without one every held trip waits its fixed hold_s.
struct RouteEvents {
  std::string name;               // the route's name: its event streams are named after it
  std::optional<Truncated> hold;  // ship.hold or route.NAME.hold as a distribution
  std::string hold_key;           // "ship.hold", "route.NAME.hold" (for the stream)
};

struct UncertaintySpec {
  std::uint64_t samples = 10000;
  std::uint64_t seed = 1;
  std::vector<UncertainKey> keys;
  std::vector<RouteEvents> routes;  // empty, or one per route compared
};

// Whether a Monte Carlo run has anything to draw: a distribution, or an event (a hold probability
// above 0 with a hold above 0, or a drive loss above 0) on a ship route or a hybrid's ship leg.
bool has_uncertainty(const Inputs<double>& in, const UncertaintySpec& spec);
// Whether a ship leg draws customs holds (a probability above 0, and a hold: a duration above 0
// or a distribution, `route`'s), and drive losses (ship.drive_loss above 0).
bool draws_holds(const ShipParams<double>& s, const RouteEvents* route);
bool draws_losses(const ShipParams<double>& s);

// Mean and quantiles of the samples that delivered (NaN when none did). Quantiles
// interpolate between order statistics (Hyndman and Fan's type 7, numpy's default): the p-quantile
// of n sorted values x[0..n-1] is x[j] + (h - j) (x[j+1] - x[j]) with h = (n - 1) p, j = floor(h).
struct Quantiles {
  double mean = 0, p10 = 0, p50 = 0, p90 = 0;
};

struct RouteSpread {
  Quantiles arrival_s, time_to_model_s, total_cost_usd;
  // The same over every sample, a sample that did not deliver (failed or impossible) counting as
  // never (+infinity): a P90 is finite only when at least nine samples in ten delivered, a mean
  // only when all did. The optimiser judges plans by these (MODEL.md section 12, goal.at).
  Quantiles time_to_model_all_s, total_cost_all_usd;
  double p_fail = 0;        // share of samples where the route failed (on_loss = "fail")
  double p_impossible = 0;  // share whose drawn inputs the scenario's checks would refuse
  double p_loss = 0;        // share of samples where it lost data the layout could not rebuild
  double p_held = 0;        // share of samples with at least one trip held at customs
  // The delivered samples' times to model, sorted; kept only when monte_carlo is asked to (haul
  // plot cdf draws them).
  std::vector<double> time_to_model_sorted;
};

struct Spread {
  std::uint64_t samples = 0, seed = 0;
  std::vector<RouteSpread> routes;             // as Inputs::routes
  std::vector<double> p_win_time, p_win_cost;  // per route; ties go to the route listed first
  double p_no_winner = 0;                      // no route delivered (failed or impossible)
};

// The quantile of sorted values as Quantiles describes (type 7); NaN for none.
double quantile_sorted(const std::vector<double>& sorted, double p);

// Draws spec.samples scenarios around `point` (the scenario with each distribution's median) and
// summarises them. threads >= 1.
// keep_samples: also keep each route's sorted delivered times (RouteSpread::time_to_model_sorted).
Spread monte_carlo(const Inputs<double>& point, const UncertaintySpec& spec, int threads = 1,
                   bool keep_samples = false);

}  // namespace haul
