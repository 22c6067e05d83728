// haul: the command line. The only place that knows about CLI11, stdout, the terminal and exit
// codes; everything else is in haul_core. Exit status: 0 success, 2 bad input, 1 failure to write
// output or an internal error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "input/calibrate.hpp"
#include "input/catalog.hpp"
#include "input/error.hpp"
#include "output/output.hpp"
#include "output/report.hpp"
#include "input/scenario.hpp"
#include "run/sweep.hpp"
#include "output/views.hpp"

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
  bool si = false;  // the default; the flag exists so scripts can say it
  // sweep and table
  std::string shard;
  bool yes = false;
  unsigned threads = 0;
  std::string table_kind;
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

// Points a sweep evaluates without --yes.
constexpr std::uint64_t kPointsWithoutYes = 1000000;

Catalog load_catalog(const Options& o) {
  if (o.catalog_file.empty()) return builtin_catalog();
  try {
    return read_catalog_file(o.catalog_file);
  } catch (const InputError& e) {
    throw InputError(std::string("--catalog: ") + e.what());
  }
}

// --set and the convenience flags, in that order, as assignments.
std::vector<Assignment> overrides(const Options& o) {
  std::vector<Assignment> out;
  for (const auto& s : o.sets) out.push_back(parse_set(s));
  for (const auto& [flag, value] : o.flags)
    for (const auto& sc : kShortcuts)
      if (flag == sc.flag) out.push_back({sc.key, parse_value_text(value), flag});
  return out;
}

Scenario load_scenario(const Options& o, const Catalog& catalog) {
  std::vector<Assignment> assignments = o.config.empty()
                                            ? read_scenario_text(builtin_seed_toml(), kSeedName)
                                            : read_scenario_file(o.config);
  for (auto& a : overrides(o)) assignments.push_back(std::move(a));
  return build_scenario(assignments, catalog);
}

units::ByteStyle byte_style(const Options& o) {
  return o.iec ? units::ByteStyle::iec : units::ByteStyle::si;
}

Format format_of(const Options& o) {
  return o.format == "json"  ? Format::json
         : o.format == "csv" ? Format::csv
         : o.format == "md"  ? Format::md
                             : Format::table;
}

bool color(const Options& o) {
  return o.output == "-" && o.format == "table" && ::isatty(STDOUT_FILENO) &&
         !std::getenv("NO_COLOR");
}

void emit(const Report& report, const Options& o, Output& out) {
  out.write(render(report, format_of(o), color(o)));
}

void run_compare(const Options& o, Output& out) {
  const Catalog catalog = load_catalog(o);
  emit(report_compare(evaluate(load_scenario(o, catalog), true), byte_style(o)), o, out);
}
void run_network(const Options& o, Output& out) {
  const Catalog catalog = load_catalog(o);
  emit(report_network(evaluate(load_scenario(o, catalog), false), byte_style(o)), o, out);
}
void run_ship(const Options& o, Output& out) {
  const Catalog catalog = load_catalog(o);
  emit(report_ship(evaluate(load_scenario(o, catalog), false), byte_style(o)), o, out);
}
void run_compute(const Options& o, Output& out) {
  const Catalog catalog = load_catalog(o);
  const Scenario s = load_scenario(o, catalog);
  if (!s.has_job())
    throw InputError(
        "compute: no training job given (set compute.params and compute.tokens, compute.flops or "
        "compute.gpu_hours)");
  emit(report_compute(evaluate(s, false), byte_style(o)), o, out);
}
void run_catalog(const Options& o, Output& out) {
  emit(report_catalog(load_catalog(o), byte_style(o)), o, out);
}
void run_calibrate(const Options& o, Output& out) {
  emit(report_calibrate(calibrate_file(o.config), o.config), o, out);
}
void run_keys(const Options& o, Output& out) {
  emit(report_keys(), o, out);
}

// "K/N" with 1 <= K <= N, as 0-based index and count.
std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  std::uint64_t k = 0, n = 0;
  const auto slash = text.find('/');
  const char* b = text.data();
  const bool ok = slash != std::string::npos && std::from_chars(b, b + slash, k).ptr == b + slash &&
                  std::from_chars(b + slash + 1, b + text.size(), n).ptr == b + text.size() &&
                  n >= 1 && k >= 1 && k <= n;
  if (!ok)
    throw InputError("--shard: \"" + text +
                     "\" is not a shard (write K/N with 1 <= K <= N, e.g. 3/8)");
  return {k - 1, n};
}

