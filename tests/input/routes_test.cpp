// Routes in a scenario (MODEL.md section 10): [route.NAME] over its kind's base sections, its own
// presets, the routes compared and their order ([plan] routes), the errors for bad definitions,
// where a route's keys sit in the row of inputs, and `haul scenario`'s TOML read back.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "input/effective.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/scenario.hpp"
#include "support.hpp"

using namespace haul;
using namespace haul::test;

namespace {


// Checks that every field of a section's inputs but `except` is the same in `a` and `b`; returns
// how many were compared.
template <class Params>
int same_fields(const Params& a, const Params& b, const std::vector<std::string>& except) {
  int compared = 0;
  auto check = [&](const char* member, double x, double y) {
    if (std::find(except.begin(), except.end(), member) != except.end()) return;
    CHECK_MESSAGE(x == y, member);
    ++compared;
  };
#define HAUL_SAME(section, member) check(#member, a.member, b.member);
  if constexpr (std::is_same_v<Params, NetworkParams<double>>) {
    HAUL_NETWORK_FIELDS(HAUL_SAME)
  } else if constexpr (std::is_same_v<Params, ShipParams<double>>) {
    HAUL_SHIP_FIELDS(HAUL_SAME)
  } else {
    HAUL_APPLIANCE_FIELDS(HAUL_SAME)
  }
#undef HAUL_SAME
  return compared;
}

std::vector<std::string> names_of(const std::vector<RouteInfo>& routes) {
  std::vector<std::string> out;
  for (const auto& r : routes) out.push_back(r.name);
  return out;
}

// 200 TB; a base section of each kind with some keys set, and one named route of each kind.
// hdd-24tb at 20 TB: ceil(200 / 20) = 10 drives given; the azure-data-box preset (80 TB, 500 MB/s,
// lead 7 d, transit 5 d, processing 4 d, $250 a job, 10 days, $15 a day, $190 shipping) with its
// lead time and job fee set; nvme-4tb: 4 TB, 1.5 GB/s both ways, $300, 0.01 kg;
// aws-snowball-edge-80: 80 TB, 300 MB/s, lead 7 d, transit 3 d, processing 5 d, $300, 10 days,
// $30 a day, $400 shipping (configs/catalog.toml).
const char* kRoutes = R"(
[data]
size = "200 TB"
[network]
bandwidth = "1 Gbps"
rtt = "50 ms"
streams = 8
loss = "0.01%"
[ship]
couriers = 2
transit = "36 h"
capacity = "20 TB"
drives = 10
[appliance]
lead_time = "2 d"
job_fee = "100 USD"
[route.leased]
kind = "network"
bandwidth = "10 Gbps"
lease = "3000 USD/month"
[route.ssd]
kind = "ship"
capacity = "3.84 TB"
drive = "nvme-4tb"
drives = "auto"
[route.box]
kind = "appliance"
devices = 3
[route.snow]
kind = "appliance"
appliance = "aws-snowball-edge-80"
[route.mix]
kind = "hybrid"
split = 0.3
bandwidth = "10 Gbps"
couriers = 3
)";

}  // namespace

