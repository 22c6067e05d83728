// Sweeps over named routes (MODEL.md sections 7 and 10): axes over route keys and the keys routes
// inherit, result columns routes.NAME.*, winners naming routes, default columns, shards and
// threads, and the errors that name a route, a column or a row.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "input/error.hpp"
#include "support.hpp"
#include "run/sweep.hpp"

using namespace haul;
using namespace haul::test;

namespace {


// CSV lines without their \r.
std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> lines = split(csv, '\n');
  for (auto& line : lines)
    if (!line.empty() && line.back() == '\r') line.pop_back();
  return lines;
}

// 100 TB to 256 rented GPUs over a 2 Gbps link (the network route), on 24 TB drives (the ship
// route), over a leased 10 Gbps line (a named network route that sets no rtt, so it takes
// [network]'s), on rented appliances (devices = "auto": as many as the data needs), and both
// routes at once (a hybrid with a given split and one that searches for the best).
const std::string kRoutes = R"(
[data]
size = "100 TB"
files = 10000
[network]
bandwidth = "2 Gbps"
rtt = "40 ms"
streams = 8
loss = "0.001%"
[ship]
couriers = 1
[compute]
params = 7e9
tokens = 2e11
gpus = 256
billing = "at-start"
[route.leased]
kind = "network"
bandwidth = "10 Gbps"
lease = "12000 USD/month"
[route.box]
kind = "appliance"
appliance = "aws-snowball-edge-210"
[route.mix]
kind = "hybrid"
split = 0.4
[route.auto]
kind = "hybrid"
split = "auto"
)";

// The grid of the batch tests: 4 sizes x 3 leased bandwidths x 4 splits (one "auto") x 3 rtts
// = 144 rows.
const std::string kAxes = R"(
[sweep]
data.size = ["3 TB", "40 TB", "180 TB", "700 TB"]
route.leased.bandwidth = ["1 Gbps", "10 Gbps", "40 Gbps"]
route.mix.split = [0, 0.35, 1, "auto"]
network.rtt = ["5 ms", "40 ms", "150 ms"]
)";

const std::vector<std::string> kNames = {"network", "ship", "leased", "box", "mix", "auto"};

double number_of(const std::string& cell) {
  double x = std::numeric_limits<double>::quiet_NaN();
  std::from_chars(cell.data(), cell.data() + cell.size(), x);
  return x;
}

// The next best route's time to model (or total cost) less the winner's, computed here from one
// row's plan: the least over the other routes.
template <class Get>
double margin_of(const Plan<double>& p, std::size_t winner, Get get) {
  double next = std::numeric_limits<double>::infinity();
  for (std::size_t r = 0; r < p.routes.size(); ++r)
    if (r != winner) next = std::min(next, get(p.routes[r]));
  return next - get(p.routes[winner]);
}

}  // namespace

