// Keys that hold distributions (MODEL.md section 11), the input side: point values, the slots a
// distribution sets, later-wins, holds per route, [uncertainty], the effective scenario and the
// messages for bad distributions. Expected values are worked out by hand in the comments.
#include <doctest/doctest.h>

#include <cmath>

#include "input/effective.hpp"
#include "input/uncertain.hpp"
#include "model/random.hpp"
#include "support.hpp"

using namespace haul;
using haul::test::contains;
using haul::test::error_of;
using haul::test::load;

namespace {

const UncertainKey* find(const Scenario& s, const std::string& key) {
  for (const UncertainKey& k : s.uncertainty.keys)
    if (k.key == key) return &k;
  return nullptr;
}

}  // namespace

TEST_CASE("a lognormal transit: the point value is its median, the key is drawn from its stream") {
  // Truncated to [0, inf), where a lognormal has all its mass: the median is p50 = 24 h = 86400 s.
  const Scenario s =
      load("[ship]\ntransit = { dist = \"lognormal\", p50 = \"24 h\", p90 = \"72 h\" }\n");
  CHECK(s.in.ship.transit_s == 86400);
  REQUIRE(s.uncertainty.keys.size() == 1);
  const UncertainKey& k = s.uncertainty.keys[0];
  CHECK(k.key == "ship.transit");
  CHECK(k.stream == stream_of("ship.transit"));
  CHECK_FALSE(k.whole);
  // sigma = ln(72 / 24) / z90 = ln 3 / 1.2815515655446004 = 0.85725...
  CHECK(k.dist.dist().b == doctest::Approx(std::log(3.0) / 1.2815515655446004));
  CHECK(k.dist.range().lo == 0);
  // The network and ship routes read the sections: one slot, the section's.
  CHECK(k.slots == std::vector<int>{input_slot(s, "ship.transit")});
  CHECK(s.uncertainty.samples == 10000);
  CHECK(s.uncertainty.seed == 1);
}

TEST_CASE("a normal loss is truncated at 0, not clamped: the median moves up") {
  // Normal(0, 0.01) truncated to [0, 1): F(0) = 1/2, F(1) = 1 (to double precision), so the
  // median is Q(1/2 + 1/2 * 1/2) = Q(3/4) = 0.01 * Phi^-1(0.75) = 0.01 * 0.6744897501960817.
  const Scenario s = load("", {"network.loss={dist=\"normal\", mean=0, sd=0.01}"});
  CHECK(s.in.network.loss == doctest::Approx(0.006744897501960817).epsilon(1e-12));
  REQUIRE(find(s, "network.loss"));
  CHECK(find(s, "network.loss")->dist.range().hi_open);
}

TEST_CASE("a count is truncated to the reals that round into its range and its median rounded") {
  // A distribution of couriers stays at 1 or more (0 is freight, another way of shipping): it is
  // truncated to (0.5, inf). triangular(0, 0, 4) has CDF F(x) = 1 - (4 - x)^2 / 16, so
  // F(0.5) = 1 - 12.25 / 16 = 0.234375 and the truncated median solves
  // F(x) = 0.234375 + 0.5 * (1 - 0.234375) = 0.6171875: (4 - x)^2 = 16 * 0.3828125 = 6.125,
  // x = 4 - sqrt(6.125) = 1.525126, rounded 2.
  const Scenario s =
      load("[ship]\ncouriers = { dist = \"triangular\", min = 0, mode = 0, max = 4 }\n");
  CHECK(s.in.ship.couriers == 2);
  const UncertainKey* k = find(s, "ship.couriers");
  REQUIRE(k);
  CHECK(k->whole);
  CHECK(k->dist.range().lo == 0.5);
  CHECK(k->dist.range().lo_open);
  CHECK(k->dist.median() == doctest::Approx(4 - std::sqrt(6.125)).epsilon(1e-12));
}