TEST_CASE("route: a named route inherits its base section's keys and sets its own") {
  const Scenario s = load(kRoutes);
  REQUIRE(names_of(s.routes) ==
          std::vector<std::string>{"network", "ship", "leased", "ssd", "box", "snow", "mix"});
  REQUIRE(s.in.routes.size() == 7);

  SUBCASE("a network route: every key but its own from [network]") {
    const RouteParams<double>& leased = s.in.routes[2];
    CHECK(leased.kind == RouteKind::network);
    CHECK(leased.own);
    CHECK(leased.network.bandwidth_bps == 10e9);  // its own "10 Gbps"
    // "3000 USD/month": a month is 30 d = 2,592,000 s
    CHECK(leased.network.lease_usd_per_s == doctest::Approx(3000.0 / 2592000).epsilon(1e-15));
    CHECK(s.in.network.bandwidth_bps == 1e9);  // the section keeps its own
    CHECK(s.in.network.lease_usd_per_s == 0);
    // Every other field is the section's: rtt 50 ms, 8 streams, loss 1e-4 among them.
    CHECK(leased.network.rtt_s == doctest::Approx(0.05));
    CHECK(leased.network.streams == 8);
    CHECK(leased.network.loss == doctest::Approx(1e-4));
    // 14 network fields less the 2 the route sets
    CHECK(same_fields(leased.network, s.in.network, {"bandwidth_bps", "lease_usd_per_s"}) == 12);
  }

  SUBCASE("a ship route: its drive preset replaces the preset figures, its keys win over it") {
    const RouteParams<double>& ssd = s.in.routes[3];
    CHECK(ssd.kind == RouteKind::ship);
    CHECK(s.routes[3].drive == "nvme-4tb");
    // capacity: its own 3.84 TB, though written before the preset in the table
    CHECK(ssd.ship.capacity_bytes == doctest::Approx(3.84e12));
    // the rest from nvme-4tb, not the section's hdd-24tb (270 MB/s, $450, 0.7 kg)
    CHECK(ssd.ship.write_Bps == 1.5e9);
    CHECK(ssd.ship.read_Bps == 1.5e9);
    CHECK(ssd.ship.price_usd == 300);
    CHECK(ssd.ship.weight_kg == doctest::Approx(0.01));
    CHECK(s.routes[3].drive_custom);  // 3.84 TB is not the preset's 4 TB
    // from [ship]: 2 couriers, 36 h = 129,600 s; drives its own "auto" (0), not the section's 10
    CHECK(ssd.ship.couriers == 2);
    CHECK(ssd.ship.transit_s == 129600);
    CHECK(ssd.ship.drives == 0);
    CHECK(s.in.ship.drives == 10);
    CHECK(s.in.ship.capacity_bytes == 20e12);
    // the other 20 of the 26 ship fields from [ship]
    CHECK(same_fields(ssd.ship, s.in.ship,
                      {"capacity_bytes", "write_Bps", "read_Bps", "price_usd", "weight_kg",
                       "drives"}) == 20);
    CHECK(s.in.ship.write_Bps == 270e6);
    CHECK(s.drive == "hdd-24tb");
  }

  SUBCASE("appliance routes: [appliance] with its keys, or the route's own preset") {
    const RouteParams<double>& box = s.in.routes[4];
    CHECK(box.kind == RouteKind::appliance);
    CHECK(s.routes[4].appliance == "azure-data-box");
    CHECK(box.appliance.devices == 3);              // its own
    CHECK(box.appliance.lead_time_s == 2 * 86400);  // [appliance] lead_time = "2 d"
    CHECK(box.appliance.job_fee_usd == 100);        // [appliance] job_fee = "100 USD"
    CHECK(box.appliance.capacity_bytes == 80e12);   // the preset's, through [appliance]
    CHECK(box.appliance.fill_Bps == 500e6);
    CHECK(box.appliance.transit_s == 5 * 86400);
    CHECK(box.appliance.processing_s == 4 * 86400);
    CHECK(box.appliance.included_days == 10);
    CHECK(box.appliance.day_fee_usd == 15);
    CHECK(box.appliance.shipping_usd == 190);
    CHECK(box.appliance.copy_limit_Bps == 4e9);  // the default "4 GB/s"
    CHECK(same_fields(box.appliance, s.in.appliance, {"devices"}) == 10);

    const RouteParams<double>& snow = s.in.routes[5];
    CHECK(s.routes[5].appliance == "aws-snowball-edge-80");
    CHECK_FALSE(s.routes[5].appliance_custom);
    // every preset figure from aws-snowball-edge-80, the section's lead time and fee included
    CHECK(snow.appliance.capacity_bytes == 80e12);
    CHECK(snow.appliance.fill_Bps == 300e6);
    CHECK(snow.appliance.lead_time_s == 7 * 86400);
    CHECK(snow.appliance.transit_s == 3 * 86400);
    CHECK(snow.appliance.processing_s == 5 * 86400);
    CHECK(snow.appliance.job_fee_usd == 300);
    CHECK(snow.appliance.included_days == 10);
    CHECK(snow.appliance.day_fee_usd == 30);
    CHECK(snow.appliance.shipping_usd == 400);
    CHECK(snow.appliance.devices == 0);  // "auto", from [appliance]
  }

  SUBCASE("a hybrid: [network] and [ship] keys, its split, and the fewest drives") {
    const RouteParams<double>& mix = s.in.routes[6];
    CHECK(mix.kind == RouteKind::hybrid);
    CHECK(mix.split == doctest::Approx(0.3));
    CHECK(mix.network.bandwidth_bps == 10e9);           // its own
    CHECK(mix.network.rtt_s == doctest::Approx(0.05));  // [network]
    CHECK(mix.network.streams == 8);
    CHECK(mix.ship.couriers == 3);        // its own
    CHECK(mix.ship.transit_s == 129600);  // [ship]
    CHECK(mix.ship.capacity_bytes == 20e12);
    CHECK(mix.ship.drives == 0);  // auto, though [ship] gives 10
    CHECK(same_fields(mix.network, s.in.network, {"bandwidth_bps"}) == 13);
    CHECK(same_fields(mix.ship, s.in.ship, {"couriers", "drives"}) == 24);  // 26 ship fields - 2
    // Without a split, "auto" (-1); "40%" is 0.4.
    CHECK(load("[route.m]\nkind = \"hybrid\"\n").in.routes[2].split == -1);
    CHECK(load("[route.m]\nkind = \"hybrid\"\nsplit = \"40%\"\n").in.routes[2].split ==
          doctest::Approx(0.4));
    CHECK(load("[route.m]\nkind = \"hybrid\"\nsplit = \"auto\"\n").in.routes[2].split == -1);
  }

  SUBCASE("a route follows a later --set of its section's key, and its own key wins") {
    const Scenario later = load(kRoutes, {"network.rtt=20ms", "ship.couriers=5"});
    CHECK(later.in.network.rtt_s == doctest::Approx(0.02));
    CHECK(later.in.routes[2].network.rtt_s == doctest::Approx(0.02));  // leased
    CHECK(later.in.routes[6].network.rtt_s == doctest::Approx(0.02));  // mix
    CHECK(later.in.routes[3].ship.couriers == 5);                      // ssd
    CHECK(later.in.routes[6].ship.couriers == 3);                      // mix sets its own
    // The route's own key from the command line, before or after the section's.
    const Scenario own = load(kRoutes, {"route.leased.rtt=5ms", "network.rtt=20ms"});
    CHECK(own.in.routes[2].network.rtt_s == doctest::Approx(0.005));
    CHECK(own.in.network.rtt_s == doctest::Approx(0.02));
    CHECK(own.in.routes[6].network.rtt_s == doctest::Approx(0.02));
    // A later --set of a route key replaces the file's.
    CHECK(load(kRoutes, {"route.leased.bandwidth=20Gbps"}).in.routes[2].network.bandwidth_bps ==
          20e9);
    // --set of a preset: the route's figures follow it.
    const Scenario sata = load(kRoutes, {"route.ssd.drive=sata-ssd-8tb"});
    CHECK(sata.in.routes[3].ship.write_Bps == 160e6);  // sata-ssd-8tb: 160 MB/s write
    CHECK(sata.in.routes[3].ship.read_Bps == 500e6);   // 500 MB/s read
    CHECK(sata.in.routes[3].ship.capacity_bytes == doctest::Approx(3.84e12));  // still its own
  }
}

