// The routes a scenario compares (MODEL.md section 10): the network and ship routes (their
// sections) and each [route.NAME] of kind network, ship, appliance or hybrid, whose keys override
// the kind's base section ([network], [ship], [appliance]; a hybrid takes [network]'s and [ship]'s
// keys and its split). [plan] routes picks and orders them.
#include <algorithm>
#include <cctype>

#include "input/fields.hpp"
#include "input/keys.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "input/scenario_detail.hpp"
#include "input/suggest.hpp"
#include "input/uncertain.hpp"
#include "input/units.hpp"

namespace haul {

namespace {

struct Definition {
  std::string name;
  std::string where;  // of its first key
  std::vector<Assignment> keys;  // "route.NAME.KEY", as given
};

bool is_word(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

std::string kind_list() {
  return "\"network\", \"ship\", \"appliance\" or \"hybrid\"";
}

// The kinds that do take `key`, for the message about a key of another kind.
std::string kinds_with(const std::string& key) {
  std::string out;
  for (RouteKind k : {RouteKind::network, RouteKind::ship, RouteKind::appliance})
    if (!route_base_key(k, key).empty())
      out += std::string(out.empty() ? "" : " or ") + kRouteKindNames[static_cast<int>(k)];
  return out;
}

RouteKind read_kind(const Assignment& a) {
  const std::string expected = kind_list();
  if (a.value.kind == Value::Kind::string) {
    for (int k = 0; k < 4; ++k)
      if (a.value.text == kRouteKindNames[k]) return static_cast<RouteKind>(k);
    const std::string guess =
        closest(a.value.text, {"network", "ship", "appliance", "hybrid"});
    throw at(a.where, a.key,
             a.value.shown() + " is not a kind of route (expected " + expected + ")" +
                 (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
  }
  throw at(a.where, a.key, a.value.shown() + " is not a kind of route (expected " + expected + ")");
}

double read_split(const Assignment& a) {
  const std::string expected = "\"auto\" or a fraction in [0, 1], e.g. 0.4 or \"40%\"";
  const Value& v = a.value;
  if (v.kind == Value::Kind::string && v.text == "auto") return -1;
  if (v.kind == Value::Kind::dist)
    throw at(a.where, a.key,
             v.shown() + " is a distribution; split takes one value (expected " + expected + ")");
  double x = 0;
  try {
    if (v.kind == Value::Kind::string) {
      x = units::parse_fraction(v.text);
    } else if (v.kind == Value::Kind::boolean) {
      throw InputError("");
    } else {
      x = v.number;
    }
  } catch (const InputError&) {
    throw at(a.where, a.key, v.shown() + " is not a fraction (expected " + expected + ")");
  }
  if (!(x >= 0 && x <= 1))
    throw at(a.where, a.key, v.shown() + " is out of range (expected " + expected + ")");
  return x;
}

// One named route from the base sections and its own keys.
RouteParams<double> build_route(const Scenario& base, const Definition& d, RouteInfo& info,
                                const Catalog& catalog, bool row_checks) {
  const Assignment* kind_key = nullptr;
  for (const Assignment& a : d.keys)
    if (a.key == "route." + d.name + ".kind") kind_key = &a;
  if (!kind_key)
    throw at(d.where, "route." + d.name + ".kind",
             "missing: every [route.NAME] says its kind (" + kind_list() + ")");
  RouteParams<double> p;
  p.kind = read_kind(*kind_key);
  info.kind = p.kind;

  Scenario r = base;  // the base sections, with where each key was set
  r.where.clear();
  std::map<std::string, std::string> set_here;  // base key -> where the route set it
  const std::string prefix = "route." + d.name + ".";
  // Its own presets first (in the order given: a later one wins), so that its keys override
  // their figures wherever they stand.
  std::vector<const Assignment*> keys;
  std::size_t presets = 0;
  for (const Assignment& a : d.keys) {
    const std::string key = a.key.substr(prefix.size());
    if (key == "kind") continue;
    if (key == "split") {
      if (p.kind != RouteKind::hybrid)
        throw at(a.where, a.key,
                 "not a key of " + a_kind(kRouteKindNames[static_cast<int>(p.kind)]) +
                     " route (split is a hybrid's: the share sent over the network)");
      p.split = read_split(a);
      continue;
    }
    const std::string target = route_base_key(p.kind, key);
    if (target.empty()) {
      const std::string kinds = kinds_with(key);
      throw at(a.where, a.key,
               "not a key of " + a_kind(kRouteKindNames[static_cast<int>(p.kind)]) + " route" +
                   (kinds.empty() ? "" : " (it is a key of " + a_kind(kinds) + " route)"));
    }
    const bool auto_drives = a.value.kind == Value::Kind::string && a.value.text == "auto";
    if (p.kind == RouteKind::hybrid && target == "ship.drives" && !auto_drives)
      throw at(a.where, a.key,
               "a hybrid's ship leg takes the fewest drives for its share of the data (drives = "
               "\"auto\"); give a ship route a drive count instead");
    if (target == "ship.drive" || target == "appliance.appliance") {
      keys.insert(keys.begin() + static_cast<long>(presets++), &a);
    } else {
      keys.push_back(&a);
    }
  }
  bool drive_preset = false, appliance_preset = false;
  for (const Assignment* a : keys) {
    const std::string target = route_base_key(p.kind, a->key.substr(prefix.size()));
    try {
      apply_value(r, target, a->value);  // a distribution: its point value (resolve_uncertainty)
    } catch (const InputError& e) {
      throw at(a->where, a->key, e.what());
    }
    set_here[target] = a->where;
    r.where[target] = a->where;
    try {
      if (target == "ship.drive") drive_preset = true, apply_drive_preset(r, catalog);
      if (target == "appliance.appliance")
        appliance_preset = true, apply_appliance_preset(r, catalog);
    } catch (const InputError& e) {
      throw at(a->where, a->key, e.what());
    }
  }
  // A hybrid's ship leg carries its share on the fewest drives that hold it.
  if (p.kind == RouteKind::hybrid) r.in.ship.drives = 0;
  info.drive = r.drive;
  info.appliance = r.appliance;
  info.drive_custom = drive_preset ? drive_changed(r, catalog) : base.drive_custom || drive_changed(r, catalog);
  info.appliance_custom = appliance_preset ? appliance_changed(r, catalog)
                                           : base.appliance_custom || appliance_changed(r, catalog);

  // The checks on its sections name the route's own key: setting it fixes this route.
  const std::vector<std::string> sections = route_sections(p.kind);
  const Fail fail = [&](const std::string& key, const std::string& what) -> InputError {
    const std::string section = key.substr(0, key.find('.'));
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      const auto it = base.where.find(key);
      return at(it == base.where.end() ? "" : it->second, key, what);
    }
    const auto here = set_here.find(key);
    const auto there = base.where.find(key);
    const std::string where = here != set_here.end()    ? here->second
                              : there != base.where.end() ? there->second
                                                        : d.where;
    // The section's hint names its flag; for this route it is the route's own key.
    std::string said = what;
    if (const auto flag = said.find("--drives auto"); flag != std::string::npos)
      said.replace(flag, 13, prefix + "drives = \"auto\"");
    // Hints that name the section's keys ("raise ship.bag") mean the route's own here.
    for (const std::string& own : sections)
      for (auto at = said.find(own + "."); at != std::string::npos;
           at = said.find(own + ".", at + prefix.size()))
        said.replace(at, own.size() + 1, prefix);
    return at(where, prefix + key.substr(key.find('.') + 1), said);
  };
  // [appliance] is this route's own only when it is an appliance.
  if (row_checks) check_inputs(r, fail, p.kind == RouteKind::appliance);
  p.network = r.in.network;
  p.ship = r.in.ship;
  p.appliance = r.in.appliance;
  return p;
}

// A route's keys as they stand in the end: each key once, with its last value (a --set over the
// file's), where it first stood. Presets apply first whatever their place and a later preset
// replaces every figure of an earlier one, so these give the route its values again; written back
// (haul scenario) a key given twice would be a duplicate TOML key.
std::vector<Assignment> last_of_each(const std::vector<Assignment>& keys) {
  std::vector<Assignment> out;
  for (const Assignment& a : keys) {
    const auto it =
        std::find_if(out.begin(), out.end(), [&](const Assignment& o) { return o.key == a.key; });
    if (it == out.end()) {
      out.push_back(a);
    } else {
      *it = a;
    }
  }
  return out;
}

}  // namespace

int input_slot(const Scenario& s, const std::string& key) {
  const std::string route = route_key_name(key);
  if (route.empty()) {
    const KeyInfo* info = find_key(key);
    return info ? info->slot : -1;
  }
  const int r = s.route_index(route);
  if (r < 0) return -1;
  const auto i = static_cast<std::size_t>(r);
  const std::string field = key.substr(key.rfind('.') + 1);
  if (field == "split") return split_slot(s.in.routes, i);
  const std::string base = route_base_key(s.routes[i].kind, field);
  const KeyInfo* info = base.empty() ? nullptr : find_key(base);
  if (!info || info->slot < 0) return -1;
  return route_slot(s.in.routes, i, info->slot);
}

void build_routes(Scenario& s, const std::vector<Assignment>& route_keys, const Catalog& catalog,
                  bool row_checks) {
  // The definitions, in the order their first keys come.
  std::vector<Definition> defs;
  for (const Assignment& a : route_keys) {
    const std::string name = route_key_name(a.key);
    if (!is_word(name))
      throw at(a.where, "route." + printable(name, 64),
               "a route's name is one word of letters, digits, - and _ (at most 64), e.g. "
               "[route.leased-10g]");
    if (name == "network" || name == "ship")
      throw at(a.where, a.key,
               "the " + name + " route is [" + name +
                   "]'s own: name this route otherwise (e.g. [route." + name + "-2])");
    auto it = std::find_if(defs.begin(), defs.end(),
                           [&](const Definition& d) { return d.name == name; });
    if (it == defs.end()) {
      defs.push_back({name, a.where, {}});
      it = defs.end() - 1;
    }
    it->keys.push_back(a);
  }
  if (defs.size() > limits::kRoutes)
    throw at(defs[limits::kRoutes].where, "route." + defs[limits::kRoutes].name,
             "over the limit of " + std::to_string(limits::kRoutes) + " routes");

  // The routes compared: as [plan] routes lists them, else network, ship and every named one.
  std::vector<std::string> order = s.route_list;
  const auto list_where = s.where.count("plan.routes") ? s.where.at("plan.routes") : "";
  if (order.empty()) {
    order = {"network", "ship"};
    for (const Definition& d : defs) order.push_back(d.name);
  }
  std::vector<std::string> known = {"network", "ship"};
  for (const Definition& d : defs) known.push_back(d.name);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (std::find(known.begin(), known.end(), order[i]) == known.end()) {
      const std::string guess = closest(order[i], known);
      std::string all;
      for (const std::string& k : known) all += (all.empty() ? "" : ", ") + k;
      throw at(list_where, "plan.routes",
               quote_text(order[i], 64) + " is not a route (" +
                   (guess.empty() ? "the routes: " + all + "; define" : "did you mean \"" + guess + "\"? Or define") +
                   " others as [route.NAME])");
    }
    if (std::find(order.begin(), order.begin() + static_cast<long>(i), order[i]) !=
        order.begin() + static_cast<long>(i))
      throw at(list_where, "plan.routes", "\"" + order[i] + "\" is listed twice");
  }

  // Every definition is built (and checked), compared or not.
  std::vector<RouteParams<double>> params;
  std::vector<RouteInfo> infos;
  for (const Definition& d : defs) {
    RouteInfo info;
    info.name = d.name;
    info.where = d.where;
    info.keys = last_of_each(d.keys);
    params.push_back(build_route(s, d, info, catalog, row_checks));
    infos.push_back(std::move(info));
  }
  s.route_defs = infos;
  s.routes.clear();
  s.in.routes.clear();
  for (const std::string& name : order) {
    if (name == "network" || name == "ship") {
      RouteInfo info;
      info.name = name;
      info.kind = name == "network" ? RouteKind::network : RouteKind::ship;
      info.drive = s.drive;
      info.drive_custom = s.drive_custom;
      info.appliance = s.appliance;
      RouteParams<double> p;
      p.kind = info.kind;
      p.own = false;  // it reads its section
      s.routes.push_back(std::move(info));
      s.in.routes.push_back(p);
      continue;
    }
    const auto i = static_cast<std::size_t>(
        std::find_if(infos.begin(), infos.end(), [&](const RouteInfo& r) { return r.name == name; }) -
        infos.begin());
    s.routes.push_back(infos[i]);
    s.in.routes.push_back(params[i]);
  }
}

}  // namespace haul
