// The effective scenario (MODEL.md section 3.0): every key's value as the models use it and where
// it came from. JSON's "inputs" and `haul scenario` read it; the TOML that `haul scenario` prints
// reads back to the same scenario, value for value.
#pragma once

#include <string>
#include <vector>

#include "input/scenario.hpp"

namespace haul {

struct EffectiveValue {
  enum class Kind { number, word, boolean, unset } kind = Kind::unset;
  double number = 0;  // in the key's base unit (base_unit(quantity))
  std::string word;   // "cubic", "auto", "2x", a preset or the name
  bool boolean = false;
  std::string toml;   // a TOML value that reads back as exactly this value; "" when unset
  std::string where;  // "default", "seed.toml:14:9", "--set", "--data", "preset hdd-24tb"
  // Empty when the value is used; else why a default changes nothing in this scenario ("used with
  // compute.tokens = \"auto\""): haul scenario writes such a default commented out.
  std::string unused;
};

struct EffectiveKey {
  const KeyInfo* key;
  EffectiveValue value;
};

// Every key of scenario_keys(), in that order.
std::vector<EffectiveKey> effective_keys(const Scenario& scenario);

// The effective scenario as TOML: a header naming the base, then every key with a comment saying
// where its value came from; keys that are not set (an optional job key) appear commented out.
std::string scenario_toml(const Scenario& scenario);

// A TOML value for `x` that the key's own reader takes back as exactly `x`, in a readable unit
// where one reads back exactly ("80 TB", "100 ms", "4 MiB"), else in the base unit.
std::string exact_toml(const KeyInfo& key, double x);

// A TOML basic string: quoted, with quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& text);

}  // namespace haul
