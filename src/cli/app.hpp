// haul's CLI11 app, built from the command table: main parses with it, and the build-only docs
// generator (docs_main.cpp) reads the same option objects for the man page and the completions,
// so neither can drift from what `haul COMMAND --help` prints.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace haul::cli {

// The one-line description haul --help starts with (and the man page's NAME).
extern const char* const kDescription;

// The values --format accepts: the option's check, and the completions.
const std::vector<std::string>& format_names();

// Adds the version flag, the footer and one subcommand per Command with its options. Parsing
// fills `options` and points `chosen` at the command given; both must outlive `app`.
void build_app(CLI::App& app, Options& options, const Command*& chosen);

// A paragraph broken into lines of at most `width` characters, at spaces.
std::string wrap(const std::string& text, std::size_t width = 100);

}  // namespace haul::cli
