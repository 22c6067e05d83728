#include "input/effective.hpp"

#include <algorithm>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/quote.hpp"
#include "input/uncertain.hpp"
#include "input/units.hpp"

namespace haul {

namespace {

std::string shortest(double x) {
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  return std::string(buffer, end);
}

struct Unit {
  const char* name;
  double size;
};

// The units a value may be written in, per quantity, the one to prefer on a tie first (0 USD/GB).
std::vector<Unit> units_of(Quantity q) {
  using namespace units;
  switch (q) {
    case Quantity::size:
      return {{"B", 1},      {"kB", kKB},   {"MB", kMB},   {"GB", kGB},
              {"TB", kTB},   {"PB", kPB},   {"EB", kEB},   {"KiB", kKiB},
              {"MiB", kMiB}, {"GiB", kGiB}, {"TiB", kTiB}, {"PiB", kPiB}};
    case Quantity::rate:
      return {{"bps", 1}, {"kbps", 1e3}, {"Mbps", 1e6}, {"Gbps", 1e9}, {"Tbps", 1e12}};
    case Quantity::throughput:
      return {{"B/s", 1},    {"kB/s", kKB},   {"MB/s", kMB},  {"GB/s", kGB},
              {"TB/s", kTB}, {"MiB/s", kMiB}, {"GiB/s", kGiB}};
    case Quantity::duration:
      return {{"s", 1}, {"us", 1e-6}, {"ms", 1e-3}, {"min", kMinute}, {"h", kHour}, {"d", kDay}};
    case Quantity::money:
      return {{"USD", 1}};
    case Quantity::price_per_byte:
      return {{"USD/GB", 1 / kGB},
              {"USD/TB", 1 / kTB},
              {"USD/MB", 1 / kMB},
              {"USD/kB", 1 / kKB},
              {"USD/B", 1}};
    case Quantity::price_per_second:
      return {{"USD/h", 1 / kHour}, {"USD/d", 1 / kDay}, {"USD/month", 1 / kMonth}, {"USD/s", 1}};
    case Quantity::flop:
      return {{"FLOP", 1}};
    case Quantity::flop_rate:
      return {{"FLOP/s", 1}, {"TFLOPS", 1e12}, {"PFLOPS", 1e15}};
    case Quantity::mass:
      return {{"kg", 1}, {"g", 1e-3}, {"lb", 0.45359237}};
    default:
      return {};
  }
}

// Does `text` (a TOML value) read back through the key's reader as exactly `x`?
bool reads_back(const KeyInfo& key, const std::string& text, double x) {
  try {
    Scenario probe;
    set_key(probe, key.key, parse_value_text(text));
    return flatten(probe.in)[static_cast<std::size_t>(key.slot)] == x;
  } catch (const InputError&) {
    return false;
  }
}

std::string redundancy_word(const ShipParams<double>& s) {
  switch (static_cast<int>(s.redundancy)) {
    case static_cast<int>(Redundancy::copies):
      return shortest(s.copies) + "x";
    case static_cast<int>(Redundancy::erasure):
      return shortest(s.erasure_k) + "+" + shortest(s.erasure_m);
    default:
      return "none";
  }
}

// "seed.toml:14:9" -> "seed.toml:14": a comment names the line.
std::string line_of(const std::string& where) {
  const auto last = where.rfind(':');
  if (last == std::string::npos || last + 1 >= where.size()) return where;
  const auto mid = where.rfind(':', last - 1);
  if (mid == std::string::npos) return where;
  const bool numbers = where.find_first_not_of("0123456789", mid + 1) == last &&
                       where.find_first_not_of("0123456789", last + 1) == std::string::npos;
  return numbers ? where.substr(0, last) : where;
}

// Why a default changes nothing here (see EffectiveValue::unused): "used with ...", or "not used
// with ..."; "" when it is used.
std::string unused_because(const Scenario& s, const std::string& k) {
  const auto& c = s.in.compute;
  const bool architecture = has_architecture(c);
  if ((k == "compute.epochs" || k == "compute.bytes_per_token") && c.tokens_auto == 0)
    return "used with compute.tokens = \"auto\"";
  if ((k == "compute.attention" || k == "compute.micro_batch") && !architecture)
    return "used with compute.layers, d_model and seq_len";
  if ((k == "compute.checkpoint_rate" || k == "compute.restart_time") &&
      c.failures_per_gpu_day == 0)
    return "used with compute.failure_rate";
  if (k == "compute.goodput" && c.failures_per_gpu_day > 0)
    return "not used with compute.failure_rate, which derives goodput";
  if (k.rfind("appliance.", 0) == 0 &&
      std::none_of(s.route_defs.begin(), s.route_defs.end(),
                   [](const RouteInfo& r) { return r.kind == RouteKind::appliance; }))
    return "used by routes of kind appliance";
  return "";
}

}  // namespace

std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04X", u);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string exact_toml(const KeyInfo& key, double x) {
  const std::vector<Unit> units = units_of(key.quantity);
  if (units.empty()) {
    // Counts, fractions and plain numbers are bare TOML numbers: an integer when whole.
    if (x == std::floor(x) && std::fabs(x) < 9007199254740992.0) {
      char buffer[64];
      const auto end =
          std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed).ptr;
      std::string whole(buffer, end);
      // TOML's digit separators keep long counts readable: 10_000_000_000.
      const std::size_t first = whole[0] == '-' ? 1 : 0;
      if (whole.size() - first > 6)
        for (std::size_t i = whole.size(); i > first + 3;) whole.insert(i -= 3, "_");
      if (reads_back(key, whole, x)) return whole;
    }
    return shortest(x);
  }
  // The unit that writes x as a whole number of the fewest digits (80 TB, 1500 B, 100 ms), else
  // the fewest digits of all; only texts that read back as exactly x count.
  std::string best;
  int best_score = 0;
  for (const Unit& u : units) {
    const double scaled = x / u.size;
    const std::string digits = shortest(scaled);
    const std::string text = toml_string(digits + " " + u.name);
    if (!reads_back(key, text, x)) continue;
    const bool whole = scaled == std::floor(scaled) && std::fabs(scaled) < 1e6;
    const int score = (whole ? 0 : 1000) + static_cast<int>(digits.size());
    if (best.empty() || score < best_score) best = text, best_score = score;
  }
  if (!best.empty()) return best;
  // The base unit reads back exactly for any double; the check above only fails for values the
  // reader refuses (which a built scenario never holds).
  for (const Unit& u : units)
    if (u.size == 1) return toml_string(shortest(x) + " " + u.name);
  return toml_string(shortest(x / units.front().size) + " " + units.front().name);
}

