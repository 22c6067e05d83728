// Routes as a list (MODEL.md section 10): every kind of route through plan_model, the column path
// (Eigen::ArrayXd, built from the row of inputs with zip_fields) against the scalar path; winners
// over more than two routes with ties to the route listed first; an appliance route against AWS's
// own fill-time table; a hybrid with its split given, at 0 and 1, and "auto". Every expected
// number is worked out in the comment beside it.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/scenario.hpp"
#include "plan/plan.hpp"

using haul::Billing;
using haul::Inputs;
using haul::Job;
using haul::Plan;
using haul::plan_model;
using haul::RouteKind;
using haul::RouteParams;
using haul::Weights;

namespace {

using A = haul::num::Array;

template <class E>
double code(E e) {
  return static_cast<int>(e);
}

// A route with its own inputs (own = true); the caller fills the sections of its kind.
RouteParams<double> own_route(RouteKind kind) {
  RouteParams<double> r;
  r.kind = kind;
  r.own = true;
  return r;
}

// 80 TB, no job; an ideal 1 Gbps link (efficiency 1, utilization 1, rtt 0, no loss) at
// 0.05 USD/GB egress; the default ship (hdd-24tb: 24 TB, 270 MB/s, $450, one courier, 24 h).
//   network: 8e13 B / 1.25e8 B/s = 640,000 s; egress 8e13 * 5e-11 = $4,000
//   ship:    ceil(80 / 24) = 4 drives of 2e13 B, one wave (4 <= 8 slots, 4e9 / 4 = 1e9 B/s above
//            270 MB/s), write + verify + ingest 3 * 2e13 / 2.7e8 = 3 * 74,074.074 = 222,222.222 s,
//            one trip (floor(23 / 0.7) = 32 drives a courier): + 86,400 = 308,622.222 s;
//            4 * $450 = $1,800
Inputs<double> ideal() {
  Inputs<double> in;
  in.data.size_bytes = 80e12;
  in.network.bandwidth_bps = 1e9;
  in.network.utilization = 1.0;
  in.network.efficiency = 1.0;
  in.network.rtt_s = 0.0;
  in.network.loss = 0.0;
  in.network.egress_usd_per_byte = 0.05e-9;
  in.compute.job = code(Job::none);
  return haul::with_section_routes(in);
}

// Columns with every row's inputs, the routes of the same kinds as the rows' (all rows have the
// same routes), filled field by field through zip_fields: the row of inputs sweeps use.
Inputs<A> columns_of(const std::vector<Inputs<double>>& rows, std::size_t* fields = nullptr) {
  const auto n = static_cast<Eigen::Index>(rows.size());
  Inputs<A> cols;
  for (const auto& route : rows[0].routes) {
    RouteParams<A> r;
    r.kind = route.kind;
    r.own = route.own;
    cols.routes.push_back(r);
  }
  std::size_t count = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    count = 0;
    haul::zip_fields(cols, rows[static_cast<std::size_t>(i)],
                     [&](std::size_t, A& col, const double& x) {
                       if (col.size() != n) col.resize(n);
                       col[i] = x;
                       ++count;
                     });
  }
  if (fields) *fields = count;
  return cols;
}

}  // namespace

// --- winners over more than two routes ----------------------------------------------------------

namespace {

// ideal() and two more routes:
//   fast: a leased 10 Gbps line (own network inputs), no egress, $3,000 a month:
//         8e13 / 1.25e9 = 64,000 s; ceil(64,000 / 2,592,000) = 1 month: $3,000
//   snow: an appliance of 100 TB filled at 1 GB/s, devices auto = ceil(80 / 100) = 1, lead and
//         processing 0, transit 24 h, $300 a job, 10 days included, $30 a day after, $100 shipping:
//         fill 8e13 / min(1e9, 4e9 / 1) = 80,000 s; arrival 80,000 + 86,400 = 166,400 s;
//         days ceil(166,400 / 86,400) = 2 <= 10: $300 + $0 + $100 = $400
Inputs<double> four_routes() {
  Inputs<double> in = ideal();
  RouteParams<double> fast = own_route(RouteKind::network);
  fast.network = in.network;
  fast.network.bandwidth_bps = 10e9;
  fast.network.egress_usd_per_byte = 0;
  fast.network.lease_usd_per_s = 3000.0 / haul::kLeaseMonthSeconds;
  RouteParams<double> snow = own_route(RouteKind::appliance);
  snow.appliance.capacity_bytes = 100e12;
  snow.appliance.fill_Bps = 1e9;
  snow.appliance.devices = 0;
  snow.appliance.copy_limit_Bps = 4e9;
  snow.appliance.lead_time_s = 0;
  snow.appliance.transit_s = 86400;
  snow.appliance.processing_s = 0;
  snow.appliance.job_fee_usd = 300;
  snow.appliance.included_days = 10;
  snow.appliance.day_fee_usd = 30;
  snow.appliance.shipping_usd = 100;
  in.routes.push_back(fast);  // 2
  in.routes.push_back(snow);  // 3
  return in;
}

}  // namespace

