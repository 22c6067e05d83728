// What the TOML readers (scenario, catalog, sweep) share: places and plain values of toml++ nodes.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "../input/scenario.hpp"

namespace haul {

// "file.toml:14:9"
inline std::string where_of(const std::string& source, const toml::source_region& region) {
  return source + ":" + std::to_string(region.begin.line) + ":" +
         std::to_string(region.begin.column);
}

// The whole text of an input file (input_file.cpp); a missing or unreadable file is bad input:
// "<path>: cannot read the <what> (<reason>)", and so is anything but a regular file of at most
// limits::kInputFileBytes ("<path>: the <what> is a directory (expected a regular file)").
std::string read_input_file(const std::string& path, const std::string& what);

// toml::parse, after a check that no key nests deeper than a scenario needs (toml++ recurses once a
// dotted part: a few kB of "a.a.a..." would overflow the stack). Throws InputError naming the
// line, or toml::parse_error as toml::parse does.
toml::table parse_toml(std::string_view text, const std::string& source);

// A number, boolean or string node as a Value; throws InputError for tables, lists and dates.
Value value_of_node(const toml::node& node);

}  // namespace haul
