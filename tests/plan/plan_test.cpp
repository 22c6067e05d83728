// The plan (MODEL.md section 4, "plan") against hand arithmetic, the breakevens against cases with
// a closed-form answer, and the column path (Eigen::ArrayXd) against the scalar path on a few
// hundred random scenarios. Every expected number is worked out in the comment beside it.
#include "plan/plan.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "input/checks.hpp"

using haul::Attention;
using haul::Billing;
using haul::Breakeven;
using haul::Congestion;
using haul::Inputs;
using haul::Job;
using haul::Plan;
using haul::plan_model;
using haul::Weights;

namespace {

template <class E>
double code(E e) {
  return static_cast<int>(e);
}

// 80 TB; an ideal 1 Gbps link (efficiency 1, utilization 1, rtt 0, no loss) at 0.05 USD/GB egress;
// the default ship (4 x hdd-24tb, one courier, 24 h); 8 H100 at $2/h training 1e21 FLOP of a 7e9
// parameter model whose bf16 weights (1.4e10 B) come back over the network.
//
// Hand figures used below:
//   network: 8e13 B / 1.25e8 B/s = 640,000 s; egress 8e13 * 5e-11 = $4,000
//   ship:    3 * (2e13 / 2.7e8) + 86,400 = 3 * 74,074.074 + 86,400 = 308,622.222 s;
//            4 drives * $450 = $1,800
//   compute: 1e21 / (8 * 989e12 * 0.4 * 0.9) = 1e21 / 2.84832e15 = 351,084.148 s;
//            8 * 351,084.1478 / 3600 = 780.186995 GPU-h * $2 = $1,560.37399
//   weights: 7e9 * 2 = 1.4e10 B; 1.4e10 / 1.25e8 = 112 s; egress 1.4e10 * 5e-11 = $0.70
Inputs<double> base() {
  Inputs<double> in;
  in.data.size_bytes = 80e12;
  in.network.bandwidth_bps = 1e9;
  in.network.utilization = 1.0;
  in.network.efficiency = 1.0;
  in.network.rtt_s = 0.0;
  in.network.loss = 0.0;
  in.network.egress_usd_per_byte = 0.05e-9;
  in.compute.job = code(Job::flops);
  in.compute.flops = 1e21;
  in.compute.params = 7e9;
  in.compute.weights = code(Weights::network);
  in.compute.billing = code(Billing::on_arrival);
  return in;
}

bool contains(const std::string& text, const std::string& word) {
  return text.find(word) != std::string::npos;
}

}  // namespace

TEST_CASE("plan: arrival, weights back over the network, time to model, total cost, winners") {
  const Plan<double> p = plan_model(haul::with_section_routes(base()));
  CHECK(p.routes[0].plan.arrival_s == doctest::Approx(640000).epsilon(1e-12));
  CHECK(p.routes[1].plan.arrival_s == doctest::Approx(308622.222222).epsilon(1e-10));
  CHECK(p.compute.weights_bytes == doctest::Approx(1.4e10).epsilon(1e-15));
  // weights back = network model on 1.4e10 B = 1.4e10 / 1.25e8 = 112 s, on both routes
  CHECK(p.weights_network.time_s == doctest::Approx(112).epsilon(1e-12));
  CHECK(p.routes[0].plan.weights_back_s == doctest::Approx(112).epsilon(1e-12));
  CHECK(p.routes[1].plan.weights_back_s == doctest::Approx(112).epsilon(1e-12));
  CHECK(p.routes[0].plan.train_s == doctest::Approx(351084.148).epsilon(1e-9));
  // network: 640,000 + 351,084.148 + 112 = 991,196.148 s
  CHECK(p.routes[0].plan.time_to_model_s == doctest::Approx(991196.148).epsilon(1e-9));
  // ship: 308,622.222 + 351,084.148 + 112 = 659,818.370 s
  CHECK(p.routes[1].plan.time_to_model_s == doctest::Approx(659818.370).epsilon(1e-9));
  // billing on arrival: no idle cost
  CHECK(p.routes[0].plan.idle_usd == 0.0);
  CHECK(p.routes[1].plan.idle_usd == 0.0);
  // weights egress 1.4e10 B * 5e-11 USD/B = $0.70 on either route
  CHECK(p.routes[0].plan.weights_egress_usd == doctest::Approx(0.7).epsilon(1e-12));
  CHECK(p.routes[1].plan.weights_egress_usd == doctest::Approx(0.7).epsilon(1e-12));
  // network total = $4,000 + $1,560.37399 + $0 + $0.70 = $5,561.07399
  CHECK(p.routes[0].plan.total_cost_usd == doctest::Approx(5561.07399).epsilon(1e-9));
  // ship total = $1,800 + $1,560.37399 + $0 + $0.70 = $3,361.07399
  CHECK(p.routes[1].plan.total_cost_usd == doctest::Approx(3361.07399).epsilon(1e-9));
  // ship is sooner (659,818 < 991,196 s) and cheaper ($3,361 < $5,561)
  CHECK(p.winner_time == 1.0);
  CHECK(p.winner_cost == 1.0);
}

