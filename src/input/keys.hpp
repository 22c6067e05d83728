// Every scenario key, listed once (keys.cpp): its expected form, its default as MODEL.md section 3
// writes it, what its value measures, the model input it sets, and how a value is read into it.
// --help, `haul keys`, "did you mean", sweeps and the effective scenario all read this table.
#pragma once

#include <string>
#include <vector>

#include "../input/suggest.hpp"
#include "../model/dist.hpp"  // Interval
#include "../plan/plan.hpp"   // RouteKind

namespace haul {

struct Scenario;
struct Value;

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
  per_gpu_day,  // events per GPU per day (a bare number)
  fraction,
  count,
  number,
  text
};
const char* base_unit(Quantity q);      // "B", "bps", "s", ...; "" for plain numbers and text
const char* column_suffix(Quantity q);  // "_bytes", "_bps", "_s", ...

// A numeric key's valid values: the bounds its reader checks, and whether only whole numbers are.
// A distribution on the key is truncated to them (MODEL.md section 11); words, booleans and
// presets have none (the whole line).
struct Valid {
  Interval range;
  bool whole = false;
};

struct KeyInfo {
  std::string key, form, default_value;
  Quantity quantity;
  int slot;  // index in HAUL_INPUT_FIELDS of the model input it sets; -1 for name, presets, layouts
  Valid valid = {};
};
// Whether the key may hold a distribution: a number that sets a model input (not a word, a
// boolean, a preset, a layout or a setting of the run such as uncertainty.samples).
bool takes_distribution(const KeyInfo& key);
const std::vector<KeyInfo>& scenario_keys();
// The keys of a named route, "route.NAME.KEY": kind, split, and every key of [network], [ship]
// and [appliance] by its name in the section (slot: the section's field). Which of them a route
// takes depends on its kind (input/routes.cpp).
const std::vector<KeyInfo>& route_keys();
// NAME of "route.NAME.KEY"; "" for other keys.
std::string route_key_name(const std::string& key);
// The sections a route of this kind takes its keys from: network, ship, appliance, or for a hybrid
// network and ship.
std::vector<std::string> route_sections(RouteKind kind);
// The section's key ("network.bandwidth") that a route's key ("bandwidth") stands for, or "" when
// its kind has no such key.
std::string route_base_key(RouteKind kind, const std::string& field);
// "a network", "an appliance": a kind, or a list of kinds ("network or ship"), after its article.
std::string a_kind(const std::string& kinds);
std::string a_kind(RouteKind kind);
const KeyInfo* find_key(const std::string& key);
std::vector<std::string> key_names();

// Reads `value` into the scenario through the key's own reader; throws InputError (without the
// place or the key, which the caller adds) when the value is not of the key's form.
void set_key(Scenario& scenario, const std::string& key, const Value& value);

}  // namespace haul
