#include "cli/app.hpp"

#include <string>

namespace haul::cli {

const char* const kDescription =
    "haul: ship drives or use the network? Time, cost and rented-GPU cost of moving data.";

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names = {"table", "json", "csv", "md"};
  return names;
}

std::string wrap(const std::string& text, std::size_t width) {
  std::string out, line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line;
}

void build_app(CLI::App& app, Options& options, const Command*& chosen) {
  app.description(kDescription);
  app.set_version_flag("--version", std::string("haul ") + HAUL_VERSION);
  app.footer(kOverview);
  app.require_subcommand(1);
  for (const Command& command : commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    sub->footer(wrap(command.about) + "\n\nExamples:\n" + command.examples);
    if (command.takes & kResultFile)
      sub->add_option("file", options.config, "iperf3 --json result (client side, TCP)")
          ->required();
    if (command.takes & kKind) sub->add_option("kind", options.kind, command.kinds)->required();
    if (command.takes & (kScenario | kSweepFile | kOptimizeFile)) {
      const bool sweep_file = command.takes & kSweepFile;
      const bool optimize_file = command.takes & kOptimizeFile;
      CLI::Option* file_option = sub->add_option(
          "file", options.config,
          sweep_file      ? "sweep file (TOML with [sweep] and [output])"
          : optimize_file ? "optimiser file (TOML with [choose] and [goal])"
                          : "scenario file (TOML); without it, --example NAME or the defaults");
      CLI::Option* config_option =
          sub->add_option("--config", options.config, "the file, same as FILE");
      CLI::Option* example_option = nullptr;
      if (!sweep_file && !optimize_file)
        example_option = sub->add_option("--example", options.example,
                                         "start from a built-in example (haul examples)");
      // FILE, --config and --example are one setting: giving two is a conflict.
      sub->callback([&chosen, &command, file_option, config_option, example_option] {
        chosen = &command;
        const std::size_t given = file_option->count() + config_option->count() +
                                  (example_option ? example_option->count() : 0);
        if (given > 1)
          throw CLI::ValidationError(
              example_option && example_option->count() ? "--example" : "--config",
              "give the scenario once: a FILE, --config FILE or --example NAME");
      });
      // One KEY=VALUE per --set, so that a FILE after it stays the FILE.
      sub->add_option("--set", options.sets, "KEY=VALUE, e.g. network.rtt=100ms (repeatable)")
          ->allow_extra_args(false);
      for (const Shortcut& sc : shortcuts()) {
        const std::string flag = sc.flag;
        sub->add_option_function<std::string>(
            flag, [flag, &options](const std::string& v) { options.flags.emplace_back(flag, v); },
            std::string("same as --set ") + sc.key + "=" + sc.example);
      }
      sub->add_option("--catalog", options.catalog_file,
                      "use this catalog instead of the built-in one");
    } else {
      sub->callback([&chosen, &command] { chosen = &command; });
    }
    if (command.takes & kSweep) {
      sub->add_option("--shard", options.shard, "K/N: evaluate the K-th of N slices of the grid");
      sub->add_flag("--yes", options.yes, "evaluate grids of over a million points");
    }
    if (command.takes & kYes)
      sub->add_flag("--yes", options.yes,
                    "evaluate over a million choices, or over 10^8 Monte Carlo sample plans");
    if (command.takes & (kSweep | kThreads))
      sub->add_option("--threads", options.threads, "worker threads (default: every core)");
    if (command.takes & kFormats) {
      sub->add_option("--format", options.format,
                      "table | json | csv | md (default table; sweeps: json is JSON Lines)")
          ->check(CLI::IsMember(format_names()));
      sub->add_flag("--iec", options.iec, "show sizes in IEC units (TiB) instead of SI (TB)");
      sub->add_flag("--si", options.si, "show sizes in SI units (TB; the default)");
    }
    if (command.takes & kSizes) {
      sub->add_flag("--iec", options.iec, "show sizes in IEC units (TiB) instead of SI (TB)");
      sub->add_flag("--si", options.si, "show sizes in SI units (TB; the default)");
    }
    if (std::string(command.name) == "catalog")
      sub->add_option("--catalog", options.catalog_file,
                      "use this catalog instead of the built-in one");
    sub->add_option("-o,--output", options.output,
                    "write to FILE (whole or not at all); - is stdout");
  }
}

}  // namespace haul::cli