TEST_CASE("plan: a faster link wins on time while the drives still win on cost") {
  Inputs<double> in = base();
  in.network.bandwidth_bps = 100e9;
  const Plan<double> p = plan_model(haul::with_section_routes(in));
  // network: 8e13 / 1.25e10 = 6,400 s; weights 1.4e10 / 1.25e10 = 1.12 s
  // 6,400 + 351,084.148 + 1.12 = 357,485.268 s < ship 308,622.222 + 351,084.148 + 1.12
  CHECK(p.routes[0].plan.time_to_model_s == doctest::Approx(357485.268).epsilon(1e-9));
  CHECK(p.winner_time == 0.0);
  // cost: the egress is unchanged at $4,000 vs $1,800 of drives
  CHECK(p.winner_cost == 1.0);
}

TEST_CASE("plan: weights carried back take one transit and none take nothing") {
  Inputs<double> in = base();
  in.compute.weights = code(Weights::carry);
  Plan<double> p = plan_model(haul::with_section_routes(in));
  // weights_back = transit = 86,400 s, and no egress on them
  CHECK(p.routes[0].plan.weights_back_s == doctest::Approx(86400).epsilon(1e-15));
  CHECK(p.routes[1].plan.weights_back_s == doctest::Approx(86400).epsilon(1e-15));
  CHECK(p.routes[0].plan.weights_egress_usd == 0.0);
  // network: 640,000 + 351,084.148 + 86,400 = 1,077,484.148 s
  CHECK(p.routes[0].plan.time_to_model_s == doctest::Approx(1077484.148).epsilon(1e-9));
  // network total = $4,000 + $1,560.37399 = $5,560.37399
  CHECK(p.routes[0].plan.total_cost_usd == doctest::Approx(5560.37399).epsilon(1e-9));

  in.compute.weights = code(Weights::none);
  p = plan_model(haul::with_section_routes(in));
  CHECK(p.routes[0].plan.weights_back_s == 0.0);
  CHECK(p.routes[1].plan.weights_back_s == 0.0);
  // ship: 308,622.222 + 351,084.148 + 0 = 659,706.370 s
  CHECK(p.routes[1].plan.time_to_model_s == doctest::Approx(659706.370).epsilon(1e-9));
  // ship total = $1,800 + $1,560.37399 = $3,360.37399
  CHECK(p.routes[1].plan.total_cost_usd == doctest::Approx(3360.37399).epsilon(1e-9));
}

TEST_CASE("plan: GPUs billed from the start pay idle until the data lands") {
  Inputs<double> in = base();
  in.compute.billing = code(Billing::at_start);
  const Plan<double> p = plan_model(haul::with_section_routes(in));
  // idle = gpus * price * arrival = 8 * ($2 / 3600 s) * 640,000 s = $2,844.444
  CHECK(p.routes[0].plan.idle_usd == doctest::Approx(2844.444444).epsilon(1e-9));
  // 8 * (2 / 3600) * 308,622.222 = $1,371.654
  CHECK(p.routes[1].plan.idle_usd == doctest::Approx(1371.654321).epsilon(1e-9));
  // network total = $4,000 + $1,560.37399 + $2,844.444 + $0.70 = $8,405.518
  CHECK(p.routes[0].plan.total_cost_usd == doctest::Approx(8405.518).epsilon(1e-7));
  // ship total = $1,800 + $1,560.37399 + $1,371.654 + $0.70 = $4,732.728
  CHECK(p.routes[1].plan.total_cost_usd == doctest::Approx(4732.728).epsilon(1e-7));
}

TEST_CASE("plan: with no job, nothing trains, nothing comes back and nothing idles") {
  Inputs<double> in = base();
  in.compute.job = code(Job::none);
  in.compute.billing = code(Billing::at_start);
  const Plan<double> p = plan_model(haul::with_section_routes(in));
  CHECK(p.routes[0].plan.train_s == 0.0);
  CHECK(p.routes[0].plan.weights_back_s == 0.0);
  CHECK(p.routes[0].plan.idle_usd == 0.0);
  CHECK(p.routes[1].plan.idle_usd == 0.0);
  CHECK(p.routes[0].plan.weights_egress_usd == 0.0);
  // time to model = arrival; total = the route's own cost
  CHECK(p.routes[0].plan.time_to_model_s == doctest::Approx(640000).epsilon(1e-12));
  CHECK(p.routes[1].plan.time_to_model_s == doctest::Approx(308622.222222).epsilon(1e-10));
  CHECK(p.routes[0].plan.total_cost_usd == doctest::Approx(4000).epsilon(1e-12));
  CHECK(p.routes[1].plan.total_cost_usd == doctest::Approx(1800).epsilon(1e-12));
}

