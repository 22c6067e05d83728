// haul: the command line. The only place that knows about CLI11, stdout and exit codes; everything
// else is in haul_core. Exit status: 0 success, 2 bad input, 1 failure to write output or an
// internal error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "catalog.hpp"
#include "error.hpp"
#include "output.hpp"
#include "report.hpp"
#include "scenario.hpp"
#include "views.hpp"

namespace {

using namespace haul;

// Options shared by the commands, as plain values; handlers never see CLI11.
struct Options {
  std::string config;
  std::vector<std::string> sets;
  std::vector<std::pair<std::string, std::string>> flags;  // (flag, value) for convenience flags
  std::string format = "table";
  std::string output = "-";
  std::string catalog_file;
  bool iec = false;
};

// Convenience flags: each is the same as --set KEY=VALUE.
struct Shortcut {
  const char* flag;
  const char* key;
  const char* example;
};
constexpr Shortcut kShortcuts[] = {
    {"--data", "data.size", "80TB"},
    {"--files", "data.files", "80000"},
    {"--bandwidth", "network.bandwidth", "1Gbps"},
    {"--utilization", "network.utilization", "0.8"},
    {"--rtt", "network.rtt", "100ms"},
    {"--loss", "network.loss", "0.1%"},
    {"--streams", "network.streams", "16"},
    {"--window", "network.window", "4MiB"},
    {"--congestion", "network.congestion", "bbr"},
    {"--drive", "ship.drive", "hdd-24tb"},
    {"--drives", "ship.drives", "60"},
    {"--redundancy", "ship.redundancy", "10+2"},
    {"--couriers", "ship.couriers", "4"},
    {"--transit", "ship.transit", "24h"},
    {"--gpu", "compute.gpu", "h100-sxm"},
    {"--gpus", "compute.gpus", "2400"},
    {"--gpu-price", "compute.price", "2USD/h"},
    {"--mfu", "compute.mfu", "0.4"},
    {"--billing", "compute.billing", "at-start"},
    {"--weights", "compute.weights", "network"},
};

Catalog load_catalog(const Options& o) {
  if (o.catalog_file.empty()) return builtin_catalog();
  std::FILE* f = std::fopen(o.catalog_file.c_str(), "rb");
  if (!f) throw InputError("--catalog: " + o.catalog_file + ": cannot read the catalog file");
  std::string text;
  char buffer[65536];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
  std::fclose(f);
  return parse_catalog(text, o.catalog_file);
}

Scenario load_scenario(const Options& o, const Catalog& catalog) {
  std::vector<Assignment> assignments = o.config.empty()
                                            ? read_scenario_text(builtin_seed_toml(), kSeedName)
                                            : read_scenario_file(o.config);
  for (const auto& s : o.sets) assignments.push_back(parse_set(s));
  for (const auto& [flag, value] : o.flags) {
    for (const auto& sc : kShortcuts)
      if (flag == sc.flag) assignments.push_back({sc.key, parse_value_text(value), flag});
  }
  return build_scenario(assignments, catalog);
}

units::ByteStyle byte_style(const Options& o) {
  return o.iec ? units::ByteStyle::iec : units::ByteStyle::si;
}

Report run_compare(const Options& o) {
  const Catalog catalog = load_catalog(o);
  return report_compare(evaluate(load_scenario(o, catalog), true), byte_style(o));
}
Report run_network(const Options& o) {
  const Catalog catalog = load_catalog(o);
  return report_network(evaluate(load_scenario(o, catalog), false), byte_style(o));
}
Report run_ship(const Options& o) {
  const Catalog catalog = load_catalog(o);
  return report_ship(evaluate(load_scenario(o, catalog), false), byte_style(o));
}
Report run_compute(const Options& o) {
  const Catalog catalog = load_catalog(o);
  const Scenario s = load_scenario(o, catalog);
  if (!s.has_job())
    throw InputError(
        "compute: no training job given (set compute.params and compute.tokens, compute.flops or "
        "compute.gpu_hours)");
  return report_compute(evaluate(s, false), byte_style(o));
}
Report run_catalog(const Options& o) {
  return report_catalog(load_catalog(o), byte_style(o));
}
Report run_keys(const Options&) {
  return report_keys();
}

// The subcommands, in one table: adding one is one line here.
struct Command {
  const char* name;
  const char* help;
  bool takes_scenario;
  Report (*run)(const Options&);
};
constexpr Command kCommands[] = {
    {"compare", "both routes side by side: the plan, the winner and the breakevens", true,
     run_compare},
    {"network", "the network model only", true, run_network},
    {"ship", "the ship model only", true, run_ship},
    {"compute", "the compute model only", true, run_compute},
    {"catalog", "the drive and GPU presets", false, run_catalog},
    {"keys", "every scenario key, its expected form and its default", false, run_keys},
};

constexpr const char* kExamples = R"(Examples:
  haul compare                                  the built-in scenario (configs/seed.toml)
  haul compare --data 80TB --bandwidth 10Gbps   the same with other values
  haul compare configs/appliance-vs-upload.toml --format md
  haul network --set network.congestion=bbr --loss 1% --format json
  haul ship --drive nvme-4tb --redundancy 2x
  haul catalog
  haul keys                                     every scenario key and its form

Without FILE the built-in scenario is the base; --set and the flags override its keys.
Exit status: 0 success, 2 bad input (one line on stderr naming the key), 1 output could not be written.
Keys: see README.md or MODEL.md section 3, e.g. network.rtt="100 ms", ship.redundancy="10+2".)";

