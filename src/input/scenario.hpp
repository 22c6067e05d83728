// Scenarios in and out: TOML files, --set overrides and convenience flags all become a list of
// Assignments (key = value, with where it came from), and one table of keys (keys.cpp) turns them
// into validated model inputs. The base of a run (MODEL.md section 3.0) is the defaults, a FILE or
// a named example; the command line's assignments go on top, and the scenario remembers both.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../input/catalog.hpp"
#include "../input/keys.hpp"
#include "../plan/plan.hpp"
#include "../plan/uncertainty.hpp"

namespace haul {

struct ValueMember;

// A value as written: a TOML number, boolean or string (a --set value that is not TOML is a
// string), or an inline table for a distribution (MODEL.md section 11).
struct Value {
  enum class Kind { integer, floating, boolean, string, dist } kind = Kind::string;
  double number = 0;
  bool boolean = false;
  std::string text;
  // A distribution's members as written, each a single value: { dist = "lognormal", p50 = "24 h",
  // p90 = "72 h" }. Kept in that order (dist, then the parameters as MODEL.md lists them, then any
  // others) since TOML tables have none.
  // (ValueMember, not std::pair: a pair of an incomplete Value is ill-formed, and clang's library
  // says so.)
  std::vector<ValueMember> members;

  // How the value reads back to a user, quoted when it is a string: 80, true, "80 TB",
  // { dist = "uniform", min = "1 h", max = "2 h" }.
  std::string shown() const;
  // The member `name` of a distribution; nullptr when it has none.
  const Value* member(const std::string& name) const;
};

struct ValueMember {
  std::string name;
  Value value;
};

struct Assignment {
  std::string key;  // "network.rtt", "name"
  Value value;
  std::string where;         // "seed.toml:14:9", "--set", "--rtt"
  std::string written = {};  // the value as typed on the command line ("405e9"), for messages
};

// What a run starts from before the command line's keys (MODEL.md section 3.0).
struct Base {
  enum class Kind { defaults, example, file } kind = Kind::defaults;
  std::string name;  // the example's name or the file's path
  std::string note;  // why this base, when the user did not name it ("haul compare with no input")
  // "defaults", "example seed", "my.toml": as reports and JSON's "base" say it.
  std::string label() const;
};

// A route compared (MODEL.md section 10): the network and ship routes, or a [route.NAME].
struct RouteInfo {
  std::string name;
  RouteKind kind = RouteKind::network;
  std::string drive, appliance;  // the presets of its ship leg and its appliance
  // Keys changed a preset's figures: "custom, based on PRESET".
  bool drive_custom = false, appliance_custom = false;
  std::string where;             // where it is defined ("" for the network and ship routes)
  std::vector<Assignment> keys;  // its own keys ("route.NAME.KEY"), the last of each
};

struct Scenario {
  std::string name;  // "" unless the base or the command line names it
  std::string drive = "hdd-24tb";
  std::string gpu = "h100-sxm";
  std::string appliance = "azure-data-box";
  Inputs<double> in;  // in.routes: the routes compared, as `routes` lists them
  std::map<std::string, std::string> where;  // key -> where it was last set, for later messages
  // Keys changed a preset's figures: the drive, GPU or appliance is then "custom, based on PRESET".
  bool drive_custom = false, gpu_custom = false, appliance_custom = false;
  std::vector<std::string> route_list;  // [plan] routes as given (empty: the default order)
  std::vector<RouteInfo> routes;        // the routes compared, in order
  std::vector<RouteInfo> route_defs;    // every [route.NAME], compared or not, in file order
  // The index in `routes` of the route with this name; -1 when it is not compared.
  int route_index(const std::string& route_name) const {
    for (std::size_t i = 0; i < routes.size(); ++i)
      if (routes[i].name == route_name) return static_cast<int>(i);
    return -1;
  }

  // [uncertainty] samples and seed, and the keys that hold distributions (MODEL.md section 11);
  // `in` holds each such key's truncated median.
  UncertaintySpec uncertainty;
  // Each key that holds a distribution ("ship.transit", "route.courier.hold"), as written: haul
  // scenario writes it back, JSON's inputs give its parameters in base units.
  std::map<std::string, Value> distributions;

  Base base;
  std::vector<Assignment> overrides;  // the command line's keys (--set, flags), in order
  // The overrides changed the data, a route or the job: the base's name then reads "(modified)".
  bool modified = false;

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

// Applies defaults, then presets (ship.drive, compute.gpu, appliance.appliance), then every
// assignment in order (later ones win), then cross-field checks; then builds the routes compared
// (input/routes.cpp). Throws InputError naming the place and the key.
// Without `row_checks` the cross-field checks (input/checks.hpp: too few drives for the data, a
// window below one segment, ...) do not run: the optimiser builds its choices so, and leaves the
// combinations the models cannot use out row by row, as cross_checks finds them.
Scenario build_scenario(const std::vector<Assignment>& assignments, const Catalog& catalog,
                        bool row_checks = true);

// The assignments of a base: none for the defaults, the file's or the example's keys otherwise.
std::vector<Assignment> base_assignments(const Base& base);

// Whether `overrides` on top of `base` change any model input or preset that `base` alone gives
// (false without overrides; true when `base` alone is not a scenario).
bool overrides_change(const std::vector<Assignment>& base, const std::vector<Assignment>& overrides,
                      const Catalog& catalog);
// The name a report shows: `name` with " (modified)" after it when the overrides changed the
// scenario, unless they set the name themselves or there is none.
std::string shown_name(const std::string& name, bool modified,
                       const std::vector<Assignment>& overrides);

// The scenario of a run: the base's assignments, then the overrides. Records the base and the
// overrides, and whether the overrides changed anything but the name (then a name from the base
// gets " (modified)").
Scenario load_scenario(const Base& base, const std::vector<Assignment>& overrides,
                       const Catalog& catalog);

// The index in the scenario's row of inputs (input/fields.hpp) of the model input that `key` sets:
// a section's key, or a compared route's ("route.leased.bandwidth", "route.mix.split"); -1 when it
// sets none (a name, a preset, a layout, a route not compared).
int input_slot(const Scenario& s, const std::string& key);

// "base: example seed; command line: data.size = 250TB (--data)": a report's first line.
std::string base_line(const Scenario& scenario);
std::string base_line(const std::string& label, const std::string& note,
                      const std::vector<Assignment>& overrides);

}  // namespace haul