TEST_CASE("plan: breakeven bandwidth, solved by hand on an ideal link") {
  Inputs<double> in = base();
  // rtt 0, efficiency 1, utilization 1: network time = 8 * bytes / B, so B* = 8 * bytes / ship time
  //   = 8 * 8e13 / 308,622.222 = 2,073,732,718.9 bit/s
  Breakeven b = haul::breakeven_bandwidth(in);
  REQUIRE(b.value.has_value());
  CHECK(*b.value == doctest::Approx(2073732718.9).epsilon(1e-6));

  // Half the link for this transfer: B * 0.5 must reach the same payload rate, B* doubles:
  // 2 * 2,073,732,718.9 = 4,147,465,437.8 bit/s
  in.network.utilization = 0.5;
  b = haul::breakeven_bandwidth(in);
  REQUIRE(b.value.has_value());
  CHECK(*b.value == doctest::Approx(4147465437.8).epsilon(1e-6));

  // A 100 ms handshake and a window too large to bind (1e12 B / 0.1 s = 1e13 B/s), and slow start:
  // 0.1 + 8 * 8e13 / B + ramp = 308,622.222. Near B = 2.0737e9 the steady window is
  // B / 8 * 0.1 = 2.59217e7 B, so the ramp from 14,600 B costs
  // 0.1 * log2(2.59217e7 / 14,600) - (2.59217e7 - 14,600) / ln 2 / 2.59217e8
  // = 1.079398 - 0.144188 = 0.935210 s  ->  B* = 6.4e14 / (308,622.222 - 0.1 - 0.935210)
  // = 6.4e14 / 308,621.187 = 2,073,739,674.8 bit/s
  in.network.utilization = 1.0;
  in.network.rtt_s = 0.1;
  in.network.window_bytes = 1e12;
  b = haul::breakeven_bandwidth(in);
  REQUIRE(b.value.has_value());
  CHECK(*b.value == doctest::Approx(2073739674.8).epsilon(1e-6));
}

TEST_CASE("plan: breakeven bandwidth is null when no bandwidth can do it, with the reason") {
  SUBCASE("a measured rate") {
    Inputs<double> in = base();
    in.network.measured_rate_bps = 5e8;  // the network's rate no longer follows the bandwidth
    const Breakeven b = haul::breakeven_bandwidth(in);
    CHECK_FALSE(b.value.has_value());
    CHECK(contains(b.reason, "measured_rate"));
  }
  SUBCASE("the TCP window") {
    Inputs<double> in = base();
    in.network.rtt_s = 0.1;  // window 4 MiB / 0.1 s = 41,943,040 B/s at any bandwidth
    // 8e13 / 41,943,040 = 1,907,348.6 s > ship 308,622.2 s
    const Breakeven b = haul::breakeven_bandwidth(in);
    CHECK_FALSE(b.value.has_value());
    CHECK(contains(b.reason, "window"));
  }
  SUBCASE("packet loss") {
    Inputs<double> in = base();
    in.network.rtt_s = 0.1;
    in.network.window_bytes = 1e12;
    in.network.congestion = code(Congestion::reno);
    in.network.loss = 1e-4;  // Mathis: 1,788,127.5 B/s; 8e13 / 1,788,127.5 = 44,739,539 s
    const Breakeven b = haul::breakeven_bandwidth(in);
    CHECK_FALSE(b.value.has_value());
    CHECK(contains(b.reason, "loss"));
  }
  SUBCASE("the network is faster even at 1 kbps") {
    Inputs<double> in = base();
    in.data.size_bytes = 100;  // 100 B * 8 / 1e3 bit/s = 0.8 s, against a 86,400 s transit
    const Breakeven b = haul::breakeven_bandwidth(in);
    CHECK_FALSE(b.value.has_value());
    CHECK(contains(b.reason, "1 kbps"));
  }
  SUBCASE("the drives are faster even at 1 Pbps") {
    Inputs<double> in = base();
    in.ship.transit_s = 0;
    in.ship.verify = 0;
    in.ship.write_Bps = 1e15;
    in.ship.read_Bps = 1e15;
    in.ship.copy_limit_Bps = 1e18;
    in.ship.ingest_limit_Bps = 1e18;
    // ship: 2e13 / 1e15 (write) + 2e13 / 1e15 (ingest) = 0.04 s;
    // network at 1 Pbps: 8 * 8e13 / 1e15 = 0.64 s, limited by the link, not the window or loss
    const Breakeven b = haul::breakeven_bandwidth(in);
    CHECK_FALSE(b.value.has_value());
    CHECK(contains(b.reason, "1 Pbps"));
  }
}

