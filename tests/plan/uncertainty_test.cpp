// Monte Carlo over a plan (MODEL.md v2 section 11) against closed forms: a lognormal transit moves
// the arrival's quantiles by its own, two routes with normal arrivals win as Phi says, drive loss
// and customs holds step the quantiles where the binomial says they should; the same seed gives the
// same numbers on any number of threads. Sampling tolerances are three standard errors, worked out
// beside each check.
#include "plan/uncertainty.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "input/fields.hpp"
#include "model/random.hpp"

using haul::Dist;
using haul::Inputs;
using haul::Interval;
using haul::RouteKind;
using haul::RouteParams;
using haul::Spread;
using haul::Truncated;
using haul::UncertainKey;
using haul::UncertaintySpec;

namespace {

constexpr double kHour = 3600;

// 10 TB on ten 1 TB drives (270 MB/s, eight slots: waves of 8 and 2, 3,703.704 s each), verified,
// one courier (one trip), 24 h transit, no job; an ideal 8 Gbps link (efficiency 1, rtt 0: 1e9 B/s,
// so one drive's 1e12 B take 1,000 s). Ship arrival: write, verify and ingest 2 * 3,703.704 s each,
// plus 86,400 s = 108,622.222 s.
Inputs<double> ten_drives() {
  Inputs<double> in;
  in.data.size_bytes = 10e12;
  in.network.bandwidth_bps = 8e9;
  in.network.utilization = 1;
  in.network.efficiency = 1;
  in.network.rtt_s = 0;
  in.network.loss = 0;
  in.ship.capacity_bytes = 1e12;
  return haul::with_section_routes(in);
}
constexpr double kShipArrival = 3 * 2 * (1e12 / 270e6) + 86400;  // 108,622.222 s

// The row's index of a field: set it to a marker and find the marker in the flattened row.
int slot_of(Inputs<double>& in, double& field) {
  const double was = field;
  field = 123456.789012;
  const haul::Flat flat = haul::flatten(in);
  field = was;
  const auto at = std::find(flat.begin(), flat.end(), 123456.789012);
  REQUIRE(at != flat.end());
  return static_cast<int>(at - flat.begin());
}

UncertainKey key(const std::string& name, int slot, const Dist& d, const Interval& range) {
  return {name, {slot}, Truncated(d, range), false, haul::stream_of(name)};
}

const Interval kDuration{0, haul::num::inf};

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

}  // namespace