std::string toml_value(const Value& value) {
  switch (value.kind) {
    case Value::Kind::string:
      return toml_string(value.text);
    case Value::Kind::dist: {
      std::string out = "{";
      for (const auto& [name, member] : value.members)
        out += (out.size() > 1 ? ", " : " ") + name + " = " + toml_value(member);
      return out + " }";
    }
    default:
      return value.shown();
  }
}

void view_as_route(Scenario& s, const std::string& route) {
  const int r = s.route_index(route);
  if (r < 0) return;
  const RouteKind kind = s.routes[static_cast<std::size_t>(r)].kind;
  for (const Assignment& a : s.routes[static_cast<std::size_t>(r)].keys)
    if (a.value.kind == Value::Kind::dist)
      s.distributions[route_base_key(kind, a.key.substr(a.key.rfind('.') + 1))] = a.value;
}

std::vector<EffectiveKey> effective_keys(const Scenario& s) {
  const Flat flat = flatten(s.in);
  std::vector<EffectiveKey> out;
  for (const KeyInfo& key : scenario_keys()) {
    EffectiveValue v;
    const std::string& k = key.key;
    const double x = key.slot >= 0 ? flat[static_cast<std::size_t>(key.slot)] : 0.0;
    // A distribution, where the value is still its point value (a route's view of a section key
    // it overrides is that route's own value).
    std::optional<KeyDist> dist;
    if (const auto it = s.distributions.find(k); it != s.distributions.end()) {
      dist = read_distribution(k, it->second);
      if (dist->point != x) dist.reset();
    }
    if (k.rfind("uncertainty.", 0) == 0 && s.distributions.empty() && !s.where.count(k)) continue;
    auto word = [&](std::string w) {
      v.kind = EffectiveValue::Kind::word;
      v.word = std::move(w);
      v.toml = toml_string(v.word);
    };
    auto number = [&] {
      v.kind = EffectiveValue::Kind::number;
      v.number = x;
      v.toml = exact_toml(key, x);
    };
    if (dist) {
      v.kind = EffectiveValue::Kind::dist;
      v.number = x;
      v.word = dist->name;
      v.params = dist->params;
      v.toml = toml_value(s.distributions.at(k));
    } else if (k == "uncertainty.samples" || k == "uncertainty.seed") {
      v.kind = EffectiveValue::Kind::number;
      v.number = static_cast<double>(k == "uncertainty.samples" ? s.uncertainty.samples
                                                                : s.uncertainty.seed);
      v.toml =
          std::to_string(k == "uncertainty.samples" ? s.uncertainty.samples : s.uncertainty.seed);
    } else if (k == "name") {
      if (!s.name.empty()) word(s.name);
    } else if (k == "ship.drive") {
      word(s.drive);
    } else if (k == "compute.gpu") {
      word(s.gpu);
    } else if (k == "appliance.appliance") {
      word(s.appliance);
    } else if (k == "plan.routes") {
      std::string list;
      for (const RouteInfo& r : s.routes) list += (list.empty() ? "" : ", ") + r.name;
      word(list);
      v.toml = "[";
      for (const RouteInfo& r : s.routes)
        v.toml += (v.toml.size() > 1 ? ", " : "") + toml_string(r.name);
      v.toml += "]";
    } else if (k == "ship.redundancy") {
      word(redundancy_word(s.in.ship));
    } else if (k == "ship.verify") {
      v.kind = EffectiveValue::Kind::boolean;
      v.boolean = x != 0;
      v.toml = v.boolean ? "true" : "false";
    } else if (k == "network.congestion") {
      word(kCongestionNames[static_cast<int>(x)]);
    } else if (k == "ship.on_loss") {
      word(kOnLossNames[static_cast<int>(x)]);
    } else if (k == "compute.weights") {
      word(kWeightsNames[static_cast<int>(x)]);
    } else if (k == "compute.billing") {
      word(kBillingNames[static_cast<int>(x)]);
    } else if ((k == "network.efficiency" || k == "ship.drives" || k == "ship.per_courier" ||
                k == "appliance.devices") &&
               x == 0) {
      word("auto");
    } else if (k == "network.measured_rate" && x == 0) {
      word("none");
    } else if (k == "compute.attention") {
      const auto& c = s.in.compute;
      word(c.attention == static_cast<int>(Attention::window)
               ? "window " + shortest(c.attention_window)
               : kAttentionNames[static_cast<int>(c.attention)]);
    } else if (k == "compute.tokens" && s.in.compute.tokens_auto != 0) {
      word("auto");
    } else if ((k == "compute.gpu_hours" || k == "compute.flops" || k == "compute.params" ||
                k == "compute.tokens" || k == "compute.total_params" || k == "compute.layers" ||
                k == "compute.d_model" || k == "compute.seq_len" || k == "compute.vocab" ||
                k == "compute.failure_rate" || k == "compute.checkpoint_time") &&
               !s.where.count(k)) {
      // an optional key that was not given: unset
    } else {
      number();
    }
    if (const auto it = s.where.find(k); it != s.where.end()) {
      v.where = it->second;
    } else if (k == "ship.capacity" || k == "ship.write_rate" || k == "ship.read_rate" ||
               k == "ship.price" || k == "ship.weight") {
      v.where = "preset " + s.drive;
    } else if (k == "compute.peak" || k == "compute.memory") {
      v.where = "preset " + s.gpu;
    } else if (k.rfind("appliance.", 0) == 0 && k != "appliance.appliance" &&
               k != "appliance.devices" && k != "appliance.copy_limit") {
      v.where = "preset " + s.appliance;
    } else {
      v.where = "default";
    }
    if (!s.where.count(k)) v.unused = unused_because(s, k);
    out.push_back({&key, std::move(v)});
  }
  return out;
}