TEST_CASE("plan: breakeven size, solved by hand where both times are linear in the size") {
  Inputs<double> in = base();
  // One drive holds any size up to 1 EB (capacity 1e18), so drives = 1, one wave, one trip, and
  // the ship time is linear: S / 1e12 (write) + 86,400 (transit) + S / 1e12 (ingest), verify off,
  // host limits (1e13) above the drive rates (1e12 B/s).
  in.ship.capacity_bytes = 1e18;
  in.ship.write_Bps = 1e12;
  in.ship.read_Bps = 1e12;
  in.ship.copy_limit_Bps = 1e13;
  in.ship.ingest_limit_Bps = 1e13;
  in.ship.verify = 0;
  in.ship.drives = 5;  // breakeven_size uses drives = auto, so this must not matter
  // Network (ideal 1 Gbps, rtt 0): 8 S / 1e9. Equal when 8e-9 S = 2e-12 S + 86,400:
  // S* = 86,400 / (8e-9 - 2e-12) = 86,400 / 7.998e-9 = 1.08027006752e13 B
  const Breakeven b = haul::breakeven_size(in);
  REQUIRE(b.value.has_value());
  CHECK(*b.value == doctest::Approx(1.08027006752e13).epsilon(1e-6));
}

TEST_CASE("plan: breakeven size is null when one route wins at every size") {
  SUBCASE("the network wins up to 1 EB") {
    Inputs<double> in = base();
    in.network.bandwidth_bps = 1e15;  // 1 EB * 8 / 1e15 = 8,000 s < the 86,400 s transit alone
    const Breakeven b = haul::breakeven_size(in);
    CHECK_FALSE(b.value.has_value());
    CHECK_FALSE(b.reason.empty());
  }
  SUBCASE("the drives win already at 1 MB") {
    Inputs<double> in = base();
    in.network.bandwidth_bps = 1e3;  // 1e6 B * 8 / 1e3 = 8,000 s
    in.ship.transit_s = 60;          // 60 s + 2 * 1e6 / 2.7e8 (write, verify) + ingest < 61 s
    const Breakeven b = haul::breakeven_size(in);
    CHECK_FALSE(b.value.has_value());
    CHECK(contains(b.reason, "1 MB"));
  }
}

TEST_CASE("plan: tokens = auto counts the data before compression") {
  Inputs<double> in = base();
  in.data.size_bytes = 5.6e12;
  in.data.compression = 3.0;  // ships 5.6e12 / 3 B, but trains on every byte
  in.compute.job = code(Job::params_tokens);
  in.compute.params = 70e9;
  in.compute.tokens_auto = 1;
  in.compute.bytes_per_token = 4;
  const Plan<double> p = plan_model(haul::with_section_routes(in));
  // tokens = 5.6e12 / 4 = 1.4e12, not 5.6e12 / 3 / 4 = 4.667e11
  CHECK(p.compute.tokens == doctest::Approx(1.4e12).epsilon(1e-15));
  // 6 * 70e9 * 1.4e12 = 5.88e23
  CHECK(p.compute.flops == doctest::Approx(5.88e23).epsilon(1e-15));
  // the drives carry the compressed bytes: 5.6e12 / 3 = 1.8667e12
  CHECK(p.routes[1].ship.bytes == doctest::Approx(5.6e12 / 3.0).epsilon(1e-12));
}

// --- the column path equals the scalar path --------------------------------------------------