TEST_CASE("routes: every route's figures and the winners over four routes") {
  Inputs<double> in = four_routes();
  Plan<double> p = plan_model(in);
  REQUIRE(p.routes.size() == 4);
  CHECK(p.routes[0].time_s == doctest::Approx(640000).epsilon(1e-12));
  CHECK(p.routes[0].cost_usd == doctest::Approx(4000).epsilon(1e-12));
  CHECK(p.routes[1].time_s == doctest::Approx(308622.222222).epsilon(1e-10));
  CHECK(p.routes[1].cost_usd == doctest::Approx(1800).epsilon(1e-12));
  CHECK(p.routes[2].time_s == doctest::Approx(64000).epsilon(1e-12));
  CHECK(p.routes[2].network.lease_usd == doctest::Approx(3000).epsilon(1e-12));
  CHECK(p.routes[2].cost_usd == doctest::Approx(3000).epsilon(1e-12));
  // the 10 Gbps route's rate is its steady rate: 8 * 1.25e9 B/s = 1e10 bit/s
  CHECK(p.routes[2].rate_bps == doctest::Approx(1e10).epsilon(1e-12));
  CHECK(p.routes[3].appliance.devices == 1);
  CHECK(p.routes[3].appliance.fill_s == doctest::Approx(80000).epsilon(1e-12));
  CHECK(p.routes[3].time_s == doctest::Approx(166400).epsilon(1e-12));
  CHECK(p.routes[3].appliance.days == 2);
  CHECK(p.routes[3].cost_usd == doctest::Approx(400).epsilon(1e-12));
  // appliance rate: 8 * 8e13 / 166,400 = 3,846,153,846.15 bit/s
  CHECK(p.routes[3].rate_bps == doctest::Approx(3846153846.15).epsilon(1e-10));
  // No job: time to model = arrival, total = the route's cost.
  CHECK(p.routes[3].plan.time_to_model_s == doctest::Approx(166400).epsilon(1e-12));
  CHECK(p.routes[3].plan.total_cost_usd == doctest::Approx(400).epsilon(1e-12));
  // time: fast (64,000 s) before snow, ship and network; cost: snow ($400) before fast ($3,000)
  CHECK(p.winner_time == 2.0);
  CHECK(p.winner_cost == 3.0);

  SUBCASE("the winners are the routes, whatever their place in the list") {
    // [snow, fast, network, ship]: fast is at 1, snow at 0
    in.routes = {four_routes().routes[3], four_routes().routes[2], four_routes().routes[0],
                 four_routes().routes[1]};
    p = plan_model(in);
    CHECK(p.winner_time == 1.0);
    CHECK(p.winner_cost == 0.0);
  }

  SUBCASE("idle GPUs billed from the start make the fastest route the cheapest") {
    // 64 H100 at $2/h training 1e21 FLOP, billed from t = 0, weights (7e9 * 2 B) back over the
    // 1 Gbps network section:
    //   train 1e21 / (64 * 989e12 * 0.4 * 0.9) = 1e21 / 2.278656e16 = 43,885.5185 s, the same on
    //   every route; compute 64 * 43,885.5185 / 3600 = 780.187 GPU-h * $2 = $1,560.374;
    //   weights back 1.4e10 / 1.25e8 = 112 s and $0.70 egress
    //   idle = 64 * $2 / 3600 s * arrival = $0.0355556 a second of arrival:
    //     network 640,000 s: $22,755.56; ship 308,622.2 s: $10,973.23;
    //     fast 64,000 s: $2,275.56; snow 166,400 s: $5,916.44
    //   totals (route + compute + idle + weights egress):
    //     fast 3,000 + 1,560.374 + 2,275.556 + 0.70 = $6,836.630
    //     snow  400 + 1,560.374 + 5,916.444 + 0.70 = $7,877.518
    in.compute.job = code(Job::flops);
    in.compute.flops = 1e21;
    in.compute.params = 7e9;
    in.compute.gpus = 64;
    in.compute.billing = code(Billing::at_start);
    in.compute.weights = code(Weights::network);
    p = plan_model(in);
    CHECK(p.routes[2].plan.idle_usd == doctest::Approx(2275.555556).epsilon(1e-9));
    CHECK(p.routes[3].plan.idle_usd == doctest::Approx(5916.444444).epsilon(1e-9));
    CHECK(p.routes[2].plan.total_cost_usd == doctest::Approx(6836.6296).epsilon(1e-7));
    CHECK(p.routes[3].plan.total_cost_usd == doctest::Approx(7877.5185).epsilon(1e-7));
    // fast: 64,000 + 43,885.5185 + 112 = 107,997.5185 s
    CHECK(p.routes[2].plan.time_to_model_s == doctest::Approx(107997.5185).epsilon(1e-9));
    CHECK(p.winner_time == 2.0);
    CHECK(p.winner_cost == 2.0);
  }
}

