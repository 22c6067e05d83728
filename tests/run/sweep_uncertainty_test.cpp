// Sweeps under uncertainty (MODEL.md sections 7 and 11): uncertainty.* columns are each row's
// Monte Carlo spread, the same as monte_carlo() run on that row's scenario alone, with the same
// seed in every row; the output is the same bytes on any number of threads, chunks or shards; a
// sweep without such columns is unchanged by them; the columns of a route not compared, and
// Monte Carlo work over the budget without --yes, are refused.
//
// The uncertainty comes from the ship route's events (ship.drive_loss, ship.hold_probability and
// ship.hold), which are plain keys: no distribution is needed.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "input/error.hpp"
#include "input/units.hpp"
#include "plan/uncertainty.hpp"
#include "run/sweep.hpp"
#include "support.hpp"

using namespace haul;
using namespace haul::test;

namespace {

std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> lines = split(csv, '\n');
  for (auto& line : lines)
    if (!line.empty() && line.back() == '\r') line.pop_back();
  return lines;
}

double number_of(const std::string& cell) {
  double x = std::numeric_limits<double>::quiet_NaN();
  std::from_chars(cell.data(), cell.data() + cell.size(), x);
  return x;
}

// 80 TB to 8 GPUs: over a link, or on drives carried by 4 couriers, each drive lost in transit
// with drive_loss (its data then goes over the link), each trip held at customs for 72 h with
// hold_probability.
const std::string kScenario = R"(
[data]
size = "80 TB"
[network]
bandwidth = "10 Gbps"
rtt = "40 ms"
[ship]
couriers = 4
drive_loss = 0.002
hold_probability = 0.05
hold = "72 h"
on_loss = "network"
[compute]
params = 7e9
tokens = 2e11
gpus = 8
)";

// 2 x 2 x 2 = 8 rows, among them rows with no event at all (drive_loss 0, hold_probability 0).
const std::string kAxes = R"(
[sweep]
network.bandwidth = ["2 Gbps", "20 Gbps"]
ship.drive_loss = [0, 0.02]
ship.hold_probability = [0, 0.3]
)";

const std::vector<std::string> kSpreadColumns = {
    "uncertainty.routes.ship.arrival_s.mean",
    "uncertainty.routes.ship.arrival_s.p10",
    "uncertainty.routes.ship.arrival_s.p50",
    "uncertainty.routes.ship.arrival_s.p90",
    "uncertainty.routes.ship.time_to_model_s.mean",
    "uncertainty.routes.ship.time_to_model_s.p10",
    "uncertainty.routes.ship.time_to_model_s.p50",
    "uncertainty.routes.ship.time_to_model_s.p90",
    "uncertainty.routes.ship.total_cost_usd.mean",
    "uncertainty.routes.ship.total_cost_usd.p10",
    "uncertainty.routes.ship.total_cost_usd.p50",
    "uncertainty.routes.ship.total_cost_usd.p90",
    "uncertainty.routes.ship.p_fail",
    "uncertainty.routes.ship.p_loss",
    "uncertainty.routes.ship.p_held",
    "uncertainty.routes.network.time_to_model_s.p50",
    "uncertainty.routes.network.p_held",
    "uncertainty.p_win_time.network",
    "uncertainty.p_win_time.ship",
    "uncertainty.p_win_cost.network",
    "uncertainty.p_win_cost.ship",
    "uncertainty.p_no_winner",
};

// The same numbers read from a Spread computed here.
std::vector<double> spread_cells(const Spread& s) {
  const RouteSpread& ship = s.routes[1];
  const RouteSpread& net = s.routes[0];
  std::vector<double> out;
  for (const Quantiles* q : {&ship.arrival_s, &ship.time_to_model_s, &ship.total_cost_usd})
    for (const double x : {q->mean, q->p10, q->p50, q->p90}) out.push_back(x);
  for (const double x :
       {ship.p_fail, ship.p_loss, ship.p_held, net.time_to_model_s.p50, net.p_held, s.p_win_time[0],
        s.p_win_time[1], s.p_win_cost[0], s.p_win_cost[1], s.p_no_winner})
    out.push_back(x);
  return out;
}