namespace {

using A = haul::num::Array;

// Every result field, for the row-by-row comparison.
// clang-format off
#define HAUL_NETWORK_RESULT_FIELDS(X, P)                                                         \
  X(P.bytes) X(P.link_Bps) X(P.window_Bps) X(P.loss_Bps) X(P.rate_Bps) X(P.limit)                \
  X(P.handshake_s) X(P.transfer_s) X(P.slow_start_s) X(P.per_file_s) X(P.time_s) X(P.egress_usd) \
  X(P.fixed_usd)                                                                                \
  X(P.lease_usd)                                                                                \
  X(P.cost_usd)
#define HAUL_SHIP_RESULT_FIELDS(X, P)                                                            \
  X(P.bytes) X(P.stored_bytes) X(P.data_drives) X(P.needed_drives) X(P.drives)                   \
  X(P.per_drive_bytes) X(P.per_courier) X(P.trips) X(P.write_s) X(P.verify_s)                    \
  X(P.transit_s) X(P.ingest_s) X(P.time_s) X(P.rate_bps) X(P.drives_usd)                         \
  X(P.travel_usd) X(P.shipping_usd) X(P.cost_usd) X(P.p_data_loss)
#define HAUL_ROUTE_FIELDS(X, P)                                                                  \
  X(P.arrival_s) X(P.train_s) X(P.weights_back_s) X(P.idle_usd) X(P.weights_egress_usd)          \
  X(P.time_to_model_s) X(P.total_cost_usd)
#define HAUL_PLAN_FIELDS(X)                                                                      \
  HAUL_NETWORK_RESULT_FIELDS(X, routes[0].network)                                               \
  HAUL_SHIP_RESULT_FIELDS(X, routes[1].ship)                                                     \
  X(compute.flops) X(compute.train_time_s) X(compute.gpu_hours) X(compute.cost_usd)              \
  X(compute.weights_bytes) X(compute.sustained_flops) X(compute.memory_bytes) X(compute.goodput) \
  HAUL_NETWORK_RESULT_FIELDS(X, weights_network)                                                 \
  HAUL_ROUTE_FIELDS(X, routes[0].plan)                                                           \
  HAUL_ROUTE_FIELDS(X, routes[1].plan)                                                           \
  X(winner_time) X(winner_cost)
// The compute fields that are NaN where unknown (MODEL.md section 4): compared the same way, NaN
// equal to NaN, but left out of the no-NaN count below.
#define HAUL_MAYBE_NAN_FIELDS(X)                                                                 \
  X(compute.flops_6n) X(compute.tokens) X(compute.memory_per_gpu_bytes) X(compute.fits)          \
  X(compute.min_gpus) X(compute.checkpoint_interval_s) X(compute.interruptions)
// clang-format on

// Equal, both NaN, or within 1e-12 of each other relative to the larger.
bool same(double a, double b) {
  if (a == b) return true;
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::fabs(a - b) <= 1e-12 * std::fmax(std::fabs(a), std::fabs(b));
}

Inputs<double> random_scenario(std::mt19937& rng) {
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto log_uniform = [&](double lo_exp, double hi_exp) {
    return std::pow(10.0, uniform(lo_exp, hi_exp));
  };
  auto integer = [&](int lo, int hi) {
    return static_cast<double>(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  auto pick = [&](std::initializer_list<double> options) {
    const auto i = std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng);
    return *(options.begin() + static_cast<std::ptrdiff_t>(i));
  };
  auto chance = [&](double p) { return uniform(0.0, 1.0) < p; };

  Inputs<double> in;
  in.data.size_bytes = log_uniform(6, 17);
  in.data.files = pick({1, 1000, 1e6});
  in.data.compression = pick({1.0, 1.5, 3.0});

  in.network.bandwidth_bps = log_uniform(6, 12);
  in.network.utilization = uniform(0.1, 1.0);
  in.network.efficiency = chance(0.5) ? 0.0 : uniform(0.5, 1.0);
  in.network.mtu_bytes = pick({1500, 9000});
  in.network.rtt_s = chance(0.25) ? 0.0 : uniform(0.001, 0.3);
  in.network.loss = chance(0.3) ? 0.0 : log_uniform(-7, -1.5);
  in.network.streams = integer(1, 32);
  in.network.window_bytes = std::pow(2.0, integer(16, 30));
  in.network.congestion = integer(0, 2);
  in.network.per_file_rtts = pick({0, 1, 3});
  in.network.egress_usd_per_byte = uniform(0.0, 0.1) * 1e-9;
  in.network.fixed_usd = pick({0, 1000});
  in.network.measured_rate_bps = chance(0.2) ? in.network.bandwidth_bps * uniform(0.05, 1.0) : 0.0;
  in.network.lease_usd_per_s = chance(0.3) ? uniform(0.0, 0.05) : 0.0;

  in.ship.capacity_bytes = pick({2e12, 4e12, 8e12, 24e12});
  in.ship.write_Bps = uniform(1e8, 2e9);
  in.ship.read_Bps = uniform(1e8, 3e9);
  in.ship.price_usd = uniform(50, 600);
  in.ship.weight_kg = uniform(0.01, 1.0);
  in.ship.redundancy = integer(0, 2);
  in.ship.copies = pick({1, 2, 3});
  in.ship.erasure_k = pick({2, 4, 5, 8, 10});
  in.ship.erasure_m = pick({1, 2, 4});
  in.ship.verify = integer(0, 1);
  in.ship.copy_slots = pick({1, 4, 8, 16});
  in.ship.copy_limit_Bps = log_uniform(8, 10);
  in.ship.ingest_slots = pick({1, 4, 8, 16});
  in.ship.ingest_limit_Bps = log_uniform(8, 10);
  in.ship.transit_s = uniform(3600, 5 * 86400);
  in.ship.couriers = pick({0, 1, 2, 4});
  in.ship.per_courier = chance(0.5) ? 0.0 : integer(1, 20);
  in.ship.bag_kg = uniform(10, 32);
  in.ship.trip_cost_usd = uniform(0, 2000);
  in.ship.per_diem_usd = uniform(0, 300);
  in.ship.shipping_cost_usd = uniform(0, 500);
  in.ship.drive_loss = chance(0.3) ? 0.0 : log_uniform(-6, -1);
  // drives: auto, or any count at or above the need
  const double needed = haul::drives_needed(in.data.size_bytes / in.data.compression, in.ship);
  in.ship.drives = chance(0.5) ? 0.0 : needed + integer(0, 10);

  in.compute.peak_flops = pick({989e12, 756e12, 148e12, 2250e12});
  in.compute.gpus = pick({1, 8, 64, 2400});
  in.compute.price_usd_per_gpu_s = uniform(1, 4) / 3600.0;
  in.compute.mfu = uniform(0.2, 0.6);
  in.compute.goodput = uniform(0.8, 1.0);
  in.compute.job = integer(0, 3);
  in.compute.gpu_hours = log_uniform(2, 7);
  in.compute.flops = log_uniform(20, 26);
  in.compute.params = log_uniform(8, 12);
  in.compute.tokens = log_uniform(10, 13);
  in.compute.total_params = chance(0.5) ? 0.0 : in.compute.params * uniform(1, 20);
  in.compute.weight_bytes = pick({1, 2, 4});
  in.compute.weights = integer(0, 2);
  in.compute.billing = integer(0, 1);
  // A job given as GPU-hours or FLOPs may come without a parameter count: memory unknown.
  if (in.compute.job != code(Job::params_tokens) && in.compute.job != code(Job::none) &&
      chance(0.15)) {
    in.compute.params = 0.0;
    in.compute.total_params = 0.0;
  }

  // v2 keys. Each is drawn only where haul accepts it (scenario.cpp refuses them alone): tokens
  // from the data on about half the rows, the architecture (with its attention, micro-batch and
  // vocabulary) on about half, failures and checkpoints on about a third.
  in.compute.memory_bytes = pick({24e9, 80e9, 141e9, 192e9});
  in.compute.state_bytes_per_param = pick({2, 12, 16, 18});
  if (chance(0.5)) {
    in.compute.tokens_auto = 1.0;
    in.compute.bytes_per_token = pick({1, 2, 4});
    in.compute.epochs = chance(0.5) ? 1.0 : uniform(0.5, 4.0);
  }
  if (chance(0.5)) {
    in.compute.layers = integer(1, 128);
    in.compute.d_model = integer(64, 16384);
    in.compute.seq_len = integer(128, 131072);
    in.compute.attention = integer(0, 2);
    if (in.compute.attention == code(Attention::window))
      in.compute.attention_window = integer(1, 2 * static_cast<int>(in.compute.seq_len));
    in.compute.micro_batch = integer(1, 16);
    in.compute.vocab = chance(0.5) ? 0.0 : integer(1000, 256000);
  }
  if (chance(0.35)) {
    in.compute.checkpoint_s = chance(0.5) ? 0.0 : uniform(1, 600);
    in.compute.checkpoint_Bps = log_uniform(9, 12);
    in.compute.restart_s = uniform(0, 1800);
    // haul's own checks: a checkpoint it can size, and a goodput above 0; else draw again.
    for (int tries = 0; tries < 100; ++tries) {
      in.compute.failures_per_gpu_day = log_uniform(-6, -2);
      const haul::CrossChecks<double> checks = haul::cross_checks(in);
      if (checks.checkpoint_unknown != 0.0)
        in.compute.checkpoint_s = uniform(1, 600);
      else if (checks.no_progress == 0.0)
        break;
    }
    const haul::CrossChecks<double> checks = haul::cross_checks(in);
    if (checks.checkpoint_unknown != 0.0 || checks.no_progress != 0.0) {
      in.compute.failures_per_gpu_day = 0.0;  // none found: the defaults, as haul requires
      in.compute.checkpoint_s = 0.0;
      in.compute.checkpoint_Bps = 100e9;
      in.compute.restart_s = 600;
    }
  }
  return in;
}

}  // namespace

TEST_CASE("plan: plan_model<ArrayXd> equals plan_model<double> row by row") {
  std::mt19937 rng(20240611u);
  const Eigen::Index n = 600;
  std::vector<Inputs<double>> rows;
  for (Eigen::Index i = 0; i < n; ++i) rows.push_back(random_scenario(rng));

  // One column per input field. Params<ArrayXd> have no usable default member initializers
  // (T(1e9) is Eigen's size constructor), so every field is named; designated initializers make
  // the compiler check the order and that none is left out.
  auto column = [&](auto get) {
    A out(n);
    for (Eigen::Index i = 0; i < n; ++i) out[i] = get(rows[static_cast<std::size_t>(i)]);
    return out;
  };
#define HAUL_COL(field) column([](const Inputs<double>& r) { return r.field; })
  const Inputs<A> columns{
      .data = {.size_bytes = HAUL_COL(data.size_bytes),
               .files = HAUL_COL(data.files),
               .compression = HAUL_COL(data.compression)},
      .network = {.bandwidth_bps = HAUL_COL(network.bandwidth_bps),
                  .utilization = HAUL_COL(network.utilization),
                  .efficiency = HAUL_COL(network.efficiency),
                  .mtu_bytes = HAUL_COL(network.mtu_bytes),
                  .rtt_s = HAUL_COL(network.rtt_s),
                  .loss = HAUL_COL(network.loss),
                  .streams = HAUL_COL(network.streams),
                  .window_bytes = HAUL_COL(network.window_bytes),
                  .congestion = HAUL_COL(network.congestion),
                  .per_file_rtts = HAUL_COL(network.per_file_rtts),
                  .egress_usd_per_byte = HAUL_COL(network.egress_usd_per_byte),
                  .fixed_usd = HAUL_COL(network.fixed_usd),
                  .measured_rate_bps = HAUL_COL(network.measured_rate_bps),
                  .lease_usd_per_s = HAUL_COL(network.lease_usd_per_s)},
      .ship = {.capacity_bytes = HAUL_COL(ship.capacity_bytes),
               .write_Bps = HAUL_COL(ship.write_Bps),
               .read_Bps = HAUL_COL(ship.read_Bps),
               .price_usd = HAUL_COL(ship.price_usd),
               .weight_kg = HAUL_COL(ship.weight_kg),
               .drives = HAUL_COL(ship.drives),
               .redundancy = HAUL_COL(ship.redundancy),
               .copies = HAUL_COL(ship.copies),
               .erasure_k = HAUL_COL(ship.erasure_k),
               .erasure_m = HAUL_COL(ship.erasure_m),
               .verify = HAUL_COL(ship.verify),
               .copy_slots = HAUL_COL(ship.copy_slots),
               .copy_limit_Bps = HAUL_COL(ship.copy_limit_Bps),
               .ingest_slots = HAUL_COL(ship.ingest_slots),
               .ingest_limit_Bps = HAUL_COL(ship.ingest_limit_Bps),
               .transit_s = HAUL_COL(ship.transit_s),
               .couriers = HAUL_COL(ship.couriers),
               .per_courier = HAUL_COL(ship.per_courier),
               .bag_kg = HAUL_COL(ship.bag_kg),
               .trip_cost_usd = HAUL_COL(ship.trip_cost_usd),
               .per_diem_usd = HAUL_COL(ship.per_diem_usd),
               .shipping_cost_usd = HAUL_COL(ship.shipping_cost_usd),
               .drive_loss = HAUL_COL(ship.drive_loss)},
      .appliance = {.capacity_bytes = HAUL_COL(appliance.capacity_bytes),
                    .fill_Bps = HAUL_COL(appliance.fill_Bps),
                    .devices = HAUL_COL(appliance.devices),
                    .copy_limit_Bps = HAUL_COL(appliance.copy_limit_Bps),
                    .lead_time_s = HAUL_COL(appliance.lead_time_s),
                    .transit_s = HAUL_COL(appliance.transit_s),
                    .processing_s = HAUL_COL(appliance.processing_s),
                    .job_fee_usd = HAUL_COL(appliance.job_fee_usd),
                    .included_days = HAUL_COL(appliance.included_days),
                    .day_fee_usd = HAUL_COL(appliance.day_fee_usd),
                    .shipping_usd = HAUL_COL(appliance.shipping_usd)},
      .compute = {.peak_flops = HAUL_COL(compute.peak_flops),
                  .gpus = HAUL_COL(compute.gpus),
                  .price_usd_per_gpu_s = HAUL_COL(compute.price_usd_per_gpu_s),
                  .mfu = HAUL_COL(compute.mfu),
                  .goodput = HAUL_COL(compute.goodput),
                  .job = HAUL_COL(compute.job),
                  .gpu_hours = HAUL_COL(compute.gpu_hours),
                  .flops = HAUL_COL(compute.flops),
                  .params = HAUL_COL(compute.params),
                  .tokens = HAUL_COL(compute.tokens),
                  .total_params = HAUL_COL(compute.total_params),
                  .weight_bytes = HAUL_COL(compute.weight_bytes),
                  .weights = HAUL_COL(compute.weights),
                  .billing = HAUL_COL(compute.billing),
                  .tokens_auto = HAUL_COL(compute.tokens_auto),
                  .bytes_per_token = HAUL_COL(compute.bytes_per_token),
                  .epochs = HAUL_COL(compute.epochs),
                  .layers = HAUL_COL(compute.layers),
                  .d_model = HAUL_COL(compute.d_model),
                  .seq_len = HAUL_COL(compute.seq_len),
                  .attention = HAUL_COL(compute.attention),
                  .attention_window = HAUL_COL(compute.attention_window),
                  .memory_bytes = HAUL_COL(compute.memory_bytes),
                  .state_bytes_per_param = HAUL_COL(compute.state_bytes_per_param),
                  .micro_batch = HAUL_COL(compute.micro_batch),
                  .vocab = HAUL_COL(compute.vocab),
                  .failures_per_gpu_day = HAUL_COL(compute.failures_per_gpu_day),
                  .checkpoint_s = HAUL_COL(compute.checkpoint_s),
                  .checkpoint_Bps = HAUL_COL(compute.checkpoint_Bps),
                  .restart_s = HAUL_COL(compute.restart_s)},
      .routes = {}};
#undef HAUL_COL

  const Plan<A> batch = plan_model(haul::with_section_routes(columns));
  std::vector<Plan<double>> singles;
  for (const auto& row : rows) singles.push_back(plan_model(haul::with_section_routes(row)));

  int compared = 0;
#define HAUL_COMPARE(field)                                                                    \
  {                                                                                            \
    REQUIRE(batch.field.size() == n);                                                          \
    int mismatches = 0;                                                                        \
    Eigen::Index first = -1;                                                                   \
    for (Eigen::Index i = 0; i < n; ++i) {                                                     \
      const double one = singles[static_cast<std::size_t>(i)].field;                           \
      if (!same(haul::num::at(batch.field, i), haul::num::at(one, i))) {                       \
        if (mismatches++ == 0) first = i;                                                      \
      }                                                                                        \
    }                                                                                          \
    CHECK_MESSAGE(mismatches == 0, #field ": ", mismatches, " rows differ, first row ", first, \
                  ": batch ", (first >= 0 ? batch.field[first] : 0.0), " single ",             \
                  (first >= 0 ? singles[static_cast<std::size_t>(first)].field : 0.0));        \
    ++compared;                                                                                \
  }
  HAUL_PLAN_FIELDS(HAUL_COMPARE)
  HAUL_MAYBE_NAN_FIELDS(HAUL_COMPARE)
#undef HAUL_COMPARE
  // 15 network + 19 ship + 8 compute + 15 weights network + 2 * 7 routes + 2 winners = 73 fields,
  // and 7 compute fields that may be NaN: 80, every member of ComputeResult (15) among them
  CHECK(compared == 80);

  // The scenarios reach every branch worth comparing, and none of them yields a NaN (which the
  // comparison above would let pass as "both NaN").
  int limits[4] = {0, 0, 0, 0}, ship_wins = 0, network_wins = 0, lossy = 0, nan_fields = 0;
  int in_ramp = 0, bbr = 0;
  for (std::size_t r = 0; r < singles.size(); ++r) {
    const Plan<double>& p = singles[r];
    const int limit = static_cast<int>(p.routes[0].network.limit);
    if (limit >= 0 && limit < 4) ++limits[limit];
    // A transfer that ends inside slow start: its ramp takes longer than the bytes at full rate.
    if (p.routes[0].network.slow_start_s > 0 && p.routes[0].network.slow_start_s > 0.5 * p.routes[0].network.transfer_s)
      ++in_ramp;
    if (rows[r].network.congestion == static_cast<int>(haul::Congestion::bbr)) ++bbr;
    (p.winner_time == 1.0 ? ship_wins : network_wins) += 1;
    if (p.routes[1].ship.p_data_loss > 0.0) ++lossy;
#define HAUL_NAN(field) nan_fields += std::isnan(p.field) ? 1 : 0;
    HAUL_PLAN_FIELDS(HAUL_NAN)
#undef HAUL_NAN
  }
  CHECK(limits[static_cast<int>(haul::Limit::link)] > 0);
  CHECK(limits[static_cast<int>(haul::Limit::window)] > 0);
  CHECK(limits[static_cast<int>(haul::Limit::loss)] > 0);
  CHECK(limits[static_cast<int>(haul::Limit::measured)] > 0);
  CHECK(in_ramp > 0);
  CHECK(bbr > 0);
  CHECK(ship_wins > 0);
  CHECK(network_wins > 0);
  CHECK(lossy > 0);
  CHECK(nan_fields == 0);

  // The v2 compute branches are reached too, each of the maybe-NaN fields both known and not.
  int auto_tokens = 0, architecture = 0, attention[3] = {0, 0, 0}, failures = 0, no_params = 0;
  int fits[2] = {0, 0}, overflow = 0, attention_counted = 0;
  int known[7] = {0, 0, 0, 0, 0, 0, 0}, unknown[7] = {0, 0, 0, 0, 0, 0, 0};
  for (std::size_t r = 0; r < singles.size(); ++r) {
    const auto& c = rows[r].compute;
    const Plan<double>& p = singles[r];
    if (c.tokens_auto == 1.0) ++auto_tokens;
    if (c.layers > 0) {
      ++architecture;
      ++attention[static_cast<int>(c.attention)];
    }
    if (c.failures_per_gpu_day > 0) ++failures;
    if (c.params == 0) ++no_params;
    if (p.compute.fits == 0.0 || p.compute.fits == 1.0) ++fits[static_cast<int>(p.compute.fits)];
    if (c.layers > 0 && std::isnan(p.compute.min_gpus) && !std::isnan(p.compute.fits)) ++overflow;
    if (p.compute.flops > p.compute.flops_6n) ++attention_counted;
    int k = 0;
#define HAUL_KNOWN(field) (std::isnan(p.field) ? unknown : known)[k++] += 1;
    HAUL_MAYBE_NAN_FIELDS(HAUL_KNOWN)
#undef HAUL_KNOWN
  }
  CHECK(auto_tokens > n / 4);
  CHECK(architecture > n / 4);
  CHECK(attention[static_cast<int>(Attention::causal)] > 0);
  CHECK(attention[static_cast<int>(Attention::full)] > 0);
  CHECK(attention[static_cast<int>(Attention::window)] > 0);
  CHECK(failures > n / 6);
  CHECK(no_params > 0);
  CHECK(fits[0] > 0);
  CHECK(fits[1] > 0);
  CHECK(overflow > 0);
  CHECK(attention_counted > 0);
  for (int k = 0; k < 7; ++k) {
    CHECK_MESSAGE(known[k] > 0, "maybe-NaN field ", k, " is never known");
    CHECK_MESSAGE(unknown[k] > 0, "maybe-NaN field ", k, " is never NaN");
  }
}