TEST_CASE("routes: a tie goes to the route listed first, in one scenario and in a column") {
  // "copy": a ship route of its own with the ship section's inputs: the same 308,622.222 s and
  // $1,800 as the ship route, both sooner and cheaper than the network's 640,000 s and $4,000.
  const Inputs<double> base = ideal();
  RouteParams<double> copy = own_route(RouteKind::ship);
  copy.ship = base.ship;
  const RouteParams<double> network = base.routes[0], ship = base.routes[1];
  struct Case {
    std::vector<RouteParams<double>> routes;
    double winner;
  };
  const Case cases[] = {
      {{network, ship, copy}, 1.0},  // ship before its copy
      {{network, copy, ship}, 1.0},  // the copy before ship
      {{copy, ship, network}, 0.0},  // the tie at the head of the list
      {{ship, network, copy}, 0.0},
  };
  for (const Case& c : cases) {
    Inputs<double> in = base;
    in.routes = c.routes;
    const Plan<double> p = plan_model(in);
    CHECK(p.routes[static_cast<std::size_t>(c.winner)].time_s ==
          doctest::Approx(308622.222222).epsilon(1e-10));
    CHECK(p.winner_time == c.winner);
    CHECK(p.winner_cost == c.winner);
    // The column path breaks the tie the same way.
    const Plan<A> batch = plan_model(columns_of({in, in}));
    CHECK(batch.winner_time[0] == c.winner);
    CHECK(batch.winner_time[1] == c.winner);
    CHECK(batch.winner_cost[0] == c.winner);
  }
}

// --- the appliance route against AWS's own table
// --------------------------------------------------

TEST_CASE("routes: an appliance route fills 82 TB in AWS's published times") {
  // AWS Snowball Edge developer guide, "82 TB at": 100 MB/s 9.49 d, 200 MB/s 4.75 d,
  // 300 MB/s 3.16 d, 450 MB/s 2.11 d (MODEL.md section 8). One device holding the 82 TB (capacity
  // set to 82 TB, the preset's 80 TB being the newer model's), filled at fill_rate (below the
  // 4 GB/s host limit): fill = 82e12 / rate.
  const std::string toml = R"(
[data]
size = "82 TB"
[route.snow]
kind = "appliance"
appliance = "aws-snowball-edge-80"
capacity = "82 TB"
fill_rate = "100 MB/s"
)";
  struct Row {
    const char* set;  // --set of the route's fill rate ("" keeps the file's)
    double fill_s;
    double days;  // AWS's figure, to two decimals
  };
  const Row rows[] = {
      {"", 820000, 9.49},                                     // 82e12 / 1e8 = 820,000 s = 9.4907 d
      {"route.snow.fill_rate=200MB/s", 410000, 4.75},         // 410,000 s = 4.7454 d
      {"route.snow.fill_rate=300MB/s", 273333.333333, 3.16},  // 273,333.3 s = 3.1636 d
      {"route.snow.fill_rate=450MB/s", 182222.222222, 2.11},  // 182,222.2 s = 2.1091 d
  };
  for (const Row& row : rows) {
    const std::string set = row.set;
    CAPTURE(set);
    auto assignments = haul::read_scenario_text(toml, "snow.toml");
    if (*row.set) assignments.push_back(haul::parse_set(row.set));
    const haul::Scenario s = haul::build_scenario(assignments, haul::builtin_catalog());
    const int r = s.route_index("snow");
    REQUIRE(r == 2);  // after the network and ship routes
    const Plan<double> p = plan_model(s.in);
    const auto& snow = p.routes[static_cast<std::size_t>(r)];
    REQUIRE(snow.kind == RouteKind::appliance);
    CHECK(snow.appliance.devices == 1);
    CHECK(snow.appliance.fill_s == doctest::Approx(row.fill_s).epsilon(1e-9));
    // AWS rounds to two decimals of a day.
    CHECK(std::round(snow.appliance.fill_s / 86400 * 100) / 100 == doctest::Approx(row.days));
    // arrival: the preset's lead time 7 d + fill + transit 3 d + processing 5 d
    //   = 1,296,000 s + fill
    CHECK(snow.time_s == doctest::Approx(1296000 + row.fill_s).epsilon(1e-9));
  }
  // The cost at 100 MB/s: days on hand ceil((820,000 + 259,200) / 86,400) = ceil(12.49) = 13,
  // 3 after the 10 included at $30: $90; + $300 job + $400 shipping = $790. At 450 MB/s:
  // ceil((182,222 + 259,200) / 86,400) = ceil(5.11) = 6 <= 10: $700.
  const haul::Catalog& catalog = haul::builtin_catalog();
  auto cost_at = [&](const char* set) {
    auto assignments = haul::read_scenario_text(toml, "snow.toml");
    if (*set) assignments.push_back(haul::parse_set(set));
    const Plan<double> p = plan_model(haul::build_scenario(assignments, catalog).in);
    return p.routes[2];
  };
  const auto slow = cost_at("");
  CHECK(slow.appliance.days == 13);
  CHECK(slow.appliance.day_usd == doctest::Approx(90));
  CHECK(slow.cost_usd == doctest::Approx(790));
  const auto quick = cost_at("route.snow.fill_rate=450MB/s");
  CHECK(quick.appliance.days == 6);
  CHECK(quick.cost_usd == doctest::Approx(700));
}