TEST_CASE("a sweep over routes equals build_scenario and plan_model one row at a time") {
  const SweepSpec spec = spec_of(kRoutes + kAxes + R"(
[output]
columns = ["routes.network.time_s", "routes.ship.time_s", "routes.leased.time_s",
           "routes.box.time_s", "routes.mix.time_s", "routes.auto.time_s",
           "routes.network.plan.time_to_model_s", "routes.ship.plan.time_to_model_s",
           "routes.leased.plan.time_to_model_s", "routes.box.plan.time_to_model_s",
           "routes.mix.plan.time_to_model_s", "routes.auto.plan.time_to_model_s",
           "routes.leased.plan.total_cost_usd", "routes.box.plan.total_cost_usd",
           "routes.mix.plan.total_cost_usd", "routes.auto.plan.total_cost_usd",
           "routes.box.devices", "routes.mix.split", "routes.auto.split",
           "routes.leased.costs.lease_usd", "routes.mix.gain_s",
           "winner.time_margin_s", "winner.cost_margin_usd", "winner.time", "winner.cost"]
)");
  REQUIRE(spec.axes.size() == 4);
  const std::size_t rows = 4 * 3 * 4 * 3;
  // Chunks of 7 rows: chunk edges fall inside every axis's runs.
  const std::string csv = run_to_string(spec, Format::csv, 0, 1, 7, 2);
  const std::vector<std::string> lines = lines_of(csv);
  REQUIRE(lines.size() == rows + 1);
  CHECK(lines[0] ==
        "routes.network.time_s,routes.ship.time_s,routes.leased.time_s,routes.box.time_s,"
        "routes.mix.time_s,routes.auto.time_s,routes.network.plan.time_to_model_s,"
        "routes.ship.plan.time_to_model_s,routes.leased.plan.time_to_model_s,"
        "routes.box.plan.time_to_model_s,routes.mix.plan.time_to_model_s,"
        "routes.auto.plan.time_to_model_s,routes.leased.plan.total_cost_usd,"
        "routes.box.plan.total_cost_usd,routes.mix.plan.total_cost_usd,"
        "routes.auto.plan.total_cost_usd,routes.box.devices,routes.mix.split,routes.auto.split,"
        "routes.leased.costs.lease_usd,routes.mix.gain_s,winner.time_margin_s,"
        "winner.cost_margin_usd,winner.time,winner.cost");
  std::vector<std::size_t> index(spec.axes.size(), 0);
  std::size_t checked = 0, winners_seen = 0;
  std::vector<bool> won(kNames.size(), false);
  double devices_min = 1e9, devices_max = 0;
  for (std::size_t row = 0; row < rows; ++row, next_row(spec, index)) {
    const Scenario s = row_scenario(spec, index);
    REQUIRE(s.routes.size() == kNames.size());
    for (std::size_t r = 0; r < kNames.size(); ++r) REQUIRE(s.routes[r].name == kNames[r]);
    const Plan<double> p = plan_model(s.in);
    const auto tw = static_cast<std::size_t>(p.winner_time);
    const auto cw = static_cast<std::size_t>(p.winner_cost);
    std::vector<double> expected;
    for (std::size_t r = 0; r < 6; ++r) expected.push_back(p.routes[r].time_s);
    for (std::size_t r = 0; r < 6; ++r) expected.push_back(p.routes[r].plan.time_to_model_s);
    for (std::size_t r = 2; r < 6; ++r) expected.push_back(p.routes[r].plan.total_cost_usd);
    expected.push_back(p.routes[3].appliance.devices);
    expected.push_back(p.routes[4].hybrid.split);
    expected.push_back(p.routes[5].hybrid.split);
    expected.push_back(p.routes[2].network.lease_usd);
    expected.push_back(p.routes[4].gain_s);
    expected.push_back(
        margin_of(p, tw, [](const RouteResult<double>& r) { return r.plan.time_to_model_s; }));
    expected.push_back(
        margin_of(p, cw, [](const RouteResult<double>& r) { return r.plan.total_cost_usd; }));
    const std::vector<std::string> cells = split(lines[row + 1], ',');
    REQUIRE(cells.size() == 25);
    for (std::size_t c = 0; c < expected.size(); ++c) {
      const double got = number_of(cells[c]);
      // Shortest round-trip text: the batch value must be the same double, or within 1e-12.
      if (got != expected[c])
        CHECK_MESSAGE(got == doctest::Approx(expected[c]).epsilon(1e-12), "row ", row + 1,
                      " column ", c, ": ", cells[c]);
      ++checked;
    }
    CHECK(cells[23] == kNames[tw]);
    CHECK(cells[24] == kNames[cw]);
    won[tw] = true;
    devices_min = std::min(devices_min, p.routes[3].appliance.devices);
    devices_max = std::max(devices_max, p.routes[3].appliance.devices);
    // A split of 0 is the ship route and 1 the network route (MODEL.md section 10): the mix's
    // arrival equals its pure routes' then.
    const double mix_split = spec.axes[2].values[index[2]].number;
    if (spec.axes[2].values[index[2]].kind != Value::Kind::string) {
      CHECK(p.routes[4].hybrid.split == mix_split);
      if (mix_split == 0) CHECK(p.routes[4].time_s == p.routes[4].pure_ship_s);
      if (mix_split == 1) CHECK(p.routes[4].time_s == p.routes[4].pure_network_s);
    } else {
      // "auto": the same search as the auto route, on the same legs.
      CHECK(p.routes[4].hybrid.split == p.routes[5].hybrid.split);
    }
    ++winners_seen;
  }
  CHECK(checked == rows * 23);
  CHECK(winners_seen == rows);
  // The grid is not degenerate: several routes win somewhere, and the appliance count follows the
  // data: 3 TB on 210 TB devices is 1 device, 700 TB is ceil(700 / 210) = 4.
  CHECK(devices_min == 1);
  CHECK(devices_max == 4);
  int winners = 0;
  for (const bool w : won) winners += w;
  CHECK(winners >= 2);
}