TEST_CASE("uncertainty: a lognormal transit moves every quantile of arrival by its own") {
  Inputs<double> in = ten_drives();
  UncertaintySpec spec;
  spec.samples = 100000;
  spec.seed = 7;
  const int transit = slot_of(in, in.ship.transit_s);
  // p50 24 h, p90 72 h: sigma = ln 3 / z90 = 1.0986123 / 1.2815516 = 0.8572531.
  const Dist d = Dist::lognormal(24 * kHour, 72 * kHour);
  spec.keys.push_back(key("ship.transit", transit, d, kDuration));
  in.ship.transit_s = 24 * kHour;  // the point value: the median
  const Spread s = haul::monte_carlo(in, spec, 2);
  const auto& ship = s.routes[1].arrival_s;
  const double fixed = kShipArrival - 86400;  // write, verify and ingest: 22,222.222 s

  // Exactly: the sample quantiles of arrival are the fixed phases plus the sample quantiles of the
  // transit draws, made here from the same streams.
  std::vector<double> draws(spec.samples);
  for (std::uint64_t i = 0; i < spec.samples; ++i)
    draws[i] = spec.keys[0].dist.quantile(haul::uniform01(7, haul::stream_of("ship.transit"), i));
  std::sort(draws.begin(), draws.end());
  CHECK(ship.p10 == doctest::Approx(fixed + haul::quantile_sorted(draws, 0.1)).epsilon(1e-12));
  CHECK(ship.p50 == doctest::Approx(fixed + haul::quantile_sorted(draws, 0.5)).epsilon(1e-12));
  CHECK(ship.p90 == doctest::Approx(fixed + haul::quantile_sorted(draws, 0.9)).epsilon(1e-12));

  // And near the closed forms. p10 = 24 h / 3 = 8 h (z10 = -z90). Its standard error at n = 1e5:
  // sqrt(0.1 * 0.9 / n) / f(8 h), f(8 h) = phi(1.2816) / (8 h * sigma) = 0.17550 / (8 * 0.85725)
  // = 0.025590 per hour: 0.037 h, three of them 0.11 h.
  CHECK(std::fabs(ship.p10 - fixed - 8 * kHour) < 0.11 * kHour);
  // p50 = 24 h: f(24 h) = 0.39894 / (24 * 0.85725) = 0.019390 / h; SE = 0.5 / sqrt(n) / f = 0.0816 h.
  CHECK(std::fabs(ship.p50 - fixed - 24 * kHour) < 0.245 * kHour);
  // p90 = 72 h: f(72 h) = 0.17550 / (72 * 0.85725) = 0.0028434 / h; SE = 0.3335 h.
  CHECK(std::fabs(ship.p90 - fixed - 72 * kHour) < 1.0 * kHour);
  // mean = 24 h * exp(sigma^2 / 2) = 24 * exp(0.367441) = 34.6497 h; sd = mean * sqrt(exp(sigma^2)
  // - 1) = 34.6497 * 1.04144 = 36.0855 h; SE = 0.1141 h, three of them 0.342 h.
  CHECK(std::fabs(ship.mean - fixed - 34.6497 * kHour) < 0.342 * kHour);
  // Nothing fails, nothing is lost; the network route does not move.
  CHECK(s.routes[1].p_fail == 0);
  CHECK(s.routes[0].arrival_s.p10 == s.routes[0].arrival_s.p90);
}

