// Preparing a sweep (MODEL.md section 7): each axis value as the few model inputs it changes
// (a scenario built with that value, compared with the first row's), the columns (scenario keys,
// a route's keys, result paths bound to the routes compared), and which rows need checking.
#include <algorithm>
#include <cmath>
#include <optional>

#include "input/checks.hpp"
#include "input/effective.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "run/columns.hpp"
#include "run/sweep_impl.hpp"

namespace haul {

using sweep_detail::AxisGrid;
using sweep_detail::build_with;
using sweep_detail::Column;
using sweep_detail::row_name;
using sweep_detail::shown_plain;

namespace {

constexpr const char* kBoolNames[] = {"false", "true"};

const char* const* code_names_of(const std::string& key) {
  if (key == "network.congestion") return kCongestionNames;
  if (key == "ship.verify") return kBoolNames;
  if (key == "ship.on_loss") return kOnLossNames;
  if (key == "compute.weights") return kWeightsNames;
  if (key == "compute.billing") return kBillingNames;
  if (key == "compute.attention") return kAttentionNames;
  return nullptr;
}

Show show_of(Quantity q) {
  switch (q) {
    case Quantity::size:
      return Show::size;
    case Quantity::rate:
      return Show::rate;
    case Quantity::throughput:
      return Show::throughput;
    case Quantity::duration:
      return Show::duration;
    case Quantity::money:
      return Show::money;
    case Quantity::price_per_byte:
      return Show::price_per_byte;
    case Quantity::price_per_second:
      return Show::price_per_second;
    case Quantity::flop:
      return Show::flop;
    case Quantity::flop_rate:
      return Show::flop_rate;
    case Quantity::mass:
      return Show::mass;
    case Quantity::fraction:
      return Show::fraction;
    case Quantity::count:
      return Show::count;
    case Quantity::text:
      return Show::code;
    default:
      return Show::number;
  }
}

// The key of [network], [ship] or [appliance] that a compared route's key stands for
// ("route.leased.bandwidth" -> "network.bandwidth"); "" for its kind and split, which are the
// route's own. `route` gets the route's index. Throws InputError (without the place) when the route
// is not compared or its kind has no such key: its value would be no number of any row.
std::string section_key_of(const Scenario& s, const std::string& key, int& route) {
  const std::string name = route_key_name(key);
  const std::string field = key.substr(key.rfind('.') + 1);
  if (name == "network" || name == "ship")
    throw InputError("the " + name + " route is [" + name + "]'s own: write " + name + "." + field);
  route = s.route_index(name);
  if (route < 0) {
    const bool defined = std::any_of(s.route_defs.begin(), s.route_defs.end(),
                                     [&](const RouteInfo& r) { return r.name == name; });
    throw InputError(defined ? "the " + name + " route is not compared (add it to [plan] routes)"
                             : "no route is named " + quote_text(name, 64) +
                                   " (define it as [route." + printable(name, 64) + "])");
  }
  const RouteKind kind = s.routes[static_cast<std::size_t>(route)].kind;
  if (field == "kind" || (field == "split" && kind == RouteKind::hybrid)) return "";
  if (std::string base = route_base_key(kind, field); !base.empty()) return base;
  throw InputError("not a key of " + a_kind(kind) + " route (" + name + ")");
}

// The word a key that sets no number has in the scenario: a section's key as the effective
// scenario has it, a route's as the route sets it (or inherits it from its kind's section).
std::string word_of(const Scenario& s, const std::string& key) {
  std::string base = key;
  if (!route_key_name(key).empty()) {
    int route = -1;
    base = section_key_of(s, key, route);
    const RouteInfo& info = s.routes[static_cast<std::size_t>(route)];
    if (base.empty()) return kRouteKindNames[static_cast<int>(info.kind)];  // its kind
    if (base == "ship.drive") return info.drive;
    if (base == "appliance.appliance") return info.appliance;
    std::string word;
    bool own = false;
    for (const Assignment& a : info.keys)
      if (a.key == key) word = shown_plain(a.value), own = true;
    if (own) return word;
  }
  for (const auto& [k, value] : effective_keys(s))
    if (k->key == base) return value.word;
  return "";
}

// The number a numeric key holds for "auto" (a hybrid's split -1, an appliance's devices 0, ...),
// when it has one that no other value of the key takes; a cell holding it reads "auto".
std::optional<double> auto_number(const std::vector<Assignment>& base, const std::string& key,
                                  const Catalog& catalog) {
  Value word;
  word.text = "auto";
  try {
    const Scenario s = build_with(base, {{key, word, ""}}, catalog);
    const int slot = input_slot(s, key);
    if (slot < 0) return std::nullopt;
    const double x = flatten(s.in)[static_cast<std::size_t>(slot)];
    // Below every other value of the key (a count >= 1, a share >= 0, an efficiency > 0).
    if (x <= 0) return x;
  } catch (const InputError&) {
  }
  return std::nullopt;
}


// Slots that the cross-field checks read: when no axis touches them, every row passes as the base
// did. A route's own copies of them count too.
std::vector<int> checked_slots(const std::vector<RouteParams<double>>& routes) {
  Inputs<double> probe{};
  const std::vector<const double*> members = {&probe.network.window_bytes,
                                              &probe.network.mtu_bytes,
                                              &probe.data.size_bytes,
                                              &probe.data.compression,
                                              &probe.ship.capacity_bytes,
                                              &probe.ship.drives,
                                              &probe.ship.redundancy,
                                              &probe.ship.copies,
                                              &probe.ship.erasure_k,
                                              &probe.ship.erasure_m,
                                              &probe.ship.couriers,
                                              &probe.ship.per_courier,
                                              &probe.ship.bag_kg,
                                              &probe.ship.weight_kg,
                                              &probe.compute.total_params,
                                              &probe.compute.params,
                                              &probe.compute.gpus,
                                              &probe.compute.failures_per_gpu_day,
                                              &probe.compute.checkpoint_s,
                                              &probe.compute.checkpoint_Bps,
                                              &probe.compute.state_bytes_per_param,
                                              &probe.compute.restart_s,
                                              &probe.appliance.devices,
                                              &probe.appliance.capacity_bytes};
  std::vector<int> slots;
  for_each_field(probe, [&](std::size_t i, double& x) {
    if (std::find(members.begin(), members.end(), &x) != members.end())
      slots.push_back(static_cast<int>(i));
  });
  const std::vector<int> base = slots;
  for (std::size_t r = 0; r < routes.size(); ++r)
    for (const int b : base)
      if (const int slot = route_slot(routes, r, b); slot >= 0) slots.push_back(slot);
  return slots;
}

// Whether two scenarios draw the same things the same way (their Monte Carlo specs agree but for
// each distribution's parameters, which only the scenario's own keys set).
bool same_draws(const UncertaintySpec& a, const UncertaintySpec& b) {
  if (a.samples != b.samples || a.seed != b.seed || a.keys.size() != b.keys.size() ||
      a.routes.size() != b.routes.size())
    return false;
  for (std::size_t i = 0; i < a.keys.size(); ++i)
    if (a.keys[i].key != b.keys[i].key || a.keys[i].slots != b.keys[i].slots ||
        a.keys[i].stream != b.keys[i].stream || a.keys[i].whole != b.keys[i].whole)
      return false;
  for (std::size_t r = 0; r < a.routes.size(); ++r)
    if (a.routes[r].name != b.routes[r].name || a.routes[r].hold_key != b.routes[r].hold_key ||
        a.routes[r].hold.has_value() != b.routes[r].hold.has_value())
      return false;
  return true;
}

// Every row of a sweep with uncertainty.* columns draws the first row's samples (its keys'
// distributions, seed and sample count) around its own inputs. An axis that changes what is
// drawn, or sweeps a number that a draw overwrites, would make those rows say something else than
// their inputs: refused, naming the axis.
void check_draws(const UncertaintySpec& draws, const std::vector<AxisGrid>& axes,
                 const SweepSpec& spec,
                 const std::optional<std::pair<std::string, std::string>>& changes_draws) {
  const bool choose = spec.table == "choose";
  if (changes_draws)
    throw at(changes_draws->second, spec.table + "." + changes_draws->first,
             choose ? "changes what [uncertainty] draws (a distribution, the samples or the seed) "
                      "from the first choice's; under goal.at every candidate draws the same"
                    : "changes what [uncertainty] draws (a distribution, the samples or the seed) "
                      "from the first row's; the uncertainty.* columns draw the same in every row");
  for (std::size_t a = 0; a < axes.size(); ++a)
    for (const auto& diff : axes[a].diffs)
      for (const auto& [slot, value] : diff)
        for (const UncertainKey& key : draws.keys)
          if (std::find(key.slots.begin(), key.slots.end(), slot) != key.slots.end())
            throw at(spec.axes[a].where, spec.table + "." + axes[a].key,
                     (choose ? "chooses a number that " : "sweeps a number that ") + key.key +
                         (choose ? " draws from its distribution (goal.at): drop the "
                                   "distribution, or choose another key"
                                 : " draws from its distribution (the uncertainty.* columns): drop "
                                   "the distribution, or run one sweep for each of its "
                                   "parameters"));
}

}  // namespace

Sweep::Sweep(const SweepSpec& spec, const Catalog& catalog) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.catalog = &catalog;
  m.spec = spec;
  if (spec.axes.empty()) throw InputError("sweep: no axes (add a [sweep] table)");
  // The grid's size before any per-value data is built (read_sweep_text checked it as it read the
  // axes; a spec built in code is checked here).
  for (const auto& axis : spec.axes) {
    const std::uint64_t n = axis.values.size();
    if (n == 0) throw at(axis.where, spec.table + "." + axis.key, "empty list (give at least one value)");
    if (n > limits::kGridPoints / m.points)
      throw at(axis.where, spec.table + "." + axis.key,
               "with this axis of " + units::format_count(static_cast<double>(n)) +
                   " values the grid has over the limit of " +
                   units::format_count(static_cast<double>(limits::kGridPoints)) +
                   " points (even with --yes)");
    m.points *= n;
  }
  m.base = spec.base;
  for (const auto& axis : spec.axes) m.base.push_back({axis.key, axis.values.front(), axis.where});
  m.first = build_scenario(m.base, catalog, spec.row_checks);
  m.flat = flatten(m.first.in);
  if (spec.pivot && m.points > limits::kPivotCells)
    throw at(spec.pivot->where, "output.pivot",
             "a pivot of " + units::format_count(static_cast<double>(m.points)) +
                 " cells, over the limit of " +
                 units::format_count(static_cast<double>(limits::kPivotCells)) +
                 " (a pivot is laid out whole; use [output] columns for a longer table)");