// --- a hybrid
// --------------------------------------------------------------------------------------

TEST_CASE("routes: a hybrid arrives with its last leg and pays for both") {
  // ideal() and hybrids over the same link and drives (drives = auto, as haul makes a hybrid's):
  //   split 0.25: network 2e13 B / 1.25e8 = 160,000 s, egress $1,000; drives: 6e13 B on
  //     ceil(60 / 24) = 3 drives of 2e13 B: 3 * 74,074.074 + 86,400 = 308,622.222 s, 3 * $450;
  //     arrival max(160,000, 308,622.222) = 308,622.222 s; cost $1,000 + $1,350 = $2,350
  //   split 0.75: network 6e13 / 1.25e8 = 480,000 s, $3,000; drives: 2e13 B on one drive of
  //     2e13 B: 308,622.222 s, $450; arrival 480,000 s; cost $3,450
  Inputs<double> in = ideal();
  RouteParams<double> mix = own_route(RouteKind::hybrid);
  mix.network = in.network;
  mix.ship = in.ship;
  mix.ship.drives = 0;
  for (double split : {0.25, 0.75, 0.0, 1.0, -1.0}) {
    mix.split = split;
    in.routes.push_back(mix);
  }
  const Plan<double> p = plan_model(in);
  const auto& quarter = p.routes[2];
  CHECK(quarter.hybrid.split == 0.25);
  CHECK(quarter.hybrid.network_s == doctest::Approx(160000).epsilon(1e-12));
  CHECK(quarter.hybrid.ship_s == doctest::Approx(308622.222222).epsilon(1e-10));
  CHECK(quarter.hybrid.ship.drives == 3);
  CHECK(quarter.time_s == doctest::Approx(308622.222222).epsilon(1e-10));
  CHECK(quarter.cost_usd == doctest::Approx(2350).epsilon(1e-12));
  // rate: 8 * 8e13 / 308,622.222 = 2,073,732,718.9 bit/s
  CHECK(quarter.rate_bps == doctest::Approx(2073732718.9).epsilon(1e-9));
  const auto& three_quarters = p.routes[3];
  CHECK(three_quarters.hybrid.ship.drives == 1);
  CHECK(three_quarters.hybrid.ship_s == doctest::Approx(308622.222222).epsilon(1e-10));
  CHECK(three_quarters.time_s == doctest::Approx(480000).epsilon(1e-12));
  CHECK(three_quarters.cost_usd == doctest::Approx(3450).epsilon(1e-12));
  // Its pure routes: the whole data over its link (640,000 s) or on its drives (308,622.222 s);
  // the gain over the better: 308,622.222 - 480,000 = -171,377.778 s (a given split may lose).
  CHECK(three_quarters.pure_network_s == doctest::Approx(640000).epsilon(1e-12));
  CHECK(three_quarters.pure_ship_s == doctest::Approx(308622.222222).epsilon(1e-10));
  CHECK(three_quarters.gain_s == doctest::Approx(-171377.777778).epsilon(1e-10));

  // split 0 is the ship route and split 1 the network route, to the last bit.
  const auto& none = p.routes[4];
  CHECK(none.hybrid.network_s == 0);
  CHECK(none.time_s == p.routes[1].time_s);
  CHECK(none.cost_usd == p.routes[1].cost_usd);
  CHECK(none.plan.time_to_model_s == p.routes[1].plan.time_to_model_s);
  CHECK(none.plan.total_cost_usd == p.routes[1].plan.total_cost_usd);
  const auto& all = p.routes[5];
  CHECK(all.hybrid.ship_s == 0);
  CHECK(all.time_s == p.routes[0].time_s);
  CHECK(all.cost_usd == p.routes[0].cost_usd);
  CHECK(all.plan.total_cost_usd == p.routes[0].plan.total_cost_usd);

  // split = "auto": the ship leg's time is 3 b / (d * 2.7e8) + 86,400 on d = ceil(b / 24e12)
  // drives for its b bytes, the network leg's (8e13 - b) / 1.25e8. With 3 drives (48 < b <= 72 TB)
  // the legs would cross at b = 553,600 / (1 / 2.7e8 + 1 / 1.25e8) = 4.73e13, below the range, so
  // the best there is just above b = 48e12: drives 177,777.778 + 86,400 = 264,177.778 s against
  // the network's 3.2e13 / 1.25e8 = 256,000 s. With 2 drives (24 < b <= 48 TB) the legs cross at
  // b = 553,600 / (1 / 1.8e8 + 1 / 1.25e8) = 4.0839e13: 313,285 s; with 4 drives (b > 72 TB) the
  // drives alone take over 286,400 s. So: split just below 1 - 48 / 80 = 0.4, arrival
  // 264,177.778 s, gain over the drives alone 308,622.222 - 264,177.778 = 44,444.444 s, cost
  // egress 3.2e13 * 5e-11 = $1,600 + 3 drives $1,350 = $2,950.
  const auto& best = p.routes[6];
  CHECK(best.hybrid.split == doctest::Approx(0.4).epsilon(1e-6));
  CHECK(best.hybrid.split < 0.4);
  CHECK(best.hybrid.ship.drives == 3);
  CHECK(best.time_s == doctest::Approx(264177.777778).epsilon(1e-6));
  CHECK(best.gain_s == doctest::Approx(44444.444444).epsilon(1e-5));
  CHECK(best.cost_usd == doctest::Approx(2950).epsilon(1e-6));
  CHECK(best.time_s <= best.pure_network_s);
  CHECK(best.time_s <= best.pure_ship_s);
  // the hybrid wins on time over every route here; the ship route still costs least ($1,800)
  CHECK(p.winner_time == 6.0);
  CHECK(p.winner_cost == 1.0);
}

