// Sweeps (MODEL.md section 7): axes and ranges, row order, columns, pivots, shards, and the batch
// path agreeing with one-at-a-time evaluation.
#include "run/sweep.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/limits.hpp"
#include "run/columns.hpp"
#include "run/range.hpp"
#include "support.hpp"

using namespace haul;
using namespace haul::test;

namespace {


// An ideal link: time = 8 * bytes / bandwidth exactly.
const std::string kIdeal = R"(
[data]
files = 1
[network]
rtt = "0 s"
efficiency = 1
utilization = 1
)";

}  // namespace

TEST_CASE("a log range steps by equal ratios and keeps its ends exactly") {
  const SweepSpec spec = spec_of(kIdeal + R"(
[sweep]
network.bandwidth = { from = "10 Mbps", to = "100 Gbps", steps = 5, scale = "log" }
network.streams = { from = 1, to = 64, steps = 7, scale = "log" }
network.rtt = { from = "0 ms", to = "100 ms", steps = 3 }
)");
  REQUIRE(spec.axes.size() == 3);
  // 10 Mbps .. 100 Gbps in 5 steps: ratio (1e11 / 1e7)^(1/4) = 10 -> 1e7, 1e8, 1e9, 1e10, 1e11
  // bit/s
  const std::vector<std::string> rates = {"10000000 bps", "100000000 bps", "1000000000 bps",
                                          "10000000000 bps", "100000000000 bps"};
  REQUIRE(spec.axes[0].values.size() == 5);
  for (size_t i = 0; i < 5; ++i) {
    const double expected = 1e7 * std::pow(10.0, static_cast<double>(i));
    CHECK(units::parse_rate_bps(spec.axes[0].values[i].text) ==
          doctest::Approx(expected).epsilon(1e-12));
  }
  CHECK(spec.axes[0].values.front().text == rates.front());
  CHECK(spec.axes[0].values.back().text == rates.back());
  // 1 .. 64 in 7 log steps: 64^(i/6) = 2^i -> 1, 2, 4, 8, 16, 32, 64 streams
  REQUIRE(spec.axes[1].values.size() == 7);
  for (size_t i = 0; i < 7; ++i)
    CHECK(spec.axes[1].values[i].number == std::pow(2.0, static_cast<double>(i)));
  // 0 .. 100 ms in 3 linear steps: 0, 0.05, 0.1 s
  REQUIRE(spec.axes[2].values.size() == 3);
  CHECK(units::parse_duration(spec.axes[2].values[1].text) == doctest::Approx(0.05));
}

