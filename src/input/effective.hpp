// The effective scenario (MODEL.md section 3.0): every key's value as the models use it and where
// it came from. JSON's "inputs" and `haul scenario` read it; the TOML that `haul scenario` prints
// reads back to the same scenario, value for value.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "../input/scenario.hpp"

namespace haul {

struct EffectiveValue {
  enum class Kind { number, word, boolean, dist, unset } kind = Kind::unset;
  double number = 0;  // in the key's base unit (base_unit(quantity)); a distribution's median
  std::string word;   // "cubic", "auto", "2x", a preset or the name; a distribution's name
  bool boolean = false;
  // A distribution's parameters in the key's base unit, as MODEL.md orders them (p50, p90).
  std::vector<std::pair<std::string, double>> params;
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

// Every key of scenario_keys(), in that order; [uncertainty]'s only when the scenario holds a
// distribution or sets them (without, its outputs are as they were before section 11).
std::vector<EffectiveKey> effective_keys(const Scenario& scenario);

// The scenario as route `route` (a name in scenario.routes) sees it, for its effective keys: its
// own distributions ("route.NAME.transit") stand for the sections' keys ("ship.transit").
void view_as_route(Scenario& scenario, const std::string& route);

// A value as TOML: a string quoted as toml_string, a distribution as an inline table.
std::string toml_value(const Value& value);

// The effective scenario as TOML: a header naming the base, then every key with a comment saying
// where its value came from; keys that are not set (an optional job key) appear commented out.
std::string scenario_toml(const Scenario& scenario);

// A TOML value for `x` that the key's own reader takes back as exactly `x`, in a readable unit
// where one reads back exactly ("80 TB", "100 ms", "4 MiB"), else in the base unit.
std::string exact_toml(const KeyInfo& key, double x);

// A TOML basic string: quoted, with quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& text);

}  // namespace haul