std::string scenario_toml(const Scenario& s) {
  std::string out =
      "# The effective scenario (haul scenario): every key, with where its value came from.\n"
      "# " +
      base_line(s) +
      "\n"
      "# Read back (haul compare FILE, or any command, with the same catalog) it gives the same\n"
      "# results. Commented-out figures come from a preset or are not set.\n";
  std::string section;
  for (const auto& [key, v] : effective_keys(s)) {
    const auto dot = key->key.find('.');
    const std::string here = dot == std::string::npos ? "" : key->key.substr(0, dot);
    const std::string name = dot == std::string::npos ? key->key : key->key.substr(dot + 1);
    if (here != section) {
      out += "\n[" + here + "]\n";
      section = here;
    } else if (section.empty() && out.back() != '\n') {
      out += "\n";
    }
    std::string where = printable(line_of(v.where));
    if (key->key == "name" && s.modified && !s.overrides.empty() && where.rfind("--", 0) != 0)
      where += ", then \"(modified)\": the command line changed the scenario";
    std::string line;
    if (v.where.rfind("preset ", 0) == 0) {
      // A preset's own figure stays with the preset: change the preset's name and its figures
      // follow; uncomment the line to set the figure itself.
      line = "# " + name + " = " + v.toml;
    } else if (v.kind == EffectiveValue::Kind::unset) {
      line = "# " + name + " = ...";
      where = key->key == "compute.total_params" ? "not set (= compute.params)"
              : key->key == "compute.checkpoint_time"
                  ? "not set (= state_bytes_per_param * total_params / checkpoint_rate)"
              : key->key == "name" ? "not set"
                                   : "not set (" + key->form + ")";
    } else if (!v.unused.empty()) {
      // A default that changes nothing here: written out, it would read back as given.
      line = "# " + name + " = " + v.toml;
      where += " (" + v.unused + ")";
    } else {
      line = name + " = " + v.toml;
    }
    if (line.size() > 64) {  // a long value: its origin goes on the line above
      out += "# " + where + ":\n" + line + "\n";
      continue;
    }
    if (line.size() < 32) line += std::string(32 - line.size(), ' ');
    out += line + "  # " + where + "\n";
  }
  // Each route as defined: its own keys; the rest come from its kind's sections above.
  for (const RouteInfo& r : s.route_defs) {
    out += "\n[route." + r.name + "]  # the keys not set here come from [" +
           (r.kind == RouteKind::hybrid ? std::string("network] and [ship")
                                        : std::string(kRouteKindNames[static_cast<int>(r.kind)])) +
           "]\n";
    for (const Assignment& a : r.keys) {
      const std::string name = a.key.substr(a.key.rfind('.') + 1);
      std::string line = name + " = " + toml_value(a.value);
      const std::string where = printable(line_of(a.where));
      if (line.size() > 64) {
        out += "# " + where + ":\n" + line + "\n";
        continue;
      }
      if (line.size() < 32) line += std::string(32 - line.size(), ' ');
      out += line + "  # " + where + "\n";
    }
  }
  return out;
}

}  // namespace haul