std::string columns_line(const std::vector<std::string>& columns) {
  std::string s = "columns = [";
  for (std::size_t i = 0; i < columns.size(); ++i) s += (i ? ", \"" : "\"") + columns[i] + "\"";
  return s + "]\n";
}

SweepSpec spread_spec() {
  std::vector<std::string> columns = {"network.bandwidth", "ship.drive_loss",
                                      "ship.hold_probability", "ship.trips"};
  columns.insert(columns.end(), kSpreadColumns.begin(), kSpreadColumns.end());
  return spec_of(kScenario + kAxes + "[output]\n" + columns_line(columns));
}

}  // namespace

TEST_CASE("a sweep's uncertainty columns equal monte_carlo on each row's scenario alone") {
  const SweepSpec spec = spread_spec();
  const std::size_t rows = 8, first_spread = 4;
  // Chunks of 3 rows: chunk edges fall inside the axes' runs.
  const std::vector<std::string> lines = lines_of(run_to_string(spec, Format::csv, 0, 1, 3, 2));
  REQUIRE(lines.size() == rows + 1);
  const std::vector<std::string> header = split(lines[0], ',');
  REQUIRE(header.size() == first_spread + kSpreadColumns.size());
  for (std::size_t c = 0; c < kSpreadColumns.size(); ++c)
    CHECK(header[first_spread + c] == kSpreadColumns[c]);

  std::vector<std::size_t> index(spec.axes.size(), 0);
  std::uint64_t samples = 0;
  double held_min = 1, held_max = 0, loss_max = 0;
  for (std::size_t row = 0; row < rows; ++row, next_row(spec, index)) {
    const Scenario s = row_scenario(spec, index);
    REQUIRE(s.routes.size() == 2);
    samples = s.uncertainty.samples;
    const Spread expected = monte_carlo(s.in, s.uncertainty, 1);
    const std::vector<double> want = spread_cells(expected);
    const std::vector<std::string> cells = split(lines[row + 1], ',');
    REQUIRE(cells.size() == header.size());
    for (std::size_t c = 0; c < want.size(); ++c) {
      const std::string& cell = cells[first_spread + c];
      if (std::isnan(want[c])) {
        CHECK_MESSAGE(cell.empty(), "row ", row + 1, " ", kSpreadColumns[c]);
        continue;
      }
      // The shortest text that reads back as the same double.
      CHECK_MESSAGE(number_of(cell) == want[c], "row ", row + 1, " ", kSpreadColumns[c], ": ",
                    cell);
    }

    // And against what the events must do, worked out from the row's own plan.
    const Plan<double> point = plan_model(s.in);
    const double trips = number_of(cells[3]);
    CHECK(trips == point.routes[1].ship.trips);
    const double q = s.in.ship.hold_probability;
    const RouteSpread& ship = expected.routes[1];
    if (q == 0 && s.in.ship.drive_loss == 0) {
      // Nothing to draw: every sample is the point plan.
      CHECK(ship.time_to_model_s.p10 == point.routes[1].plan.time_to_model_s);
      CHECK(ship.time_to_model_s.p90 == point.routes[1].plan.time_to_model_s);
      CHECK(ship.p_held == 0);
      CHECK(ship.p_loss == 0);
    }
    if (q > 0) {
      // A sample is held when any of its trips is: 1 - (1 - q)^trips. Its standard error at
      // n samples is sqrt(p (1 - p) / n), at most 0.5 / sqrt(n): 0.005 at 10^4, three of them
      // 0.015.
      const double p_held = 1 - std::pow(1 - q, trips);
      CHECK(std::fabs(ship.p_held - p_held) <= 1.5 / std::sqrt(double(samples)));
    } else {
      CHECK(ship.p_held == 0);
    }
    // The network route draws nothing: its spread is its plan.
    CHECK(expected.routes[0].time_to_model_s.p50 == point.routes[0].plan.time_to_model_s);
    CHECK(expected.p_win_time[0] + expected.p_win_time[1] + expected.p_no_winner ==
          doctest::Approx(1.0).epsilon(1e-15));
    held_min = std::min(held_min, ship.p_held);
    held_max = std::max(held_max, ship.p_held);
    loss_max = std::max(loss_max, ship.p_loss);
  }
  // The grid is not degenerate: some rows hold trips and lose drives, some do not.
  CHECK(held_min == 0);
  CHECK(held_max > 0.25);
  CHECK(loss_max > 0);
}