TEST_CASE("route: the routes compared, in the default order or as [plan] routes lists them") {
  // Default: network, ship, then the named routes in file order (b before a).
  const std::string two = "[route.b]\nkind = \"ship\"\n[route.a]\nkind = \"appliance\"\n";
  Scenario s = load(two);
  CHECK(names_of(s.routes) == std::vector<std::string>{"network", "ship", "b", "a"});
  REQUIRE(s.in.routes.size() == 4);
  CHECK(s.in.routes[0].kind == RouteKind::network);
  CHECK_FALSE(s.in.routes[0].own);  // reads [network]
  CHECK(s.in.routes[1].kind == RouteKind::ship);
  CHECK_FALSE(s.in.routes[1].own);
  CHECK(s.in.routes[2].kind == RouteKind::ship);
  CHECK(s.in.routes[2].own);
  CHECK(s.in.routes[3].kind == RouteKind::appliance);
  CHECK(s.route_index("a") == 3);
  // Without named routes: the network and ship routes alone.
  CHECK(names_of(load("").routes) == std::vector<std::string>{"network", "ship"});

  // [plan] routes picks and orders; the routes left out are still defined.
  s = load(two + "[plan]\nroutes = [\"a\", \"ship\"]\n");
  CHECK(names_of(s.routes) == std::vector<std::string>{"a", "ship"});
  CHECK(s.in.routes[0].kind == RouteKind::appliance);
  CHECK(s.in.routes[1].kind == RouteKind::ship);
  CHECK_FALSE(s.in.routes[1].own);
  CHECK(s.route_index("network") == -1);
  CHECK(names_of(s.route_defs) == std::vector<std::string>{"b", "a"});
  // [plan] before the route tables reads the same.
  CHECK(names_of(load("[plan]\nroutes = [\"a\", \"ship\"]\n" + two).routes) ==
        std::vector<std::string>{"a", "ship"});

  // The command line: "a,b" and '["a","b"]' (parse_set), replacing the file's list.
  CHECK(names_of(load(two, {"plan.routes=a,network"}).routes) ==
        std::vector<std::string>{"a", "network"});
  CHECK(names_of(load(two, {"plan.routes=[\"b\",\"a\"]"}).routes) ==
        std::vector<std::string>{"b", "a"});
  CHECK(names_of(load(two, {"plan.routes=[\"b\", \"ship\", \"network\"]"}).routes) ==
        std::vector<std::string>{"b", "ship", "network"});
  CHECK(names_of(load(two + "[plan]\nroutes = [\"a\"]\n", {"plan.routes=b"}).routes) ==
        std::vector<std::string>{"b"});
  CHECK(load(two, {"plan.routes=a,b"}).in.routes[1].kind == RouteKind::ship);
}

