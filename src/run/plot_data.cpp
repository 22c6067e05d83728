#include "run/plot_data.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "input/error.hpp"
#include "output/axes.hpp"
#include "output/report.hpp"  // json_number
#include "plan/plan.hpp"
#include "run/pool.hpp"
#include "run/sweep.hpp"
#include "run/sweep_impl.hpp"

namespace haul::plot {

namespace {

constexpr double kLowest = 1e6, kHighest = 1e18;  // 1 MB .. 1 EB, as breakeven_size

Value text_value(const std::string& text) {
  Value v;
  v.text = text;
  return v;
}

// A size or rate in base units, as a sweep axis writes a range's values.
Value base_value(double x, const char* unit) {
  return text_value(json_number(x) + " " + unit);
}

Assignment set(const std::string& key, Value v, const std::string& where) {
  return {key, std::move(v), where};
}

// The values of every column over every row of the grid, through the sweep's batch evaluation.
struct Grid {
  std::vector<std::vector<double>> values, margins;  // per column, per row
};

Grid evaluate(const SweepSpec& spec, const Catalog& catalog, unsigned threads) {
  const Sweep sweep(spec, catalog);
  SweepOptions options;
  options.threads = threads;
  sweep.check_rows(options);
  const Sweep::Impl& m = sweep.impl();
  const std::uint64_t rows = m.points;
  constexpr std::uint64_t kRows = 256;
  const std::uint64_t chunks = (rows + kRows - 1) / kRows;
  Grid grid;
  grid.values.assign(m.columns.size(), {});
  grid.margins.assign(m.columns.size(), {});
  ordered_chunks<Sweep::Impl::Workspace>(
      chunks, threads,
      [&](Sweep::Impl::Workspace& w, std::uint64_t c) {
        const std::uint64_t first = c * kRows;
        return m.evaluate(w, first,
                          static_cast<Eigen::Index>(std::min<std::uint64_t>(kRows, rows - first)));
      },
      [&](sweep_detail::Chunk&& chunk) {
        for (std::size_t c = 0; c < chunk.values.size(); ++c) {
          for (Eigen::Index k = 0; k < chunk.rows; ++k) {
            grid.values[c].push_back(chunk.values[c][k]);
            grid.margins[c].push_back(chunk.margins[c].size() ? chunk.margins[c][k] : std::nan(""));
          }
        }
      });
  return grid;
}

// The route that delivers first at each size: the least time, ties to the route listed first,
// NaN (cannot deliver) never; -1 when none can.
int first_of(const std::vector<double>& times) {
  int best = -1;
  for (std::size_t r = 0; r < times.size(); ++r)
    if (std::isfinite(times[r]) && (best < 0 || times[r] < times[std::size_t(best)])) best = int(r);
  return best;
}

std::vector<double> log_grid(double lo, double hi, int per_decade) {
  const int n = std::max(2, int(std::lround(std::log10(hi / lo) * per_decade)) + 1);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i)
    xs.push_back(i == n - 1 ? hi : lo * std::pow(hi / lo, double(i) / (n - 1)));
  return xs;
}

// The route times at these sizes, drives following the size.
std::vector<Series> route_times(const std::vector<Assignment>& base, const Catalog& catalog,
                                const std::vector<std::string>& routes,
                                const std::vector<double>& sizes, unsigned threads) {
  SweepSpec spec;
  spec.base = with_auto_drives(base, "haul plot crossover");
  spec.base_label = "haul plot crossover";
  SweepAxis axis{"data.size", "haul plot crossover", {}, true};
  for (const double x : sizes) axis.values.push_back(base_value(x, "B"));
  spec.axes = {axis};
  for (const auto& r : routes) spec.columns.push_back("routes." + r + ".plan.time_to_model_s");
  const Grid grid = evaluate(spec, catalog, threads);
  std::vector<Series> out;
  for (std::size_t r = 0; r < routes.size(); ++r) out.push_back({routes[r], grid.values[r]});
  return out;
}

int winner_at(const std::vector<Series>& series, std::size_t i) {
  std::vector<double> t;
  for (const auto& s : series) t.push_back(s.time_s[i]);
  return first_of(t);
}

// Sizes where the winner changes between neighbouring grid points.
std::vector<std::size_t> changes(const std::vector<Series>& series, std::size_t n) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const int a = winner_at(series, i), b = winner_at(series, i + 1);
    if (a >= 0 && b >= 0 && a != b) out.push_back(i);
  }
  return out;
}

}  // namespace

std::vector<Assignment> with_auto_drives(std::vector<Assignment> assignments, const char* where) {
  assignments.push_back(set("ship.drives", text_value("auto"), where));
  return assignments;
}

Scenario auto_drives_scenario(const std::vector<Assignment>& assignments, const Catalog& catalog,
                              const char* where) {
  return build_scenario(with_auto_drives(assignments, where), catalog);
}

