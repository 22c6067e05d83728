// The man page and the shell completions, written from haul's CLI11 app (app.cpp) and the tables
// behind it: the commands and their kinds, the scenario keys, the catalog's presets, the built-in
// examples and the formats. Build-only: docs_main.cpp runs it when haul is built.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace haul::cli {

// haul.1 in man(7) roff: NAME, SYNOPSIS, DESCRIPTION, COMMANDS (each command's about text,
// options and examples), EXAMPLES, EXIT STATUS, FILES, SEE ALSO. `configs_dir` is where the
// example scenarios are installed under the prefix ("share/haul/configs"), for FILES.
std::string man_page(const CLI::App& app, const std::string& configs_dir);
// A bash completion script defining _haul for `complete -F`.
std::string bash_completion(const CLI::App& app);
// A zsh completion script (_haul, #compdef haul).
std::string zsh_completion(const CLI::App& app);

}  // namespace haul::cli