// Runs a prepared sweep: says how big it is, checks every row, then streams the output.
void run_sweep_spec(const SweepSpec& spec, const Catalog& catalog, const Options& o, Output& out) {
  const Sweep sweep(spec, catalog);
  SweepOptions so;
  so.format = format_of(o);
  so.bytes = byte_style(o);
  so.threads = o.threads;
  if (!o.shard.empty()) {
    std::tie(so.shard, so.shards) = parse_shard(o.shard);
    if (spec.pivot || so.format == Format::table)
      throw InputError(
          "--shard: sharded output must concatenate; use --format csv, json or md without a pivot");
  }
  const auto [begin, end] = sweep.shard_rows(so.shard, so.shards);
  if (end - begin > kPointsWithoutYes && !o.yes)
    throw InputError("sweep: " + std::to_string(end - begin) + " points is over " +
                     std::to_string(kPointsWithoutYes) + " (add --yes to evaluate them)");
  sweep.check_rows(so);
  // Said once the grid is known to be good, so that bad input still gets a single line.
  std::cerr << "haul sweep: " << sweep.points() << (sweep.points() == 1 ? " point" : " points")
            << " (" << sweep.axes() << (sweep.axes() == 1 ? " axis" : " axes") << ", "
            << sweep.columns() << (sweep.columns() == 1 ? " column" : " columns") << ")";
  if (so.shards > 1)
    std::cerr << "; shard " << so.shard + 1 << "/" << so.shards << ": rows " << begin + 1 << ".."
              << end;
  std::cerr << "\n";
  const bool tty = ::isatty(STDERR_FILENO);
  auto last = std::chrono::steady_clock::now();
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  if (tty) {
    progress = [&last](std::uint64_t done, std::uint64_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (done < total && now - last < std::chrono::milliseconds(250)) return;
      last = now;
      std::fprintf(stderr, "\rhaul sweep: %3.0f%% (%llu of %llu points)%s",
                   100.0 * static_cast<double>(done) / static_cast<double>(total),
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                   done == total ? "\n" : "");
    };
  }
  sweep.run(
      so, [&out](std::string_view text) { out.write(text); }, progress);
}

void run_sweep(const Options& o, Output& out) {
  const Catalog catalog = load_catalog(o);
  if (o.config.empty()) throw InputError("sweep: give a sweep file (see configs/sweep-*.toml)");
  run_sweep_spec(read_sweep_file(o.config, catalog, overrides(o)), catalog, o, out);
}

// Ready-made tables, built on the sweep.
void run_table(const Options& o, Output& out) {
  const Catalog catalog = load_catalog(o);
  const bool iec = o.iec;
  SweepSpec spec;
  auto value = [](const char* text) {
    Value v;
    v.text = text;
    return v;
  };
  const std::string where = "haul table " + o.table_kind;
  if (o.table_kind == "transfer") {
    // The classic table: an ideal link (no round trips, no loss, no framing) unless a file says
    // otherwise; --utilization and --set apply on top.
    if (o.config.empty()) {
      spec.base =
          read_scenario_text("name = \"Transfer time by data size and bandwidth\"\n", where);
      for (const char* kv :
           {"network.rtt=0s", "network.loss=0", "network.efficiency=1", "data.files=1"})
        spec.base.push_back(parse_set(kv, where));
    } else {
      spec.base = read_scenario_file(o.config);
    }
  } else if (o.table_kind == "winner") {
    spec.base = o.config.empty() ? read_scenario_text(builtin_seed_toml(), kSeedName)
                                 : read_scenario_file(o.config);
  } else {
    throw InputError("table: \"" + o.table_kind + "\" is not a table (write transfer or winner)");
  }
  // The drive count follows the data size across the table.
  spec.base.push_back(parse_set("ship.drives=auto", where));
  for (auto& a : overrides(o)) spec.base.push_back(std::move(a));
  SweepAxis sizes{"data.size", where, {}, false};
  const auto& size_list =
      o.table_kind == "winner"
          ? (iec ? std::vector<const char*>{"100 GiB", "1 TiB", "10 TiB", "100 TiB", "1 PiB",
                                            "10 PiB"}
                 : std::vector<const char*>{"100 GB", "1 TB", "10 TB", "100 TB", "1 PB", "10 PB"})
          : (iec ? std::vector<const char*>{"1 GiB", "10 GiB", "100 GiB", "1 TiB", "10 TiB",
                                            "100 TiB", "1 PiB", "10 PiB"}
                 : std::vector<const char*>{"1 GB", "10 GB", "100 GB", "1 TB", "10 TB", "100 TB",
                                            "1 PB", "10 PB"});
  for (const char* s : size_list) sizes.values.push_back(value(s));
  SweepAxis rates{"network.bandwidth", where, {}, false};
  for (const char* r : {"1 Mbps", "10 Mbps", "100 Mbps", "1 Gbps", "10 Gbps", "100 Gbps"})
    rates.values.push_back(value(r));
  spec.axes = {sizes, rates};
  spec.pivot = Pivot{"data.size", "network.bandwidth",
                     o.table_kind == "winner" ? "winner.time" : "network.time_s", where};
  run_sweep_spec(spec, catalog, o, out);
}