TEST_CASE("a section's distribution also sets the routes that inherit it, and only those") {
  // mix (a hybrid) takes ship.transit and ship.capacity from [ship]; fast sets its own transit;
  // big takes the transit, but has its own drive preset, whose capacity (8 TB) replaces the
  // section's 24 TB median (uniform 20 TB to 28 TB: 20 + 8 / 2).
  const Scenario s = load(
      "[ship]\n"
      "transit = { dist = \"uniform\", min = \"12 h\", max = \"36 h\" }\n"
      "capacity = { dist = \"uniform\", min = \"20 TB\", max = \"28 TB\" }\n"
      "[route.mix]\nkind = \"hybrid\"\n"
      "[route.fast]\nkind = \"ship\"\ntransit = \"6 h\"\n"
      "[route.big]\nkind = \"ship\"\ndrive = \"sata-ssd-8tb\"\n");
  CHECK(s.in.ship.transit_s == 86400);  // (12 h + 36 h) / 2
  CHECK(s.in.ship.capacity_bytes == 24e12);
  const UncertainKey* transit = find(s, "ship.transit");
  REQUIRE(transit);
  CHECK(transit->slots == std::vector<int>{input_slot(s, "ship.transit"),
                                           input_slot(s, "route.mix.transit"),
                                           input_slot(s, "route.big.transit")});
  const UncertainKey* capacity = find(s, "ship.capacity");
  REQUIRE(capacity);
  // fast set its transit only: it takes the section's capacity.
  CHECK(capacity->slots == std::vector<int>{input_slot(s, "ship.capacity"),
                                            input_slot(s, "route.mix.capacity"),
                                            input_slot(s, "route.fast.capacity")});
}

TEST_CASE("a route's own distribution sets its own slot from its own stream") {
  const Scenario s = load(
      "[route.fast]\nkind = \"ship\"\n"
      "transit = { dist = \"triangular\", min = \"10 h\", mode = \"12 h\", max = \"20 h\" }\n");
  const UncertainKey* k = find(s, "route.fast.transit");
  REQUIRE(k);
  CHECK(k->slots == std::vector<int>{input_slot(s, "route.fast.transit")});
  CHECK(k->stream == stream_of("route.fast.transit"));
  CHECK_FALSE(find(s, "ship.transit"));
  // Triangular(10, 12, 20) h: F(12) = 2 / 10 < 1/2, so the median is on the right side:
  // (20 - x)^2 = (1/2) (20 - 10) (20 - 12) = 40, x = 20 - sqrt 40 = 13.675 h.
  const double p50 = (20 - std::sqrt(40.0)) * 3600;
  CHECK(s.in.routes[2].ship.transit_s == doctest::Approx(p50));
}

TEST_CASE("a later value replaces an earlier distribution, and the other way round") {
  const std::string file =
      "[ship]\ntransit = { dist = \"uniform\", min = \"1 h\", max = \"3 h\" }\n";
  const Scenario value = load(file, {"ship.transit=5 h"});
  CHECK(value.in.ship.transit_s == 5 * 3600);
  CHECK(value.uncertainty.keys.empty());
  CHECK(value.distributions.empty());
  const Scenario dist = load("[ship]\ntransit = \"5 h\"\n",
                             {"ship.transit={dist=\"uniform\", min=\"1 h\", max=\"3 h\"}"});
  CHECK(dist.in.ship.transit_s == 2 * 3600);
  CHECK(dist.uncertainty.keys.size() == 1);
}

TEST_CASE("a hold is drawn per held trip: it goes to the ship and hybrid routes, not the keys") {
  const Scenario s = load(
      "[ship]\nhold_probability = 0.1\nhold = { dist = \"uniform\", min = \"1 d\", max = \"3 d\" "
      "}\n"
      "[route.mix]\nkind = \"hybrid\"\n"
      "[route.own]\nkind = \"ship\"\nhold = { dist = \"uniform\", min = \"0 d\", max = \"1 d\" }\n"
      "[route.line]\nkind = \"network\"\n");
  CHECK(s.uncertainty.keys.empty());
  CHECK(s.in.ship.hold_s == 2 * 86400);  // the point value: the median, (1 d + 3 d) / 2
  const auto& r = s.uncertainty.routes;
  REQUIRE(r.size() == 5);  // network, ship, mix, own, line
  CHECK(r[0].name == "network");
  CHECK_FALSE(r[0].hold);
  CHECK(r[1].hold_key == "ship.hold");
  REQUIRE(r[1].hold);
  CHECK(r[1].hold->median() == 2 * 86400);
  CHECK(r[2].hold_key == "ship.hold");
  CHECK(r[3].hold_key == "route.own.hold");
  REQUIRE(r[3].hold);
  CHECK(r[3].hold->median() == 43200);
  CHECK(r[4].name == "line");
  CHECK_FALSE(r[4].hold);
}

