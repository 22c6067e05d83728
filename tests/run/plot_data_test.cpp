// What haul plot draws (run/plot_data.hpp), against other code paths: the crossover's curves are
// one-at-a-time plans (build_scenario and plan_model<double> at each size, drives = auto) and its
// crossing is breakeven_size's (a different solver) or a hand-solved size; the winner map's cells
// are one-at-a-time plans; the cdf's kept samples give monte_carlo's own P50.
#include "run/plot_data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "input/examples.hpp"
#include "plan/plan.hpp"
#include "plan/uncertainty.hpp"
#include "support.hpp"

using namespace haul;
using namespace haul::test;

namespace {

std::vector<Assignment> seed() {
  Base b;
  b.kind = Base::Kind::example;
  b.name = "seed";
  return base_assignments(b);
}

std::vector<Assignment> with(std::vector<Assignment> base, const std::vector<std::string>& sets) {
  for (const auto& s : sets) base.push_back(parse_set(s));
  return base;
}

std::string bytes_text(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g B", x);
  return buf;
}

// Each route's time to model at this size (and bandwidth), the scenario built alone with the
// drives following the size.
std::vector<double> times_at(const std::vector<Assignment>& base, double size, double bps = 0) {
  std::vector<Assignment> a = with(base, {"ship.drives=auto", "data.size=" + bytes_text(size)});
  if (bps > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "network.bandwidth=%.17g bps", bps);
    a.push_back(parse_set(buf));
  }
  const Plan<double> p = plan_model(build_scenario(a, builtin_catalog()).in);
  std::vector<double> t;
  for (const auto& r : p.routes) t.push_back(r.plan.time_to_model_s);
  return t;
}

bool near(double a, double b, double rel) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::abs(a - b) <= rel * std::max(std::abs(a), std::abs(b));
}

// An ideal link and a ship route simple enough to solve by hand (MODEL.md section 4), no job:
// network time = 8 S / 1e9 (rtt 0: no handshake, slow start or per-file term; utilization and
// efficiency 1); ship with one trip (couriers = 0), no verify, slots and limits far above one
// drive: S <= 20 TB takes one drive, written at 1 GB/s and read at 1 GB/s, so
// ship time = S / 1e9 + 86,400 + S / 1e9.
const std::string kIdeal = R"(
[data]
size = "10 TB"
files = 1
[network]
bandwidth = "1 Gbps"
utilization = 1
efficiency = 1
rtt = "0 s"
loss = 0
per_file_rtts = 0
[ship]
capacity = "20 TB"
write_rate = "1 GB/s"
read_rate = "1 GB/s"
verify = false
copy_slots = 64
copy_limit = "1 TB/s"
ingest_slots = 64
ingest_limit = "1 TB/s"
transit = "24 h"
couriers = 0
)";

}  // namespace

TEST_CASE(
    "plot crossover: the seed's crossing is breakeven_size's, the curves one-at-a-time plans") {
  const std::vector<Assignment> base = seed();
  const Scenario s = build_scenario(base, builtin_catalog());
  const plot::CrossoverData d =
      plot::crossover_data(base, builtin_catalog(), units::ByteStyle::si, 2);
  CHECK(d.scenario_size == 80e12);
  CHECK(d.job);
  REQUIRE(d.routes.size() == 2);
  CHECK(d.routes[0].route == "network");
  CHECK(d.routes[1].route == "ship");

  // One crossing, where breakeven_size (solved step by step of the drive count on the arrival)
  // puts it: the seed brings the weights back over the link on either route and trains on what
  // arrives, so time to model differs between the routes only by the arrival.
  const Breakeven be = breakeven_size(s.in);
  REQUIRE(be.value.has_value());
  REQUIRE(d.crossings.size() == 1);
  CHECK(near(d.crossings[0].size_bytes, *be.value, 1e-9));
  CHECK(d.routes[d.crossings[0].below].route == "network");
  CHECK(d.routes[d.crossings[0].above].route == "ship");

  // At least two decades either side of 80 TB, rising in equal ratios.
  REQUIRE(d.sizes.size() >= 2);
  CHECK(d.sizes.front() <= 80e12 / 100);
  CHECK(d.sizes.back() >= 80e12 * 100);
  const double ratio = d.sizes[1] / d.sizes[0];
  CHECK(ratio > 1);
  for (std::size_t i = 1; i < d.sizes.size(); ++i)
    CHECK(near(d.sizes[i] / d.sizes[i - 1], ratio, 1e-12));

  // The curves at every 8th size and the last, against plans built one at a time.
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < d.sizes.size(); i += 8) at.push_back(i);
  at.push_back(d.sizes.size() - 1);
  for (const std::size_t i : at) {
    CAPTURE(d.sizes[i]);
    const std::vector<double> t = times_at(base, d.sizes[i]);
    for (std::size_t r = 0; r < 2; ++r) CHECK(near(d.routes[r].time_s[i], t[r], 1e-12));
  }
  // Either side of the crossing the one-at-a-time winners are those recorded.
  const double c = d.crossings[0].size_bytes;
  std::vector<double> t = times_at(base, c * (1 - 1e-9));
  CHECK(t[0] <= t[1]);
  t = times_at(base, c * (1 + 1e-9));
  CHECK(t[1] < t[0]);
}

