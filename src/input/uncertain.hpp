// Keys that hold distributions (MODEL.md section 11), the input side: a numeric key's value may be
// an inline table { dist = "lognormal", p50 = "24 h", p90 = "72 h" } in the key's own units. Each
// parameter goes through the key's own reader (so units and the key's range are checked as for a
// value), the distribution is truncated to the key's valid range, and the scenario's point value
// is its truncated median. The Monte Carlo run (plan/uncertainty.hpp) draws around it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../input/scenario.hpp"
#include "../model/dist.hpp"

namespace haul {

// A distribution read for a key, in the key's base units.
struct KeyDist {
  std::string name;                                    // "lognormal"
  std::vector<std::pair<std::string, double>> params;  // p50, p90 ... as MODEL.md orders them
  Truncated dist;                                      // truncated to the key's valid range
  bool whole = false;                                  // a count: draws are rounded
  double point = 0;  // the truncated median, rounded to a whole number for a count
};

// Reads `v` (Value::Kind::dist) as a distribution of `key`, a section's key ("ship.transit") that
// takes one. Throws InputError without the key (the caller adds it and the place): an unknown
// dist, a missing or extra parameter, a parameter the key's reader refuses, parameters that make
// no distribution or one with no probability within the key's valid range.
KeyDist read_distribution(const std::string& key, const Value& v);

// Reads `v` into the scenario through the key's own reader, as set_key does; a distribution sets
// its point value and is returned. Throws InputError (without the key) as set_key and
// read_distribution do, and when the key takes no distribution.
std::optional<KeyDist> apply_value(Scenario& s, const std::string& key, const Value& v);

// Once the routes are built: s.uncertainty.keys and .routes from s.distributions (the sections'
// keys) and the routes' own keys. A section's distribution also sets the same field of each named
// route compared that inherits it (it did not set the key and has the section's point value); a
// hold (ship.hold, route.NAME.hold) is drawn per held trip, so it goes to each ship or hybrid
// route that uses it instead.
void resolve_uncertainty(Scenario& s);

}  // namespace haul