namespace {

// Uniform, log-uniform, integer and pick draws over one generator.
struct Draw {
  std::mt19937& rng;
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  }
  double log_uniform(double lo_exp, double hi_exp) {
    return std::pow(10.0, uniform(lo_exp, hi_exp));
  }
  double integer(int lo, int hi) {
    return static_cast<double>(std::uniform_int_distribution<int>(lo, hi)(rng));
  }
  double pick(std::initializer_list<double> options) {
    const auto i = std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng);
    return *(options.begin() + static_cast<std::ptrdiff_t>(i));
  }
  bool chance(double p) { return uniform(0.0, 1.0) < p; }
};

haul::NetworkParams<double> random_network(Draw& d) {
  haul::NetworkParams<double> n;
  n.bandwidth_bps = d.log_uniform(7, 11);
  n.utilization = d.uniform(0.1, 1.0);
  n.efficiency = d.chance(0.5) ? 0.0 : d.uniform(0.5, 1.0);
  n.mtu_bytes = d.pick({1500, 9000});
  n.rtt_s = d.chance(0.25) ? 0.0 : d.uniform(0.001, 0.3);
  n.loss = d.chance(0.3) ? 0.0 : d.log_uniform(-7, -2);
  n.streams = d.integer(1, 32);
  n.window_bytes = std::pow(2.0, d.integer(16, 30));
  n.congestion = d.integer(0, 2);
  n.per_file_rtts = d.pick({0, 1, 3});
  n.egress_usd_per_byte = d.uniform(0.0, 0.1) * 1e-9;
  n.fixed_usd = d.pick({0, 1000});
  n.measured_rate_bps = d.chance(0.15) ? n.bandwidth_bps * d.uniform(0.05, 1.0) : 0.0;
  n.lease_usd_per_s = d.chance(0.3) ? d.uniform(0.0, 0.05) : 0.0;
  return n;
}

