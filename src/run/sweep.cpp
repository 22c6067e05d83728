// The engine (MODEL.md section 7): the grid's rows as model inputs, evaluated in chunks of Eigen
// columns on a pool of workers and written in order. Preparing the grid and its columns is
// sweep_prepare.cpp.
#include "run/sweep.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "input/checks.hpp"
#include "input/effective.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "run/columns.hpp"
#include "run/pool.hpp"
#include "run/sweep_impl.hpp"

namespace haul {

using sweep_detail::AxisGrid;
using sweep_detail::build_with;
using sweep_detail::Chunk;
using sweep_detail::Column;
using sweep_detail::row_name;
using sweep_detail::shown_plain;


void Sweep::Impl::fill(Workspace& w, std::uint64_t first_row, Eigen::Index n) const {
  if (w.in.routes.size() != first.in.routes.size()) {
    w.in.routes.resize(first.in.routes.size());
    for (std::size_t r = 0; r < w.in.routes.size(); ++r) {
      w.in.routes[r].kind = first.in.routes[r].kind;
      w.in.routes[r].own = first.in.routes[r].own;
    }
  }
  std::vector<num::Array*> cols(flat.size());
  for_each_field(w.in, [&](std::size_t i, num::Array& c) { cols[i] = &c; });
  if (w.rows != n) {
    for (std::size_t i = 0; i < flat.size(); ++i) *cols[i] = num::Array::Constant(n, flat[i]);
    w.rows = n;
  } else {
    for (const int slot : swept_slots)
      cols[static_cast<std::size_t>(slot)]->setConstant(flat[static_cast<std::size_t>(slot)]);
  }
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const AxisGrid& axis = axes[a];
    if (axis.length == 1) continue;
    if (axis.stride == 1) {  // the fastest axis changes every row
      std::uint64_t idx = first_row % axis.length;
      for (Eigen::Index k = 0; k < n; ++k) {
        for (const auto& [slot, value] : axis.diffs[idx])
          (*cols[static_cast<std::size_t>(slot)])[k] = value;
        if (++idx == axis.length) idx = 0;
      }
      continue;
    }
    // Slower axes hold their value for runs of rows: fill each run at once.
    Eigen::Index k = 0;
    while (k < n) {
      const std::uint64_t row = first_row + static_cast<std::uint64_t>(k);
      const std::uint64_t idx = index(a, row);
      const std::uint64_t run_end = (row / axis.stride + 1) * axis.stride;
      const Eigen::Index len = static_cast<Eigen::Index>(
          std::min<std::uint64_t>(run_end - row, static_cast<std::uint64_t>(n - k)));
      for (const auto& [slot, value] : axis.diffs[idx])
        cols[static_cast<std::size_t>(slot)]->segment(k, len).setConstant(value);
      k += len;
    }
  }
}

Inputs<double> Sweep::Impl::row_of(const Inputs<num::Array>& in, Eigen::Index k) const {
  Inputs<double> row = first.in;  // its routes' kinds
  zip_fields(row, in, [&](std::size_t, double& d, const num::Array& c) { d = c[k]; });
  return row;
}

std::vector<Assignment> Sweep::Impl::assignments_of(std::uint64_t row) const {
  std::vector<Assignment> out = spec.base;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const std::uint64_t idx = index(a, row);
    out.push_back({axes[a].key, axes[a].values[idx], spec.axes[a].where});
  }
  return out;
}

std::string Sweep::Impl::describe(std::uint64_t row) const {
  return row_name(row, spec.axes, [&](std::size_t a) { return index(a, row); }, spec.table);
}