TEST_CASE("a named network route takes the axis of a [network] key it does not set") {
  // leased sets no rtt: network.rtt moves both routes; leased sets bandwidth: network.bandwidth
  // moves only the network route.
  const SweepSpec spec = spec_of(kRoutes + R"(
[sweep]
network.rtt = ["10 ms", "200 ms"]
network.bandwidth = ["1 Gbps", "4 Gbps"]
[output]
columns = ["network.rtt", "network.bandwidth", "route.leased.rtt", "route.leased.bandwidth",
           "route.mix.rtt", "route.mix.bandwidth"]
)");
  // rtt in seconds, bandwidths in bit/s; leased keeps its own 10 Gbps, mix (a hybrid over
  // [network] and [ship]) takes both.
  CHECK(run_to_string(spec, Format::csv) ==
        "network.rtt_s,network.bandwidth_bps,route.leased.rtt_s,route.leased.bandwidth_bps,"
        "route.mix.rtt_s,route.mix.bandwidth_bps\r\n"
        "0.01,1000000000,0.01,10000000000,0.01,1000000000\r\n"
        "0.01,4000000000,0.01,10000000000,0.01,4000000000\r\n"
        "0.2,1000000000,0.2,10000000000,0.2,1000000000\r\n"
        "0.2,4000000000,0.2,10000000000,0.2,4000000000\r\n");
}

TEST_CASE("a sweep over routes is the same bytes with 1 or 2 threads and across shards") {
  const SweepSpec spec = spec_of(kRoutes + kAxes + R"(
[output]
columns = ["data.size", "route.leased.bandwidth", "route.mix.split", "network.rtt",
           "routes.leased.time_s", "routes.box.devices", "routes.mix.split", "routes.auto.split",
           "routes.box.plan.time_to_model_s", "winner.time", "winner.cost", "winner.time_margin_s"]
)");
  for (const Format format : {Format::csv, Format::json, Format::md}) {
    const std::string whole = run_to_string(spec, format, 0, 1, 5, 1);
    CHECK(run_to_string(spec, format, 0, 1, 5, 2) == whole);
    CHECK(run_to_string(spec, format, 0, 1, 4096, 2) == whole);
    for (const std::uint64_t shards : {2u, 3u, 7u, 200u}) {
      std::string joined;
      for (std::uint64_t k = 0; k < shards; ++k)
        joined += run_to_string(spec, format, k, shards, 5, 2);
      CHECK(joined == whole);
    }
  }
}

TEST_CASE("default columns: the axes, each route's time, the winners naming routes") {
  const std::string csv = run_to_string(spec_of(kRoutes + R"(
[sweep]
data.size = ["3 TB", "700 TB"]
)"),
                                        Format::csv);
  const std::vector<std::string> lines = lines_of(csv);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        "data.size_bytes,network.time_s,network.limit,ship.time_s,routes.leased.time_s,"
        "routes.box.time_s,routes.mix.time_s,routes.auto.time_s,winner.time,winner.cost");
  for (std::size_t i = 1; i < 3; ++i) {
    const std::vector<std::string> cells = split(lines[i], ',');
    REQUIRE(cells.size() == 10);
    CHECK(std::find(kNames.begin(), kNames.end(), cells[8]) != kNames.end());
    CHECK(std::find(kNames.begin(), kNames.end(), cells[9]) != kNames.end());
  }
  // [plan] routes picks and orders them: only those, in that order; no network.limit without the
  // network route.
  const std::string picked = run_to_string(spec_of(kRoutes + R"(
[plan]
routes = ["box", "leased"]
[sweep]
data.size = ["3 TB"]
)"),
                                           Format::csv);
  CHECK(lines_of(picked)[0] ==
        "data.size_bytes,routes.box.time_s,routes.leased.time_s,winner.time,winner.cost");
  // One route: nothing to win.
  const std::string one = run_to_string(spec_of(kRoutes + R"(
[plan]
routes = ["mix"]
[sweep]
data.size = ["3 TB"]
)"),
                                        Format::csv);
  CHECK(lines_of(one)[0] == "data.size_bytes,routes.mix.time_s");
}