// A ship section for `bytes` (after compression); drives given (at or above the need) or auto.
haul::ShipParams<double> random_ship(Draw& d, double bytes, bool auto_drives) {
  haul::ShipParams<double> s;
  s.capacity_bytes = d.pick({2e12, 4e12, 8e12, 24e12});
  s.write_Bps = d.uniform(1e8, 2e9);
  s.read_Bps = d.uniform(1e8, 3e9);
  s.price_usd = d.uniform(50, 600);
  s.weight_kg = d.uniform(0.01, 1.0);
  s.redundancy = d.integer(0, 2);
  s.copies = d.pick({1, 2, 3});
  s.erasure_k = d.pick({2, 4, 5, 8, 10});
  s.erasure_m = d.pick({1, 2, 4});
  s.verify = d.integer(0, 1);
  s.copy_slots = d.pick({1, 4, 8, 16});
  s.copy_limit_Bps = d.log_uniform(8, 10);
  s.ingest_slots = d.pick({1, 4, 8, 16});
  s.ingest_limit_Bps = d.log_uniform(8, 10);
  s.transit_s = d.uniform(3600, 5 * 86400);
  s.couriers = d.pick({0, 1, 2, 4});
  s.per_courier = d.chance(0.5) ? 0.0 : d.integer(1, 20);
  s.bag_kg = d.uniform(10, 32);
  s.trip_cost_usd = d.uniform(0, 2000);
  s.per_diem_usd = d.uniform(0, 300);
  s.shipping_cost_usd = d.uniform(0, 500);
  s.drive_loss = d.chance(0.3) ? 0.0 : d.log_uniform(-6, -1);
  const double needed = haul::drives_needed(bytes, s);
  s.drives = auto_drives || d.chance(0.5) ? 0.0 : needed + d.integer(0, 10);
  return s;
}

haul::ApplianceParams<double> random_appliance(Draw& d, double bytes) {
  haul::ApplianceParams<double> a;
  a.capacity_bytes = d.pick({8e12, 80e12, 120e12, 210e12});
  a.fill_Bps = d.log_uniform(8, 9.7);
  a.copy_limit_Bps = d.log_uniform(8.5, 10.5);
  a.lead_time_s = d.uniform(0, 14) * 86400;
  a.transit_s = d.uniform(0, 7) * 86400;
  a.processing_s = d.uniform(0, 8) * 86400;
  a.job_fee_usd = d.uniform(0, 4000);
  a.included_days = d.integer(0, 15);
  a.day_fee_usd = d.uniform(0, 250);
  a.shipping_usd = d.uniform(0, 3000);
  a.devices = d.chance(0.5) ? 0.0 : haul::devices_needed(bytes, a) + d.integer(0, 3);
  return a;
}

// A scenario with seven routes: the network and ship routes (their sections), a leased line and a
// second drive type of their own, an appliance, a hybrid with its split given and one with
// split = "auto".
Inputs<double> random_routes(std::mt19937& rng) {
  Draw d{rng};
  Inputs<double> in;
  in.data.size_bytes = d.log_uniform(9, 14.5);
  in.data.files = d.pick({1, 1000, 1e6});
  in.data.compression = d.pick({1.0, 1.5, 3.0});
  const double bytes = in.data.size_bytes / in.data.compression;
  in.network = random_network(d);
  in.ship = random_ship(d, bytes, false);
  in.appliance = random_appliance(d, bytes);  // the section: routes below have their own

  in.compute.gpus = d.pick({1, 8, 64, 2400});
  in.compute.price_usd_per_gpu_s = d.uniform(1, 4) / 3600.0;
  in.compute.mfu = d.uniform(0.2, 0.6);
  in.compute.goodput = d.uniform(0.8, 1.0);
  in.compute.job = d.integer(0, 3);
  in.compute.gpu_hours = d.log_uniform(2, 7);
  in.compute.flops = d.log_uniform(20, 25);
  in.compute.params = d.log_uniform(8, 11);
  in.compute.tokens = d.log_uniform(10, 13);
  in.compute.weight_bytes = d.pick({1, 2, 4});
  in.compute.weights = d.integer(0, 2);
  in.compute.billing = d.integer(0, 1);

  in = haul::with_section_routes(in);
  RouteParams<double> leased = own_route(RouteKind::network);
  leased.network = in.network;
  leased.network.bandwidth_bps = d.log_uniform(8, 11);
  leased.network.lease_usd_per_s = d.uniform(0.0, 0.05);
  leased.network.measured_rate_bps = 0;
  RouteParams<double> ssd = own_route(RouteKind::ship);
  ssd.ship = random_ship(d, bytes, false);
  RouteParams<double> snow = own_route(RouteKind::appliance);
  snow.appliance = random_appliance(d, bytes);
  // Hybrids: their own link (the section's with another bandwidth, or another altogether) and
  // drives, drives = auto as haul makes them.
  RouteParams<double> mix = own_route(RouteKind::hybrid);
  mix.network = d.chance(0.5) ? in.network : random_network(d);
  mix.network.bandwidth_bps = d.log_uniform(7, 11);
  mix.ship = random_ship(d, bytes, true);
  mix.split = d.chance(0.2) ? d.pick({0.0, 1.0}) : d.uniform(0.0, 1.0);
  RouteParams<double> best = own_route(RouteKind::hybrid);
  best.network = random_network(d);
  best.ship = d.chance(0.5) ? in.ship : random_ship(d, bytes, true);
  best.ship.drives = 0;
  best.split = -1;
  for (const auto& r : {leased, ssd, snow, mix, best}) in.routes.push_back(r);
  return in;
}