TEST_CASE("plot crossover: an ideal link against one drive crosses at the hand-solved size") {
  const std::vector<Assignment> base = read_scenario_text(kIdeal, "t.toml");
  const plot::CrossoverData d =
      plot::crossover_data(base, builtin_catalog(), units::ByteStyle::si, 2);
  CHECK(!d.job);
  // 8 S / 1e9 = 2 S / 1e9 + 86,400 -> S = 86,400 / 6e-9 = 1.44e13 B (14.4 TB, one drive).
  REQUIRE(d.crossings.size() == 1);
  CHECK(near(d.crossings[0].size_bytes, 1.44e13, 1e-9));
  CHECK(d.crossings[0].below == 0);
  CHECK(d.crossings[0].above == 1);
  // The curves by hand at each size up to 20 TB (one drive): network 8 S / 1e9 and ship
  // 2 S / 1e9 + 86,400; from 20 to 40 TB (two drives of S / 2, written together and read together
  // at 1 GB/s each): ship S / 1e9 + 86,400.
  int checked = 0;
  for (std::size_t i = 0; i < d.sizes.size(); ++i) {
    const double S = d.sizes[i];
    CAPTURE(S);
    CHECK(near(d.routes[0].time_s[i], 8 * S / 1e9, 1e-12));
    if (S <= 20e12) {
      CHECK(near(d.routes[1].time_s[i], 2 * S / 1e9 + 86400, 1e-12));
      ++checked;
    } else if (S <= 40e12) {
      CHECK(near(d.routes[1].time_s[i], S / 1e9 + 86400, 1e-12));
      ++checked;
    }
  }
  CHECK(checked > 48);  // two decades below 10 TB at 24 a decade, and more
}

TEST_CASE("plot crossover: no crossing where the network is first at every size") {
  // 1 Tbps, ideal: 1 EB in 8e6 s (93 d); the drives spend 200 d in transit alone.
  const std::vector<Assignment> base =
      with(read_scenario_text(kIdeal, "t.toml"), {"network.bandwidth=1Tbps", "ship.transit=200d"});
  const plot::CrossoverData d =
      plot::crossover_data(base, builtin_catalog(), units::ByteStyle::si, 2);
  CHECK(d.crossings.empty());
  // breakeven_size agrees that there is none.
  CHECK(!breakeven_size(build_scenario(base, builtin_catalog()).in).value.has_value());
  for (std::size_t i = 0; i < d.sizes.size(); ++i)
    CHECK(d.routes[0].time_s[i] < d.routes[1].time_s[i]);
  // Without a crossing the range is the scenario's size two decades either side, widened to whole
  // decades: 100 GB .. 1 PB.
  CHECK(d.sizes.front() == doctest::Approx(1e11).epsilon(1e-12));
  CHECK(d.sizes.back() == doctest::Approx(1e15).epsilon(1e-12));
  CHECK(d.sizes.size() == 4 * 24 + 1);
}

TEST_CASE("plot winner map: 11 sizes by 9 bandwidths, cells as one-at-a-time plans") {
  const std::vector<Assignment> base = seed();
  const plot::WinnerMapData d =
      plot::winner_map_data(base, builtin_catalog(), units::ByteStyle::si, 2);
  // 100 GB .. 10 PB and 10 Mbps .. 100 Gbps in steps of 1 and 3.
  CHECK(d.sizes ==
        std::vector<double>{1e11, 3e11, 1e12, 3e12, 1e13, 3e13, 1e14, 3e14, 1e15, 3e15, 1e16});
  CHECK(d.rates == std::vector<double>{1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11});
  REQUIRE(d.winner.size() == 11 * 9);
  REQUIRE(d.margin_s.size() == 11 * 9);
  CHECK(d.routes == std::vector<std::string>{"network", "ship"});
  CHECK(d.scenario_size == 80e12);
  CHECK(d.scenario_rate == 1e9);

  const std::size_t cols = d.rates.size();
  for (const auto& [i, j] : std::vector<std::pair<std::size_t, std::size_t>>{
           {0, 0}, {0, 8}, {2, 4}, {3, 2}, {5, 4}, {6, 7}, {10, 0}, {10, 8}}) {
    CAPTURE(i);
    CAPTURE(j);
    const std::vector<double> t = times_at(base, d.sizes[i], d.rates[j]);
    // The winner: the least time, ties to the route listed first; the margin: the other's lead.
    const int w = t[1] < t[0] ? 1 : 0;
    CHECK(d.winner[i * cols + j] == w);
    CHECK(near(d.margin_s[i * cols + j], std::abs(t[1] - t[0]), 1e-9));
  }
  // Both routes win somewhere: small data over a fast link, large data over a slow one.
  CHECK(d.winner[0 * cols + 8] == 0);
  CHECK(d.winner[10 * cols + 0] == 1);
}