TEST_CASE("route: a bad definition names the route's key and what is expected") {
  const std::string kinds = "(expected \"network\", \"ship\", \"appliance\" or \"hybrid\")";
  // An unknown kind, with the closest one.
  CHECK(error_of("[route.x]\nkind = \"netwrk\"\n") ==
        "t.toml:2:8: route.x.kind: \"netwrk\" is not a kind of route " + kinds +
            " (did you mean \"network\"?)");
  CHECK(starts_with(error_of("[route.x]\nkind = 3\n"),
                    "t.toml:2:8: route.x.kind: 3 is not a kind of route " + kinds));
  // No kind: named at the route's first key.
  CHECK(error_of("[route.x]\nbandwidth = \"10 Gbps\"\n") ==
        "t.toml:2:13: route.x.kind: missing: every [route.NAME] says its kind (\"network\", "
        "\"ship\", \"appliance\" or \"hybrid\")");
  // A key of another kind, and which kinds take it.
  CHECK(error_of("[route.x]\nkind = \"appliance\"\nbandwidth = \"10 Gbps\"\n") ==
        "t.toml:3:13: route.x.bandwidth: not a key of an appliance route (it is a key of a "
        "network route)");
  CHECK(error_of("[route.x]\nkind = \"network\"\ntransit = \"1 d\"\n") ==
        "t.toml:3:11: route.x.transit: not a key of a network route (it is a key of a ship or "
        "appliance route)");
  CHECK(starts_with(error_of("[route.x]\nkind = \"hybrid\"\nfill_rate = \"1 GB/s\"\n"),
                    "t.toml:3:13: route.x.fill_rate: not a key of a hybrid route"));
  // split belongs to hybrids.
  CHECK(error_of("[route.x]\nkind = \"network\"\nsplit = 0.5\n") ==
        "t.toml:3:9: route.x.split: not a key of a network route (split is a hybrid's: the share "
        "sent over the network)");
  CHECK(starts_with(error_of("[route.x]\nkind = \"appliance\"\nsplit = 0.5\n"),
                    "t.toml:3:9: route.x.split: not a key of an appliance route"));
  CHECK(starts_with(error_of("[route.x]\nkind = \"hybrid\"\nsplit = 1.5\n"),
                    "t.toml:3:9: route.x.split: 1.5 is out of range (expected \"auto\" or a "
                    "fraction in [0, 1]"));
  CHECK(starts_with(error_of("[route.x]\nkind = \"hybrid\"\nsplit = \"half\"\n"),
                    "t.toml:3:9: route.x.split: \"half\" is not a fraction"));
  // The network and ship routes are their sections'.
  CHECK(error_of("[route.network]\nkind = \"network\"\n") ==
        "t.toml:2:8: route.network.kind: the network route is [network]'s own: name this route "
        "otherwise (e.g. [route.network-2])");
  CHECK(starts_with(error_of("[route.ship]\nkind = \"ship\"\n"),
                    "t.toml:2:8: route.ship.kind: the ship route is [ship]'s own"));
  // A name of one word.
  CHECK(error_of("[route.\"a b\"]\nkind = \"network\"\n") ==
        "t.toml:2:8: route.a b: a route's name is one word of letters, digits, - and _ (at most "
        "64), e.g. [route.leased-10g]");
  CHECK(starts_with(error_of("[route.\"a.b\"]\nkind = \"network\"\n"),
                    "t.toml:2:8: route.a.b: a route's name is one word"));
  CHECK(starts_with(error_of("", {"route.a/b.kind=network"}),
                    "--set: route.a/b: a route's name is one word"));
  // [plan] routes: an unknown route, with the closest; one listed twice.
  const std::string leased = "[route.leased]\nkind = \"network\"\n";
  CHECK(error_of(leased + "[plan]\nroutes = [\"network\", \"leasd\"]\n") ==
        "t.toml:4:10: plan.routes: \"leasd\" is not a route (did you mean \"leased\"? Or define "
        "others as [route.NAME])");
  CHECK(starts_with(error_of(leased, {"plan.routes=network,shp"}),
                    "--set: plan.routes: \"shp\" is not a route (did you mean \"ship\"?"));
  CHECK(error_of("[plan]\nroutes = [\"ship\", \"network\", \"ship\"]\n") ==
        "t.toml:2:10: plan.routes: \"ship\" is listed twice");
  CHECK(starts_with(error_of("[plan]\nroutes = []\n"),
                    "t.toml:2:10: plan.routes: \"[]\" names no route"));
  CHECK(starts_with(error_of("[plan]\nroutes = [\"a b\"]\n"),
                    "t.toml:2:10: plan.routes: \"a b\" is not a list of route names"));
  // At most 32 named routes: the 33rd is named.
  std::string many;
  for (int i = 1; i <= 33; ++i) many += "[route.r" + std::to_string(i) + "]\nkind = \"network\"\n";
  CHECK(error_of(many) == "t.toml:66:8: route.r33: over the limit of 32 routes");
  many.resize(many.size() - std::string("[route.r33]\nkind = \"network\"\n").size());
  CHECK(load(many).routes.size() == 34);
  // A hybrid's ship leg takes the fewest drives for its share.
  CHECK(starts_with(error_of("[route.mix]\nkind = \"hybrid\"\ndrives = 4\n"),
                    "t.toml:3:10: route.mix.drives: a hybrid's ship leg takes the fewest drives"));
  // ... which "auto" says.
  CHECK(load("[route.mix]\nkind = \"hybrid\"\ndrives = \"auto\"\n").in.routes[2].ship.drives == 0);
  // A bad value: the route's key, the value and the expected form.
  const std::string negative = error_of("[route.x]\nkind = \"network\"\nbandwidth = -1\n");
  CHECK(starts_with(negative, "t.toml:3:13: route.x.bandwidth: "));
  CHECK(contains(negative, "(write \"-1 Gbps\")"));
  CHECK_FALSE(contains(negative, "network.bandwidth"));
  CHECK(error_of("[route.x]\nkind = \"network\"\nbandwidth = \"-1 Gbps\"\n") ==
        "t.toml:3:13: route.x.bandwidth: \"-1 Gbps\" is out of range (expected a rate > 0, e.g. "
        "\"1 Gbps\")");
  CHECK(starts_with(error_of("[route.x]\nkind = \"ship\"\ncouriers = -2\n"),
                    "t.toml:3:12: route.x.couriers: "));
  CHECK(
      starts_with(error_of("", {"route.x.kind=network", "route.x.rtt=5"}), "--set: route.x.rtt: "));
  // Too few devices for the data: 200 TB on 80 TB devices needs ceil(200 / 80) = 3.
  CHECK(error_of("[data]\nsize = \"200 TB\"\n[route.box]\nkind = \"appliance\"\ndevices = 2\n") ==
        "t.toml:5:11: route.box.devices: 2 devices of 80 TB cannot hold 200 TB (needs 3; "
        "\"auto\" lets the count follow the data)");
  // ... and too few drives for a ship route: 200 TB on the section's 4 drives of nvme-4tb.
  CHECK(starts_with(
      error_of("[data]\nsize = \"200 TB\"\n[route.s]\nkind = \"ship\"\ndrive = \"nvme-4tb\"\n"
               "drives = 4\n"),
      "t.toml:6:10: route.s.drives: "));
  CHECK(contains(
      error_of("[data]\nsize = \"200 TB\"\n[route.s]\nkind = \"ship\"\ndrive = \"nvme-4tb\"\n"
               "drives = 4\n"),
      "needs 50"));  // ceil(200 / 4) = 50
  // An unknown preset.
  CHECK(starts_with(error_of("[route.x]\nkind = \"appliance\"\nappliance = \"snowcone\"\n"),
                    "t.toml:3:13: route.x.appliance: "));
}