Chunk Sweep::Impl::evaluate(Workspace& w, std::uint64_t first_row, Eigen::Index n,
                            int spread_threads) const {
  Chunk chunk;
  chunk.first = first_row;
  chunk.rows = n;
  fill(w, first_row, n);
  const Inputs<num::Array>& in = w.in;
  const Plan<num::Array> plan = plan_model(in, parts);
  std::vector<const num::Array*> cols(flat.size());
  for_each_field(in, [&](std::size_t i, const num::Array& c) { cols[i] = &c; });
  // Each row's Monte Carlo spread, once for all of its uncertainty.* columns: the row's own
  // inputs, the scenario's draws and seed.
  std::vector<Spread> spreads;
  if (spread) {
    spreads.reserve(static_cast<std::size_t>(n));
    for (Eigen::Index k = 0; k < n; ++k)
      spreads.push_back(monte_carlo(row_of(in, k), first.uncertainty, spread_threads));
  }
  chunk.values.resize(columns.size());
  chunk.margins.resize(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Column& col = columns[c];
    if (col.kind == Column::Kind::input) {
      chunk.values[c] = *cols[static_cast<std::size_t>(col.slot)];
    } else if (col.kind == Column::Kind::result && col.result->drawn) {
      num::Array v(n);
      const auto route = static_cast<std::size_t>(std::max(col.route, 0));
      for (Eigen::Index k = 0; k < n; ++k)
        v[k] = col.result->drawn(spreads[static_cast<std::size_t>(k)], route);
      chunk.values[c] = std::move(v);
      check_finite(chunk, c, first_row);
    } else if (col.kind == Column::Kind::result && col.result->breakeven) {
      num::Array v(n);
      for (Eigen::Index k = 0; k < n; ++k) {
        const Inputs<double> row = row_of(in, k);
        // A column's name is its path in its scope (breakeven.bandwidth_bps is "bandwidth_bps").
        // A cell shows the value, not the reason: no streams counts are solved for it.
        const Breakeven b = col.result->name == "bandwidth_bps" ? breakeven_bandwidth(row, false)
                                                                : breakeven_size(row);
        v[k] = b.value ? *b.value : std::nan("");
      }
      chunk.values[c] = std::move(v);
    } else if (col.kind == Column::Kind::result) {
      const auto route = static_cast<std::size_t>(std::max(col.route, 0));
      if (col.leg != Leg::none) {
        // A hybrid's leg read as a route of the leg's kind.
        Plan<num::Array> leg;
        leg.routes.resize(route + 1);
        if (col.leg == Leg::network) {
          leg.routes[route].network = plan.routes[route].hybrid.network;
        } else {
          leg.routes[route].ship = plan.routes[route].hybrid.ship;
        }
        // A leg with no bytes (split 0 or 1) is not there: an empty cell.
        const num::Array& split = plan.routes[route].hybrid.split;
        // (network leg: split <= 0; ship leg: split >= 1, that is 1 - split <= 0)
        const num::Array share = col.leg == Leg::network ? split : num::Array(1.0 - split);
        chunk.values[c] = num::select(num::le(share, 0.0), num::constant(std::nan(""), split),
                                      col.result->get(leg, route));
      } else {
        chunk.values[c] = col.result->get(plan, route);
      }
      if (col.result->margin) chunk.margins[c] = col.result->margin(plan, route);
      check_finite(chunk, c, first_row);
    }
  }
  return chunk;
}

void Sweep::Impl::check_finite(const Chunk& chunk, std::size_t c, std::uint64_t first_row) const {
  // Never print an overflow as a number: it is bad input, named by its row.
  const Column& col = columns[c];
  const num::Array& v = chunk.values[c];
  const bool unknown_ok = col.result->unknown_ok || col.leg != Leg::none;
  const bool bad = unknown_ok ? v.isInf().any() : !v.allFinite();
  if (!bad) return;
  Eigen::Index k = 0;
  while (unknown_ok ? !std::isinf(v[k]) : std::isfinite(v[k])) ++k;
  throw InputError(describe(first_row + static_cast<std::uint64_t>(k)) + ": " + col.raw_header +
                   " is " + (std::isnan(v[k]) ? "not a number" : "infinite") +
                   ": the inputs overflow the model");
}

std::size_t Sweep::Impl::chunk_rows(const SweepOptions& options) const {
  if (!spread) return options.chunk_rows;
  const std::uint64_t samples = std::max<std::uint64_t>(1, first.uncertainty.samples);
  return static_cast<std::size_t>(std::clamp<std::uint64_t>(
      sweep_detail::kChunkSamples / samples, 1, std::max<std::size_t>(1, options.chunk_rows)));
}

void Sweep::Impl::check_work(const SweepOptions& options) const {
  if (!spread || options.yes) return;
  // The whole grid's work, as the row guard counts it: shards of too much are still too much.
  const std::uint64_t samples = first.uncertainty.samples;
  const std::uint64_t limit = limits::kSamplePlansWithoutYes;
  if (samples == 0 || points <= limit / samples) return;
  auto count = [](std::uint64_t x) { return units::format_count(static_cast<double>(x)); };
  // points * samples may not fit in 64 bits: say it as a double.
  throw InputError("[uncertainty] samples: " + count(samples) + " samples in each of " +
                   count(points) + " rows (for the uncertainty.* columns) are " +
                   units::format_count(static_cast<double>(points) * static_cast<double>(samples)) +
                   " sample plans, over " + count(limit) + " (add --yes to evaluate them)");
}

Sweep::~Sweep() = default;

std::uint64_t Sweep::points() const {
  return impl_->points;
}
std::size_t Sweep::axes() const {
  return impl_->axes.size();
}
std::size_t Sweep::columns() const {
  return impl_->columns.size();
}
std::size_t Sweep::breakeven_columns() const {
  return static_cast<std::size_t>(std::count_if(
      impl_->columns.begin(), impl_->columns.end(),
      [](const Column& c) { return c.kind == Column::Kind::result && c.result->breakeven; }));
}

