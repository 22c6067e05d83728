// The key table's hints: "did you mean" for keys and presets, and values that belong to another
// key (a monthly price on a one-off cost).
#include "input/keys.hpp"

#include <doctest/doctest.h>

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
