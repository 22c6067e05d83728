// Scenarios in and out: TOML files, --set overrides and convenience flags all become a list of
// Assignments (key = value, with where it came from), and one table of fields (scenario.cpp) turns
// them into validated model inputs. Every key, its expected form and its valid range live there.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "input/catalog.hpp"
#include "plan/plan.hpp"

namespace haul {

// A value as written: a TOML number, boolean or string (a --set value that is not TOML is a
// string).
struct Value {
  enum class Kind { integer, floating, boolean, string } kind = Kind::string;
  double number = 0;
  bool boolean = false;
  std::string text;

  // How the value reads back to a user, quoted when it is a string: 80, true, "80 TB".
  std::string shown() const;
};

struct Assignment {
  std::string key;  // "network.rtt", "name"
  Value value;
  std::string where;  // "seed.toml:14:9", "--set", "--rtt"
};

struct Scenario {
  std::string name = "haul";
  std::string drive = "hdd-24tb";
  std::string gpu = "h100-sxm";
  Inputs<double> in;
  std::map<std::string, std::string> where;  // key -> where it was last set, for later messages

  bool has_job() const { return in.compute.job != static_cast<int>(Job::none); }
};

// Parses a scenario file into assignments, in the order the keys appear. Sections other than the
// scenario's ([data] [network] [ship] [compute]) are an error unless listed in `extra_tables`;
// those are skipped here (a sweep reads them itself).
std::vector<Assignment> read_scenario_file(const std::string& path,
                                           const std::vector<std::string>& extra_tables = {});
std::vector<Assignment> read_scenario_text(std::string_view text, const std::string& source,
                                           const std::vector<std::string>& extra_tables = {});

// "section.key=value" from --set: the value is read as TOML when it is a TOML value (number,
// boolean, quoted string) and as a plain string otherwise.
Assignment parse_set(const std::string& arg, const std::string& where = "--set");
// A value from a convenience flag (--rtt 100ms), read the same way.
Value parse_value_text(const std::string& text);

// Applies defaults, then presets (ship.drive, compute.gpu), then every assignment in order (later
// ones win), then cross-field checks. Throws InputError naming the place and the key.
Scenario build_scenario(const std::vector<Assignment>& assignments, const Catalog& catalog);

// The default scenario (configs/seed.toml, compiled in) and the name it goes by in messages.
std::string_view builtin_seed_toml();
inline constexpr const char* kSeedName = "seed.toml";

// What a key's value measures: how a sweep makes values for a range, names its column in base
// units and formats it for people.
enum class Quantity {
  size,
  rate,
  throughput,
  duration,
  money,
  price_per_byte,
  price_per_second,
  flop,
  flop_rate,
  mass,
  fraction,
  count,
  number,
  text
};
const char* base_unit(Quantity q);      // "B", "bps", "s", ...; "" for plain numbers and text
const char* column_suffix(Quantity q);  // "_bytes", "_bps", "_s", ...

// Every scenario key, with its expected form: for --help, the README and "did you mean".
struct KeyInfo {
  std::string key, form, default_value;
  Quantity quantity;
  int slot;  // index in HAUL_INPUT_FIELDS of the model input it sets; -1 for name, presets, layouts
};
const std::vector<KeyInfo>& scenario_keys();
const KeyInfo* find_key(const std::string& key);
std::vector<std::string> key_names();

}  // namespace haul