  // Each axis value, applied alone on top of the base, changes a few model inputs: keep those.
  const std::string changes_routes =
      spec.table == "choose"
          ? "changes the routes compared (their names or kinds); choose a route's keys, and set "
            "goal.route to pick one route"
          : "changes the routes compared (their names or kinds); sweep a route's keys, or run one "
            "sweep for each set of routes";
  // The first axis value that changes what the Monte Carlo draws (a key's distribution, a hold's,
  // the samples or the seed): its key and place.
  std::optional<std::pair<std::string, std::string>> changes_draws;
  for (const auto& axis : spec.axes) {
    const KeyInfo* info = find_key(axis.key);
    // A route's key sets a number of the route it names, which is compared and has the key.
    const bool route_key = !route_key_name(axis.key).empty();
    if (route_key) {
      try {
        int route = -1;
        section_key_of(m.first, axis.key, route);
      } catch (const InputError& e) {
        throw at(axis.where, spec.table + "." + axis.key, e.what());
      }
    }
    AxisGrid grid;
    grid.key = axis.key;
    grid.values = axis.values;
    grid.length = axis.values.size();
    for (std::size_t j = 0; j < axis.values.size(); ++j) {
      const Value& v = axis.values[j];
      const std::string where = axis.where + " (value " + std::to_string(j + 1) + ")";
      // Another kind is another route (with other keys): refused as such, before its keys are.
      if (route_key && axis.key.ends_with(".kind") &&
          !(v.kind == Value::Kind::string && v.text == axis.values.front().text))
        throw at(where, spec.table + "." + axis.key, changes_routes);
      Scenario s;
      try {
        s = build_with(m.base, {{axis.key, v, where}}, catalog, spec.row_checks);
      } catch (const InputError& e) {
        // base + this value is itself a row of the grid: the other axes at their first values.
        const auto here = static_cast<std::size_t>(&axis - spec.axes.data());
        std::uint64_t row = j;
        for (std::size_t b = here + 1; b < spec.axes.size(); ++b) row *= spec.axes[b].values.size();
        const std::string name = row_name(
            row, spec.axes, [&](std::size_t b) -> std::size_t { return b == here ? j : 0; },
            spec.table);
        throw InputError(name + ": " + e.what());
      }
      // The routes compared are the grid's shape: a value may change a route's keys, not which
      // routes there are or their kinds.
      bool same_routes = s.routes.size() == m.first.routes.size();
      for (std::size_t r = 0; same_routes && r < s.routes.size(); ++r)
        same_routes = s.routes[r].name == m.first.routes[r].name &&
                      s.routes[r].kind == m.first.routes[r].kind;
      if (!same_routes) throw at(where, spec.table + "." + axis.key, changes_routes);
      if (!changes_draws && !same_draws(s.uncertainty, m.first.uncertainty))
        changes_draws = {axis.key, where};
      const Flat flat = flatten(s.in);
      std::vector<std::pair<int, double>> diff;
      for (std::size_t i = 0; i < flat.size(); ++i)
        if (flat[i] != m.flat[i] && !(std::isnan(flat[i]) && std::isnan(m.flat[i])))
          diff.push_back({static_cast<int>(i), flat[i]});
      grid.diffs.push_back(std::move(diff));
      const int slot = input_slot(s, axis.key);
      const double x = slot >= 0 ? flat[static_cast<std::size_t>(slot)] : 0.0;
      if (axis.generated) {
        grid.human.push_back(show_human(show_of(info->quantity), x, units::ByteStyle::si));
      } else {
        grid.human.push_back(shown_plain(v));
      }
      // "auto" is a word in every format, not the number that stands for it (a split's -1).
      const bool word = v.kind == Value::Kind::string && v.text == "auto";
      if (slot >= 0 && info->quantity != Quantity::text && !word) {
        std::string raw;
        append_number(raw, x);
        grid.raw.push_back(raw);
      } else {
        grid.raw.push_back(shown_plain(v));
      }
      std::string csv;
      append_csv_text(csv, grid.raw.back());
      grid.csv.push_back(std::move(csv));
    }
    m.axes.push_back(std::move(grid));
  }
  for (std::size_t a = m.axes.size(); a-- > 0;)
    m.axes[a].stride = a + 1 < m.axes.size() ? m.axes[a + 1].stride * m.axes[a + 1].length : 1;