std::uint64_t Sweep::row_samples() const {
  return impl_->spread ? impl_->first.uncertainty.samples : 0;
}

std::pair<std::uint64_t, std::uint64_t> Sweep::shard_rows(std::uint64_t shard,
                                                          std::uint64_t shards) const {
  const std::uint64_t n = impl_->points;
  // floor(n * k / shards) without overflow: n = q * shards + r.
  auto cut = [&](std::uint64_t k) { return (n / shards) * k + (n % shards) * k / shards; };
  return {cut(shard), cut(shard + 1)};
}

void Sweep::check_rows(const SweepOptions& options) const {
  const Impl& m = *impl_;
  m.check_work(options);
  if (!m.checks_needed) return;
  const auto [begin, end] = shard_rows(options.shard, options.shards);
  Impl::Workspace w;
  for (std::uint64_t row = begin; row < end; row += options.chunk_rows) {
    const Eigen::Index n =
        static_cast<Eigen::Index>(std::min<std::uint64_t>(options.chunk_rows, end - row));
    m.fill(w, row, n);
    // `appliance`: the checks of the appliance section too.
    auto failing = [](const CrossChecks<num::Array>& c, bool appliance) -> num::Array {
      num::Array any = c.window_below_mss + c.too_few_drives + c.drives_not_whole +
                       c.too_many_drives + c.bag_too_small + c.total_below_params +
                       c.checkpoint_unknown + c.no_progress;
      if (appliance) any += c.too_few_devices + c.too_many_devices;
      return any;
    };
    num::Array any = failing(cross_checks(w.in), m.appliance_checked);
    // Each named route's sections, checked as its own scenario's are.
    for (const auto& route : w.in.routes) {
      if (!route.own) continue;  // its section, checked above
      if (route.kind == RouteKind::appliance) {
        Inputs<num::Array> probe;
        probe.data = w.in.data;
        probe.network = w.in.network;
        probe.ship = w.in.ship;
        probe.appliance = route.appliance;
        probe.compute = w.in.compute;
        any += failing(cross_checks(probe), true);
      } else {
        Inputs<num::Array> probe;
        probe.data = w.in.data;
        probe.network = route.kind == RouteKind::ship ? w.in.network : route.network;
        probe.ship = route.kind == RouteKind::network ? w.in.ship : route.ship;
        probe.appliance = w.in.appliance;
        probe.compute = w.in.compute;
        any += failing(cross_checks(probe), false);
      }
    }
    Eigen::Index k;
    if (any.maxCoeff(&k) <= 0) continue;
    const std::uint64_t bad = row + static_cast<std::uint64_t>(k);
    try {
      build_scenario(m.assignments_of(bad), *m.catalog);
    } catch (const InputError& e) {
      throw InputError(m.describe(bad) + ": " + e.what());
    }
    throw InputError(m.describe(bad) + ": the models cannot use this combination");
  }
}

void Sweep::run(const SweepOptions& options, const std::function<void(std::string_view)>& write,
                const std::function<void(std::uint64_t, std::uint64_t)>& progress) const {
  const Impl& m = *impl_;
  m.check_work(options);
  const auto [shard_begin, shard_end] = shard_rows(options.shard, options.shards);
  const std::size_t chunk_rows = m.chunk_rows(options);
  const std::uint64_t begin = shard_begin, end = shard_end;  // lambdas below capture them
  const bool streaming =
      !m.spec.pivot && (options.format == Format::csv || options.format == Format::json ||
                        options.format == Format::md);
  if (streaming) {
    const std::string header = options.shard == 0 ? m.stream_header(options.format) : "";
    if (!header.empty()) write(header);
    // Chunks are evaluated and formatted by a pool of workers and written in order by this
    // thread; memory does not grow with the grid (run/pool.hpp).
    const std::uint64_t chunks = (end - begin + chunk_rows - 1) / chunk_rows;
    std::uint64_t done = 0;
    ordered_chunks<Impl::Workspace>(
        chunks, options.threads,
        [&](Impl::Workspace& w, std::uint64_t c) {
          const std::uint64_t first = begin + c * chunk_rows;
          const Eigen::Index n =
              static_cast<Eigen::Index>(std::min<std::uint64_t>(chunk_rows, end - first));
          std::string text;
          text.reserve(static_cast<std::size_t>(n) * 16 * m.columns.size());
          m.format_rows(m.evaluate(w, first, n), options.format, options.bytes, text);
          return text;
        },
        [&](std::string&& text) {
          write(text);
          done = std::min<std::uint64_t>(end - begin, done + chunk_rows);
          if (progress) progress(done, end - begin);
        });
    return;
  }

  m.write_table(options, begin, end, write);
}

}  // namespace haul