TEST_CASE("winner.time names the route, with its margin over the next best") {
  // An ideal network route at 1 Gbps against one at 8 Gbps: 1 TB takes 8e12 / 1e9 = 8000 s and
  // 8e12 / 8e9 = 1000 s. No job: the time to model is the arrival. fast wins by 7000 s.
  const SweepSpec spec = spec_of(R"(
[data]
size = "1 TB"
files = 1
[network]
rtt = "0 s"
efficiency = 1
utilization = 1
bandwidth = "1 Gbps"
[route.fast]
kind = "network"
bandwidth = "8 Gbps"
[plan]
routes = ["network", "fast"]
[sweep]
route.fast.bandwidth = ["8 Gbps", "0.5 Gbps", "1 Gbps"]
[output]
columns = ["route.fast.bandwidth", "routes.fast.time_s", "winner.time", "winner.time_margin_s"]
)");
  // 0.5 Gbps: 16000 s, the network wins by 8000 s; 1 Gbps: a tie, to the route listed first
  // (network), by 0 s. For people: 1000 s = 16.7 min, 7000 s = 117 min (minutes up to 2 h),
  // 8000 s = 2.22 h.
  CHECK(run_to_string(spec, Format::csv) ==
        "route.fast.bandwidth_bps,routes.fast.time_s,winner.time,winner.time_margin_s\r\n"
        "8000000000,1000,fast,7000\r\n"
        "500000000,16000,network,8000\r\n"
        "1000000000,8000,network,0\r\n");
  CHECK(run_to_string(spec, Format::md) ==
        "| route.fast.bandwidth | routes.fast.time | winner.time | winner.time_margin |\n"
        "| :--- | ---: | ---: | ---: |\n"
        "| 8 Gbps | 16.7 min | fast by 117 min | 117 min |\n"
        "| 0.5 Gbps | 4.44 h | network by 2.22 h | 2.22 h |\n"
        "| 1 Gbps | 2.22 h | network (tie) | 0 s |\n");
}

TEST_CASE("a range over a route's key steps in the key's unit") {
  // 1 Gbps .. 100 Gbps in 3 log steps: 1e9, 1e10, 1e11 bit/s exactly; on the ideal link 1 TB takes
  // 8e12 / 1e9 = 8000 s, 800 s and 80 s.
  const std::string csv = run_to_string(spec_of(R"(
[data]
size = "1 TB"
files = 1
[network]
rtt = "0 s"
efficiency = 1
utilization = 1
[route.fast]
kind = "network"
[sweep]
route.fast.bandwidth = { from = "1 Gbps", to = "100 Gbps", steps = 3, scale = "log" }
[output]
columns = ["route.fast.bandwidth", "routes.fast.time_s"]
)"),
                                        Format::csv);
  CHECK(csv ==
        "route.fast.bandwidth_bps,routes.fast.time_s\r\n"
        "1000000000,8000\r\n10000000000,800\r\n100000000000,80\r\n");
  // A hybrid's split in 5 linear steps: 0, 0.25, 0.5, 0.75, 1.
  const std::string splits = run_to_string(spec_of(kRoutes + R"(
[sweep]
route.mix.split = { from = 0, to = 1, steps = 5 }
[output]
columns = ["route.mix.split", "routes.mix.split"]
)"),
                                           Format::csv);
  CHECK(splits ==
        "route.mix.split,routes.mix.split\r\n0,0\r\n0.25,0.25\r\n0.5,0.5\r\n0.75,0.75\r\n1,1\r\n");
  // An appliance's devices, whole numbers: 2, 3, 4 of 210 TB for 400 TB (ceil(400 / 210) = 2).
  const std::string devices = run_to_string(spec_of(kRoutes + R"(
[sweep]
data.size = ["400 TB"]
route.box.devices = { from = 2, to = 4, steps = 3 }
[output]
columns = ["route.box.devices", "routes.box.devices"]
)"),
                                            Format::csv);
  CHECK(devices == "route.box.devices,routes.box.devices\r\n2,2\r\n3,3\r\n4,4\r\n");
  // A key the route's kind does not have, or a route that is not compared.
  CHECK(contains(error_of(kRoutes + R"(
[sweep]
route.box.bandwidth = { from = "1 Gbps", to = "100 Gbps", steps = 3 }
)"),
                 "sweep.route.box.bandwidth"));
}