// The subcommands, in one table: adding one is one line here.
enum Takes : unsigned { kScenario = 1, kSweep = 2, kTableKind = 4, kResultFile = 8 };
struct Command {
  const char* name;
  const char* help;
  unsigned takes;
  void (*run)(const Options&, Output&);
};
constexpr Command kCommands[] = {
    {"compare", "both routes side by side: the plan, the winner and the breakevens", kScenario,
     run_compare},
    {"network", "the network model only", kScenario, run_network},
    {"ship", "the ship model only", kScenario, run_ship},
    {"compute", "the compute model only", kScenario, run_compute},
    {"sweep", "a grid of scenarios from a sweep file ([sweep] axes, [output] columns or pivot)",
     kScenario | kSweep, run_sweep},
    {"table",
     "ready-made tables: transfer (time by size and bandwidth) or winner (which route wins)",
     kScenario | kSweep | kTableKind, run_table},
    {"calibrate",
     "read an iperf3 --json result: measured rate, RTT, loss, the congestion model that fits, and "
     "the --set lines that make haul match that link",
     kResultFile, run_calibrate},
    {"catalog", "the drive and GPU presets", 0, run_catalog},
    {"keys", "every scenario key, its expected form and its default", 0, run_keys},
};

constexpr const char* kExamples = R"(Examples:
  haul compare                                  the built-in scenario (configs/seed.toml)
  haul compare --data 80TB --bandwidth 10Gbps   the same with other values
  haul compare configs/appliance-vs-upload.toml --format md
  haul network --set network.congestion=bbr --loss 1% --format json
  haul ship --drive nvme-4tb --redundancy 2x
  haul sweep configs/sweep-network.toml --format csv -o grid.csv
  haul table transfer --utilization 0.8 --iec --format md
  haul table winner --gpus 512
  haul calibrate run.json                       fit the model to a real iperf3 --json run
  haul catalog
  haul keys                                     every scenario key and its form

Without FILE the built-in scenario is the base; --set and then the flags override its keys.
Exit status: 0 success, 2 bad input (one line on stderr naming the key), 1 output could not be written.)";

// An interrupted run (Ctrl-C, kill) removes its half-written temporary file; the target file, if
// any, is untouched. The handler does only async-signal-safe things: unlink and _exit.
const char* g_temp_file = nullptr;

extern "C" void on_signal(int signal) {
  if (g_temp_file) ::unlink(g_temp_file);
  ::_exit(128 + signal);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "haul: ship drives or use the network? Time, cost and rented-GPU cost of moving data."};
  app.set_version_flag("--version", std::string("haul ") + HAUL_VERSION);
  app.footer(kExamples);
  app.require_subcommand(1);

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

  Options options;
  const Command* chosen = nullptr;
  for (const Command& command : kCommands) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    sub->footer(kExamples);
    if (command.takes & kResultFile)
      sub->add_option("file", options.config, "iperf3 --json result (client side, TCP)")
          ->required();
    if (command.takes & kTableKind)
      sub->add_option("kind", options.table_kind, "transfer | winner")->required();
    if (command.takes & kScenario) {
      const bool sweep_file = (command.takes & kSweep) && !(command.takes & kTableKind);
      CLI::Option* file_option =
          sub->add_option("file", options.config,
                          sweep_file ? "sweep file (TOML with [sweep] and [output])"
                                     : "scenario file (TOML); default: the built-in seed");
      CLI::Option* config_option =
          sub->add_option("--config", options.config, "the file, same as FILE");
      // FILE and --config are one setting: giving both is a conflict, not "the last one wins".
      sub->callback([&chosen, &command, file_option, config_option] {
        chosen = &command;
        if (file_option->count() > 0 && config_option->count() > 0)
          throw CLI::ValidationError(
              "--config", "give the scenario file once, as FILE or with --config, not both");
      });
      // One KEY=VALUE per --set, so that a FILE after it stays the FILE.
      sub->add_option("--set", options.sets, "KEY=VALUE, e.g. network.rtt=100ms (repeatable)")
          ->allow_extra_args(false);
      for (const Shortcut& sc : kShortcuts) {
        const std::string flag = sc.flag;
        sub->add_option_function<std::string>(
            flag, [flag, &options](const std::string& v) { options.flags.emplace_back(flag, v); },
            std::string("same as --set ") + sc.key + "=" + sc.example);
      }
    }
    if (command.takes & kSweep) {
      sub->add_option("--shard", options.shard, "K/N: evaluate the K-th of N slices of the grid");
      sub->add_flag("--yes", options.yes, "evaluate grids of over a million points");
      sub->add_option("--threads", options.threads, "worker threads (default: every core)");
    }
    sub->add_option("--format", options.format,
                    "table | json | csv | md (default table; sweeps: json is JSON Lines)")
        ->check(CLI::IsMember({"table", "json", "csv", "md"}));
    sub->add_option("-o,--output", options.output,
                    "write to FILE (whole or not at all); - is stdout");
    sub->add_flag("--iec", options.iec, "show sizes in IEC units (TiB) instead of SI (TB)");
    sub->add_flag("--si", options.si, "show sizes in SI units (TB; the default)");
    sub->add_option("--catalog", options.catalog_file,
                    "use this catalog instead of the built-in one");
    if (!(command.takes & kScenario)) sub->callback([&chosen, &command] { chosen = &command; });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "haul: " << e.what() << " (see haul --help)\n";
    return 2;
  }

  try {
    Output out(options.output);  // opened first: a bad path fails before any work
    if (!out.temp_path().empty()) {
      g_temp_file = out.temp_path().c_str();
      for (const int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, on_signal);
    }
    chosen->run(options, out);
    out.commit();
    g_temp_file = nullptr;
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