TEST_CASE("a sweep's uncertainty columns are the same bytes on any threads, chunks and shards") {
  // 4 rows (each of 10^4 samples, about 10 ms): the events on and off.
  std::vector<std::string> columns = {"ship.drive_loss", "ship.hold_probability"};
  columns.insert(columns.end(), kSpreadColumns.begin(), kSpreadColumns.end());
  const SweepSpec spec = spec_of(kScenario + R"(
[sweep]
ship.drive_loss = [0, 0.02]
ship.hold_probability = [0, 0.3]
[output]
)" + columns_line(columns));
  for (const Format format : {Format::csv, Format::json, Format::md}) {
    const std::string whole = run_to_string(spec, format, 0, 1, 4096, 1);
    CHECK(run_to_string(spec, format, 0, 1, 1, 2) == whole);
    // Shards, concatenated in order, are the whole; more shards than rows leave some empty.
    for (const std::uint64_t shards : {3u, 5u}) {
      if (format != Format::csv && shards == 5) continue;
      std::string joined;
      for (std::uint64_t k = 0; k < shards; ++k)
        joined += run_to_string(spec, format, k, shards, 2, 2);
      CHECK_MESSAGE(joined == whole, shards, " shards");
    }
  }
  // The terminal table runs each row's Monte Carlo on the threads it is given.
  CHECK(run_to_string(spec, Format::table, 0, 1, 4096, 1) ==
        run_to_string(spec, Format::table, 0, 1, 4096, 2));
}

TEST_CASE("uncertainty columns change nothing else, and a sweep without them draws nothing") {
  const std::vector<std::string> plain = {"network.bandwidth", "ship.drive_loss",
                                          "ship.time_s",       "plan.ship.time_to_model_s",
                                          "winner.time",       "ship.p_data_loss"};
  const SweepSpec without = spec_of(kScenario + kAxes + "[output]\n" + columns_line(plain));
  std::vector<std::string> mixed = plain;
  mixed.insert(mixed.begin() + 3, "uncertainty.routes.ship.time_to_model_s.p90");
  mixed.push_back("uncertainty.p_win_time.ship");
  const SweepSpec with = spec_of(kScenario + kAxes + "[output]\n" + columns_line(mixed));
  CHECK(Sweep(without, builtin_catalog()).row_samples() == 0);
  CHECK(Sweep(with, builtin_catalog()).row_samples() > 0);
  const std::vector<std::string> a = lines_of(run_to_string(without, Format::csv));
  const std::vector<std::string> b = lines_of(run_to_string(with, Format::csv));
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::vector<std::string> cells = split(b[i], ',');
    REQUIRE(cells.size() == 8);
    cells.erase(cells.begin() + 7);
    cells.erase(cells.begin() + 3);
    std::string joined;
    for (std::size_t c = 0; c < cells.size(); ++c) joined += (c ? "," : "") + cells[c];
    CHECK(joined == a[i]);
  }
}