TEST_CASE("route: input_slot of a route's key is the route's own field") {
  const Scenario s = load(kRoutes);
  const Flat flat = flatten(s.in);
  struct Case {
    const char* key;
    double value;
  };
  const Case cases[] = {
      {"route.leased.bandwidth", 10e9},
      {"route.leased.rtt", 0.05},  // inherited, in the route's own field
      {"route.leased.lease", 3000.0 / 2592000},
      {"route.ssd.capacity", 3.84e12},
      {"route.ssd.write_rate", 1.5e9},
      {"route.ssd.transit", 129600},
      {"route.box.devices", 3},
      {"route.box.lead_time", 2 * 86400},
      {"route.snow.transit", 3 * 86400},  // the appliance's transit
      {"route.snow.fill_rate", 300e6},
      {"route.mix.split", 0.3},
      {"route.mix.bandwidth", 10e9},
      {"route.mix.couriers", 3},
      {"route.mix.transit", 129600},  // a hybrid's transit is its ship leg's
      {"route.mix.drives", 0},
  };
  std::vector<int> slots;
  for (const Case& c : cases) {
    CAPTURE(c.key);
    const int slot = input_slot(s, c.key);
    REQUIRE(slot >= static_cast<int>(kFieldCount));  // past the base sections
    REQUIRE(slot < static_cast<int>(flat.size()));
    CHECK(flat[static_cast<std::size_t>(slot)] == doctest::Approx(c.value).epsilon(1e-15));
    slots.push_back(slot);
    // Setting the slot changes the route, not its section.
    Flat changed = flat;
    changed[static_cast<std::size_t>(slot)] = 12345;
    const Inputs<double> back = unflatten(s.in, changed);
    CHECK(flatten(back)[static_cast<std::size_t>(slot)] == 12345);
    CHECK(back.network.bandwidth_bps == s.in.network.bandwidth_bps);
    CHECK(back.ship.transit_s == s.in.ship.transit_s);
  }
  std::sort(slots.begin(), slots.end());
  CHECK(std::adjacent_find(slots.begin(), slots.end()) == slots.end());  // all distinct
  // A hybrid's bandwidth and its ship leg's transit are where route_slot puts them.
  const Inputs<double> bumped = [&] {
    Flat f = flat;
    f[static_cast<std::size_t>(input_slot(s, "route.mix.bandwidth"))] = 2e10;
    f[static_cast<std::size_t>(input_slot(s, "route.mix.split"))] = 0.7;
    return unflatten(s.in, f);
  }();
  CHECK(bumped.routes[6].network.bandwidth_bps == 2e10);
  CHECK(bumped.routes[6].split == 0.7);
  CHECK(bumped.routes[2].network.bandwidth_bps == 10e9);

  // Keys the route's kind does not have, presets, unknown or uncompared routes: no slot.
  CHECK(input_slot(s, "route.leased.capacity") == -1);
  CHECK(input_slot(s, "route.box.bandwidth") == -1);
  CHECK(input_slot(s, "route.leased.split") == -1);
  CHECK(input_slot(s, "route.snow.appliance") == -1);
  CHECK(input_slot(s, "route.nope.bandwidth") == -1);
  // The section's keys keep theirs.
  CHECK(flat[static_cast<std::size_t>(input_slot(s, "network.bandwidth"))] == 1e9);
  CHECK(flat[static_cast<std::size_t>(input_slot(s, "ship.capacity"))] == 20e12);

  // With [plan] routes, the slot follows the route's place; a route left out has none.
  const Scenario picked = load(kRoutes, {"plan.routes=mix,leased"});
  const Flat picked_flat = flatten(picked.in);
  CHECK(picked_flat.size() == kFieldCount + (14 + 26 + 1) + 14);
  CHECK(picked_flat[static_cast<std::size_t>(input_slot(picked, "route.leased.bandwidth"))] ==
        10e9);
  CHECK(picked_flat[static_cast<std::size_t>(input_slot(picked, "route.mix.split"))] ==
        doctest::Approx(0.3));
  CHECK(input_slot(picked, "route.ssd.capacity") == -1);
}

