#include "cli/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string_view>

#include "input/calibrate.hpp"
#include "input/catalog.hpp"
#include "input/effective.hpp"
#include "input/error.hpp"
#include "input/examples.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "input/scenario.hpp"
#include "input/suggest.hpp"
#include "input/units.hpp"
#include "output/plots.hpp"
#include "output/report.hpp"
#include "output/views.hpp"
#include "plan/uncertainty.hpp"
#include "run/optimize.hpp"
#include "run/plot_data.hpp"
#include "run/sweep.hpp"
#include "run/tables.hpp"

namespace haul::cli {

namespace {

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
    for (const auto& sc : shortcuts())
      if (flag == sc.flag) out.push_back({sc.key, parse_value_text(value), flag, value});
  return out;
}

// MODEL.md section 3.0: a FILE or --example when given, else the defaults; `haul compare` with
// nothing that sets the scenario shows the example seed.
Base base_of(const Options& o, bool compare = false) {
  Base base;
  if (!o.example.empty()) {
    find_example(o.example);  // an unknown name fails here, naming --example
    base.kind = Base::Kind::example;
    base.name = o.example;
  } else if (!o.config.empty()) {
    base.kind = Base::Kind::file;
    base.name = o.config;
  } else if (compare && o.sets.empty() && o.flags.empty()) {
    base.kind = Base::Kind::example;
    base.name = kDefaultExample;
    base.note = "haul compare with no input shows it; haul examples lists the others";
  }
  return base;
}

Scenario scenario_of(const Options& o, const Catalog& catalog, bool compare = false) {
  return load_scenario(base_of(o, compare), overrides(o), catalog);
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

// Bold headings on a terminal only: never when NO_COLOR is set to anything (no-color.org: an
// empty NO_COLOR does not count) or the terminal is dumb.
bool color(const Options& o) {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return o.output == "-" && o.format == "table" && ::isatty(STDOUT_FILENO) &&
         !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
}

void emit(const Report& report, const Options& o, Output& out) {
  out.write(render(report, format_of(o), color(o)));
}

void check_threads(const Options& o);

void run_compare(const Options& o, Output& out, std::string&) {
  check_threads(o);
  const Catalog catalog = load_catalog(o);
  emit(report_compare(evaluate(scenario_of(o, catalog, true), true, o.threads), byte_style(o)), o,
       out);
}
void run_network(const Options& o, Output& out, std::string&) {
  const Catalog catalog = load_catalog(o);
  emit(report_network(evaluate(scenario_of(o, catalog), false), byte_style(o)), o, out);
}
void run_ship(const Options& o, Output& out, std::string&) {
  const Catalog catalog = load_catalog(o);
  emit(report_ship(evaluate(scenario_of(o, catalog), false), byte_style(o)), o, out);
}
void run_compute(const Options& o, Output& out, std::string&) {
  const Catalog catalog = load_catalog(o);
  const Scenario s = scenario_of(o, catalog);
  if (!s.has_job())
    throw InputError(
        "haul compute: no training job given (" + base_line(s) +
        "); give --params and --tokens, compute.flops or compute.gpu_hours (haul compute --help)");
  emit(report_compute(evaluate(s, false), byte_style(o)), o, out);
}
void run_scenario(const Options& o, Output& out, std::string&) {
  const Catalog catalog = load_catalog(o);
  out.write(scenario_toml(scenario_of(o, catalog)));
}
void run_catalog(const Options& o, Output& out, std::string&) {
  emit(report_catalog(load_catalog(o), byte_style(o)), o, out);
}
void run_calibrate(const Options& o, Output& out, std::string&) {
  emit(report_calibrate(calibrate_file(o.config), o.config), o, out);
}
void run_keys(const Options& o, Output& out, std::string&) {
  emit(report_keys(), o, out);
}
void run_examples(const Options& o, Output& out, std::string&) {
  emit(report_examples(), o, out);
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

std::string count(std::uint64_t n) {
  return units::format_count(static_cast<double>(n));
}

// --threads, checked before any work: more workers than cores only add memory.
void check_threads(const Options& o) {
  if (o.threads > limits::kThreads)
    throw InputError("--threads: " + count(o.threads) + " is over the limit of " +
                     count(limits::kThreads) + " (default: one a core)");
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return count(n) + " " + (n == 1 ? one : many);
}

// Runs a prepared sweep: says how big it is, checks every row, then streams the output.
void run_sweep_spec(const SweepSpec& spec, const Catalog& catalog, const Options& o, Output& out,
                    const std::string& command, std::string& note) {
  const Sweep sweep(spec, catalog);
  SweepOptions so;
  so.format = format_of(o);
  so.bytes = byte_style(o);
  so.threads = o.threads;
  so.yes = o.yes;
  if (!o.shard.empty()) {
    std::tie(so.shard, so.shards) = parse_shard(o.shard);
    if (spec.pivot || so.format == Format::table)
      throw InputError(
          "--shard: sharded output must concatenate; use --format csv, json or md without a pivot");
  }
  // The guard counts the whole grid's work: shards of a grid too big to mean are still too big,
  // and a breakeven column costs each row limits::kBreakevenRowCost rows.
  const std::uint64_t breakevens = sweep.breakeven_columns();
  const std::uint64_t per_row = 1 + limits::kBreakevenRowCost * breakevens;
  if (sweep.points() > limits::kRowsWithoutYes / per_row && !o.yes) {
    const std::string limit = count(limits::kRowsWithoutYes);
    if (breakevens == 0)
      throw InputError(command + ": the grid has " + count(sweep.points()) + " points, over " +
                       limit + " (add --yes to evaluate them)");
    throw InputError(command + ": the grid has " + count(sweep.points()) + " points and " +
                     plural(breakevens, "breakeven column", "breakeven columns") +
                     " (a search in every row, each counted as " +
                     count(limits::kBreakevenRowCost) +
                     " rows): " + count(sweep.points() * per_row) + " rows' work, over " + limit +
                     " (add --yes to evaluate them)");
  }
  const auto [begin, end] = sweep.shard_rows(so.shard, so.shards);
  sweep.check_rows(so);
  // Said once the work is done and the output committed, so that an error (a row that overflows,
  // a terminal table too long, a failed rename) is still the only line on stderr.
  std::string summary = command + ": " + plural(sweep.points(), "point", "points") + " (" +
                        plural(sweep.axes(), "axis", "axes") + ", " +
                        plural(sweep.columns(), "column", "columns") +
                        "); base: " + printable(spec.base_label);
  if (so.shards > 1 && begin == end) {
    // The first shard still writes the header, so that the shards concatenate.
    summary += "; shard " + count(so.shard + 1) + "/" + count(so.shards) +
               " is empty: the grid has fewer points than shards, so it has no rows";
  } else if (so.shards > 1) {
    summary += "; shard " + count(so.shard + 1) + "/" + count(so.shards) + ": rows " +
               count(begin + 1) + ".." + count(end);
  }
  // On a terminal, progress; an error clears it so that the message stands on its own line.
  const bool tty = ::isatty(STDERR_FILENO);
  auto last = std::chrono::steady_clock::now();
  bool shown = false;
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  if (tty) {
    progress = [&last, &shown, command](std::uint64_t done, std::uint64_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (done < total && now - last < std::chrono::milliseconds(250)) return;
      last = now;
      shown = true;
      std::fprintf(stderr, "\r%s: %3.0f%% (%s of %s points)\033[K", command.c_str(),
                   100.0 * static_cast<double>(done) / static_cast<double>(total),
                   count(done).c_str(), count(total).c_str());
    };
  }
  try {
    sweep.run(
        so, [&out](std::string_view text) { out.write(text); }, progress);
  } catch (...) {
    if (shown) std::fprintf(stderr, "\r\033[K");
    throw;
  }
  if (shown) std::fprintf(stderr, "\r\033[K");
  note = summary;  // said once the output is committed
}

// The command line's part in a grid's spec (a sweep's, or the optimiser's choices): its label, its
// overrides, whether they change the scenario; and a key the grid takes from an axis refused
// (a value given for it would be dropped).
void with_command_line(SweepSpec& spec, const Options& o, const Catalog& catalog,
                       const std::string& command, const std::string& table,
                       const std::string& verb, const std::string& change) {
  spec.base_label = o.config;
  spec.overrides = overrides(o);
  for (const Assignment& a : spec.overrides)
    for (const SweepAxis& axis : spec.axes)
      if (axis.key == a.key)
        throw InputError(command + ": " + a.where + " sets " + a.key + ", which " + table + " (" +
                         axis.where + ") " + verb + "; drop " + a.where + ", or change " + change);
  const std::vector<Assignment> file_only(
      spec.base.begin(), spec.base.end() - static_cast<std::ptrdiff_t>(spec.overrides.size()));
  spec.modified = overrides_change(file_only, spec.overrides, catalog);
}

void run_sweep(const Options& o, Output& out, std::string& note) {
  check_threads(o);
  const Catalog catalog = load_catalog(o);
  if (o.config.empty())
    throw InputError(
        "haul sweep: give a sweep file (e.g. configs/sweep-network.toml; haul sweep "
        "--help)");
  SweepSpec spec = read_sweep_file(o.config, catalog, overrides(o));
  with_command_line(spec, o, catalog, "haul sweep", "the sweep's axis", "sets", "the axis");
  run_sweep_spec(spec, catalog, o, out, "haul sweep", note);
}

// MODEL.md section 12: the best plan over [choose] under [goal], and the Pareto front.
void run_optimize(const Options& o, Output& out, std::string& note) {
  check_threads(o);
  const Catalog catalog = load_catalog(o);
  if (o.config.empty())
    throw InputError(
        "haul optimize: give an optimiser file (e.g. configs/optimize-deadline.toml; haul "
        "optimize --help)");
  OptimizeSpec spec = read_optimize_file(o.config, catalog, overrides(o));
  with_command_line(spec.choices, o, catalog, "haul optimize", "[choose]", "chooses", "[choose]");
  const Optimizer optimizer(spec, catalog);
  OptimizeOptions options;
  options.threads = o.threads;
  options.yes = o.yes;
  optimizer.check_work(options);
  const OptimizeResult result = optimizer.run(options);
  emit(report_optimize(optimizer, result, byte_style(o)), o, out);
  // Said once the output is committed, as a sweep's summary is.
  note = "haul optimize: " + plural(result.candidates, "candidate", "candidates") + ", " +
         (result.feasible == 0   ? std::string("none meets")
          : result.feasible == 1 ? std::string("1 meets")
                                 : count(result.feasible) + " meet") +
         " the goal; base: " + printable(spec.choices.base_label);
}

void run_table(const Options& o, Output& out, std::string& note) {
  check_threads(o);
  const Catalog catalog = load_catalog(o);
  run_sweep_spec(table_spec(o.kind, base_of(o), overrides(o), o.iec, catalog), catalog, o, out,
                 "haul table " + o.kind, note);
}

constexpr const char* kPlotKinds = "crossover | winner-map | cdf | pareto";

// MODEL.md section 13: the picture is SVG, written whole to -o FILE (or to a pipe).
void run_plot(const Options& o, Output& out, std::string& note) {
  check_threads(o);
  const std::vector<std::string> kinds = {"crossover", "winner-map", "cdf", "pareto"};
  if (std::find(kinds.begin(), kinds.end(), o.kind) == kinds.end()) {
    const std::string guess = closest(o.kind, kinds);
    throw InputError("haul plot: " + quote_text(o.kind, 100) + " is not a plot" +
                     (guess.empty() ? "" : " (did you mean " + guess + "?)") +
                     "; write crossover, winner-map, cdf or pareto");
  }
  const std::string command = "haul plot " + o.kind;
  if (o.output == "-" && ::isatty(STDOUT_FILENO))
    throw InputError(command + ": -o: the SVG would go to the terminal; write it to a file (-o " +
                     o.kind + ".svg) or pipe it");
  const Catalog catalog = load_catalog(o);
  const units::ByteStyle style = byte_style(o);
  if (o.kind == "pareto") {
    if (o.config.empty())
      throw InputError(command +
                       ": give an optimiser file ([choose] and [goal]; e.g. "
                       "configs/optimize-deadline.toml)");
    OptimizeSpec spec = read_optimize_file(o.config, catalog, overrides(o));
    with_command_line(spec.choices, o, catalog, command, "[choose]", "chooses", "[choose]");
    const Optimizer optimizer(spec, catalog);
    OptimizeOptions options;
    options.threads = o.threads;
    optimizer.check_work(options);
    const OptimizeResult result = optimizer.run(options);
    const Scenario& s = optimizer.scenario();
    const plot::Heading heading{shown_name(s.name, spec.choices.modified, spec.choices.overrides),
                                base_line(spec.choices.base_label, "", spec.choices.overrides)};
    out.write(plot::render_pareto(optimizer, result, heading));
    note = command + ": " + plural(result.front.size(), "point", "points") + " on the front of " +
           plural(result.candidates, "candidate", "candidates") +
           "; base: " + printable(spec.choices.base_label);
    return;
  }
  const std::vector<Assignment> extra = overrides(o);
  // Keys the plot sets itself are refused first: the message says to drop them, not how to fix
  // their values.
  if (o.kind != "cdf")
    for (const Assignment& a : extra)
      if (a.key == "ship.drives" ||
          (o.kind == "winner-map" && (a.key == "data.size" || a.key == "network.bandwidth")))
        throw InputError(command + ": " + a.where + " sets " + a.key +
                         ", which the plot sets itself (" +
                         (a.key == "ship.drives" ? "\"auto\": the drives follow the size"
                                                 : "an axis of the map") +
                         "); drop " + a.where);
  const Base base = base_of(o);
  std::vector<Assignment> assignments = base_assignments(base);
  std::vector<Assignment> all = assignments;
  all.insert(all.end(), extra.begin(), extra.end());
  // Along the size axis the drives follow the size: a file's 60 drives do not refuse its 5 EB.
  Scenario s = o.kind == "cdf" ? build_scenario(all, catalog)
                               : plot::auto_drives_scenario(all, catalog, command.c_str());
  s.base = base;
  s.overrides = extra;  // the base line names the user's keys only
  s.modified = overrides_change(assignments, extra, catalog);
  const plot::Heading heading{shown_name(s.name, s.modified, extra), base_line(s)};
  assignments.insert(assignments.end(), extra.begin(), extra.end());
  if (o.kind == "crossover") {
    const plot::CrossoverData d = plot::crossover_data(assignments, catalog, style, o.threads);
    out.write(plot::render_crossover(d, heading, style));
    std::string found;
    for (const plot::Crossing& c : d.crossings)
      found += (found.empty() ? "" : ", ") + units::format_size(c.size_bytes, style);
    note = command + ": " + plural(d.routes.size(), "route", "routes") + ", " +
           (found.empty() ? std::string("no breakeven") : "breakeven at " + found) + " from " +
           units::format_size(d.sizes.front(), style) + " to " +
           units::format_size(d.sizes.back(), style) + "; " + base_line(s);
  } else if (o.kind == "winner-map") {
    const plot::WinnerMapData d = plot::winner_map_data(assignments, catalog, style, o.threads);
    out.write(plot::render_winner_map(d, heading, style));
    note = command + ": " + plural(d.winner.size(), "cell", "cells") + "; " + base_line(s);
  } else {
    if (!has_uncertainty(s.in, s.uncertainty))
      throw InputError(command +
                       ": the scenario draws nothing to spread: give a key a distribution (e.g. "
                       "--set 'ship.transit={dist=\"lognormal\",p50=\"24 h\",p90=\"30 h\"}') or "
                       "a hold or loss chance, as configs/seed.toml does (" +
                       base_line(s) + ")");
    const plot::CdfData d = plot::cdf_data(s, o.threads);
    out.write(plot::render_cdf(d, heading));
    note = command + ": " + plural(d.spread.samples, "sample", "samples") + " a route, seed " +
           std::to_string(d.spread.seed) + "; " + base_line(s);
  }
}

}  // namespace

const std::vector<Shortcut>& shortcuts() {
  static const std::vector<Shortcut> list = {
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
      {"--params", "compute.params", "70e9"},
      {"--tokens", "compute.tokens", "15T"},
      {"--total-params", "compute.total_params", "400e9"},
      {"--billing", "compute.billing", "at-start"},
      {"--weights", "compute.weights", "network"},
      {"--samples", "uncertainty.samples", "10000"},
      {"--seed", "uncertainty.seed", "1"},
  };
  return list;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"compare", "the routes side by side: the plan, the winner and the breakevens",
       "Compares the routes of one scenario (the network route, the ship route and any "
       "[route.NAME] of kind network, ship, appliance or hybrid; [plan] routes picks and orders "
       "them): when the data arrives, when the trained model is back, what each costs (idle "
       "reserved GPUs included), which wins and by how much, and the bandwidth and data size at "
       "which the network and ship routes break even. The base is a FILE, "
       "--example NAME or the defaults (haul keys); --set and the flags go on top. With no input "
       "at all it shows the built-in example seed.",
       "  haul compare                                   the example seed (80 TB, Beijing to Kuala "
       "Lumpur)\n"
       "  haul compare --data 40TB --bandwidth 10Gbps --rtt 30ms --streams 8\n"
       "  haul compare --example seed --loss 0 --congestion bbr --format md -o plan.md",
       kScenario | kFormats | kThreads, nullptr, run_compare},
      {"network", "the network route only: rate, binding limit, time and cost",
       "How long and how much to move the data over a link: the payload rate the link allows, "
       "the TCP window and packet-loss limits per stream, which one binds, the time (handshake, "
       "transfer with slow start, per-file round trips) and the cost. Base: a FILE, --example "
       "NAME or the defaults (haul keys).",
       "  haul network --data 1TB --bandwidth 1Gbps --rtt 0s      an ideal gigabit link: 949.2 "
       "Mbit/s of payload\n"
       "  haul network --data 100TB --bandwidth 1Gbps --utilization 0.8 --rtt 30ms --streams 8\n"
       "  haul network --example seed --congestion bbr --format json",
       kScenario | kFormats, nullptr, run_network},
      {"ship", "the ship route only: drives, waves, trips, time, cost and risk",
       "How long and how much to move the data on drives: how many drives, the write and verify "
       "waves at the origin, the trips, the ingest at the destination, the drive, travel and "
       "shipping costs, and the chance that some data does not arrive. Base: a FILE, --example "
       "NAME or the defaults (haul keys).",
       "  haul ship --data 200TB --drive nvme-4tb\n"
       "  haul ship --data 80TB --redundancy 2x --couriers 2 --transit 36h\n"
       "  haul ship --example seed --format md",
       kScenario | kFormats, nullptr, run_ship},
      {"compute", "the training job only: FLOPs, time, GPU-hours, cost, weights",
       "How long and how much to train on rented GPUs: training FLOPs, time, GPU-hours, cost, "
       "memory per GPU and the size of the trained weights. The job is one of, first present "
       "wins: compute.gpu_hours; compute.flops; compute.params with compute.tokens (--params, "
       "--tokens; tokens = \"auto\" trains epochs x data.size / bytes_per_token tokens). "
       "flops = 6 * params * tokens, plus the attention FLOPs when compute.layers, d_model and "
       "seq_len are given (the MFU then counts them; causal as half the scores). "
       "compute.total_params "
       "(--total-params; all experts of a mixture-of-experts model, default = params) sizes the "
       "weights and the memory. compute.failure_rate (interruptions per GPU-day) derives goodput "
       "from checkpoints and restarts. Base: a FILE, --example NAME or the defaults (haul keys).",
       "  haul compute --params 405e9 --tokens 15.6e12 --gpus 16384 --mfu 0.41   Llama 3 405B\n"
       "  haul compute --params 405e9 --tokens 15.6e12 --gpus 16384 --mfu 0.41 --set "
       "compute.layers=126 --set compute.d_model=16384 --set compute.seq_len=8192 --set "
       "compute.failure_rate=0.000474\n"
       "  haul compute --params 70B --tokens 2T --gpus 512 --gpu h200\n"
       "  haul compute --set compute.gpu_hours=1.2e6 --gpus 2048 --gpu-price 2.5USD/h",
       kScenario | kFormats, nullptr, run_compute},
      {"sweep", "a grid of scenarios from a sweep file ([sweep] axes, [output] columns or pivot)",
       "Evaluates every point of a grid: a scenario file with a [sweep] table of axes (lists or "
       "ranges over any key) and an optional [output] table of columns or a pivot. Rows are "
       "streamed in order in chunks on every core; CSV and JSON Lines carry base units.",
       "  haul sweep configs/sweep-network.toml\n"
       "  haul sweep configs/sweep-network.toml --format csv -o grid.csv\n"
       "  haul sweep big.toml --format csv --yes --shard 3/8 -o part-3.csv",
       kSweepFile | kSweep | kFormats, nullptr, run_sweep},
      {"optimize",
       "the best plan over choices ([choose]) under a deadline or budget ([goal]), and the "
       "Pareto front",
       "Finds the best plan over the user's options: a scenario file with [choose] (lists or "
       "ranges of scenario keys, as [sweep] axes: drive type, drives, couriers, redundancy, "
       "streams, a route's bandwidth...) and [goal] (minimize = \"time\" or \"cost\", an "
       "optional deadline on the time to model, budget on the total cost and route, and under "
       "uncertainty at = \"p50\" or \"p90\"). A candidate is one value of every [choose] key on "
       "one route; every one is evaluated, in chunks on every core. Shows the best candidate, how "
       "it compares with the scenario as given, and the Pareto front of time against cost (the "
       "plans no other beats on both); when no plan meets the goal, the nearest ones (exit status "
       "0). JSON carries base units: {\"candidates\", \"feasible\", \"best\", \"front\"}, each "
       "point with its choices, route, time_to_model_s and total_cost_usd.",
       "  haul optimize configs/optimize-deadline.toml\n"
       "  haul optimize configs/optimize-deadline.toml --format json\n"
       "  haul optimize configs/optimize-deadline.toml --threads 2",
       kOptimizeFile | kYes | kThreads | kFormats, nullptr, run_optimize},
      {"plot", "an SVG picture: crossover, winner-map, cdf (with uncertainty) or pareto",
       "Draws a picture as self-contained SVG (text as text, axes in human units, a palette "
       "colour-blind readers can tell apart, the scenario's name and base in the title). "
       "crossover: time to model (arrival with no job) against data size on log axes, one line "
       "per route, the drives following the size, each breakeven size marked. winner-map: data "
       "size by [network] bandwidth, each cell coloured by the route that delivers the trained "
       "model first and labelled with its lead. cdf: under uncertainty, the distribution of each "
       "route's time to model over the scenario's samples. pareto: the optimiser's front of time "
       "against cost (FILE is an optimiser file, as for haul optimize). The base is a FILE, "
       "--example NAME or the defaults; --set and the flags go on top.",
       "  haul plot crossover --example seed -o crossover.svg\n"
       "  haul plot winner-map configs/university-to-cloud.toml -o winners.svg\n"
       "  haul plot cdf --example seed -o cdf.svg\n"
       "  haul plot pareto configs/optimize-deadline.toml -o front.svg",
       kScenario | kKind | kThreads | kSizes, kPlotKinds, run_plot},
      {"table",
       "ready-made tables: transfer (time by size and bandwidth) or winner (which route wins)",
       "Ready-made pivots over data size (rows) and bandwidth (columns): transfer, the network "
       "time (on an ideal link when the base is the defaults), or winner, the route that delivers "
       "the trained model first and by how much. The base is a FILE, --example NAME or the "
       "defaults; the drive count follows the size.",
       "  haul table transfer --utilization 0.8 --iec --format md\n"
       "  haul table winner --example seed\n"
       "  haul table winner my.toml --gpus 512",
       kScenario | kKind | kSweep | kFormats, "transfer | winner", run_table},
      {"calibrate",
       "read an iperf3 --json result into network keys (measured rate, RTT, loss, the model that "
       "fits)",
       "Reads an iperf3 --json result (client side, TCP): the measured rate, RTT and loss, the "
       "congestion model that fits the run, and the --set lines that make haul match that link.",
       "  iperf3 -c HOST -t 60 -P 4 --json > run.json && haul calibrate run.json\n"
       "  haul calibrate run.json --format json",
       kResultFile | kFormats, nullptr, run_calibrate},
      {"scenario", "the effective scenario as TOML: every key and where its value came from",
       "Prints the scenario a run would use as TOML: every key, each with a comment saying where "
       "its value came from (default, file:line, preset, --set or a flag). Feeding it back gives "
       "the same results, so it is a good start for a scenario file of your own.",
       "  haul scenario                                      the defaults, every key\n"
       "  haul scenario --example seed --data 250TB --drives auto > mine.toml && haul compare "
       "mine.toml\n"
       "  haul scenario my.toml --set network.streams=64",
       kScenario, nullptr, run_scenario},
      {"examples", "the built-in example scenarios, one line each",
       "Lists the example scenarios built into haul; --example NAME uses one as a FILE would be "
       "used, and haul scenario --example NAME prints it as TOML.",
       "  haul examples\n"
       "  haul compare --example appliance-vs-upload\n"
       "  haul scenario --example seed > seed.toml",
       kFormats, nullptr, run_examples},
      {"catalog", "the drive and GPU presets",
       "Lists the drive and GPU presets (ship.drive, compute.gpu) with their figures and sources; "
       "keys in a scenario override a preset's fields.",
       "  haul catalog\n"
       "  haul catalog --iec --format md\n"
       "  haul catalog --catalog my-catalog.toml",
       kFormats, nullptr, run_catalog},
      {"keys", "every scenario key, its expected form and its default",
       "Lists every scenario key with its expected form and its default (MODEL.md section 3): the "
       "base of every run that names no FILE or example.",
       "  haul keys\n"
       "  haul keys --format csv -o keys.csv",
       kFormats, nullptr, run_keys},
  };
  return table;
}

const char* const kOverview = R"(Examples:
  haul compare                                  the built-in example seed
  haul compare --data 80TB --bandwidth 10Gbps   the defaults (haul keys) with these values
  haul compare --example seed --drives 90       an example with other values
  haul network --data 1TB --bandwidth 1Gbps --rtt 0s --format json
  haul compute --params 70B --tokens 2T --gpus 512
  haul sweep configs/sweep-network.toml --format csv -o grid.csv
  haul optimize configs/optimize-deadline.toml  the best plan under a deadline, and the front
  haul plot crossover --example seed -o x.svg   a picture: the routes against data size
  haul scenario --example seed > mine.toml      every key, to start a file of your own

A run starts from a FILE, --example NAME or the defaults; --set and then the flags override keys.
haul COMMAND --help says what a command answers, its options and examples.
Exit status: 0 success, 2 bad input (one line on stderr naming the key), 1 output could not be written.)";

}  // namespace haul::cli