TEST_CASE("a range's values between its ends are the nearest numbers with 12 significant digits") {
  const SweepSpec spec = spec_of(kIdeal + R"(
[sweep]
network.bandwidth = { from = "1 Mbps", to = "100 Gbps", steps = 6, scale = "log" }
data.compression = { from = 1, to = 1000, steps = 4, scale = "log" }
network.rtt = { from = "1 s", to = "2 s", steps = 3, scale = "log" }
network.loss = { from = 0, to = 0.3, steps = 4 }
network.utilization = { from = 0.1, to = 0.4, steps = 4 }
)");
  REQUIRE(spec.axes.size() == 5);
  // 1 Mbps .. 100 Gbps in 6 log steps: ratio (1e11 / 1e6)^(1/5) = 10, so exactly 1e6 .. 1e11 bit/s
  // (lo * 10^(5 t) in doubles gives 999999999.9999998 and 10000000000.000006 on the way).
  const std::vector<std::string> rates = {"1000000 bps",    "10000000 bps",    "100000000 bps",
                                          "1000000000 bps", "10000000000 bps", "100000000000 bps"};
  const std::vector<double> bps = {1e6, 1e7, 1e8, 1e9, 1e10, 1e11};
  REQUIRE(spec.axes[0].values.size() == 6);
  for (size_t i = 0; i < 6; ++i) {
    CHECK(spec.axes[0].values[i].text == rates[i]);
    CHECK(units::parse_rate_bps(spec.axes[0].values[i].text) == bps[i]);
  }
  // 1 .. 1000 in 4 log steps: 1000^(i/3) = 1, 10, 100, 1000 (std::pow gives 9.999999999999998 and
  // 99.99999999999997 for the middle two).
  const std::vector<double> ratios = {1, 10, 100, 1000};
  REQUIRE(spec.axes[1].values.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(spec.axes[1].values[i].number == ratios[i]);
  // 1 s .. 2 s in 3 log steps: the middle is sqrt(2) = 1.4142135623731 s, to 12 significant
  // digits 1.41421356237 s
  REQUIRE(spec.axes[2].values.size() == 3);
  CHECK(spec.axes[2].values[1].text == "1.41421356237 s");
  // Linear: 0 .. 0.3 in 4 steps: 0, 0.1, 0.2, 0.3 (0.3 * (1/3) is 0.09999999999999999 in doubles)
  const std::vector<double> losses = {0, 0.1, 0.2, 0.3};
  REQUIRE(spec.axes[3].values.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(spec.axes[3].values[i].number == losses[i]);
  // 0.1 .. 0.4 in 4 linear steps: 0.1, 0.2, 0.3, 0.4 (0.1 + 0.3 * (2/3) is 0.30000000000000004 in
  // doubles, the 0.1 + 0.2 noise)
  const std::vector<double> shares = {0.1, 0.2, 0.3, 0.4};
  REQUIRE(spec.axes[4].values.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(spec.axes[4].values[i].number == shares[i]);
}

TEST_CASE("a log range's round values reach the CSV as written") {
  const std::string csv = run_to_string(spec_of(kIdeal + R"(
[sweep]
network.bandwidth = { from = "1 Mbps", to = "100 Gbps", steps = 6, scale = "log" }
[output]
columns = ["network.bandwidth"]
)"),
                                        Format::csv);
  // 1e6 .. 1e11 bit/s by factors of 10, whole numbers printed in full
  CHECK(csv ==
        "network.bandwidth_bps\r\n1000000\r\n10000000\r\n100000000\r\n1000000000\r\n"
        "10000000000\r\n100000000000\r\n");
}

TEST_CASE("rows come in row-major order of the axes as written, in base units") {
  const std::string csv = run_to_string(spec_of(kIdeal + R"(
[sweep]
data.size = ["1 TB", "2 TB"]
network.bandwidth = ["1 Gbps", "10 Gbps"]
[output]
columns = ["data.size", "network.bandwidth", "network.time_s", "network.limit"]
)"),
                                        Format::csv);
  // time = 8 * size / bandwidth: 8e12 / 1e9 = 8000 s, 8e12 / 1e10 = 800 s, 1.6e13 / 1e9 = 16000 s,
  // 1.6e13 / 1e10 = 1600 s. rtt = 0: no window limit, so the link binds.
  CHECK(csv ==
        "data.size_bytes,network.bandwidth_bps,network.time_s,network.limit\r\n"
        "1000000000000,1000000000,8000,link\r\n"
        "1000000000000,10000000000,800,link\r\n"
        "2000000000000,1000000000,16000,link\r\n"
        "2000000000000,10000000000,1600,link\r\n");
}

TEST_CASE("JSON Lines and Markdown rows") {
  const SweepSpec spec = spec_of(kIdeal + R"(
[sweep]
network.bandwidth = ["1 Gbps"]
network.congestion = ["reno", "bbr"]
[output]
columns = ["network.bandwidth", "network.congestion", "network.time_s"]
)");
  // 80 TB (the default size) at 1 Gbps: 8 * 8e13 / 1e9 = 640,000 s = 7.41 d
  CHECK(run_to_string(spec, Format::json) ==
        "{\"network.bandwidth_bps\": 1000000000, \"network.congestion\": \"reno\", "
        "\"network.time_s\": 640000}\n"
        "{\"network.bandwidth_bps\": 1000000000, \"network.congestion\": \"bbr\", "
        "\"network.time_s\": 640000}\n");
  CHECK(run_to_string(spec, Format::md) ==
        "| network.bandwidth | network.congestion | network.time |\n"
        "| :--- | :--- | ---: |\n"
        "| 1 Gbps | reno | 7.41 d |\n"
        "| 1 Gbps | bbr | 7.41 d |\n");
}

TEST_CASE("a pivot prints a matrix") {
  const SweepSpec spec = spec_of(kIdeal + R"(
[sweep]
data.size = ["1 TB", "10 TB"]
network.bandwidth = ["1 Gbps", "10 Gbps"]
[output]
pivot = { rows = "data.size", columns = "network.bandwidth", value = "network.time_s" }
)");
  // 8e12 B * 8 / 1e9 = 8000 s; / 1e10 = 800 s; 10 TB: 80000 s and 8000 s. The corner names what
  // the cells hold and both headers, each with its unit.
  CHECK(run_to_string(spec, Format::csv) ==
        "network.time_s by data.size_bytes \\ network.bandwidth_bps,1000000000,10000000000\r\n"
        "1000000000000,8000,800\r\n"
        "10000000000000,80000,8000\r\n");
  // JSON: one object naming the value with its unit, the axes' values in base units (bytes,
  // bit/s), and the same cells.
  CHECK(run_to_string(spec, Format::json) ==
        "{\"name\": \"\",\n"
        " \"pivot\": {\"rows\": \"data.size\", \"columns\": \"network.bandwidth\", "
        "\"value\": \"network.time_s\",\n"
        "  \"row_values\": [1000000000000, 10000000000000],\n"
        "  \"column_values\": [1000000000, 10000000000],\n"
        "  \"cells\": [\n"
        "    [8000, 800],\n"
        "    [80000, 8000]]}}\n");
  const std::string table = run_to_string(spec, Format::md);
  CHECK(contains(table, "| 1 TB | 2.22 h | 13.3 min |"));  // 8000 s = 2.22 h, 800 s = 13.3 min
  CHECK(contains(table, "| 10 TB | 22.2 h | 2.22 h |"));   // 80000 s = 22.2 h
}

TEST_CASE("a pivot of a scenario key names the value with the key's unit") {
  const SweepSpec spec = spec_of(R"(
[sweep]
data.size = ["1 TB"]
network.bandwidth = ["1 Gbps", "10 Gbps"]
[output]
pivot = { rows = "data.size", columns = "network.bandwidth", value = "network.window" }
)");
  // network.window is a size (default 4 MiB = 4 * 2^20 = 4194304 bytes): network.window_bytes.
  CHECK(
      run_to_string(spec, Format::csv) ==
      "network.window_bytes by data.size_bytes \\ network.bandwidth_bps,1000000000,10000000000\r\n"
      "1000000000000,4194304,4194304\r\n");
  CHECK(contains(run_to_string(spec, Format::json), "\"value\": \"network.window_bytes\""));
}

TEST_CASE("sizes of 10^16 bytes and more print in full in CSV and JSON") {
  const SweepSpec spec = spec_of(kIdeal + R"(
[sweep]
data.size = ["10 PB", "150 EB"]
[output]
columns = ["data.size"]
)");
  // 10 PB = 10 * 10^15 = 10^16 bytes; 150 EB = 150 * 10^18 = 1.5 * 10^20 bytes
  CHECK(run_to_string(spec, Format::csv) ==
        "data.size_bytes\r\n10000000000000000\r\n150000000000000000000\r\n");
  CHECK(run_to_string(spec, Format::json) ==
        "{\"data.size_bytes\": 10000000000000000}\n{\"data.size_bytes\": 150000000000000000000}\n");
}

TEST_CASE("the outputs of N shards, concatenated in order, equal the whole") {
  const SweepSpec spec = spec_of(R"(
[sweep]
network.bandwidth = { from = "1 Mbps", to = "10 Gbps", steps = 7, scale = "log" }
network.loss = [0, 1e-5, 1e-3, 0.02, 0.04]
network.congestion = ["reno", "cubic", "bbr"]
[output]
columns = ["network.bandwidth", "network.loss", "network.congestion", "network.time_s", "winner.time", "ship.time_s"]
)");
  for (const Format format : {Format::csv, Format::json, Format::md}) {
    const std::string whole = run_to_string(spec, format, 0, 1, 8, 2);
    for (const std::uint64_t shards : {2u, 3u, 4u, 105u, 200u}) {
      std::string joined;
      for (std::uint64_t k = 0; k < shards; ++k)
        joined += run_to_string(spec, format, k, shards, 8, 2);
      CHECK(joined == whole);
    }
  }
}

TEST_CASE("a sweep evaluated in batch equals one scenario at a time, row by row") {
  // 6 x 4 x 3 x 3 x 4 x 3 x 2 = 5184 rows over every model: presets, layouts, couriers, jobs.
  const SweepSpec spec = spec_of(R"(
[compute]
params = 7e9
tokens = 1e12
billing = "at-start"
[sweep]
data.size = ["500 GB", "3 TB", "20 TB", "80 TB", "300 TB", "2 PB"]
network.bandwidth = ["50 Mbps", "1 Gbps", "10 Gbps", "40 Gbps"]
network.loss = [0, "0.01%", "1%"]
network.congestion = ["reno", "cubic", "bbr"]
ship.drive = ["hdd-24tb", "portable-hdd-2tb", "sata-ssd-8tb", "nvme-4tb"]
ship.redundancy = ["none", "2x", "8+2"]
ship.couriers = [0, 3]
[output]
columns = ["network.time_s", "network.rate_bps", "ship.time_s", "ship.drives", "ship.trips",
           "ship.cost_usd", "ship.p_data_loss", "compute.train_time_s", "plan.network.total_cost_usd",
           "plan.ship.time_to_model_s", "plan.ship.idle_usd", "winner.time", "winner.cost"]
)");
  const std::string csv = run_to_string(spec, Format::csv, 0, 1, 1000, 2);
  const std::vector<std::string> lines = split(csv, '\n');
  REQUIRE(lines.size() == 5185);
  std::vector<size_t> index(spec.axes.size(), 0);
  size_t checked = 0;
  for (size_t row = 0; row < 5184; ++row) {
    std::vector<Assignment> assignments = spec.base;
    for (size_t a = 0; a < spec.axes.size(); ++a)
      assignments.push_back({spec.axes[a].key, spec.axes[a].values[index[a]], "test"});
    const Scenario s = build_scenario(assignments, builtin_catalog());
    const Plan<double> p = plan_model(s.in);
    const std::vector<double> expected = {p.routes[0].network.time_s,
                                          8 * p.routes[0].network.rate_Bps,
                                          p.routes[1].ship.time_s,
                                          p.routes[1].ship.drives,
                                          p.routes[1].ship.trips,
                                          p.routes[1].ship.cost_usd,
                                          p.routes[1].ship.p_data_loss,
                                          p.compute.train_time_s,
                                          p.routes[0].plan.total_cost_usd,
                                          p.routes[1].plan.time_to_model_s,
                                          p.routes[1].plan.idle_usd};
    std::string line = lines[row + 1];
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> cells = split(line, ',');
    REQUIRE(cells.size() == 13);
    for (size_t c = 0; c < expected.size(); ++c) {
      double got = 0;
      std::from_chars(cells[c].data(), cells[c].data() + cells[c].size(), got);
      // Shortest round-trip text: the batch value must be the very same double.
      if (got != expected[c]) {
        CHECK_MESSAGE(got == doctest::Approx(expected[c]).epsilon(1e-12), "row ", row + 1,
                      " column ", c);
      }
      ++checked;
    }
    CHECK(cells[11] == (p.winner_time > 0 ? "ship" : "network"));
    CHECK(cells[12] == (p.winner_cost > 0 ? "ship" : "network"));
    for (size_t a = spec.axes.size(); a-- > 0;) {  // next row: the last axis fastest
      if (++index[a] < spec.axes[a].values.size()) break;
      index[a] = 0;
    }
  }
  CHECK(checked == 5184 * 11);
}

TEST_CASE("a result of the same name as a key shows the result") {
  // 80 TB on 24 TB drives, drives = auto: ceil(80 / 24) = 4 drives used.
  const std::string csv = run_to_string(spec_of(R"(
[sweep]
ship.couriers = [1]
[output]
columns = ["ship.drives"]
)"),
                                        Format::csv);
  CHECK(csv == "ship.drives\r\n4\r\n");
}

TEST_CASE("malformed sweeps fail before any output, naming the key") {
  CHECK(contains(error_of("[sweep]\nnetwork.bandwith = [\"1 Gbps\"]\n"),
                 "did you mean network.bandwidth"));
  CHECK(contains(error_of("[sweep]\nnetwork.rtt = []\n"), "empty list"));
  CHECK(contains(error_of("[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"9 ms\", steps = 1 }\n"),
                 "sweep.network.rtt.steps"));
  CHECK(contains(
      error_of("[sweep]\nnetwork.loss = { from = 0, to = 0.1, steps = 3, scale = \"log\" }\n"),
      "log range"));
  CHECK(contains(
      error_of("[sweep]\nnetwork.bandwidth = { from = \"10 Mbps\", to = \"1 TB\", steps = 3 }\n"),
      "sweep.network.bandwidth"));
  CHECK(contains(
      error_of("[sweep]\nnetwork.bandwidth = { from = \"10 Mbps\", to = \"1 TB\", steps = 3 }\n"),
      "not a rate"));
  CHECK(contains(error_of("[sweep]\nnetwork.congestion = { from = 1, to = 2, steps = 2 }\n"),
                 "numeric key"));
  CHECK(contains(error_of("[sweep]\nnetwork.rtt = \"1 ms\"\n"), "a list of values or a range"));
  CHECK(contains(error_of("[sweep]\nnetwork.rtt = [\"1 ms\", \"1 mss\"]\n"), "network.rtt"));
  CHECK(contains(
      error_of("[sweep]\nnetwork.rtt = [\"1 ms\"]\n[output]\ncolumns = [\"network.tme_s\"]\n"),
      "did you mean network.time_s"));
  CHECK(contains(error_of("[sweep]\nnetwork.rtt = [\"1 ms\"]\n[output]\nformat = \"csv\"\n"),
                 "output.format"));
  CHECK(contains(
      error_of("[sweep]\nnetwork.rtt = [\"1 ms\"]\n[output]\npivot = { rows = \"data.size\", "
               "columns = \"network.rtt\", value = \"network.time_s\" }\n"),
      "not a swept key"));
  CHECK(contains(error_of("name = \"x\"\n"), "[sweep]"));
  // A size that 60 drives of 2 TB cannot hold: found before anything is written.
  const std::string drives = error_of(
      "[ship]\ndrive = \"portable-hdd-2tb\"\ndrives = 60\n[sweep]\ndata.size = [\"80 TB\", \"100 "
      "TB\", \"200 TB\"]\n");
  CHECK(contains(drives, "row 3 of the sweep (data.size = \"200 TB\")"));
  CHECK(contains(drives, "ship.drives"));
  CHECK(contains(drives, "needs 100"));  // 200 TB / 2 TB = 100 drives
  // Only one combination fails (200 TB on 60 drives): rows run 80/60, 80/120, 200/120, 200/60.
  const std::string combination = error_of(
      "[ship]\ndrive = \"portable-hdd-2tb\"\n[sweep]\ndata.size = [\"80 TB\", \"200 TB\"]\n"
      "ship.drives = [120, 60]\n");
  CHECK(contains(combination, "row 4 of the sweep (data.size = \"200 TB\", ship.drives = 60)"));
  CHECK(contains(combination, "needs 100"));
}

namespace {

// A range's values by stepping through every one of its steps (what the sweep did before ranges
// were sized): the reference for the search over runs of repeats.
std::vector<double> every_step(const Range& r) {
  std::vector<double> out;
  for (std::int64_t i = 0; i < r.steps; ++i) {
    double x = range_step(r, i);
    if (r.whole) x = std::round(x);
    if (out.empty() || out.back() != x) out.push_back(x);
  }
  return out;
}

std::vector<double> whole_numbers(double from, double to) {
  std::vector<double> out;
  for (double x = from; from <= to ? x <= to : x >= to; x += from <= to ? 1 : -1) out.push_back(x);
  return out;
}

// A sweep file with many axis values: name = [1, 1, ...] (n items).
std::string list_of(const std::string& key, std::size_t n) {
  std::string text = "[sweep]\n" + key + " = [";
  for (std::size_t i = 0; i < n; ++i) text += i ? ",1" : "1";
  return text + "]\n";
}

}  // namespace

TEST_CASE("a range is sized from its ends before any value is made") {
  // Steps of a real key: as many values as steps, however many that is.
  CHECK(range_size(Range{1e-3, 1.0, INT64_MAX, false, false}) == 9223372036854775807ull);
  // An integer key: no more than the whole numbers between the ends, |3 - 1| + 1 = 3, and
  // |0 - 10| + 1 = 11 going down.
  CHECK(range_size(Range{1, 3, 10000000000, false, true}) == 3);
  CHECK(range_size(Range{10, 0, 10000000000, false, true}) == 11);
  CHECK(range_size(Range{1, 3, 2, false, true}) == 2);  // fewer steps than whole numbers
  // 1 to 3 in 10^10 steps: each step is 2 / (10^10 - 1), so every whole number 1, 2, 3 comes up.
  CHECK(range_numbers(Range{1, 3, 10000000000, false, true}) == std::vector<double>{1, 2, 3});
  // 10 down to 0 in 10^12 steps, and 1 to 1000 in 2^63 - 1 log steps (at the top a step is
  // 1000 * ln(1000) / 9.2e18, far below 1): every whole number between the ends, in order.
  CHECK(range_numbers(Range{10, 0, 1000000000000, false, true}) == whole_numbers(10, 0));
  CHECK(range_numbers(Range{1, 1000, INT64_MAX, true, true}) == whole_numbers(1, 1000));
  // 0 to 10 in 1001 linear steps of 0.01: the 11 whole numbers, as stepping through gives.
  CHECK(range_numbers(Range{0, 10, 1001, false, true}) == whole_numbers(0, 10));
  // Where a log range's steps spread wider than 1 (1 to 10^4 in 500 steps: a step is 1.86 % of
  // the value, over 1 from about 54 on), some whole numbers are skipped: the search skips the same
  // ones as stepping through every step.
  for (const Range r : {Range{1, 10000, 500, true, true}, Range{1, 100, 200, true, true},
                        Range{7, 3000, 5000, true, true}, Range{5000, 2, 7919, true, true},
                        Range{-40, 77, 1000, false, true}, Range{0, 3, 7, false, true}}) {
    const std::vector<double> values = range_numbers(r);
    CHECK(values == every_step(r));
    CHECK(values.size() <= range_size(r));
  }
}

TEST_CASE("ranges, lists and grids over their limits are refused before their values are made") {
  // 2^63 - 1 and 10^7 steps: over 100,000 values on an axis, refused without making one.
  const std::string huge = error_of(
      "[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"1 s\", steps = "
      "9223372036854775807 }\n");
  CHECK(contains(huge, "s.toml:2:52: sweep.network.rtt.steps: 9223372036854775807"));
  CHECK(contains(huge, "over the limit of 100,000 values on an axis"));
  CHECK(contains(
      error_of("[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"1 s\", steps = 10000000 }\n"),
      "sweep.network.rtt.steps: 10000000 is over the limit of 100,000"));
  // An integer key: 1 to 3 in 10^10 steps is the 3 whole numbers, 3 rows.
  const std::string three = run_to_string(
      spec_of("[sweep]\nnetwork.streams = { from = 1, to = 3, steps = 1e10 }\n[output]\ncolumns "
              "= [\"network.streams\"]\n"),
      Format::csv);
  CHECK(three == "network.streams\r\n1\r\n2\r\n3\r\n");
  // 1 to 10^6 has 1,000,000 whole numbers: over the limit whatever the steps.
  CHECK(contains(error_of("[sweep]\nnetwork.streams = { from = 1, to = 1000000, steps = 1e10 }\n"),
                 "(1,000,000 whole numbers from 1 to 1,000,000) is over the limit of 100,000"));
  // A list of 100,001 items, refused before the items are copied; 100,000 is the limit itself.
  CHECK(contains(error_of(list_of("network.streams", 100001)),
                 "sweep.network.streams: a list of 100,001 values, over the limit of 100,000"));
  // The grid: 100,000 x 100,000 = 10^10 points, over 10^9 even with --yes, refused at the second
  // axis before its values are made; 1,000 x 1,000 x 1,000 = 10^9 is the limit itself, and one
  // more axis of 2 values makes it 2 * 10^9.
  CHECK(contains(error_of("[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"1 s\", steps = 100000 "
                          "}\nnetwork.loss = { from = 0, to = 0.01, steps = 100000 }\n"),
                 "the grid has 10,000,000,000 points, over the limit of 1,000,000,000"));
  const std::string cube =
      "[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"1 s\", steps = 1000 }\nnetwork.loss = { "
      "from = 0, to = 0.01, steps = 1000 }\nnetwork.streams = { from = 1, to = 1000, steps = 1000 "
      "}\n";
  CHECK(Sweep(spec_of(cube), builtin_catalog()).points() == 1000000000);
  CHECK(contains(error_of(cube + "data.files = [1, 2]\n"),
                 "the grid has 2,000,000,000 points, over the limit of 1,000,000,000"));
  // A pivot is laid out whole: 1,001 x 1,000 = 1,001,000 cells, over 1,000,000.
  CHECK(contains(
      error_of("[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"1 s\", steps = 1001 }\n"
               "network.loss = { from = 0, to = 0.01, steps = 1000 }\n[output]\npivot = { rows = "
               "\"network.rtt\", columns = \"network.loss\", value = \"network.time_s\" }\n"),
      "output.pivot: a pivot of 1,001,000 cells, over the limit of 1,000,000"));
  // Drives are checked row by row with the other cross-field checks: 1000 EB on 24 TB drives needs
  // ceil(1e21 / 24e12) = 41,666,667 drives, over 10^7.
  const std::string drives = error_of("[sweep]\ndata.size = [\"1 TB\", \"1000 EB\"]\n");
  CHECK(contains(drives, "row 2 of the sweep (data.size = \"1000 EB\"): "));
  CHECK(contains(drives, "ship.capacity: drives of 24 TB need 41,666,667 drives"));
  // 201 columns, over 200.
  std::string columns = "[sweep]\nnetwork.rtt = [\"1 ms\"]\n[output]\ncolumns = [";
  for (int i = 0; i < 201; ++i) columns += i ? ", \"network.time_s\"" : "\"network.time_s\"";
  CHECK(contains(error_of(columns + "]\n"), "output.columns: 201 columns, over the limit of 200"));
}

TEST_CASE("a sweep counts its breakeven columns, and a range of one repeated value is one row") {
  const std::string text =
      "[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"1 s\", steps = 1000 }\n"
      "network.loss = { from = 0, to = 0.01, steps = 1000 }\n[output]\ncolumns = "
      "[\"network.rtt\", \"breakeven.size_bytes\", \"breakeven.bandwidth_bps\"]\n";
  const Sweep sweep(spec_of(text), builtin_catalog());
  CHECK(sweep.points() == 1000000);
  CHECK(sweep.breakeven_columns() == 2);
  // A range that is all repeats of one whole number: 5 to 5 in 2^63 - 1 steps is one row.
  CHECK(Sweep(spec_of("[sweep]\nnetwork.streams = { from = 5, to = 5, steps = "
                      "9223372036854775807 }\n"),
              builtin_catalog())
            .points() == 1);
}

TEST_CASE("more threads than chunks, or than the limit, give the same rows") {
  const SweepSpec spec = spec_of(
      "[sweep]\nnetwork.rtt = { from = \"1 ms\", to = \"1 s\", steps = 30 }\n"
      "network.loss = [0, 0.001]\n");
  const std::string one = run_to_string(spec, Format::csv, 0, 1, 7, 1);
  CHECK(run_to_string(spec, Format::csv, 0, 1, 7, 3) == one);
  // 60 rows in chunks of 7 are 9 chunks: 9 workers at most, whatever is asked.
  CHECK(run_to_string(spec, Format::csv, 0, 1, 7, limits::kThreads * 4) == one);
}