TEST_CASE("route: haul scenario's TOML of a scenario with routes reads back to the same inputs") {
  const std::vector<std::vector<std::string>> overrides = {
      {},
      {"network.rtt=20ms", "plan.routes=mix,snow,network"},
      {"route.mix.split=auto", "route.box.job_fee=$80"},
      {"route.leased.bandwidth=20Gbps", "route.ssd.drive=sata-ssd-8tb"},
  };
  for (const auto& sets : overrides) {
    const Scenario s = load(kRoutes, sets);
    const std::string toml = scenario_toml(s);
    CAPTURE(toml);
    Scenario back;
    try {
      back = load_scenario(Base{Base::Kind::defaults, "", ""},
                           read_scenario_text(toml, "scenario.toml"), builtin_catalog());
    } catch (const InputError& e) {
      FAIL("the TOML does not read back: " << std::string(e.what()));
    }
    CHECK(names_of(back.routes) == names_of(s.routes));
    CHECK(names_of(back.route_defs) == names_of(s.route_defs));
    REQUIRE(back.in.routes.size() == s.in.routes.size());
    for (std::size_t r = 0; r < s.in.routes.size(); ++r) {
      CHECK(back.in.routes[r].kind == s.in.routes[r].kind);
      CHECK(back.in.routes[r].own == s.in.routes[r].own);
      CHECK(back.routes[r].drive == s.routes[r].drive);
      CHECK(back.routes[r].appliance == s.routes[r].appliance);
    }
    const Flat a = flatten(s.in), b = flatten(back.in);
    REQUIRE(a.size() == b.size());
    int differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      CAPTURE(i);
      if (a[i] != b[i]) ++differ;
      CHECK(a[i] == b[i]);
    }
    CHECK(differ == 0);
  }
}