TEST_CASE("uncertainty: two routes with independent normal arrivals win as Phi says") {
  // Two ship routes alike but for their transits: A ~ N(30 h, 6 h), B ~ N(36 h, 8 h), no job, so
  // time to model is arrival. P(A first) = Phi((36 - 30) / sqrt(6^2 + 8^2)) = Phi(0.6) = 0.725747.
  // Truncation at 0 h is 5 sd below A's mean: 2.9e-7 of its mass, far below the tolerance.
  Inputs<double> in = ten_drives();
  RouteParams<double> b;
  b.kind = RouteKind::ship;
  b.own = true;
  b.ship = in.ship;
  in.routes = {in.routes[1], b};  // A: the [ship] route; B: a named ship route
  UncertaintySpec spec;
  spec.samples = 100000;
  const int a_slot = slot_of(in, in.ship.transit_s);
  const int b_slot = slot_of(in, in.routes[1].ship.transit_s);
  CHECK(a_slot != b_slot);
  spec.keys.push_back(key("ship.transit", a_slot, Dist::normal(30 * kHour, 6 * kHour), kDuration));
  spec.keys.push_back(key("route.b.transit", b_slot, Dist::normal(36 * kHour, 8 * kHour), kDuration));
  const Spread s = haul::monte_carlo(in, spec, 2);
  // SE = sqrt(p (1 - p) / n) = sqrt(0.725747 * 0.274253 / 1e5) = 0.001411; three: 0.00423.
  CHECK(std::fabs(s.p_win_time[0] - 0.725747) < 0.00423);
  CHECK(s.p_win_time[0] + s.p_win_time[1] == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(s.p_no_winner == 0);
  // Their costs are equal in every sample (nothing priced by time): the tie goes to A.
  CHECK(s.p_win_cost[0] == 1.0);
}

TEST_CASE("uncertainty: drive loss with recovery over the network steps by one drive's time") {
  // Ten drives, no redundancy, each lost with q = 0.05; what is lost goes over the 1e9 B/s link
  // after arrival, 1,000 s a drive. K ~ Binomial(10, 0.05):
  //   P(K = 0) = 0.95^10 = 0.598737;  P(K <= 1) = 0.598737 + 10 * 0.05 * 0.95^9 = 0.913862.
  // So P10 = P50 = the planned arrival, P90 = one drive later (0.9 lies between 0.5987 and
  // 0.9139), and the mean is 10 * 0.05 = 0.5 drives later: 500 s.
  Inputs<double> in = ten_drives();
  in.ship.drive_loss = 0.05;
  UncertaintySpec spec;
  spec.samples = 20000;
  REQUIRE(haul::has_uncertainty(in, spec));
  const Spread s = haul::monte_carlo(in, spec, 1);
  const auto& a = s.routes[1].arrival_s;
  CHECK(a.p10 == doctest::Approx(kShipArrival).epsilon(1e-12));
  CHECK(a.p50 == doctest::Approx(kShipArrival).epsilon(1e-12));
  CHECK(a.p90 == doctest::Approx(kShipArrival + 1000).epsilon(1e-12));
  // Mean: sd of the added time = 1,000 s * sqrt(10 * 0.05 * 0.95) = 689.2 s; SE = 4.87 s.
  CHECK(std::fabs(a.mean - kShipArrival - 500) < 14.7);
  // P(some loss) = 1 - 0.598737 = 0.401263; SE = sqrt(0.4013 * 0.5987 / 2e4) = 0.003466.
  CHECK(std::fabs(s.routes[1].p_loss - 0.401263) < 0.0104);
  CHECK(s.routes[1].p_fail == 0);

  SUBCASE("ship.on_loss = fail: the lost samples fail, the rest arrive as planned") {
    in.ship.on_loss = static_cast<int>(haul::OnLoss::fail);
    in.routes = {in.routes[1]};  // the ship route alone
    const Spread f = haul::monte_carlo(in, spec, 1);
    CHECK(f.routes[0].p_fail == s.routes[1].p_loss);  // the same draws, now failures
    CHECK(f.routes[0].arrival_s.p90 == doctest::Approx(kShipArrival).epsilon(1e-12));
    // A failed route never wins: with no other route those samples have no winner.
    CHECK(f.p_no_winner == f.routes[0].p_fail);
    CHECK(f.p_win_time[0] == doctest::Approx(1 - f.routes[0].p_fail).epsilon(1e-12));
    // Over all samples a failure counts as never: with 40% failing (0.4013 +- 0.0035) the median
    // still delivers, at the planned time, but the P90 and the mean never do.
    const auto& all = f.routes[0].time_to_model_all_s;
    CHECK(all.p10 == f.routes[0].time_to_model_s.p10);
    CHECK(all.p50 == f.routes[0].time_to_model_s.p50);
    CHECK(std::isinf(all.p90));
    CHECK(std::isinf(all.mean));
    CHECK(std::isinf(f.routes[0].total_cost_all_usd.p90));
    // q = 0.005: P(fail) = 1 - 0.995^10 = 0.0489 (SE 0.0015), under the 10% a P90 allows.
    in.ship.drive_loss = 0.005;
    const Spread g = haul::monte_carlo(in, spec, 1);
    CHECK(std::fabs(g.routes[0].p_fail - 0.0489) < 0.0046);
    CHECK(g.routes[0].time_to_model_all_s.p90 == g.routes[0].time_to_model_s.p90);
    CHECK(std::isinf(g.routes[0].time_to_model_all_s.mean));
  }
  SUBCASE("ship.on_loss = retrip: one more copy and trip of the lost drives") {
    in.ship.on_loss = static_cast<int>(haul::OnLoss::retrip);
    const Spread t = haul::monte_carlo(in, spec, 1);
    // One lost drive: write, verify and ingest one 1e12 B drive (3,703.704 s each) and a 24 h
    // trip: 11,111.111 + 86,400 = 97,511.111 s more.
    CHECK(t.routes[1].arrival_s.p90 ==
          doctest::Approx(kShipArrival + 3 * 1e12 / 270e6 + 86400).epsilon(1e-12));
  }
}

TEST_CASE("uncertainty: customs holds add up over the trips") {
  // Four trips (per_courier 3 of the ten drives: ceil(10 / 3) = 4), each held with p = 0.3 for
  // 48 h. Transit on the critical path: (2 * 4 - 1) * 24 h. Held trips H ~ Binomial(4, 0.3):
  //   P(H = 0) = 0.7^4 = 0.2401, P(H <= 1) = 0.2401 + 4 * 0.3 * 0.7^3 = 0.6517,
  //   P(H <= 2) = 0.6517 + 6 * 0.09 * 0.49 = 0.9163.
  // So P10 = planned, P50 = one hold (48 h) later, P90 = two holds later; mean 1.2 holds.
  Inputs<double> in = ten_drives();
  in.ship.per_courier = 3;
  in.ship.hold_probability = 0.3;
  in.ship.hold_s = 48 * kHour;
  const double planned = 3 * 2 * (1e12 / 270e6) + 7 * 86400;
  UncertaintySpec spec;
  spec.samples = 20000;
  const Spread s = haul::monte_carlo(in, spec, 2);
  const auto& a = s.routes[1].arrival_s;
  CHECK(a.p10 == doctest::Approx(planned).epsilon(1e-12));
  CHECK(a.p50 == doctest::Approx(planned + 48 * kHour).epsilon(1e-12));
  CHECK(a.p90 == doctest::Approx(planned + 96 * kHour).epsilon(1e-12));
  // sd of H = sqrt(4 * 0.3 * 0.7) = 0.9165 holds; SE of the mean = 0.00648 holds = 0.311 h.
  CHECK(std::fabs(a.mean - planned - 1.2 * 48 * kHour) < 0.933 * kHour);
  // P(some trip held) = 1 - 0.2401 = 0.7599; SE = 0.00302.
  CHECK(std::fabs(s.routes[1].p_held - 0.7599) < 0.0091);
}

TEST_CASE("uncertainty: one seed gives the same numbers on 1 and 2 threads; another seed differs") {
  Inputs<double> in = ten_drives();
  in.ship.drive_loss = 0.02;
  in.ship.hold_probability = 0.1;
  in.ship.hold_s = 12 * kHour;
  UncertaintySpec spec;
  spec.samples = 5000;  // five chunks: the threads split them
  spec.keys.push_back(key("ship.transit", slot_of(in, in.ship.transit_s),
                          Dist::triangular(12 * kHour, 24 * kHour, 96 * kHour), kDuration));
  in.ship.transit_s = 24 * kHour;
  auto all = [](const Spread& s) {
    std::vector<double> v{s.p_no_winner};
    for (std::size_t r = 0; r < s.routes.size(); ++r) {
      const auto& x = s.routes[r];
      for (const auto* q : {&x.arrival_s, &x.time_to_model_s, &x.total_cost_usd})
        v.insert(v.end(), {q->mean, q->p10, q->p50, q->p90});
      v.insert(v.end(), {x.p_fail, x.p_loss, x.p_held, s.p_win_time[r], s.p_win_cost[r]});
    }
    return v;
  };
  const std::vector<double> one = all(haul::monte_carlo(in, spec, 1));
  const std::vector<double> two = all(haul::monte_carlo(in, spec, 2));
  REQUIRE(one.size() == two.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < one.size(); ++i) same += same_bits(one[i], two[i]);
  CHECK(same == one.size());
  spec.seed = 2;
  const std::vector<double> other = all(haul::monte_carlo(in, spec, 2));
  CHECK(other[4 * 3 + 5 + 1] != one[4 * 3 + 5 + 1]);  // the ship route's arrival mean
}

TEST_CASE("uncertainty: without a distribution or an event there is nothing to draw") {
  const Inputs<double> in = ten_drives();
  CHECK_FALSE(haul::has_uncertainty(in, UncertaintySpec{}));
  Inputs<double> held = in;
  held.ship.hold_probability = 0.5;  // but a hold of 0 s
  CHECK_FALSE(haul::has_uncertainty(held, UncertaintySpec{}));
}

TEST_CASE("uncertainty: quantiles interpolate between order statistics (type 7)") {
  // x = 1, 2, 3, 4: h = 3 p; p10 = 1 + 0.3 = 1.3, p50 = 2.5, p90 = 3 + 0.7 = 3.7.
  const std::vector<double> x{1, 2, 3, 4};
  CHECK(haul::quantile_sorted(x, 0.1) == doctest::Approx(1.3).epsilon(1e-15));
  CHECK(haul::quantile_sorted(x, 0.5) == 2.5);
  CHECK(haul::quantile_sorted(x, 0.9) == doctest::Approx(3.7).epsilon(1e-15));
  CHECK(std::isnan(haul::quantile_sorted({}, 0.5)));
}

TEST_CASE("uncertainty: binomial quantiles step where the CDF crosses u") {
  // Binomial(10, 0.05): P(0) = 0.598737, P(<= 1) = 0.913862, P(<= 2) = 0.988496.
  CHECK(haul::binomial_quantile(10, 0.05, 0.5) == 0);
  CHECK(haul::binomial_quantile(10, 0.05, 0.5987) == 0);
  CHECK(haul::binomial_quantile(10, 0.05, 0.5988) == 1);
  CHECK(haul::binomial_quantile(10, 0.05, 0.9138) == 1);
  CHECK(haul::binomial_quantile(10, 0.05, 0.914) == 2);
  CHECK(haul::binomial_quantile(10, 0.05, 0.9884) == 2);
  CHECK(haul::binomial_quantile(10, 0.05, 0.9886) == 3);
  CHECK(haul::binomial_quantile(10, 0, 0.99) == 0);
  CHECK(haul::binomial_quantile(10, 1, 0.01) == 10);
  // A mean of 1e5 (P(0) underflows): Binomial(1e6, 0.1) has mean 1e5 and sd 300; its median is
  // within one of the mean, its 0.977 quantile about two sd above (Phi(2) = 0.97725).
  CHECK(std::fabs(haul::binomial_quantile(1e6, 0.1, 0.5) - 1e5) <= 1);
  CHECK(std::fabs(haul::binomial_quantile(1e6, 0.1, 0.97725) - 100600) <= 3);
}

TEST_CASE("uncertainty: a distribution on the hold probability draws apart from the holds") {
  // One trip, held with p ~ uniform(0, 0.2) drawn per sample, for 24 h: P(held) = E p = 0.1 (the
  // key's own stream must not decide the hold too). SE = sqrt(0.1 * 0.9 / 2e4) = 0.00212; three
  // of them 0.0064.
  Inputs<double> in = ten_drives();
  in.ship.hold_s = 24 * kHour;
  UncertaintySpec spec;
  spec.samples = 20000;
  spec.keys.push_back(key("ship.hold_probability", slot_of(in, in.ship.hold_probability),
                          Dist::uniform(0, 0.2), Interval{0, 1}));
  in.ship.hold_probability = 0.1;
  const Spread s = haul::monte_carlo(in, spec, 2);
  CHECK(std::fabs(s.routes[1].p_held - 0.1) < 0.0064);
}

TEST_CASE("uncertainty: the winners are among the routes that delivered") {
  // The ship route (listed first) loses every drive (q = 1) and fails; GPUs at $0/h make a
  // failed route's idle cost 0 * inf. The network wins every sample on time and on cost.
  Inputs<double> in = ten_drives();
  in.ship.drive_loss = 1;
  in.ship.on_loss = static_cast<int>(haul::OnLoss::fail);
  in.compute.job = static_cast<int>(haul::Job::flops);
  in.compute.flops = 1e21;
  in.compute.price_usd_per_gpu_s = 0;
  in.compute.billing = static_cast<int>(haul::Billing::at_start);
  in.routes = {in.routes[1], in.routes[0]};
  UncertaintySpec spec;
  spec.samples = 1000;
  const Spread s = haul::monte_carlo(in, spec, 1);
  CHECK(s.routes[0].p_fail == 1);
  CHECK(s.p_win_time[1] == 1);
  CHECK(s.p_win_cost[1] == 1);
  CHECK(s.p_no_winner == 0);
  CHECK(std::isnan(s.routes[0].arrival_s.p50));  // no sample delivered
}

TEST_CASE("uncertainty: a hybrid re-sends lost drives over its own link once it is free") {
  // 10 TB, half over the hybrid's own 8 Gbps link (1e9 B/s: 5,000 s), half on five 1 TB drives
  // (one wave: write, verify and ingest 3,703.704 s each, plus 24 h: 97,511.111 s). Every drive
  // is lost (q = 1): their 5e12 B go over the hybrid's link after the drives are in, 5,000 s:
  // 102,511.111 s. [network] is a 1 MB/s link that must not be used.
  Inputs<double> in = ten_drives();
  RouteParams<double> mix;
  mix.kind = RouteKind::hybrid;
  mix.own = true;
  mix.network = in.network;
  mix.ship = in.ship;
  mix.ship.drive_loss = 1;
  mix.split = 0.5;
  in.network.bandwidth_bps = 8e6;
  in.routes = {mix};
  UncertaintySpec spec;
  spec.samples = 100;
  REQUIRE(haul::has_uncertainty(in, spec));
  const Spread s = haul::monte_carlo(in, spec, 1);
  CHECK(s.routes[0].p_loss == 1);
  CHECK(s.routes[0].arrival_s.p50 ==
        doctest::Approx(3 * 1e12 / 270e6 + 86400 + 5000).epsilon(1e-12));

  SUBCASE("a hybrid whose drives carry nothing draws no event") {
    in.routes[0].split = 1;
    CHECK_FALSE(haul::has_uncertainty(in, spec));
  }
}

TEST_CASE("uncertainty: a draw the scenario's checks would refuse is an impossible sample") {
  // A bag of 0.1 to 0.5 kg holds no 0.7 kg drive (per_courier auto = floor(bag / weight) = 0):
  // every ship sample is impossible, left out of the quantiles and counted apart; the network
  // route wins them all.
  Inputs<double> in = ten_drives();
  UncertaintySpec spec;
  spec.samples = 500;
  spec.keys.push_back(key("ship.bag", slot_of(in, in.ship.bag_kg), Dist::uniform(0.1, 0.5),
                          Interval{0, haul::num::inf, true, false}));
  in.ship.bag_kg = 0.3;
  const Spread s = haul::monte_carlo(in, spec, 1);
  CHECK(s.routes[1].p_impossible == 1);
  CHECK(s.routes[1].p_fail == 0);
  CHECK(std::isnan(s.routes[1].arrival_s.p50));
  CHECK(s.p_win_time[0] == 1);
}

TEST_CASE("uncertainty: past a thousand held trips the holds' total is drawn from the normal") {
  // 4,000 trips of one 1 GB drive each, each held with p = 0.5 for uniform(0, 2 h): held trips
  // H ~ Binomial(4000, 0.5) (mean 2,000, variance 1,000), each hold mean 1 h, variance 4/12 h^2.
  // The total wait W has mean 2,000 h and variance E[H] Var(X) + Var(H) E[X]^2 = 666.7 + 1,000 =
  // 1,666.7 h^2: sd 40.82 h. With 4,000 samples the mean's SE is 0.645 h (three: 1.94 h); the
  // spread (P90 - P10) / (2 * 1.2816) estimates the sd within a few percent.
  Inputs<double> in = ten_drives();
  in.data.size_bytes = 4e12;
  in.ship.capacity_bytes = 1e9;
  in.ship.per_courier = 1;
  in.ship.hold_probability = 0.5;
  UncertaintySpec spec;
  spec.samples = 4000;
  spec.routes = {{"network", std::nullopt, ""},
                 {"ship", Truncated(Dist::uniform(0, 2 * kHour), kDuration), "ship.hold"}};
  in.ship.hold_s = kHour;
  const double planned = haul::plan_model(in).routes[1].plan.arrival_s;
  const Spread s = haul::monte_carlo(in, spec, 2);
  const auto& a = s.routes[1].arrival_s;
  CHECK(std::fabs(a.mean - planned - 2000 * kHour) < 1.94 * kHour);
  CHECK(std::fabs((a.p90 - a.p10) / (2 * 1.2815516) - 40.82 * kHour) < 0.08 * 40.82 * kHour);
}