CrossoverData crossover_data(const std::vector<Assignment>& base, const Catalog& catalog,
                             units::ByteStyle style, unsigned threads) {
  const Scenario s = auto_drives_scenario(base, catalog, "haul plot crossover");
  CrossoverData d;
  d.scenario_size = s.in.data.size_bytes;
  d.job = s.has_job();
  std::vector<std::string> names;
  for (const auto& r : s.routes) names.push_back(r.name);

  // Where the winner changes, roughly, over the whole span: it sets the range shown.
  double lo = std::clamp(d.scenario_size / 100, kLowest, kHighest);
  double hi = std::clamp(d.scenario_size * 100, kLowest, kHighest);
  if (names.size() > 1) {
    const std::vector<double> coarse = log_grid(kLowest, kHighest, 8);
    const std::vector<Series> series = route_times(base, catalog, names, coarse, threads);
    for (const std::size_t i : changes(series, coarse.size())) {
      lo = std::min(lo, coarse[i] / 3);
      hi = std::max(hi, coarse[i + 1] * 3);
    }
  }
  lo = std::max(lo, kLowest);
  hi = std::min(hi, kHighest);
  size_ticks(lo, hi, style);  // widened to whole ticks
  d.sizes = log_grid(lo, hi, 24);
  d.routes = route_times(base, catalog, names, d.sizes, threads);

  // Each change solved on the model: bisection in log size between the grid points around it.
  std::vector<Assignment> at = with_auto_drives(base, "haul plot crossover");
  at.push_back(set("data.size", text_value("1 B"), "haul plot crossover"));
  auto winner = [&](double size) {
    at.back().value = base_value(size, "B");
    try {
      const Plan<double> p = plan_model(build_scenario(at, catalog).in);
      std::vector<double> t;
      for (const auto& r : p.routes) t.push_back(r.plan.time_to_model_s);
      return first_of(t);
    } catch (const InputError&) {
      return -1;
    }
  };
  for (const std::size_t i : changes(d.routes, d.sizes.size())) {
    double a = d.sizes[i], b = d.sizes[i + 1];
    const int below = winner(a), above = winner(b);
    if (below < 0 || above < 0 || below == above) continue;
    for (int k = 0; k < 200 && b / a > 1 + 1e-13; ++k) {
      const double mid = std::sqrt(a * b);
      (winner(mid) == below ? a : b) = mid;
    }
    d.crossings.push_back({b, std::size_t(below), std::size_t(above)});
  }
  return d;
}

WinnerMapData winner_map_data(const std::vector<Assignment>& base, const Catalog& catalog,
                              units::ByteStyle style, unsigned threads) {
  const Scenario s = auto_drives_scenario(base, catalog, "haul plot winner-map");
  WinnerMapData d;
  d.scenario_size = s.in.data.size_bytes;
  d.scenario_rate = s.in.network.bandwidth_bps;
  d.job = s.has_job();
  for (const auto& r : s.routes) d.routes.push_back(r.name);
  // Steps of 1 and 3: of each power of ten, or with IEC sizes of each binary unit times 1, 10 and
  // 100 (so that rows read 1 TiB, 3 TiB, 10 TiB). The map spans [from, to] on that ladder, widened
  // by two steps at a time (a decade) until it holds the scenario's own value.
  auto steps = [](const std::vector<double>& ladder, double from, double to, double value) {
    auto at = [&](double x) {
      return std::size_t(std::lower_bound(ladder.begin(), ladder.end(), x * (1 - 1e-9)) -
                         ladder.begin());
    };
    std::size_t lo = at(from), hi = at(to);
    while (value < ladder[lo] * (1 - 1e-9) && lo >= 2) lo -= 2;
    while (value > ladder[hi] * (1 + 1e-9) && hi + 2 < ladder.size()) hi += 2;
    return std::vector<double>(ladder.begin() + std::ptrdiff_t(lo),
                               ladder.begin() + std::ptrdiff_t(hi) + 1);
  };
  std::vector<double> size_ladder, rate_ladder;
  if (style == units::ByteStyle::iec) {
    for (const double u : {units::kMiB, units::kGiB, units::kTiB, units::kPiB, units::kEiB})
      for (const double m : {1.0, 3.0, 10.0, 30.0, 100.0, 300.0}) size_ladder.push_back(u * m);
    d.sizes = steps(size_ladder, 100 * units::kGiB, 10 * units::kPiB, d.scenario_size);
  } else {
    for (int e = 6; e <= 21; ++e)
      size_ladder.insert(size_ladder.end(), {std::pow(10.0, e), 3 * std::pow(10.0, e)});
    d.sizes = steps(size_ladder, 100e9, 10e15, d.scenario_size);
  }
  for (int e = 3; e <= 15; ++e)
    rate_ladder.insert(rate_ladder.end(), {std::pow(10.0, e), 3 * std::pow(10.0, e)});
  d.rates = steps(rate_ladder, 10e6, 100e9, d.scenario_rate);

  SweepSpec spec;
  spec.base = with_auto_drives(base, "haul plot winner-map");
  spec.base_label = "haul plot winner-map";
  SweepAxis sizes{"data.size", "haul plot winner-map", {}, true};
  for (const double x : d.sizes) sizes.values.push_back(base_value(x, "B"));
  SweepAxis rates{"network.bandwidth", "haul plot winner-map", {}, true};
  for (const double x : d.rates) rates.values.push_back(base_value(x, "bps"));
  spec.axes = {sizes, rates};
  spec.columns = {"winner.time"};
  const Grid grid = evaluate(spec, catalog, threads);
  for (std::size_t i = 0; i < grid.values[0].size(); ++i) {
    const double w = grid.values[0][i];
    d.winner.push_back(std::isfinite(w) ? int(w) : -1);
    d.margin_s.push_back(grid.margins[0][i]);
  }
  return d;
}

CdfData cdf_data(const Scenario& scenario, unsigned threads) {
  CdfData d;
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  d.spread =
      monte_carlo(scenario.in, scenario.uncertainty, int(threads ? threads : hardware), true);
  for (const auto& r : scenario.routes) d.routes.push_back(r.name);
  d.job = scenario.has_job();
  return d;
}

}  // namespace haul::plot