TEST_CASE("[uncertainty] samples and seed, and the effective scenario of a distribution") {
  const Scenario s = load(
      "[network]\nrtt = { dist = \"lognormal\", p50 = \"100 ms\", p90 = \"300 ms\" }\n"
      "[uncertainty]\nsamples = 500\nseed = 7\n");
  CHECK(s.uncertainty.samples == 500);
  CHECK(s.uncertainty.seed == 7);
  bool rtt = false, samples = false;
  for (const auto& [key, v] : effective_keys(s)) {
    if (key->key == "network.rtt") {
      rtt = true;
      CHECK(v.kind == EffectiveValue::Kind::dist);
      CHECK(v.word == "lognormal");
      // In base units: 100 ms and 300 ms.
      CHECK(v.params == std::vector<std::pair<std::string, double>>{{"p50", 0.1}, {"p90", 0.3}});
      CHECK(v.toml == "{ dist = \"lognormal\", p50 = \"100 ms\", p90 = \"300 ms\" }");
    }
    if (key->key == "uncertainty.samples") samples = v.number == 500;
  }
  CHECK(rtt);
  CHECK(samples);
  CHECK(contains(scenario_toml(s), "rtt = { dist = \"lognormal\", p50 = \"100 ms\""));
  // Without a distribution (or [uncertainty] given) nothing of section 11 shows.
  for (const auto& [key, v] : effective_keys(load("")))
    CHECK(key->key.rfind("uncertainty.", 0) == std::string::npos);
}

TEST_CASE("bad distributions: one message naming the key, the value and the form") {
  CHECK(error_of("", {"ship.transit={dist=\"lognormall\", p50=\"24 h\", p90=\"72 h\"}"}) ==
        "--set: ship.transit: dist = \"lognormall\" is not a distribution (expected lognormal | "
        "triangular | uniform | normal) (did you mean \"lognormal\"?)");
  CHECK(error_of("[ship]\ntransit = { dist = \"lognormal\", p50 = \"72 h\", p90 = \"24 h\" }\n") ==
        "t.toml:2:11: ship.transit: { dist = \"lognormal\", p50 = \"72 h\", p90 = \"24 h\" }: p90 "
        "is below p50 (expected { dist = \"lognormal\", p50 = .., p90 = .. })");
  CHECK(error_of("", {"network.congestion={dist=\"uniform\", min=0, max=2}"}) ==
        "--set: network.congestion: { dist = \"uniform\", min = 0, max = 2 } is a distribution, "
        "which only a numeric key may hold (expected reno | cubic | bbr)");
  CHECK(error_of("", {"network.loss={dist=\"uniform\", min=0, max=1}"}) ==
        "--set: network.loss: max: 1 is out of range (expected a probability in [0, 1), e.g. "
        "0.001 or \"0.1%\")");
  CHECK(error_of("", {"network.rtt={dist=\"normal\", mean=\"10 ms\", sd=\"-1 ms\"}"}) ==
        "--set: network.rtt: sd: \"-1 ms\" is out of range (expected a spread >= 0 in the key's "
        "units)");
  CHECK(contains(error_of("", {"ship.transit={dist=\"uniform\", min=\"1 h\"}"}),
                 "is missing max (expected { dist = \"uniform\", min = .., max = .. })"));
  CHECK(contains(error_of("", {"network.loss={dist=\"normal\", mean=0.5, sd=1e300}"}),
                 "the distribution has no probability within the valid range"));
  CHECK(error_of("", {"uncertainty.samples=0"}) ==
        "--set: uncertainty.samples: 0 is out of range (expected an integer from 1 to 1,000,000)");
  CHECK(contains(error_of("[route.mix]\nkind = \"hybrid\"\nsplit = { dist = \"uniform\", min = 0, "
                          "max = 1 }\n"),
                 "route.mix.split: { dist = \"uniform\", min = 0, max = 1 } is a distribution"));
}