TEST_CASE("uncertainty columns are shown as durations, money and shares") {
  const SweepSpec spec = spec_of(kScenario + R"(
[sweep]
ship.hold_probability = [0, 1]
[output]
columns = ["ship.hold_probability", "uncertainty.routes.ship.arrival_s.p50",
           "plan.ship.arrival_s", "uncertainty.routes.ship.total_cost_usd.mean",
           "uncertainty.routes.ship.p_held", "uncertainty.p_win_time.ship"]
)");
  const std::vector<std::string> csv = lines_of(run_to_string(spec, Format::csv));
  REQUIRE(csv.size() == 3);
  for (std::size_t row = 1; row <= 2; ++row) {
    std::vector<Assignment> as = spec.base;
    as.push_back({"ship.hold_probability", spec.axes[0].values[row - 1], "test"});
    const Plan<double> p = plan_model(build_scenario(as, builtin_catalog()).in);
    // Every trip held for 72 h (hold_probability 1), the holds adding up: the median arrival is
    // the plan's plus 72 h a trip (the drives lost in a few samples do not move the median).
    const double held = row == 2 ? 72 * 3600.0 * p.routes[1].ship.trips : 0.0;
    const std::vector<std::string> cells = split(csv[row], ',');
    CHECK(number_of(cells[1]) == doctest::Approx(number_of(cells[2]) + held).epsilon(1e-12));
    CHECK(number_of(cells[4]) == (row == 2 ? 1.0 : 0.0));
  }
  // For people: durations, money and percentages, as the units show them everywhere.
  std::vector<std::string> md_rows;
  for (const std::string& line : split(run_to_string(spec, Format::md), '\n'))
    if (line.rfind("| ", 0) == 0) md_rows.push_back(line);
  REQUIRE(md_rows.size() == 4);  // the header, its rule and two rows
  const std::vector<std::string> human = split(md_rows[3], '|');
  const std::vector<std::string> raw = split(csv[2], ',');
  REQUIRE(human.size() == 7);
  CHECK(human[2] == " " + units::format_duration(number_of(raw[1])) + " ");
  CHECK(human[4] == " " + units::format_money(number_of(raw[3])) + " ");
  CHECK(human[5] == " 100% ");
}

TEST_CASE("uncertainty columns of a route not compared, or unknown, are refused by name") {
  auto error_with = [](const std::string& column) {
    return error_of(kScenario + kAxes + "[output]\ncolumns = [\"" + column + "\"]\n");
  };
  const std::string leased = error_with("uncertainty.routes.leased.time_to_model_s.p90");
  CHECK(contains(leased, "output.columns"));
  CHECK(contains(leased, "no route named \"leased\" is compared (the routes: network, ship"));
  CHECK(contains(error_with("uncertainty.p_win_cost.leased"), "no route named \"leased\""));
  CHECK(contains(error_with("uncertainty.routes.ship.time_to_model_s.p95"),
                 "did you mean uncertainty.routes.ship.time_to_model_s.p90"));
  CHECK(contains(error_with("uncertainty.p_no_winer"), "did you mean uncertainty.p_no_winner"));
  CHECK(error_with("uncertainty.p_no_winner").empty());
}

TEST_CASE("uncertainty columns over 10^8 sample plans need --yes") {
  // 101 x 100 = 10,100 rows of 10^4 samples: 1.01 x 10^8 sample plans, just over the budget.
  const SweepSpec spec = spec_of(kScenario + R"(
[sweep]
network.bandwidth = { from = "1 Gbps", to = "100 Gbps", steps = 101 }
network.rtt = { from = "1 ms", to = "300 ms", steps = 100 }
[output]
columns = ["uncertainty.routes.ship.time_to_model_s.p90"]
)");
  const Sweep sweep(spec, builtin_catalog());
  REQUIRE(sweep.row_samples() == 10000);
  SweepOptions o;
  std::string message;
  try {
    sweep.check_rows(o);
  } catch (const InputError& e) {
    message = e.what();
  }
  CHECK(message.rfind("[uncertainty] samples: 10,000 samples in each of 10,100 rows", 0) == 0);
  CHECK(contains(message, "(add --yes to evaluate them)"));
  CHECK(message.find('\n') == std::string::npos);
  o.yes = true;
  CHECK_NOTHROW(sweep.check_rows(o));
  // 100 x 100 = 10,000 rows are 10^8 sample plans: at the budget, not over it.
  const SweepSpec under = spec_of(kScenario + R"(
[sweep]
network.bandwidth = { from = "1 Gbps", to = "100 Gbps", steps = 100 }
network.rtt = { from = "1 ms", to = "300 ms", steps = 100 }
[output]
columns = ["uncertainty.p_win_time.ship"]
)");
  CHECK_NOTHROW(Sweep(under, builtin_catalog()).check_rows(SweepOptions{}));
}