TEST_CASE("\"auto\" reads auto in every format, not the number that stands for it") {
  // A split's "auto" is held as -1 and an appliance's devices = "auto" as 0: neither is a share or
  // a count, so neither may reach a cell. Given on an axis (mix, box) or by the file (auto).
  const SweepSpec spec = spec_of(kRoutes + R"(
[sweep]
route.mix.split = [0.5, "auto"]
route.box.devices = ["auto", 4]
[output]
columns = ["route.mix.split", "route.box.devices", "route.auto.split", "routes.box.devices"]
)");
  // 100 TB on 210 TB devices: auto is 1 device.
  CHECK(run_to_string(spec, Format::csv) ==
        "route.mix.split,route.box.devices,route.auto.split,routes.box.devices\r\n"
        "0.5,auto,auto,1\r\n"
        "0.5,4,auto,4\r\n"
        "auto,auto,auto,1\r\n"
        "auto,4,auto,4\r\n");
  // JSON: the words quoted, the numbers not.
  CHECK(
      run_to_string(spec, Format::json) ==
      "{\"route.mix.split\": 0.5, \"route.box.devices\": \"auto\", \"route.auto.split\": \"auto\", "
      "\"routes.box.devices\": 1}\n"
      "{\"route.mix.split\": 0.5, \"route.box.devices\": 4, \"route.auto.split\": \"auto\", "
      "\"routes.box.devices\": 4}\n"
      "{\"route.mix.split\": \"auto\", \"route.box.devices\": \"auto\", \"route.auto.split\": "
      "\"auto\", \"routes.box.devices\": 1}\n"
      "{\"route.mix.split\": \"auto\", \"route.box.devices\": 4, \"route.auto.split\": \"auto\", "
      "\"routes.box.devices\": 4}\n");
  const std::string md = run_to_string(spec, Format::md);
  CHECK(contains(md, "| auto | auto | auto | 1 |"));
  CHECK(!contains(md, "-100%"));
  // A key's code reads as its word in CSV too, as in JSON: the network's congestion (default
  // cubic), not its code.
  const SweepSpec codes = spec_of(kRoutes + R"(
[sweep]
data.size = ["1 TB"]
[output]
columns = ["network.congestion", "network.efficiency"]
)");
  CHECK(run_to_string(codes, Format::csv) ==
        "network.congestion,network.efficiency\r\ncubic,auto\r\n");
  CHECK(run_to_string(codes, Format::json) ==
        "{\"network.congestion\": \"cubic\", \"network.efficiency\": \"auto\"}\n");
}

TEST_CASE("a route's keys as columns: its numbers, its words and its codes") {
  const std::string csv = run_to_string(spec_of(kRoutes + R"(
[sweep]
route.leased.congestion = ["reno", "bbr"]
[output]
columns = ["route.leased.congestion", "route.leased.kind", "route.box.kind", "route.box.appliance",
           "route.mix.drive", "route.mix.congestion", "route.mix.verify", "route.leased.lease",
           "route.box.capacity"]
)"),
                                        Format::csv);
  // The mix takes [network]'s congestion (the default cubic) and [ship]'s drive and verify (the
  // defaults hdd-24tb and true); leased's lease is $12,000 a month of 30 days in the key's base
  // unit, USD/s: 12000 / 2,592,000 s; the box's capacity is its preset's 210 TB.
  const std::vector<std::string> lines = lines_of(csv);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        "route.leased.congestion,route.leased.kind,route.box.kind,route.box.appliance,"
        "route.mix.drive,route.mix.congestion,route.mix.verify,route.leased.lease_usd_per_s,"
        "route.box.capacity_bytes");
  const std::vector<std::string> reno = split(lines[1], ',');
  REQUIRE(reno.size() == 9);
  CHECK(reno[0] == "reno");
  CHECK(reno[1] == "network");
  CHECK(reno[2] == "appliance");
  CHECK(reno[3] == "aws-snowball-edge-210");
  CHECK(reno[4] == "hdd-24tb");
  CHECK(reno[5] == "cubic");
  CHECK(reno[6] == "true");
  CHECK(number_of(reno[7]) == doctest::Approx(12000.0 / 2592000.0).epsilon(1e-15));
  CHECK(number_of(reno[8]) == 210e12);
  CHECK(split(lines[2], ',')[0] == "bbr");
}

