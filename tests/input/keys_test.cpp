// The key table's hints: "did you mean" for keys and presets, and values that belong to another
// key (a monthly price on a one-off cost).
#include "input/keys.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <string>

#include "input/error.hpp"
#include "input/scenario.hpp"

using namespace haul;

namespace {

std::string error_of(const std::vector<std::string>& list) {
  try {
    std::vector<Assignment> a;
    for (const auto& s : list) a.push_back(parse_set(s));
    build_scenario(a, builtin_catalog());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a mistyped key suggests what was most likely meant") {
  using V = std::vector<std::string>;
  CHECK(suggest_keys("rtt") == V{"network.rtt"});                 // the word without its section
  CHECK(suggest_keys("netwrk.rtt") == V{"network.rtt"});          // the word in a mistyped section
  CHECK(suggest_keys("network.bw") == V{"network.bandwidth"});    // an abbreviation
  CHECK(suggest_keys("network.band") == V{"network.bandwidth"});  // the start of the word
  CHECK(suggest_keys("ship.drive_los") == V{"ship.drive_loss"});  // a typo
  CHECK(suggest_keys("gpus") == V{"compute.gpus"});
  CHECK(suggest_keys("zzzzzzzz").empty());
  CHECK(contains(error_of({"rtt=100ms"}), "did you mean network.rtt?"));
}

TEST_CASE("a preset's name typed in part suggests the presets that start with it") {
  try {
    builtin_catalog().gpu("h100");
    FAIL("h100 is not a preset");
  } catch (const InputError& e) {
    CHECK(contains(e.what(), "did you mean \"h100-sxm\" or \"h100-pcie\"?"));
    CHECK_FALSE(contains(e.what(), "did you mean \"h800\""));
  }
  try {
    builtin_catalog().drive("hdd-24tbb");  // a typo still finds the closest
    FAIL("hdd-24tbb is not a preset");
  } catch (const InputError& e) {
    CHECK(contains(e.what(), "did you mean \"hdd-24tb\"?"));
  }
}

TEST_CASE("a monthly price on network.fixed_cost points to network.lease") {
  const std::string e = error_of({"network.fixed_cost=\"15000 USD/month\""});
  CHECK(contains(e, "network.fixed_cost"));
  CHECK(contains(e, "network.lease"));
  CHECK(e.find('\n') == std::string::npos);
}

TEST_CASE("a redundancy replaces the layout before it, fields and all") {
  std::vector<Assignment> a = {parse_set("ship.redundancy=\"10+2\""),
                               parse_set("ship.redundancy=3x"), parse_set("ship.redundancy=none")};
  const Scenario s = build_scenario(a, builtin_catalog());
  CHECK(s.in.ship.copies == 1);
  CHECK(s.in.ship.erasure_k == 1);
  CHECK(s.in.ship.erasure_m == 0);
}

TEST_CASE("a preset whose figures a key changes is custom; the same figure again is not") {
  const Catalog& c = builtin_catalog();
  CHECK(build_scenario({parse_set("ship.capacity=\"30 TB\"")}, c).drive_custom);
  CHECK_FALSE(build_scenario({parse_set("ship.capacity=\"24 TB\"")}, c).drive_custom);
  CHECK(build_scenario({parse_set("compute.peak=\"900 TFLOPS\"")}, c).gpu_custom);
}

TEST_CASE("a catalog's preset names are words and its descriptions one line; only presets") {
  auto refusal = [](const std::string& toml) {
    try {
      parse_catalog(toml, "c.toml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string gpu = "[gpu.g]\npeak = \"1 TFLOPS\"\nmemory = \"1 GB\"\n";
  const std::string drive =
      "capacity = \"1 TB\"\nwrite_rate = \"1 MB/s\"\nread_rate = \"1 MB/s\"\nprice = \"1 USD\"\n"
      "weight = \"1 kg\"\n";
  CHECK(refusal(gpu + "[drive.ok]\n" + drive).empty());
  // A name with an escape sequence and a line break: quoted, escaped, refused.
  const std::string name = refusal(gpu + "[drive.\"hdd\\u001b[31m\\nX\"]\n" + drive);
  CHECK(contains(name, "a preset's name is a word"));
  CHECK(contains(name, "\\x1b[31m\\nX"));
  CHECK(name.find('\x1b') == std::string::npos);
  const std::string text = refusal(gpu + "[drive.ok]\ndescription = \"a\\u001b[2Jb\"\n" + drive);
  CHECK(contains(text, "drive.ok.description: expected one line of text"));
  // A scenario given as the catalog is a mistake, not an empty catalog.
  CHECK(contains(refusal("[network]\nrtt = \"1 ms\"\n"), "network: not a catalog table"));
  CHECK(contains(refusal(gpu), "at least one [drive.NAME] and one [gpu.NAME]"));
}

TEST_CASE("a catalog's appliances: every figure with its unit, included days a whole number") {
  auto parse = [](const std::string& toml) { return parse_catalog(toml, "c.toml"); };
  auto refusal = [&](const std::string& toml) {
    try {
      parse(toml);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string base =
      "[gpu.g]\npeak = \"1 TFLOPS\"\nmemory = \"1 GB\"\n[drive.d]\ncapacity = \"1 TB\"\n"
      "write_rate = \"1 MB/s\"\nread_rate = \"1 MB/s\"\nprice = \"1 USD\"\nweight = \"1 kg\"\n";
  const std::string box =
      "[appliance.box]\ndescription = \"a box\"\ncapacity = \"80 TB\"\nfill_rate = \"1 GB/s\"\n"
      "lead_time = \"4 d\"\ntransit = \"3 d\"\nprocessing = \"2 d\"\njob_fee = \"1800 USD\"\n"
      "included_days = 15\nday_fee = \"250 USD\"\nshipping_cost = \"0 USD\"\n";
  const Catalog c = parse(base + box);
  REQUIRE(c.appliances.size() == 1);
  const AppliancePreset& a = c.appliance("box");
  CHECK(a.capacity_bytes == 80e12);
  CHECK(a.fill_Bps == 1e9);
  CHECK(a.lead_time_s == 4 * 86400.0);  // 345,600 s
  CHECK(a.processing_s == 2 * 86400.0);
  CHECK(a.job_fee_usd == 1800);
  CHECK(a.included_days == 15);
  CHECK(a.day_fee_usd == 250);
  // Appliances are optional: a catalog without them is whole.
  CHECK(parse(base).appliances.empty());
  // A missing figure, a figure without its unit, days that are not a whole number.
  std::string missing = box;
  missing.erase(missing.find("day_fee"), std::string("day_fee = \"250 USD\"\n").size());
  CHECK(contains(refusal(base + missing), "appliance.box.day_fee: missing"));
  std::string bare = box;
  bare.replace(bare.find("\"3 d\""), 5, "3");
  CHECK(contains(refusal(base + bare), "appliance.box.transit"));
  std::string days = box;
  days.replace(days.find("15"), 2, "1.5");
  CHECK(contains(refusal(base + days), "appliance.box.included_days: expected a whole number"));
  // An unknown appliance suggests the close one.
  try {
    c.appliance("bx");
    FAIL("an unknown appliance was found");
  } catch (const InputError& e) {
    CHECK(contains(e.what(), "did you mean \"box\""));
  }
}

namespace {

// x in the key's base unit, as a user could write it: "0.001 s", 0.25, 8.
Value in_base_units(const KeyInfo& key, double x) {
  const std::string unit = base_unit(key.quantity);
  Value v;
  if (unit.empty()) {
    v.kind = key.valid.whole ? Value::Kind::integer : Value::Kind::floating;
    v.number = x;
  } else {
    char buffer[64];
    v.text = std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, x).ptr) + " " + unit;
  }
  return v;
}

bool accepts(const KeyInfo& key, double x) {
  Scenario s;
  try {
    set_key(s, key.key, in_base_units(key, x));
  } catch (const InputError&) {
    return false;
  }
  return true;
}

}  // namespace

TEST_CASE("every numeric key's valid range is the one its reader checks") {
  // A distribution is truncated to Valid::range (MODEL.md section 11), so the range must be the
  // setter's: at each finite end the value just inside is taken and the one just outside refused
  // (for whole numbers the next whole number; else the next double, or the end itself when open).
  int keys = 0;
  for (const KeyInfo& key : scenario_keys()) {
    if (!takes_distribution(key)) continue;
    ++keys;
    CAPTURE(key.key);
    const Interval& r = key.valid.range;
    CHECK(key.valid.whole == (key.quantity == Quantity::count || key.key == "network.mtu"));
    CHECK(r.lo < r.hi);
    auto check_end = [&](double end, bool open, double toward_inside) {
      CAPTURE(end);
      const double step = toward_inside > end ? 1 : -1;
      if (key.valid.whole) {
        CHECK(accepts(key, end));
        CHECK_FALSE(accepts(key, end - step));
      } else if (open) {
        CHECK(accepts(key, std::nextafter(end, toward_inside)));
        CHECK_FALSE(accepts(key, end));
      } else {
        CHECK(accepts(key, end));
        CHECK_FALSE(accepts(key, std::nextafter(end, end - step)));
      }
    };
    if (std::isfinite(r.lo)) check_end(r.lo, r.lo_open, r.hi);
    if (std::isfinite(r.hi)) check_end(r.hi, r.hi_open, r.lo);
    // And with no finite upper end, a huge value is taken.
    if (!std::isfinite(r.hi)) CHECK(accepts(key, 1e300));
  }
  CHECK(keys >= 60);
}