bool want_color(const Options& o) {
  return o.output == "-" && o.format == "table" && ::isatty(STDOUT_FILENO) &&
         !std::getenv("NO_COLOR");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "haul: ship drives or use the network? Time, cost and rented-GPU cost of moving data."};
  app.set_version_flag("--version", std::string("haul ") + HAUL_VERSION);
  app.footer(kExamples);
  app.require_subcommand(1);

  Options options;
  const Command* chosen = nullptr;
  for (const Command& command : kCommands) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    sub->footer(kExamples);
    if (command.takes_scenario) {
      sub->add_option("file", options.config, "scenario file (TOML); default: the built-in seed");
      sub->add_option("--config", options.config, "scenario file, same as FILE");
      sub->add_option("--set", options.sets, "KEY=VALUE, e.g. network.rtt=100ms (repeatable)");
      for (const Shortcut& sc : kShortcuts) {
        const std::string flag = sc.flag;
        sub->add_option_function<std::string>(
            flag, [flag, &options](const std::string& v) { options.flags.emplace_back(flag, v); },
            std::string("same as --set ") + sc.key + "=" + sc.example);
      }
    }
    sub->add_option("--format", options.format, "table | json | csv | md (default table)")
        ->check(CLI::IsMember({"table", "json", "csv", "md"}));
    sub->add_option("-o,--output", options.output,
                    "write to FILE (whole or not at all); - is stdout");
    sub->add_flag("--iec", options.iec, "show sizes in IEC units (TiB) instead of SI (TB)");
    sub->add_option("--catalog", options.catalog_file,
                    "use this catalog instead of the built-in one");
    sub->callback([&chosen, &command] { chosen = &command; });
  }

  // An unknown first word is a mistyped command, not a missing one: say which word and what exists.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::vector<std::string> names;
    for (const Command& command : kCommands) names.push_back(command.name);
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      const std::string guess = closest(word, names);
      std::cerr << "haul: unknown command \"" << word << "\""
                << (guess.empty() ? "" : " (did you mean " + guess + "?)") << "; commands:";
      for (const auto& n : names) std::cerr << " " << n;
      std::cerr << "\n";
      return 2;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "haul: " << e.what() << " (see haul --help)\n";
    return 2;
  }

  try {
    check_writable(options.output);
    const Format format = options.format == "json"  ? Format::json
                          : options.format == "csv" ? Format::csv
                          : options.format == "md"  ? Format::md
                                                    : Format::table;
    const std::string text = render(chosen->run(options), format, want_color(options));
    if (options.output == "-") {
      std::cout << text << std::flush;
      if (!std::cout) throw OutputError("stdout: write failed");
    } else {
      write_atomically(options.output, text);
    }
  } catch (const InputError& e) {
    std::cerr << "haul: " << e.what() << "\n";
    return 2;
  } catch (const OutputError& e) {
    std::cerr << "haul: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "haul: internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
