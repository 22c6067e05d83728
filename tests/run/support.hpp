// What the sweep tests share: a sweep read from TOML text, run to a string, or the message it
// fails with; and two string helpers.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "input/error.hpp"
#include "run/sweep.hpp"

namespace haul::test {

inline SweepSpec spec_of(const std::string& toml) {
  return read_sweep_text(toml, "s.toml", builtin_catalog());
}

// The whole output of a sweep (its checks first), as `haul sweep` writes it.
inline std::string run_to_string(const SweepSpec& spec, Format format, std::uint64_t shard = 0,
                                 std::uint64_t shards = 1, std::size_t chunk_rows = 4096,
                                 unsigned threads = 2) {
  const Sweep sweep(spec, builtin_catalog());
  SweepOptions o;
  o.format = format;
  o.shard = shard;
  o.shards = shards;
  o.chunk_rows = chunk_rows;
  o.threads = threads;
  sweep.check_rows(o);
  std::string out;
  sweep.run(o, [&](std::string_view s) { out += s; });
  return out;
}

// The message of the InputError that reading, preparing or checking the sweep throws ("" if none).
inline std::string error_of(const std::string& toml) {
  try {
    const SweepSpec spec = spec_of(toml);
    const Sweep sweep(spec, builtin_catalog());
    sweep.check_rows(SweepOptions{});
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// The row's scenario, built alone from the file's keys and its axis values.
inline Scenario row_scenario(const SweepSpec& spec, const std::vector<std::size_t>& index) {
  std::vector<Assignment> assignments = spec.base;
  for (std::size_t a = 0; a < spec.axes.size(); ++a)
    assignments.push_back({spec.axes[a].key, spec.axes[a].values[index[a]], "test"});
  return build_scenario(assignments, builtin_catalog());
}

// The next row's axis indices: the last axis fastest.
inline void next_row(const SweepSpec& spec, std::vector<std::size_t>& index) {
  for (std::size_t a = spec.axes.size(); a-- > 0;) {
    if (++index[a] < spec.axes[a].values.size()) return;
    index[a] = 0;
  }
}

inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) parts.push_back(part);
  return parts;
}

}  // namespace haul::test
