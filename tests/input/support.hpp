// What the scenario tests share: a scenario built from TOML text and --set assignments, or the
// message building it fails with; and two string helpers.
#pragma once

#include <string>
#include <vector>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/scenario.hpp"

namespace haul::test {

inline Scenario load(const std::string& toml, const std::vector<std::string>& sets = {}) {
  auto assignments = read_scenario_text(toml, "t.toml");
  for (const auto& s : sets) assignments.push_back(parse_set(s));
  return build_scenario(assignments, builtin_catalog());
}

// The message of the InputError that loading throws ("" if none).
inline std::string error_of(const std::string& toml, const std::vector<std::string>& sets = {}) {
  try {
    load(toml, sets);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

inline bool starts_with(const std::string& s, const std::string& start) {
  return s.rfind(start, 0) == 0;
}
inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace haul::test