// Equal, both NaN, or within 1e-12 of each other relative to the larger.
bool same(double a, double b) {
  if (a == b) return true;
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::fabs(a - b) <= 1e-12 * std::fmax(std::fabs(a), std::fabs(b));
}

// Every result field of each model, for the row-by-row comparison.
// clang-format off
#define HAUL_NETWORK_RESULT(X, P)                                                                \
  X(P.bytes) X(P.link_Bps) X(P.window_Bps) X(P.loss_Bps) X(P.rate_Bps) X(P.limit)                \
  X(P.handshake_s) X(P.transfer_s) X(P.slow_start_s) X(P.per_file_s) X(P.time_s) X(P.egress_usd) \
  X(P.fixed_usd) X(P.lease_usd) X(P.cost_usd)
#define HAUL_SHIP_RESULT(X, P)                                                                   \
  X(P.bytes) X(P.stored_bytes) X(P.data_drives) X(P.needed_drives) X(P.drives)                   \
  X(P.per_drive_bytes) X(P.per_courier) X(P.trips) X(P.write_s) X(P.verify_s)                    \
  X(P.transit_s) X(P.ingest_s) X(P.time_s) X(P.rate_bps) X(P.drives_usd)                         \
  X(P.travel_usd) X(P.shipping_usd) X(P.cost_usd) X(P.p_data_loss)
#define HAUL_APPLIANCE_RESULT(X, P)                                                              \
  X(P.bytes) X(P.devices) X(P.fill_s) X(P.time_s) X(P.rate_bps) X(P.days) X(P.job_usd)           \
  X(P.day_usd) X(P.shipping_usd) X(P.cost_usd)
#define HAUL_HYBRID_RESULT(X, P)                                                                 \
  X(P.split) HAUL_NETWORK_RESULT(X, P.network) HAUL_SHIP_RESULT(X, P.ship) X(P.network_s)       \
  X(P.ship_s) X(P.time_s) X(P.cost_usd)
#define HAUL_ROUTE_RESULT(X)                                                                     \
  X(time_s) X(cost_usd) X(rate_bps)                                                              \
  X(plan.arrival_s) X(plan.train_s) X(plan.weights_back_s) X(plan.idle_usd)                      \
  X(plan.weights_egress_usd) X(plan.time_to_model_s) X(plan.total_cost_usd)
// clang-format on

// 15 + 19 + 10 + (1 + 15 + 19 + 4) result fields of the kinds' models
constexpr int kNetworkResultFields = 15, kShipResultFields = 19, kApplianceResultFields = 10,
              kHybridResultFields = 39, kRouteResultFields = 10;

}  // namespace

TEST_CASE("routes: plan_model<ArrayXd> equals plan_model<double> row by row, every route kind") {
  std::mt19937 rng(20261130u);
  const std::size_t n = 80;
  std::vector<Inputs<double>> rows;
  for (std::size_t i = 0; i < n; ++i) rows.push_back(random_routes(rng));
  const std::vector<RouteKind> kinds = {
      RouteKind::network,   RouteKind::ship,   RouteKind::network, RouteKind::ship,
      RouteKind::appliance, RouteKind::hybrid, RouteKind::hybrid};

  std::size_t filled = 0;
  const Inputs<A> columns = columns_of(rows, &filled);
  // The row: the base sections, then the routes' own: leased 14, ssd 26, snow 11, two hybrids
  // (14 + 26 + 1) each; the network and ship routes read their sections.
  CHECK(filled == haul::kFieldCount + 14 + 26 + 11 + 2 * 41);
  CHECK(filled == haul::field_count(rows[0]));

  const Plan<A> batch = plan_model(columns);
  std::vector<Plan<double>> singles;
  for (const auto& row : rows) singles.push_back(plan_model(row));
  REQUIRE(batch.routes.size() == kinds.size());

  int compared = 0, mismatched = 0;
  auto compare = [&](const char* name, std::size_t route, const A& column, auto single) {
    REQUIRE(column.size() == static_cast<Eigen::Index>(n));
    int mismatches = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!same(column[static_cast<Eigen::Index>(i)], single(singles[i])) && mismatches++ == 0)
        first = i;
    }
    CHECK_MESSAGE(mismatches == 0, "route ", route, " ", name, ": ", mismatches,
                  " rows differ, first row ", first, ": batch ",
                  column[static_cast<Eigen::Index>(first)], " single ", single(singles[first]));
    mismatched += mismatches;
    ++compared;
  };