TEST_CASE("sweeps over routes refuse what they cannot show, naming the key, column or row") {
  // An axis that changes the routes: another kind, or another list.
  const std::string kind = error_of(kRoutes + R"(
[sweep]
route.leased.kind = ["network", "ship"]
)");
  CHECK(contains(kind, "(value 2): sweep.route.leased.kind: changes the routes compared"));
  const std::string list = error_of(kRoutes + R"(
[sweep]
plan.routes = ["network,ship,box", "box,ship,network"]
)");
  CHECK(contains(list, "(value 2): sweep.plan.routes: changes the routes compared"));
  // The same routes written two ways are the same routes.
  CHECK(error_of(kRoutes + R"(
[sweep]
plan.routes = ["network,ship,box", "network, ship, box"]
)") == "");
  // A route's key of a route that is not compared, or that does not exist.
  CHECK(contains(
      error_of(kRoutes + R"(
[plan]
routes = ["network", "leased"]
[sweep]
route.box.lead_time = ["1 d", "2 d"]
)"),
      "sweep.route.box.lead_time: the box route is not compared (add it to [plan] routes)"));
  // A result column of a route not compared, of no route, or of another kind.
  const std::string not_compared = error_of(kRoutes + R"(
[plan]
routes = ["network", "ship", "leased"]
[sweep]
data.size = ["1 TB"]
[output]
columns = ["routes.box.time_s"]
)");
  CHECK(contains(not_compared,
                 "output.columns: \"routes.box.time_s\": no route named \"box\" is "
                 "compared (the routes: network, ship, leased;"));
  CHECK(contains(error_of(kRoutes + R"(
[sweep]
data.size = ["1 TB"]
[output]
columns = ["routes.nosuch.time_s"]
)"),
                 "no route named \"nosuch\" is compared"));
  CHECK(contains(error_of(kRoutes + R"(
[sweep]
data.size = ["1 TB"]
[output]
columns = ["routes.box.limit"]
)"),
                 "output.columns: \"routes.box.limit\": not a result of an appliance route (box); "
                 "it is one of a network route"));
  CHECK(contains(error_of(kRoutes + R"(
[sweep]
data.size = ["1 TB"]
[output]
columns = ["routes.leased.devices"]
)"),
                 "not a result of a network route (leased); it is one of an appliance route"));
  // A key column of another kind, or of no route.
  CHECK(contains(error_of(kRoutes + R"(
[sweep]
data.size = ["1 TB"]
[output]
columns = ["route.box.bandwidth"]
)"),
                 "output.columns: \"route.box.bandwidth\": not a key of an appliance route (box)"));
  CHECK(contains(error_of(kRoutes + R"(
[sweep]
data.size = ["1 TB"]
[output]
columns = ["route.nosuch.rtt"]
)"),
                 "\"route.nosuch.rtt\": no route is named \"nosuch\""));
  // A combination the appliance cannot hold, named by its row: 2 devices of 210 TB hold 420 TB;
  // rows run 300/3, 300/2, 500/3, 500/2, and 500 TB on 2 needs ceil(500 / 210) = 3.
  const std::string devices = error_of(kRoutes + R"(
[sweep]
data.size = ["300 TB", "500 TB"]
route.box.devices = [3, 2]
)");
  CHECK(contains(devices, "row 4 of the sweep (data.size = \"500 TB\", route.box.devices = 2)"));
  CHECK(contains(devices, "route.box.devices"));
  CHECK(contains(devices, "needs 3"));
  // Devices given in the file, the size swept: the first row that does not fit.
  const std::string sized = error_of(kRoutes + R"(
[route.box2]
kind = "appliance"
appliance = "aws-snowball-edge-210"
devices = 2
[sweep]
data.size = ["100 TB", "420 TB", "421 TB", "900 TB"]
)");
  CHECK(contains(sized, "row 3 of the sweep (data.size = \"421 TB\")"));
  CHECK(contains(sized, "route.box2.devices"));
}

TEST_CASE("axes over presets and base sections reach the routes that inherit them") {
  // freight (a ship route) and mix (a hybrid) take [ship]'s drive; crate (an appliance without a
  // preset of its own) takes [appliance]'s preset and lead time; box's preset is swept on its own
  // key; the GPUs move every plan.
  const SweepSpec spec = spec_of(R"(
[data]
size = "150 TB"
[ship]
couriers = 2
[compute]
gpus = 64
gpu_hours = 20000
billing = "at-start"
[route.freight]
kind = "ship"
couriers = 0
transit = "36 h"
shipping_cost = "300 USD"
[route.mix]
kind = "hybrid"
split = 0.25
[route.crate]
kind = "appliance"
[route.box]
kind = "appliance"
appliance = "azure-data-box-120"
[sweep]
ship.drive = ["hdd-24tb", "sata-ssd-8tb", "portable-hdd-2tb"]
appliance.appliance = ["azure-data-box", "google-transfer-appliance"]
appliance.lead_time = ["2 d", "9 d"]
route.box.appliance = ["azure-data-box-120", "aws-snowball-edge-80"]
compute.gpus = [64, 512]
)");
  const std::vector<std::string> names = {"network", "ship", "freight", "mix", "crate", "box"};
  SweepSpec with_columns = spec;
  for (const std::string& n : names)
    for (const char* f : {"time_s", "cost_usd", "plan.time_to_model_s", "plan.total_cost_usd"})
      with_columns.columns.push_back("routes." + n + "." + f);
  with_columns.columns.push_back("winner.time");
  with_columns.columns.push_back("winner.cost");
  const std::size_t rows = 3 * 2 * 2 * 2 * 2;
  const std::vector<std::string> lines =
      lines_of(run_to_string(with_columns, Format::csv, 0, 1, 5, 2));
  REQUIRE(lines.size() == rows + 1);
  std::vector<std::size_t> index(spec.axes.size(), 0);
  std::vector<double> crate_times, box_times, freight_times;
  for (std::size_t row = 0; row < rows; ++row, next_row(spec, index)) {
    const Scenario s = row_scenario(spec, index);
    REQUIRE(s.routes.size() == names.size());
    const Plan<double> p = plan_model(s.in);
    const std::vector<std::string> cells = split(lines[row + 1], ',');
    REQUIRE(cells.size() == names.size() * 4 + 2);
    for (std::size_t r = 0; r < names.size(); ++r) {
      const RouteResult<double>& rr = p.routes[r];
      const double expected[] = {rr.time_s, rr.cost_usd, rr.plan.time_to_model_s,
                                 rr.plan.total_cost_usd};
      for (std::size_t f = 0; f < 4; ++f) {
        const double got = number_of(cells[r * 4 + f]);
        if (got != expected[f])
          CHECK_MESSAGE(got == doctest::Approx(expected[f]).epsilon(1e-12), "row ", row + 1,
                        " route ", names[r], " field ", f, ": ", cells[r * 4 + f]);
      }
    }
    CHECK(cells[names.size() * 4] == names[static_cast<std::size_t>(p.winner_time)]);
    CHECK(cells[names.size() * 4 + 1] == names[static_cast<std::size_t>(p.winner_cost)]);
    freight_times.push_back(p.routes[2].time_s);
    crate_times.push_back(p.routes[4].time_s);
    box_times.push_back(p.routes[5].time_s);
  }
  // Each inherited axis moves its routes (row strides: drive 16, [appliance]'s preset 8, its lead
  // time 4, box's preset 2, GPUs 1): the drive moves freight, [appliance]'s preset and lead time
  // move crate, box's own preset moves box. Box's preset brings its own lead time, so [appliance]'s
  // does not reach it.
  CHECK(freight_times[0] != freight_times[16]);  // hdd-24tb against sata-ssd-8tb
  CHECK(crate_times[0] != crate_times[8]);       // azure-data-box against google's
  CHECK(crate_times[0] != crate_times[4]);       // lead time 2 d against 9 d
  CHECK(box_times[0] != box_times[2]);           // azure-data-box-120 against aws-snowball-edge-80
  CHECK(box_times[0] == box_times[4]);
}

TEST_CASE("a pivot over a route's key names the key as written") {
  const SweepSpec spec = spec_of(R"(
[data]
files = 1
[network]
rtt = "0 s"
efficiency = 1
utilization = 1
[route.fast]
kind = "network"
[sweep]
route.fast.bandwidth = ["1 Gbps", "10 Gbps"]
data.size = ["1 TB", "10 TB"]
[output]
pivot = { rows = "route.fast.bandwidth", columns = "data.size", value = "routes.fast.time_s" }
)");
  // 8e12 / 1e9 = 8000 s, 8e13 / 1e9 = 80000 s; at 10 Gbps a tenth.
  CHECK(run_to_string(spec, Format::csv) ==
        "routes.fast.time_s by route.fast.bandwidth_bps \\ data.size_bytes,1000000000000,"
        "10000000000000\r\n"
        "1000000000,8000,80000\r\n"
        "10000000000,800,8000\r\n");
}

TEST_CASE("breakeven columns beside named routes are the network/ship pair's, each its own") {
  // The ideal link: the network delivers 8 * size / bandwidth; the breakeven bandwidth is where
  // that equals the ship's arrival, 8 * size / ship time. 80 TB on 4 drives of 24 TB: 3 phases of
  // 2e13 B / 270 MB/s and 24 h, 308,622 s: 6.4e14 / 308,622 = 2.074 Gbps.
  const SweepSpec spec = spec_of(R"(
[data]
files = 1
[network]
rtt = "0 s"
efficiency = 1
utilization = 1
[route.fast]
kind = "network"
bandwidth = "10 Gbps"
[sweep]
data.size = ["80 TB", "20 TB"]
network.bandwidth = ["1 Gbps", "5 Gbps"]
[output]
columns = ["breakeven.bandwidth_bps", "breakeven.size_bytes"]
)");
  const std::vector<std::string> lines = lines_of(run_to_string(spec, Format::csv));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "breakeven.bandwidth_bps,breakeven.size_bytes");
  CHECK(number_of(split(lines[1], ',')[0]) ==
        doctest::Approx(6.4e14 / (3 * 2e13 / 2.7e8 + 86400)).epsilon(1e-6));
  std::vector<std::size_t> index(spec.axes.size(), 0);
  for (std::size_t row = 0; row < 4; ++row, next_row(spec, index)) {
    const Scenario s = row_scenario(spec, index);
    const Breakeven bandwidth = breakeven_bandwidth(s.in), size = breakeven_size(s.in);
    const std::vector<std::string> cells = split(lines[row + 1], ',');
    REQUIRE(cells.size() == 2);
    REQUIRE(bandwidth.value);
    REQUIRE(size.value);
    CHECK(number_of(cells[0]) == *bandwidth.value);
    CHECK(number_of(cells[1]) == *size.value);
    CHECK(cells[0] != cells[1]);
  }
}

