// haul: the command line. The only place that knows about CLI11, stdout, the terminal and exit
// codes; the commands are one table in commands.cpp and everything else is in haul_core. Exit
// status: 0 success, 2 bad input, 1 failure to write output or an internal error.
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/signals.hpp"
#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/quote.hpp"
#include "input/units.hpp"
#include "output/output.hpp"

namespace {

using namespace haul;
using namespace haul::cli;

// A value and its unit given as two words (--data 80 TB): the shell split them, and CLI11 would
// take "TB" for the scenario FILE. Returns the one-line message, or nothing.
std::optional<std::string> split_quantity(int argc, char** argv) {
  auto is_number = [](const std::string& s) {
    double x;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    return !s.empty() && ec == std::errc() && end == s.data() + s.size();
  };
  // A unit is a word that one of the unit parsers reads after a number ("TB", "Gbps", "%").
  auto is_unit = [](const std::string& s) {
    if (s.empty() || s.size() > 16 || s[0] == '-' || std::isdigit(static_cast<unsigned char>(s[0])))
      return false;
    struct stat st;
    if (::stat(s.c_str(), &st) == 0) return false;  // a file of that name is a FILE
    for (auto parse :
         {units::parse_size, units::parse_rate_bps, units::parse_duration, units::parse_money,
          units::parse_price_per_byte, units::parse_price_per_second, units::parse_flop,
          units::parse_flop_rate, units::parse_mass, units::parse_fraction}) {
      try {
        parse("1 " + s);
        return true;
      } catch (const InputError&) {
      }
    }
    return false;
  };
  for (int i = 2; i + 2 < argc; ++i) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1], unit = argv[i + 2];
    const bool takes_value =
        flag == "--set" || std::any_of(shortcuts().begin(), shortcuts().end(),
                                       [&](const Shortcut& s) { return flag == s.flag; });
    if (!takes_value) continue;
    std::string number = value;
    if (flag == "--set") {
      const auto eq = value.find('=');
      if (eq == std::string::npos) continue;
      number = value.substr(eq + 1);
    }
    if (is_number(number) && is_unit(unit))
      return flag + ": \"" + number + "\" and \"" + unit +
             "\" are two arguments; quote the value (" + flag + " \"" + value + " " + unit +
             "\") or write it without the space (" + flag + " " + value + unit + ")";
  }
  return std::nullopt;
}

// Whatever went through std::cout or stdio reached stdout; if not, one line says so. Output
// writes stdout directly (and says when that fails); this guards anything printed otherwise.
bool stdout_flushed() {
  errno = 0;
  std::cout.flush();
  const bool ok = std::cout.good() && std::fflush(stdout) == 0 && !std::ferror(stdout);
  if (ok) return true;
  std::cerr << "haul: stdout: write failed"
            << (errno ? std::string(" (") + std::strerror(errno) + ")" : "") << "\n";
  return false;
}

