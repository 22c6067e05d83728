// haul's benchmarks: one scenario's compare, the same scenarios one at a time (double) and as one
// batch of columns (Eigen arrays), sweeps streamed as CSV into a byte counter, and unit parsing.
// What they measured and the commands that reproduce it: benchmarks/README.md.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "input/catalog.hpp"
#include "input/fields.hpp"
#include "input/scenario.hpp"
#include "input/units.hpp"
#include "output/report.hpp"
#include "output/views.hpp"
#include "plan/plan.hpp"
#include "run/sweep.hpp"

namespace {

using namespace haul;

const Scenario& seed() {
  static const Scenario s =
      load_scenario(Base{Base::Kind::example, "seed", ""}, {}, builtin_catalog());
  return s;
}

// n scenarios around the seed with the network and the data size drawn at random (log-uniform over
// the ranges of benchmarks/sweep-1e7.toml, 1 TB .. 1 PB of data) and the drive count on auto. The
// generator's seed is fixed, so every run times the same scenarios.
std::vector<Inputs<double>> varied_scenarios(std::size_t n) {
  std::mt19937_64 rng(20240601);
  auto log_uniform = [&rng](double lo, double hi) {
    std::uniform_real_distribution<double> u(std::log(lo), std::log(hi));
    return std::exp(u(rng));
  };
  std::uniform_int_distribution<int> streams(1, 64);
  std::vector<Inputs<double>> out(n, seed().in);
  for (auto& in : out) {
    in.network.bandwidth_bps = log_uniform(10e6, 100e9);
    in.network.rtt_s = log_uniform(1e-3, 0.3);
    in.network.loss = log_uniform(1e-6, 0.05);
    in.network.streams = streams(rng);
    in.data.size_bytes = log_uniform(1e12, 1e15);
    in.ship.drives = 0;  // auto: the fewest drives that hold the data
    in = with_section_routes(in);
  }
  return out;
}

// The scenarios as one batch: every field a column with one row per scenario.
Inputs<num::Array> as_columns(const std::vector<Inputs<double>>& rows) {
  Inputs<num::Array> cols;
  cols.routes.resize(rows.front().routes.size());
  for (std::size_t r = 0; r < cols.routes.size(); ++r) {
    cols.routes[r].kind = rows.front().routes[r].kind;
    cols.routes[r].own = rows.front().routes[r].own;
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  for_each_field(cols, [n](std::size_t, num::Array& col) { col.resize(n); });
  for (Eigen::Index r = 0; r < n; ++r)
    zip_fields(cols, rows[static_cast<std::size_t>(r)],
               [r](std::size_t, num::Array& col, const double& value) { col[r] = value; });
  return cols;
}

// ---- one scenario ------------------------------------------------------------------------------

// What `haul compare` computes: the plan and both breakevens (bisections over the plan).
void BM_CompareOneScenario(benchmark::State& state) {
  const Scenario& s = seed();
  for (auto _ : state) {
    Outcome outcome = evaluate(s, true);
    benchmark::DoNotOptimize(outcome);
  }
}
BENCHMARK(BM_CompareOneScenario);

// The same plus laying the result out as the terminal table (everything but reading the TOML and
// writing to stdout).
void BM_CompareRenderTable(benchmark::State& state) {
  const Scenario& s = seed();
  for (auto _ : state) {
    std::string text =
        render(report_compare(evaluate(s, true), units::ByteStyle::si), Format::table);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_CompareRenderTable);

// Reading the seed scenario's TOML and building validated inputs from it.
void BM_BuildSeedScenario(benchmark::State& state) {
  for (auto _ : state) {
    Scenario s = load_scenario(Base{Base::Kind::example, "seed", ""}, {}, builtin_catalog());
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_BuildSeedScenario);

// The plan alone, without the breakevens.
void BM_PlanDouble(benchmark::State& state) {
  const Inputs<double>& in = seed().in;
  for (auto _ : state) {
    Plan<double> p = plan_model(in);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_PlanDouble);

// ---- many scenarios: one at a time against one batch ------------------------------------------
// Both report items per second (one item = one scenario), so the per-scenario times compare
// directly. The batch is packed into columns once, outside the timed loop, as a sweep fills its
// columns from the grid.

void BM_PlanLoopDouble(benchmark::State& state, PlanParts parts) {
  const std::vector<Inputs<double>> rows =
      varied_scenarios(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    for (const auto& in : rows) {
      Plan<double> p = plan_model(in, parts);
      benchmark::DoNotOptimize(p);
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_CAPTURE(BM_PlanLoopDouble, all, PlanParts{})->Arg(4096);
BENCHMARK_CAPTURE(BM_PlanLoopDouble, network, PlanParts{1, false, false})->Arg(4096);
BENCHMARK_CAPTURE(BM_PlanLoopDouble, compute, PlanParts{0, true, false})->Arg(4096);

void BM_PlanBatchArray(benchmark::State& state, PlanParts parts) {
  const Inputs<num::Array> cols =
      as_columns(varied_scenarios(static_cast<std::size_t>(state.range(0))));
  for (auto _ : state) {
    Plan<num::Array> p = plan_model(cols, parts);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_CAPTURE(BM_PlanBatchArray, all, PlanParts{})->Arg(4096);
BENCHMARK_CAPTURE(BM_PlanBatchArray, network, PlanParts{1, false, false})->Arg(4096);
BENCHMARK_CAPTURE(BM_PlanBatchArray, compute, PlanParts{0, true, false})->Arg(4096);

// ---- sweeps ------------------------------------------------------------------------------------
// What `haul sweep FILE --format csv --yes -o /dev/null` does after reading the file: prepare the
// grid, check every row, evaluate and format it, here into a sink that only counts the bytes.
// state.range(0) is the number of worker threads (0: every core).

void BM_SweepCsv(benchmark::State& state, const char* file) {
  const Catalog& catalog = builtin_catalog();
  const SweepSpec spec = read_sweep_file(std::string(HAUL_BENCH_DIR) + "/" + file, catalog);
  std::uint64_t points = 0, bytes = 0;
  for (auto _ : state) {
    const Sweep sweep(spec, catalog);
    SweepOptions options;
    options.format = Format::csv;
    options.threads = static_cast<unsigned>(state.range(0));
    sweep.check_rows(options);
    std::uint64_t written = 0;
    sweep.run(options, [&written](std::string_view piece) { written += piece.size(); });
    points += sweep.points();
    bytes += written;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(points));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["points"] = static_cast<double>(points) / static_cast<double>(state.iterations());
  state.counters["csv_bytes"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_SweepCsv, 1e7, "sweep-1e7.toml")
    ->Arg(0)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(BM_SweepCsv, 1e6, "sweep-1e6.toml")
    ->Arg(0)
    ->Arg(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// ---- unit parsing ------------------------------------------------------------------------------

void BM_Parse(benchmark::State& state, double (*parse)(std::string_view), const char* text) {
  const std::string_view view = text;
  for (auto _ : state) {
    double value = parse(view);
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK_CAPTURE(BM_Parse, size, units::parse_size, "80 TB");
BENCHMARK_CAPTURE(BM_Parse, size_iec, units::parse_size, "72.8 TiB");
BENCHMARK_CAPTURE(BM_Parse, rate_bps, units::parse_rate_bps, "1 Gbps");
BENCHMARK_CAPTURE(BM_Parse, duration, units::parse_duration, "100 ms");
BENCHMARK_CAPTURE(BM_Parse, money, units::parse_money, "$1,200");
BENCHMARK_CAPTURE(BM_Parse, price_per_byte, units::parse_price_per_byte, "0.09 USD/GB");
BENCHMARK_CAPTURE(BM_Parse, flop_rate, units::parse_flop_rate, "989 TFLOPS");
BENCHMARK_CAPTURE(BM_Parse, count, units::parse_count, "7B");

}  // namespace

BENCHMARK_MAIN();