TEST_CASE("[appliance] is checked row by row only when some route is an appliance") {
  // 1 device of 80 TB (azure-data-box) cannot hold 500 TB, but without an appliance route nothing
  // uses it: build_scenario takes the row, and so does the sweep.
  const std::string none = R"(
[appliance]
devices = 1
[sweep]
data.size = ["1 TB", "500 TB"]
[output]
columns = ["data.size"]
)";
  CHECK(error_of(none) == "");
  CHECK(run_to_string(spec_of(none), Format::csv) ==
        "data.size_bytes\r\n1000000000000\r\n500000000000000\r\n");
  // An appliance route that takes the section's devices: row 2 is refused, naming the key;
  // ceil(500 / 80) = 7 devices.
  const std::string box = error_of(R"(
[appliance]
devices = 1
[route.box]
kind = "appliance"
[sweep]
data.size = ["1 TB", "500 TB"]
)");
  CHECK(contains(box, "row 2 of the sweep (data.size = \"500 TB\")"));
  CHECK(contains(box, "appliance.devices"));
  CHECK(contains(box, "needs 7"));
}

TEST_CASE("a hybrid's legs are columns: routes.NAME.network.X and routes.NAME.ship.X") {
  // 40 TB, a hybrid over [network] and 24 TB drives; splits auto, 0, 0.5 and 1. Each leg's cells
  // are that leg's model one row at a time; a leg with no bytes (split 0: the network's, split 1:
  // the ship's) is an empty cell, not a number of nothing.
  const SweepSpec spec = spec_of(R"(
[data]
size = "40 TB"
[network]
rtt = "20 ms"
[ship]
drive = "hdd-24tb"
[route.mix]
kind = "hybrid"
[sweep]
route.mix.split = ["auto", 0, 0.5, 1]
[output]
columns = ["routes.mix.ship.drives", "routes.mix.network.time_s", "routes.mix.ship.time_s"]
)");
  const std::vector<std::string> rows = split(run_to_string(spec, Format::csv), '\n');
  REQUIRE(rows.size() == 5);
  std::vector<std::size_t> index(1, 0);
  for (std::size_t r = 1; r <= 4; ++r, next_row(spec, index)) {
    const Scenario s = row_scenario(spec, index);
    const Plan<double> p = plan_model(s.in);
    const HybridResult<double>& h = p.routes[2].hybrid;
    std::string line = rows[r];
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> cells = split(line + ",", ',');
    REQUIRE(cells.size() == 3);
    auto number = [](const std::string& cell) { return std::stod(cell); };
    if (h.split < 1) {
      CHECK(number(cells[0]) == h.ship.drives);
      CHECK(number(cells[2]) == h.ship.time_s);
    } else {
      CHECK(cells[0].empty());
      CHECK(cells[2].empty());
    }
    if (h.split > 0) {
      CHECK(number(cells[1]) == h.network.time_s);
    } else {
      CHECK(cells[1].empty());
    }
  }
  // By hand at split 0.5: 20 TB on one 24 TB drive (the fewest), 20 TB over the link.
  CHECK(rows[3].rfind("1,", 0) == 0);
  // A leg's column of another kind's result is not a column.
  CHECK(contains(error_of(R"(
[route.mix]
kind = "hybrid"
[sweep]
data.size = ["1 TB"]
[output]
columns = ["routes.mix.ship.limit"]
)"),
                 "routes.mix.ship.limit"));
}
