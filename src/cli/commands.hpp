// The subcommands, in one table (commands.cpp): name, one-line help, what it answers, examples
// for its --help, what it takes, and its handler. Handlers see plain Options, never CLI11.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "output/output.hpp"

namespace haul::cli {

// Options shared by the commands, as plain values.
struct Options {
  std::string config;   // FILE or --config
  std::string example;  // --example NAME
  std::vector<std::string> sets;
  std::vector<std::pair<std::string, std::string>> flags;  // (flag, value) for convenience flags
  std::string format = "table";
  std::string output = "-";
  std::string catalog_file;
  bool iec = false;
  bool si = false;  // the default; the flag exists so scripts can say it
  // sweep, table and optimize
  std::string shard;
  bool yes = false;
  unsigned threads = 0;
  std::string kind;  // KIND (table, plot)
};

// Convenience flags: each is the same as --set KEY=VALUE.
struct Shortcut {
  const char* flag;
  const char* key;
  const char* example;
};
const std::vector<Shortcut>& shortcuts();

enum Takes : unsigned {
  kScenario = 1,        // FILE or --example, --set and the key flags
  kSweep = 2,           // --shard, --yes (and --threads)
  kKind = 4,            // KIND before FILE: one of Command::kinds
  kResultFile = 8,      // an iperf3 result, required
  kFormats = 16,        // --format, --iec, --si
  kSweepFile = 32,      // FILE is a sweep file, required
  kThreads = 64,        // --threads (sweeps, and compare's samples under uncertainty)
  kOptimizeFile = 128,  // FILE is an optimiser file ([choose] and [goal]), required
  kYes = 256,           // --yes alone (the optimiser: no shards)
  kSizes = 512,         // --iec, --si without --format (plot)
};

struct Command {
  const char* name;
  const char* help;      // one line, for haul --help
  const char* about;     // what it answers, for its own --help
  const char* examples;  // two or three, for its own --help
  unsigned takes;
  // With kKind: the kinds, separated by " | " (for --help, the message on a bad kind, the man
  // page and the completions); nullptr otherwise.
  const char* kinds;
  // Writes the command's output to Output; `note`, if set, is said on stderr once the output is
  // committed (a sweep's summary).
  void (*run)(const Options&, Output&, std::string& note);
};
const std::vector<Command>& commands();

// haul --help's footer.
extern const char* const kOverview;

}  // namespace haul::cli