  for (const auto& axis : m.axes)
    for (const auto& diff : axis.diffs)
      for (const auto& [slot, value] : diff)
        if (std::find(m.swept_slots.begin(), m.swept_slots.end(), slot) == m.swept_slots.end())
          m.swept_slots.push_back(slot);
  const std::vector<int> checked = checked_slots(m.first.in.routes);
  for (const auto& axis : m.axes)
    for (const auto& diff : axis.diffs)
      for (const auto& [slot, value] : diff)
        if (std::find(checked.begin(), checked.end(), slot) != checked.end())
          m.checks_needed = true;
  m.appliance_checked =
      std::any_of(m.first.route_defs.begin(), m.first.route_defs.end(),
                  [](const RouteInfo& r) { return r.kind == RouteKind::appliance; });

  // Columns: as asked, or the axes and the headline results.
  std::vector<std::string> names = spec.columns;
  std::vector<std::string> route_names;
  std::vector<RouteKind> route_kinds;
  for (const RouteInfo& r : m.first.routes) {
    route_names.push_back(r.name);
    route_kinds.push_back(r.kind);
    m.route_names.push_back(m.first.routes[route_names.size() - 1].name.c_str());
  }
  if (names.empty()) {
    for (const auto& axis : spec.axes) names.push_back(axis.key);
    for (const RouteInfo& r : m.first.routes) {
      if (r.name == "network") {
        names.push_back("network.time_s");
        names.push_back("network.limit");
      } else if (r.name == "ship") {
        names.push_back("ship.time_s");
      } else {
        names.push_back("routes." + r.name + ".time_s");
      }
    }
    if (route_names.size() > 1) {
      names.push_back("winner.time");
      names.push_back("winner.cost");
    }
  }
  if (spec.pivot) {
    for (const std::string* key : {&spec.pivot->rows, &spec.pivot->columns}) {
      const bool is_axis = std::any_of(spec.axes.begin(), spec.axes.end(),
                                       [&](const SweepAxis& a) { return a.key == *key; });
      if (!is_axis)
        throw at(spec.pivot->where, "output.pivot",
                 quote_text(*key, 100) +
                     " is not a swept key (pivot rows and columns are axes of [sweep])");
    }
    if (spec.pivot->rows == spec.pivot->columns)
      throw at(spec.pivot->where, "output.pivot", "rows and columns are the same key");
    for (const auto& axis : m.axes)
      if (axis.key != spec.pivot->rows && axis.key != spec.pivot->columns && axis.length > 1)
        throw at(spec.pivot->where, "output.pivot",
                 "the axis " + axis.key + " has " + std::to_string(axis.length) +
                     " values; a pivot needs every other axis to have one");
    names = {spec.pivot->value};
  }
  for (const auto& name : names) {
    Column col;
    col.human_header = name;
    // A result of the same name wins over the key: ship.drives shows the drives used (not "auto"),
    // compute.flops the FLOPs of the job however it was given.
    const BoundResult bound = find_result(name, route_names, route_kinds);
    const KeyInfo* info = bound.column ? nullptr : find_key(name);
    const int slot = info ? input_slot(m.first, name) : -1;
    const std::string& columns_where = spec.pivot ? spec.pivot->where : spec.columns_where;
    const char* columns_key = spec.pivot ? "output.pivot.value" : "output.columns";
    if (info) {
      // A route's key reads the route's number, or its word, as its kind's section has it.
      std::string base = name;
      bool inherited = false;  // a route's key it does not set: its section's value
      if (!route_key_name(name).empty()) {
        int route = -1;
        try {
          base = section_key_of(m.first, name, route);
        } catch (const InputError& e) {
          throw at(columns_where, columns_key, quote_text(name, 100) + ": " + e.what());
        }
        const auto& own = m.first.routes[static_cast<std::size_t>(route)].keys;
        inherited = !base.empty() && std::none_of(own.begin(), own.end(), [&](const Assignment& a) {
          return a.key == name;
        });
        if (base.empty()) base = name;
      }
      // A word a route inherits from a swept key of its section changes with that axis.
      if (inherited && slot < 0 &&
          std::any_of(spec.axes.begin(), spec.axes.end(),
                      [&](const SweepAxis& a) { return a.key == base; }))
        throw at(columns_where, columns_key,
                 quote_text(name, 100) + ": the route takes it from " + base +
                     ", an axis of this sweep: show " + base + " instead");
      col.raw_header = name + column_suffix(info->quantity);
      col.show = show_of(info->quantity);
      col.names = code_names_of(base);
      const auto axis = std::find_if(spec.axes.begin(), spec.axes.end(),
                                     [&](const SweepAxis& a) { return a.key == name; });
      if (axis != spec.axes.end()) {
        col.kind = Column::Kind::axis;
        col.axis = static_cast<int>(axis - spec.axes.begin());
        // The axis's raw cells are numbers exactly when the key sets a numeric input ("auto"
        // among them is a word).
        col.quoted = slot < 0 || info->quantity == Quantity::text;
        const auto& raw = m.axes[static_cast<std::size_t>(col.axis)].raw;
        col.words = !col.quoted && std::any_of(raw.begin(), raw.end(), [](const std::string& r) {
          return !Impl::is_number(r);
        });
      } else if (slot >= 0) {
        col.kind = Column::Kind::input;
        col.slot = slot;
        if (info->quantity != Quantity::text) {
          col.auto_value = auto_number(m.base, name, catalog);
          col.words = col.auto_value.has_value();
        }
      } else {
        col.kind = Column::Kind::constant;
        // A key that sets no model input (the name, a preset, the layout, a route's kind): its
        // word, as the effective scenario or the route has it.
        col.constant_human = word_of(m.first, name);
        col.constant_raw = col.constant_human;
      }
    } else if (bound.column) {
      const ResultColumn* result = bound.column;
      if (!bound.error.empty())
        throw at(columns_where, columns_key, quote_text(name, 100) + ": " + bound.error);
      col.kind = Column::Kind::result;
      col.raw_header = name;
      // People read "7.41 d" under network.time, not network.time_s: the unit is in the cell
      // (also before a quantile: uncertainty.routes.ship.time_to_model.p90).
      for (const char* suffix : {"_s", "_bps", "_usd", "_bytes"}) {
        const std::string tail = suffix;
        std::size_t end = name.size();
        for (const char* q : {".mean", ".p10", ".p50", ".p90"})
          if (name.ends_with(q)) end -= std::string(q).size();
        if (end > tail.size() && name.compare(end - tail.size(), tail.size(), tail) == 0) {
          col.human_header = name.substr(0, end - tail.size()) + name.substr(end);
          break;
        }
      }
      col.result = result;
      col.route = bound.route;
      col.leg = bound.leg;
      col.show = result->show;
      col.names = result->route_names ? m.route_names.data() : result->names;
      if (result->drawn) {
        m.spread = true;  // drawn per row (sweep.cpp): not read from the chunk's plan
      } else if (result->plans()) {
        m.parts.plans = true;
      } else if (result->scope == Scope::compute) {
        m.parts.compute = true;
      } else if (bound.route >= 0) {
        m.parts.routes |= std::uint64_t{1} << bound.route;
      }
    } else {
      std::vector<std::string> all = key_names();
      for (const auto& r : result_paths(route_names, route_kinds)) all.push_back(r);
      const std::string guess = closest(name, all);
      throw at(
          spec.pivot ? spec.pivot->where : spec.columns_where,
          spec.pivot ? "output.pivot.value" : "output.columns",
          "unknown column " + quote_text(name, 100) +
              (guess.empty() ? std::string(" (a scenario key or a result such as network.time_s)")
                             : " (did you mean " + guess + "?)"));
    }
    m.columns.push_back(std::move(col));
  }
  if (m.spread) check_draws(m.first.uncertainty, m.axes, spec, changes_draws);
}

}  // namespace haul