#define HAUL_COMPARE(path) \
  compare(#path, r, batch.routes[r].path, [&](const Plan<double>& p) { return p.routes[r].path; });
  int expected = 0;
  for (std::size_t r = 0; r < kinds.size(); ++r) {
    CAPTURE(r);
    REQUIRE(batch.routes[r].kind == kinds[r]);
    HAUL_ROUTE_RESULT(HAUL_COMPARE)
    expected += kRouteResultFields;
    switch (kinds[r]) {
      case RouteKind::network:
        HAUL_NETWORK_RESULT(HAUL_COMPARE, network)
        expected += kNetworkResultFields;
        break;
      case RouteKind::ship:
        HAUL_SHIP_RESULT(HAUL_COMPARE, ship)
        expected += kShipResultFields;
        break;
      case RouteKind::appliance:
        HAUL_APPLIANCE_RESULT(HAUL_COMPARE, appliance)
        expected += kApplianceResultFields;
        break;
      case RouteKind::hybrid:
        HAUL_HYBRID_RESULT(HAUL_COMPARE, hybrid)
        HAUL_COMPARE(pure_network_s)
        HAUL_COMPARE(pure_ship_s)
        HAUL_COMPARE(gain_s)
        expected += kHybridResultFields + 3;
        break;
    }
  }
#undef HAUL_COMPARE
  const std::size_t none = 0;
  compare("winner_time", none, batch.winner_time,
          [](const Plan<double>& p) { return p.winner_time; });
  compare("winner_cost", none, batch.winner_cost,
          [](const Plan<double>& p) { return p.winner_cost; });
  // 7 routes * 10 + 2 * 15 (network) + 2 * 19 (ship) + 10 (appliance) + 2 * (39 + 3) (hybrid)
  // = 232, and the 2 winners
  CHECK(expected == 232);
  CHECK(compared == expected + 2);
  CHECK(mismatched == 0);

  // The rows reach what is worth comparing: no NaN where a route's figures are read, every route
  // winning somewhere, appliances with devices auto and given, splits strictly inside (0, 1), and
  // "auto" never slower than either of its pure routes.
  int nan = 0, wins[7] = {}, cheapest[7] = {}, inside = 0, given_devices = 0, several_devices = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Plan<double>& p = singles[i];
#define HAUL_NAN(path) nan += std::isnan(p.routes[r].path) ? 1 : 0;
    for (std::size_t r = 0; r < kinds.size(); ++r) {
      HAUL_ROUTE_RESULT(HAUL_NAN)
    }
#undef HAUL_NAN
    ++wins[static_cast<int>(p.winner_time)];
    ++cheapest[static_cast<int>(p.winner_cost)];
    const double split = p.routes[6].hybrid.split;
    if (split > 0 && split < 1) ++inside;
    if (rows[i].routes[4].appliance.devices > 0) ++given_devices;
    if (p.routes[4].appliance.devices > 1) ++several_devices;
    const auto& best = p.routes[6];
    CHECK(best.time_s <= best.pure_network_s);
    CHECK(best.time_s <= best.pure_ship_s);
    CHECK(best.gain_s >= 0);
  }
  CHECK(nan == 0);
  int winners = 0, cheap_winners = 0;
  for (int r = 0; r < 7; ++r) {
    winners += wins[r] > 0 ? 1 : 0;
    cheap_winners += cheapest[r] > 0 ? 1 : 0;
  }
  CHECK(winners >= 4);
  CHECK(cheap_winners >= 3);
  CHECK(inside > 0);
  CHECK(given_devices > 0);
  CHECK(given_devices < static_cast<int>(n));
  CHECK(several_devices > 0);
}

TEST_CASE("routes: a hybrid at split 0 or 1 is its ship or network route, on random inputs") {
  std::mt19937 rng(7u);
  for (int i = 0; i < 50; ++i) {
    Inputs<double> in = random_routes(rng);
    in.ship.drives = 0;  // a hybrid's drives follow its share
    RouteParams<double> mix = own_route(RouteKind::hybrid);
    mix.network = in.network;
    mix.ship = in.ship;
    in.routes = {in.routes[0], in.routes[1], mix, mix};
    in.routes[2].split = 0.0;
    in.routes[3].split = 1.0;
    const Plan<double> p = plan_model(in);
    CAPTURE(i);
    CHECK(p.routes[2].time_s == p.routes[1].time_s);
    CHECK(p.routes[2].cost_usd == p.routes[1].cost_usd);
    CHECK(p.routes[3].time_s == p.routes[0].time_s);
    CHECK(p.routes[3].cost_usd == p.routes[0].cost_usd);
  }
}