TEST_CASE("plot winner map: the grid widens to hold a 50 PB scenario and a 5 Mbps link") {
  const std::vector<Assignment> base =
      with(read_scenario_text(kIdeal, "t.toml"), {"data.size=50PB", "network.bandwidth=5Mbps"});
  const plot::WinnerMapData d =
      plot::winner_map_data(base, builtin_catalog(), units::ByteStyle::si, 2);
  // Sizes up to the decade above 50 PB: 100 PB, with 30 PB before it; bandwidths down to 1 Mbps.
  CHECK(d.sizes.size() == 13);
  CHECK(d.sizes.back() == 1e17);
  CHECK(d.sizes[11] == 3e16);
  CHECK(d.rates.size() == 11);
  CHECK(d.rates.front() == 1e6);
  CHECK(d.rates[1] == 3e6);
  CHECK(d.winner.size() == 13 * 11);
}

TEST_CASE("plot winner map: a scenario with too few drives for the map's sizes") {
  // The seed's 60 drives of 2 TB hold 120 TB: its own size at 200 TB is an error for compare, but
  // the map sets ship.drives = "auto" itself (and refuses it from the command line), so it must
  // still draw.
  const std::vector<Assignment> base = with(seed(), {"data.size=200TB"});
  CHECK_THROWS_AS(build_scenario(base, builtin_catalog()), InputError);
  plot::WinnerMapData d;
  CHECK_NOTHROW(d = plot::winner_map_data(base, builtin_catalog(), units::ByteStyle::si, 2));
  CHECK(d.scenario_size == 200e12);
  plot::CrossoverData c;
  CHECK_NOTHROW(c = plot::crossover_data(base, builtin_catalog(), units::ByteStyle::si, 2));
  CHECK(c.scenario_size == 200e12);
}

TEST_CASE("plot cdf: the kept samples are the delivered ones, sorted, and give monte_carlo's P50") {
  const Scenario s = build_scenario(seed(), builtin_catalog());
  const plot::CdfData d = plot::cdf_data(s, 2);
  REQUIRE(d.spread.samples == 10000);
  REQUIRE(d.spread.routes.size() == 2);
  CHECK(d.routes == std::vector<std::string>{"network", "ship"});
  // Another run on one thread (the same draws on any threads), without kept samples.
  const Spread other = monte_carlo(s.in, s.uncertainty, 1);
  const double n = double(d.spread.samples);
  for (std::size_t r = 0; r < 2; ++r) {
    CAPTURE(r);
    const RouteSpread& rs = d.spread.routes[r];
    const std::vector<double>& v = rs.time_to_model_sorted;
    CHECK(std::is_sorted(v.begin(), v.end()));
    CHECK(double(v.size()) == std::round(n * (1 - rs.p_fail - rs.p_impossible)));
    CHECK(!v.empty());
    // Type 7 over every sample, the undelivered ones last as +infinity: h = (n - 1) / 2 = 4999.5,
    // j = 4999: the mean of the 5000th and 5001st.
    std::vector<double> all = v;
    all.resize(d.spread.samples, std::numeric_limits<double>::infinity());
    const double h = (n - 1) * 0.5;
    const auto j = static_cast<std::size_t>(std::floor(h));
    const double p50 = all[j] + (h - double(j)) * (all[j + 1] - all[j]);
    CHECK(near(p50, other.routes[r].time_to_model_all_s.p50, 1e-12));
    CHECK(near(p50, rs.time_to_model_all_s.p50, 1e-12));
    // The delivered samples' own P50 likewise.
    const double hd = double(v.size() - 1) * 0.5;
    const auto jd = static_cast<std::size_t>(std::floor(hd));
    const double p50d = v[jd] + (hd - double(jd)) * (v[std::min(jd + 1, v.size() - 1)] - v[jd]);
    CHECK(near(p50d, other.routes[r].time_to_model_s.p50, 1e-12));
  }
  // The seed's drives arrive first on nearly every draw: its P50 well below the link's.
  CHECK(d.spread.routes[1].time_to_model_all_s.p50 < d.spread.routes[0].time_to_model_all_s.p50);
}