// Every message ends as one line on stderr, however it was built: the last guard behind the
// quoting of user text where messages are made. Control characters are escaped and a message
// past 1,000 bytes is cut.
void say(const std::string& prefix, const std::string& message) {
  std::cerr << prefix << escape_text(message, 1000, false) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  ignore_file_size_signal();
#ifdef M_ARENA_MAX
  // glibc gives each thread its own malloc arena, each reserving 64 MB of address space: 16 sweep
  // workers under a 500 MB address-space limit (ulimit -v) could not allocate. One arena holds
  // memory to what the work needs: with four (as before), threads with 100 MB stacks left room
  // for one more 64 MB reservation and then none for the work, and 4 runs in 12 ran out of memory
  // under load (tests/cli/limits_test.sh); 0 in 32 with one. The workers allocate a few hundred
  // blocks a chunk of 4,096 rows, so they hardly wait for each other's lock.
  mallopt(M_ARENA_MAX, 1);
  // A sweep's workers allocate and free about a megabyte of columns and text a chunk. glibc gives
  // free memory at the top of an arena back to the kernel once it passes the trim threshold (by
  // default twice the largest block from mmap freed so far: under 1 MB in a sweep), and the next
  // chunk pays a page fault for every page given back: one more result column
  // (network.lease_usd) tipped the 10^7 network sweep over it, 270,000 faults and 50 % more time.
  // Fixed values keep the sweep's speed from depending on where its columns fall: 64 MB kept
  // (the most glibc's own adjustment reaches), and blocks from 4 MB up (not 32 MB, its most) from
  // mmap, so that under the 500 MB limit with 100 MB thread stacks a large block never makes an
  // arena reserve a new 64 MB heap.
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
  // An unknown first word is a mistyped command, not a missing one: say which word and what exists.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::vector<std::string> names;
    for (const Command& command : commands()) names.push_back(command.name);
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      const std::string guess = closest(word, names);
      std::string message = "unknown command " + quote_text(word, 100) +
                            (guess.empty() ? "" : " (did you mean " + guess + "?)") + "; commands:";
      for (const auto& n : names) message += " " + n;
      say("haul: ", message);
      return 2;
    }
  }
  if (const auto message = split_quantity(argc, argv)) {
    say("haul: ", *message);
    return 2;
  }

  CLI::App app;
  Options options;
  const Command* chosen = nullptr;
  build_app(app, options, chosen);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version: written as output is, failures said
      std::ostringstream text;
      app.exit(e, text, std::cerr);
      try {
        Output("-").write(text.str());
      } catch (const OutputError& failure) {
        say("haul: ", failure.what());
        return 1;
      }
      return 0;
    }
    say("haul: ", std::string(e.what()) + " (see haul --help)");
    return 2;
  }

  // An empty name (an unset shell variable) is a mistake, not "no file": say so rather than run
  // the defaults or the built-in catalog.
  if (CLI::App* sub = app.get_subcommand(chosen->name)) {
    for (const char* name : {"file", "--config", "--example", "--catalog"}) {
      const CLI::Option* option = sub->get_option_no_throw(name);
      if (!option || option->count() == 0) continue;
      const auto& given = option->results();
      if (std::all_of(given.begin(), given.end(), [](const std::string& v) { return v.empty(); })) {
        say("haul: ",
            std::string(name == std::string("file") ? "FILE" : name) +
                ": an empty name (give a file" +
                (name == std::string("--example") ? "n example's name; haul examples lists them)"
                                                  : " name, or leave the option out)"));
        return 2;
      }
    }
  }

  try {
    // Refused before any work: -o onto an input would replace what is being read.
    for (const std::string& input : {options.config, options.catalog_file})
      check_not_input(options.output, input);
    std::optional<SignalsHeld> held(std::in_place);
    Output out(options.output);  // opened first: a bad path fails before any work
    if (!out.temp_path().empty()) remove_on_signals(out.temp_path());
    held.reset();
    std::string note;
    chosen->run(options, out, note);
    out.commit();
    forget_temp();
    if (!note.empty()) {
      // The output is complete: a closed stderr must not turn it into a failure.
      std::signal(SIGPIPE, SIG_IGN);
      say("", note);
    }
  } catch (const InputError& e) {
    // A message that names its command ("haul table transfer: ...") needs no second "haul: ".
    const std::string what = e.what();
    say(what.rfind("haul ", 0) == 0 ? "" : "haul: ", what);
    return 2;
  } catch (const OutputError& e) {
    say("haul: ", e.what());
    return 1;
  } catch (const std::bad_alloc&) {
    say("haul: ",
        "out of memory (the address space or memory this process may use is exhausted; "
        "fewer --threads or a smaller grid need less)");
    return 1;
  } catch (const std::exception& e) {
    say("haul: internal error: ", e.what());
    return 1;
  }
  return stdout_flushed() ? 0 : 1;
}
