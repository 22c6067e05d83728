#include "input/uncertain.hpp"

#include "input/limits.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "input/fields.hpp"
#include "input/keys_detail.hpp"
#include "model/random.hpp"

namespace haul {

namespace {

using keys_detail::number;
using keys_detail::with_unit;

struct Form {
  const char* name;
  std::vector<std::string> params;
};

const std::vector<Form>& forms() {
  static const std::vector<Form> list = {{"lognormal", {"p50", "p90"}},
                                         {"triangular", {"min", "mode", "max"}},
                                         {"uniform", {"min", "max"}},
                                         {"normal", {"mean", "sd"}}};
  return list;
}

// "{ dist = "lognormal", p50 = .., p90 = .. }": what a form expects.
std::string expected_form(const Form& f) {
  std::string out = std::string("{ dist = \"") + f.name + "\"";
  for (const std::string& p : f.params) out += ", " + p + " = ..";
  return out + " }";
}

std::string form_names() {
  std::string out;
  for (const Form& f : forms()) out += (out.empty() ? "" : " | ") + std::string(f.name);
  return out;
}

// A spread (a normal's sd) in the key's units: read by the key's quantity, without the key's range
// (an sd of "1 h" is a spread of rtt, whatever rtt's bounds).
double spread(Quantity q, const Value& v) {
  switch (q) {
    case Quantity::size:
      return with_unit(v, units::parse_size);
    case Quantity::rate:
      return with_unit(v, units::parse_rate_bps);
    case Quantity::throughput:
      return with_unit(v, units::parse_rate_Bps);
    case Quantity::duration:
      return with_unit(v, units::parse_duration);
    case Quantity::money:
      return with_unit(v, units::parse_money);
    case Quantity::price_per_byte:
      return with_unit(v, units::parse_price_per_byte);
    case Quantity::price_per_second:
      return with_unit(v, units::parse_price_per_second);
    case Quantity::flop_rate:
      return with_unit(v, units::parse_flop_rate);
    case Quantity::mass:
      return with_unit(v, units::parse_mass);
    case Quantity::flop:
      return v.kind == Value::Kind::string ? units::parse_flop(v.text) : number(v, "a FLOP count");
    case Quantity::fraction:
      return v.kind == Value::Kind::string ? units::parse_fraction(v.text)
                                           : number(v, "a number or a percentage");
    default:  // counts and plain numbers, which also take "7B", "15T"
      return v.kind == Value::Kind::string ? units::parse_count(v.text) : number(v, "a number");
  }
}

// x as a value of the key in its base unit ("86400 s", 0.25, 8), which its reader takes back as
// exactly x: the point value goes through the key's own setter, which keeps what else it sets
// (compute.tokens clears "auto") as a plain value would.
Value base_value(const KeyInfo& key, double x) {
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  Value v;
  const std::string unit = base_unit(key.quantity);
  if (unit.empty()) {
    v.kind = key.valid.whole ? Value::Kind::integer : Value::Kind::floating;
    v.number = x;
  } else {
    v.text = std::string(buffer, end) + " " + unit;
  }
  return v;
}

// A parameter that is a value of the key (p50, min, mean ...): through the key's own reader, in
// base units, within the key's valid range (a word such as "auto" reads as no value of it).
double parameter(const KeyInfo& key, const std::string& name, const Value& v) {
  Scenario probe;
  try {
    set_key(probe, key.key, v);
  } catch (const InputError& e) {
    throw InputError(name + ": " + e.what());
  }
  const double x = flatten(probe.in)[static_cast<std::size_t>(key.slot)];
  if (!key.valid.range.contains(x))
    throw InputError(name + ": " + v.shown() + " is out of range (expected " + key.form + ")");
  return x;
}

}  // namespace

KeyDist read_distribution(const std::string& key, const Value& v) {
  const KeyInfo& info = *find_key(key);
  const std::string shown = v.shown();
  const Value* dist = v.member("dist");
  if (!dist)
    throw InputError(shown + " has no dist (expected { dist = \"lognormal\", p50 = .., p90 = .. }" +
                     " or triangular, uniform, normal)");
  const auto form = std::find_if(forms().begin(), forms().end(), [&](const Form& f) {
    return dist->kind == Value::Kind::string && dist->text == f.name;
  });
  if (form == forms().end()) {
    std::vector<std::string> names;
    for (const Form& f : forms()) names.push_back(f.name);
    const std::string guess =
        dist->kind == Value::Kind::string ? closest(dist->text, names) : std::string();
    throw InputError("dist = " + dist->shown() + " is not a distribution (expected " +
                     form_names() + ")" +
                     (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
  }
  const std::string expected = expected_form(*form);
  for (const auto& [name, value] : v.members)
    if (name != "dist" &&
        std::find(form->params.begin(), form->params.end(), name) == form->params.end())
      throw InputError(shown + ": " + printable(name, 64) + " is not a parameter of a " +
                       form->name + " (expected " + expected + ")");
  KeyDist out{form->name, {}, Truncated(Dist{}, Interval{}), info.valid.whole, 0};
  std::vector<double> x;
  for (const std::string& name : form->params) {
    const Value* p = v.member(name);
    if (!p) throw InputError(shown + " is missing " + name + " (expected " + expected + ")");
    if (name == "sd") {
      double sd = 0;
      try {
        sd = spread(info.quantity, *p);
      } catch (const InputError& e) {
        throw InputError("sd: " + std::string(e.what()));
      }
      if (!(sd >= 0) || !std::isfinite(sd))
        throw InputError("sd: " + p->shown() +
                         " is out of range (expected a spread >= 0 in the key's units)");
      x.push_back(sd);
    } else {
      x.push_back(parameter(info, name, *p));
    }
    out.params.emplace_back(name, x.back());
  }
  // A count is truncated to the reals that round into its range: [least - 1/2, most + 1/2], the
  // ends open so that no draw rounds outside it.
  Interval range = info.valid.range;
  // couriers = 0 is another way of shipping (freight, one trip, no travel), not fewer couriers: a
  // distribution of couriers stays at 1 or more.
  if (key.ends_with(".couriers")) range.lo = std::max(range.lo, 1.0);
  if (info.valid.whole) range = {range.lo - 0.5, range.hi + 0.5, true, true};
  try {
    const Dist d = form->name == std::string("lognormal")    ? Dist::lognormal(x[0], x[1])
                   : form->name == std::string("triangular") ? Dist::triangular(x[0], x[1], x[2])
                   : form->name == std::string("uniform")    ? Dist::uniform(x[0], x[1])
                                                             : Dist::normal(x[0], x[1]);
    if (const auto problem = Truncated::problem(d, range))
      throw InputError(shown + ": " + *problem + " (" + info.form + ")");
    out.dist = Truncated(d, range);
  } catch (const std::invalid_argument& e) {
    throw InputError(shown + ": " + e.what() + " (expected " + expected + ")");
  }
  out.point = out.dist.median();
  if (out.whole) out.point = std::round(out.point) + 0.0;  // + 0.0: never "-0"
  return out;
}

std::optional<KeyDist> apply_value(Scenario& s, const std::string& key, const Value& v) {
  if (v.kind != Value::Kind::dist) {
    set_key(s, key, v);
    return std::nullopt;
  }
  const KeyInfo* info = find_key(key);
  if (!info || !takes_distribution(*info))
    throw InputError(v.shown() + " is a distribution, which only a numeric key may hold" +
                     (info ? " (expected " + info->form + ")" : std::string()));
  KeyDist d = read_distribution(key, v);
  set_key(s, key, base_value(*info, d.point));
  return d;
}

void resolve_uncertainty(Scenario& s) {
  UncertaintySpec& u = s.uncertainty;
  u.keys.clear();
  u.routes.clear();
  for (const RouteInfo& r : s.routes) u.routes.push_back({r.name, std::nullopt, ""});
  // The routes' own: their last value of each key (RouteInfo::keys), as they were applied.
  for (const RouteInfo& r : s.route_defs)
    for (const Assignment& a : r.keys)
      if (a.value.kind == Value::Kind::dist) s.distributions[a.key] = a.value;
  const Flat flat = flatten(s.in);
  for (const auto& [key, value] : s.distributions) {
    const std::string route = route_key_name(key);
    const std::string field = key.substr(key.rfind('.') + 1);
    std::vector<std::size_t> users;  // the routes compared that take this value
    std::vector<int> slots;
    std::string section_key = key;
    if (!route.empty()) {
      const int r = s.route_index(route);
      if (r < 0) continue;  // defined, not compared
      section_key = route_base_key(s.routes[static_cast<std::size_t>(r)].kind, field);
      users.push_back(static_cast<std::size_t>(r));
      slots.push_back(input_slot(s, key));
    } else {
      const int slot = input_slot(s, key);
      slots.push_back(slot);
      for (std::size_t i = 0; i < s.routes.size(); ++i) {
        const int own = route_slot(s.in.routes, i, slot);
        if (own < 0) continue;      // its kind has no such key
        if (!s.in.routes[i].own) {  // the network or ship route: the section itself
          users.push_back(i);
          continue;
        }
        // A named route inherits the section's value unless it set the key itself or something
        // else replaced the value (its own drive preset, a hybrid's drives = "auto").
        const std::string own_key = "route." + s.routes[i].name + "." + field;
        const auto& keys = s.routes[i].keys;
        const bool set_here = std::any_of(keys.begin(), keys.end(),
                                          [&](const Assignment& a) { return a.key == own_key; });
        if (set_here || flat[static_cast<std::size_t>(own)] != flat[static_cast<std::size_t>(slot)])
          continue;
        users.push_back(i);
        slots.push_back(own);
      }
    }
    KeyDist d = read_distribution(section_key, value);  // read once already: it reads again
    if (section_key == "ship.hold") {
      // Drawn per held trip (MODEL.md section 11), not once a sample.
      for (const std::size_t i : users) {
        u.routes[i].hold = d.dist;
        u.routes[i].hold_key = key;
      }
      continue;
    }
    u.keys.push_back({key, slots, std::move(d.dist), d.whole, stream_of(key)});
  }
  // compare keeps every sample's arrival, time and cost of every route for the quantiles.
  const double kept = static_cast<double>(u.samples) * static_cast<double>(s.routes.size());
  if (kept > limits::kSampleRoutes) {
    const auto it = s.where.find("uncertainty.samples");
    throw at(it == s.where.end() ? std::string("defaults") : it->second, "uncertainty.samples",
             units::format_count(static_cast<double>(u.samples)) + " samples of " +
                 units::format_count(static_cast<double>(s.routes.size())) +
                 " routes are over the limit of " + units::format_count(limits::kSampleRoutes) +
                 " (samples x routes compared; the results are kept to sort them)");
  }
}

}  // namespace haul
