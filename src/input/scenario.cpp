#include "input/scenario.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

#include "input/checks.hpp"
#include "input/error.hpp"
#include "input/examples.hpp"
#include "input/fields.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "input/scenario_detail.hpp"
#include "input/toml_util.hpp"
#include "input/uncertain.hpp"
#include "input/units.hpp"

namespace haul {

std::string Value::shown() const {
  switch (kind) {
    case Kind::boolean:
      return boolean ? "true" : "false";
    case Kind::string:
      return quote_text(text, 100);  // one printable line, however long or odd the text
    case Kind::dist: {
      std::string out = "{";
      for (const auto& [name, value] : members)
        out += (out.size() > 1 ? ", " : " ") + printable(name, 64) + " = " + value.shown();
      return out + " }";
    }
    default: {
      char buffer[64];
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
      return std::string(buffer, end);
    }
  }
}

const Value* Value::member(const std::string& name) const {
  for (const auto& [n, v] : members)
    if (n == name) return &v;
  return nullptr;
}

namespace {

[[noreturn]] void unknown_key(const std::string& where, const std::string& key) {
  std::vector<std::string> guesses;
  if (const std::string route = route_key_name(key); !route.empty()) {
    // A route's key: the closest of the route keys, under the route's name.
    std::vector<std::string> names;
    for (const KeyInfo& k : route_keys()) names.push_back(k.key.substr(k.key.rfind('.') + 1));
    const std::string last = key.substr(key.rfind('.') + 1);
    if (const std::string guess = closest(last, names); !guess.empty())
      guesses.push_back("route." + route + "." + guess);
  } else {
    guesses = suggest_keys(key);
  }
  std::string hint = " (haul keys lists them)";
  if (!guesses.empty()) {
    hint = " (did you mean ";
    for (size_t i = 0; i < guesses.size(); ++i)
      hint += (i == 0 ? "" : i + 1 == guesses.size() ? " or " : ", ") + guesses[i];
    hint += "?)";
  }
  throw at(where, key, "unknown key" + hint);
}

Value value_of(const toml::node& node, const std::string& where, const std::string& key) {
  // [plan] routes is the one list: its names, one word each, as the text "a, b, c".
  if (const toml::array* list = node.as_array(); list && key == "plan.routes") {
    Value v;
    for (const toml::node& item : *list) {
      const auto* name = item.as_string();
      if (!name || name->get().find(',') != std::string::npos)
        throw at(where, key, "expected a list of route names (strings), e.g. [\"network\", \"ship\"]");
      v.text += (v.text.empty() ? "" : ", ") + std::string(name->get());
    }
    if (list->empty()) v.text = "[]";
    return v;
  }
  // An inline table is a distribution (MODEL.md section 11); whether the key takes one and whether
  // its members make one is the key's business (input/uncertain.cpp).
  if (const toml::table* table = node.as_table()) {
    // MODEL.md's order (dist, then each form's parameters), then any others as TOML sorts them.
    static const std::vector<std::string> order = {"dist", "p50", "p90",  "min",
                                                   "mode", "max", "mean", "sd"};
    auto rank = [](const std::string& name) {
      return std::find(order.begin(), order.end(), name) - order.begin();
    };
    Value v;
    v.kind = Value::Kind::dist;
    for (const auto& [member, item] : *table) {
      const std::string name(member.str());
      try {
        v.members.push_back({name, value_of_node(item)});
      } catch (const InputError&) {
        throw at(where, key,
                 "expected a distribution whose members are single values, e.g. { dist = "
                 "\"lognormal\", p50 = \"24 h\", p90 = \"72 h\" }; " +
                     printable(name, 64) + " is a " + (item.is_table() ? "table" : "list"));
      }
    }
    std::stable_sort(v.members.begin(), v.members.end(),
                     [&](const auto& a, const auto& b) { return rank(a.name) < rank(b.name); });
    return v;
  }
  try {
    return value_of_node(node);
  } catch (const InputError&) {
    const KeyInfo* info = find_key(key);
    throw at(where, key,
             "expected a single value (" + (info ? info->form : std::string("a value")) +
                 "), not a " +
                 (node.is_table()   ? "table"
                  : node.is_array() ? "list"
                                    : "date or time"));
  }
}

// [route.NAME] tables: each a table of the route's keys, read as "route.NAME.KEY". Which keys its
// kind takes is checked when the routes are built (routes.cpp); here only that each is a route key.
void read_routes(const toml::table& routes, const std::string& source,
                 std::vector<Assignment>& out) {
  for (const auto& [name_key, node] : routes) {
    const std::string name(name_key.str());
    const std::string where = where_of(source, node.source());
    const toml::table* route = node.as_table();
    if (!route)
      throw at(where, "route." + printable(name, 64),
               "expected a table: [route." + printable(name, 64) +
                   "] with kind = \"network\", \"ship\", \"appliance\" or \"hybrid\" and "
                   "its keys");
    if (route->empty())
      throw at(where, "route." + printable(name, 64) + ".kind",
               "missing: every [route.NAME] says its kind (\"network\", \"ship\", "
               "\"appliance\" or \"hybrid\")");
    for (const auto& [inner, value] : *route) {
      const std::string path = "route." + name + "." + std::string(inner.str());
      const std::string inner_where = where_of(source, value.source());
      if (!find_key(path)) unknown_key(inner_where, path);
      out.push_back({path, value_of(value, inner_where, path), inner_where});
    }
  }
}

// The dotted key that line `line` (from 1) of a TOML text assigns, with the [section] above it:
// "data.files" for `files = 9223372036854775808` under [data]; "" when the line assigns none.
std::string key_on_line(std::string_view text, std::uint32_t line) {
  std::string section;
  std::uint32_t at_line = 1;
  std::size_t start = 0;
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r'))
      v.remove_suffix(1);
    return v;
  };
  while (start <= text.size() && at_line <= line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view row = trim(text.substr(start, end - start));
    if (!row.empty() && row.front() == '[' && row.find(']') != std::string_view::npos) {
      section = std::string(trim(row.substr(1, row.find(']') - 1)));
    } else if (at_line == line) {
      const std::size_t eq = row.find('=');
      if (eq == std::string_view::npos) return "";
      const std::string key(trim(row.substr(0, eq)));
      return section.empty() ? key : section + "." + key;
    }
    start = end + 1;
    ++at_line;
  }
  return "";
}

}  // namespace

Value value_of_node(const toml::node& node) {
  Value v;
  if (const auto* i = node.as_integer()) {
    v.kind = Value::Kind::integer;
    v.number = static_cast<double>(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    v.kind = Value::Kind::floating;
    v.number = f->get();
  } else if (const auto* b = node.as_boolean()) {
    v.kind = Value::Kind::boolean;
    v.boolean = b->get();
  } else if (const auto* s = node.as_string()) {
    v.kind = Value::Kind::string;
    v.text = s->get();
  } else {
    throw InputError("expected a number, a boolean or a string");
  }
  return v;
}

std::vector<Assignment> read_scenario_text(std::string_view text, const std::string& source,
                                           const std::vector<std::string>& extra_tables) {
  toml::table root;
  try {
    root = parse_toml(text, source);
  } catch (const toml::parse_error& e) {
    // A value toml++ cannot hold (1e400, 2^63) fails the parse: name the key on that line.
    const std::string key = key_on_line(text, e.source().begin.line);
    const KeyInfo* info = key.empty() ? nullptr : find_key(key);
    throw InputError(where_of(source, e.source()) + ": " +
                     (key.empty() ? "" : printable(key, 100) + ": ") +
                     printable(std::string(e.description()), 300) +
                     (info ? " (expected " + info->form + ")" : ""));
  }
  std::vector<Assignment> out;
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    const std::string where = where_of(source, node.source());
    if (std::find(extra_tables.begin(), extra_tables.end(), name) != extra_tables.end()) continue;
    // A table under a top-level key ("name") is that key's value: the key refuses it.
    if (const toml::table* section = node.as_table(); section && !find_key(name)) {
      const std::vector<std::string> known = {"data",    "network", "ship",  "appliance",
                                              "compute", "plan",    "route", "uncertainty"};
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::vector<std::string> sections = known;
        sections.insert(sections.end(), extra_tables.begin(), extra_tables.end());
        const std::string guess = closest(name, sections);
        throw at(where, "[" + name + "]",
                 "unknown section" +
                     (guess.empty() ? "; sections: [data] [network] [ship] [appliance] [compute] "
                                      "[plan] [route.NAME] [uncertainty]"
                                    : " (did you mean [" + guess + "]?)"));
      }
      if (name == "route") {
        read_routes(*section, source, out);
        continue;
      }
      for (const auto& [inner, value] : *section) {
        const std::string path = name + "." + std::string(inner.str());
        const std::string inner_where = where_of(source, value.source());
        if (!find_key(path)) unknown_key(inner_where, path);
        out.push_back({path, value_of(value, inner_where, path), inner_where});
      }
    } else {
      if (!find_key(name)) unknown_key(where, name);
      out.push_back({name, value_of(node, where, name), where});
    }
  }
  // toml++ keeps keys sorted; report them in file order so the first error is the first in the
  // file.
  std::stable_sort(out.begin(), out.end(), [](const Assignment& a, const Assignment& b) {
    auto line_col = [](const std::string& w) {
      const auto last = w.rfind(':'), mid = w.rfind(':', last - 1);
      return std::pair{std::stol(w.substr(mid + 1, last - mid - 1)), std::stol(w.substr(last + 1))};
    };
    return line_col(a.where) < line_col(b.where);
  });
  return out;
}

std::vector<Assignment> read_scenario_file(const std::string& path,
                                           const std::vector<std::string>& extra_tables) {
  return read_scenario_text(read_input_file(path, "scenario file"), path, extra_tables);
}

Value parse_value_text(const std::string& text) {
  try {
    const toml::table t = parse_toml("v = " + text, "--set");
    // An inline table is a distribution ({dist="lognormal", p50="24 h", p90="72 h"}).
    if (const toml::node* node = t.get("v"); node && t.size() == 1 && !node->is_array() &&
                                             !node->is_date() && !node->is_time() &&
                                             !node->is_date_time()) {
      return value_of(*node, "", "");
    }
  } catch (const toml::parse_error&) {
    // not a TOML value: a plain string
  } catch (const InputError&) {
    // not one TOML value either (a deeply dotted key on a line of its own): a plain string
  }
  Value v;
  v.kind = Value::Kind::string;
  v.text = text;
  return v;
}

Assignment parse_set(const std::string& arg, const std::string& where) {
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(where + ": " + quote_text(arg, 100) +
                     " is not an assignment (write section.key=value, e.g. network.rtt=100ms)");
  std::string key = arg.substr(0, eq);
  while (!key.empty() && key.back() == ' ') key.pop_back();
  if (!find_key(key)) unknown_key(where, key);
  std::string value = arg.substr(eq + 1);
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  return {key, parse_value_text(value), where, value};
}

namespace {

// A peak in TFLOP/s to six digits (1979 and 1978 must not both read "1.98 PFLOP/s").
std::string tflops(double flops) {
  return units::format_number(flops / 1e12, 6) + " TFLOP/s";
}

// The architecture's keys only mean something with all of layers, d_model and seq_len: given
// without them they would change nothing, which would surprise whoever gave them. (Keys that wait
// for tokens = "auto" or failure_rate are only noted: a command-line override of tokens must not
// make a file's epochs an error.)
template <class F>
void check_compute_keys(const Scenario& s, F fail) {
  auto given = [&](const char* key) { return s.where.count(key) > 0; };
  // The architecture: attention FLOPs and activations need layers, d_model and seq_len.
  const char* arch[] = {"compute.layers", "compute.d_model", "compute.seq_len"};
  const bool all = given(arch[0]) && given(arch[1]) && given(arch[2]);
  if (!all) {
    std::string missing;
    for (const char* k : arch)
      if (!given(k)) missing += std::string(missing.empty() ? "" : " and ") + k;
    for (const char* k : {"compute.layers", "compute.d_model", "compute.seq_len",
                          "compute.attention", "compute.vocab", "compute.micro_batch"})
      if (given(k))
        throw fail(k, std::string("given without ") + missing +
                          " (attention FLOPs and activation memory need layers, d_model and "
                          "seq_len)");
  }
}

}  // namespace

void apply_drive_preset(Scenario& s, const Catalog& catalog) {
  const DrivePreset& d = catalog.drive(s.drive);
  s.in.ship.capacity_bytes = d.capacity_bytes;
  s.in.ship.write_Bps = d.write_Bps;
  s.in.ship.read_Bps = d.read_Bps;
  s.in.ship.price_usd = d.price_usd;
  s.in.ship.weight_kg = d.weight_kg;
}

void apply_appliance_preset(Scenario& s, const Catalog& catalog) {
  const AppliancePreset& p = catalog.appliance(s.appliance);
  auto& a = s.in.appliance;
  a.capacity_bytes = p.capacity_bytes;
  a.fill_Bps = p.fill_Bps;
  a.lead_time_s = p.lead_time_s;
  a.transit_s = p.transit_s;
  a.processing_s = p.processing_s;
  a.job_fee_usd = p.job_fee_usd;
  a.included_days = p.included_days;
  a.day_fee_usd = p.day_fee_usd;
  a.shipping_usd = p.shipping_usd;
}

bool drive_changed(const Scenario& s, const Catalog& catalog) {
  const DrivePreset& d = catalog.drive(s.drive);
  const auto& p = s.in.ship;
  return p.capacity_bytes != d.capacity_bytes || p.write_Bps != d.write_Bps ||
         p.read_Bps != d.read_Bps || p.price_usd != d.price_usd || p.weight_kg != d.weight_kg;
}

bool appliance_changed(const Scenario& s, const Catalog& catalog) {
  Scenario preset;
  preset.appliance = s.appliance;
  apply_appliance_preset(preset, catalog);
  preset.in.appliance.devices = s.in.appliance.devices;
  preset.in.appliance.copy_limit_Bps = s.in.appliance.copy_limit_Bps;
  const auto& a = s.in.appliance;
  const auto& p = preset.in.appliance;
  return a.capacity_bytes != p.capacity_bytes || a.fill_Bps != p.fill_Bps ||
         a.lead_time_s != p.lead_time_s || a.transit_s != p.transit_s ||
         a.processing_s != p.processing_s || a.job_fee_usd != p.job_fee_usd ||
         a.included_days != p.included_days || a.day_fee_usd != p.day_fee_usd ||
         a.shipping_usd != p.shipping_usd;
}

Scenario build_scenario(const std::vector<Assignment>& assignments, const Catalog& catalog,
                        bool row_checks) {
  // The routes' own keys ([route.NAME]) come after the sections they start from.
  std::vector<Assignment> sections, route_keys;
  for (const Assignment& a : assignments)
    (a.key.rfind("route.", 0) == 0 ? route_keys : sections).push_back(a);
  // [appliance] is checked against the data only when some route is an appliance.
  const bool appliance = std::any_of(route_keys.begin(), route_keys.end(), [](const Assignment& a) {
    return a.key.ends_with(".kind") && a.value.kind == Value::Kind::string &&
           a.value.text == "appliance";
  });
  Scenario s = build_sections(sections, catalog, appliance, row_checks);
  build_routes(s, route_keys, catalog, row_checks);
  resolve_uncertainty(s);
  return s;
}

Scenario build_sections(const std::vector<Assignment>& assignments, const Catalog& catalog,
                        bool check_appliance, bool row_checks) {
  Scenario s;
  auto apply = [&](const Assignment& a) {
    if (!find_key(a.key)) unknown_key(a.where, a.key);
    try {
      // A later value of a key replaces an earlier distribution, as it replaces a value.
      if (apply_value(s, a.key, a.value)) {
        s.distributions[a.key] = a.value;
      } else {
        s.distributions.erase(a.key);
      }
    } catch (const InputError& e) {
      throw at(a.where, a.key, e.what());
    }
    s.where[a.key] = a.where;
  };
  // Presets first, so that explicit keys override their fields wherever they stand.
  auto preset = [](const std::string& key) {
    return key == "ship.drive" || key == "compute.gpu" || key == "appliance.appliance";
  };
  for (const auto& a : assignments)
    if (preset(a.key)) apply(a);
  try {
    apply_drive_preset(s, catalog);
  } catch (const InputError& e) {
    throw at(s.where.count("ship.drive") ? s.where["ship.drive"] : "", "ship.drive", e.what());
  }
  try {
    apply_appliance_preset(s, catalog);
  } catch (const InputError& e) {
    throw at(s.where.count("appliance.appliance") ? s.where["appliance.appliance"] : "",
             "appliance.appliance", e.what());
  }
  try {
    s.in.compute.peak_flops = catalog.gpu(s.gpu).peak_flops;
    s.in.compute.memory_bytes = catalog.gpu(s.gpu).memory_bytes;
  } catch (const InputError& e) {
    throw at(s.where.count("compute.gpu") ? s.where["compute.gpu"] : "", "compute.gpu", e.what());
  }
  for (const auto& a : assignments)
    if (!preset(a.key)) apply(a);
  {
    s.drive_custom = drive_changed(s, catalog);
    s.appliance_custom = appliance_changed(s, catalog);
    const GpuPreset& g = catalog.gpu(s.gpu);
    s.gpu_custom =
        s.in.compute.peak_flops != g.peak_flops || s.in.compute.memory_bytes != g.memory_bytes;
    // MODEL.md section 4: the catalog's peak is the dense one; a higher peak is most likely the
    // datasheet's sparse figure, which would halve every MFU.
    if (s.in.compute.peak_flops > g.peak_flops * (1 + 1e-9)) {
      const auto it = s.where.find("compute.peak");
      throw at(it == s.where.end() ? "" : it->second, "compute.peak",
               tflops(s.in.compute.peak_flops) + " is above " + g.name + "'s dense BF16 peak of " +
                   tflops(g.peak_flops) + "; datasheets print the sparse figure (" +
                   tflops(2 * g.peak_flops) +
                   "), which would halve every MFU: give the dense one, or another compute.gpu");
    }
  }

  // ---- cross-field checks, each naming the key the user can change ----
  const Fail fail = [&](const std::string& key, const std::string& what) -> InputError {
    const auto it = s.where.find(key);
    return at(it == s.where.end() ? "" : it->second, key, what);
  };
  auto& c = s.in.compute;
  const bool has_params = s.where.count("compute.params"),
             has_tokens = s.where.count("compute.tokens");
  if (s.where.count("compute.gpu_hours")) {
    c.job = static_cast<int>(Job::gpu_hours);
  } else if (s.where.count("compute.flops")) {
    c.job = static_cast<int>(Job::flops);
  } else if (has_params && has_tokens) {
    c.job = static_cast<int>(Job::params_tokens);
  } else if (has_params != has_tokens) {
    throw fail(has_params ? "compute.params" : "compute.tokens",
               std::string("given without compute.") + (has_params ? "tokens" : "params") +
                   " (flops = 6 * params * tokens needs both; or give compute.flops or "
                   "compute.gpu_hours)");
  }
  check_compute_keys(s, fail);
  if (row_checks) check_inputs(s, fail, check_appliance);
  return s;
}


std::string Base::label() const {
  switch (kind) {
    case Kind::example:
      return "example " + name;
    case Kind::file:
      return name;
    default:
      return "defaults";
  }
}

std::vector<Assignment> base_assignments(const Base& base) {
  switch (base.kind) {
    case Base::Kind::example: {
      const Example& e = find_example(base.name);
      return read_scenario_text(e.toml, e.file);
    }
    case Base::Kind::file:
      return read_scenario_file(base.name);
    default:
      return {};
  }
}

namespace {

// Built scenarios hold finite inputs only, so == on the rows is exact. Two distributions with the
// same median differ in their spread: compared as written.
bool same_inputs(const Scenario& a, const Scenario& b) {
  auto written = [](const Scenario& s) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [key, value] : s.distributions) out.emplace_back(key, value.shown());
    return out;
  };
  return a.drive == b.drive && a.gpu == b.gpu && flatten(a.in) == flatten(b.in) &&
         written(a) == written(b);
}

}  // namespace

bool overrides_change(const std::vector<Assignment>& base, const std::vector<Assignment>& overrides,
                      const Catalog& catalog) {
  if (overrides.empty()) return false;
  std::vector<Assignment> all = base;
  all.insert(all.end(), overrides.begin(), overrides.end());
  try {
    return !same_inputs(build_scenario(base, catalog), build_scenario(all, catalog));
  } catch (const InputError&) {
    // One of them is not a scenario on its own (a sweep's axes may complete it): the overrides
    // count as a change.
    return true;
  }
}

std::string shown_name(const std::string& name, bool modified,
                       const std::vector<Assignment>& overrides) {
  const bool renamed = std::any_of(overrides.begin(), overrides.end(),
                                   [](const Assignment& a) { return a.key == "name"; });
  return modified && !renamed && !name.empty() ? name + " (modified)" : name;
}

Scenario load_scenario(const Base& base, const std::vector<Assignment>& overrides,
                       const Catalog& catalog) {
  std::vector<Assignment> all = base_assignments(base);
  const std::vector<Assignment> from_base = all;
  all.insert(all.end(), overrides.begin(), overrides.end());
  Scenario s = build_scenario(all, catalog);
  s.base = base;
  s.overrides = overrides;
  s.modified = overrides_change(from_base, overrides, catalog);
  s.name = shown_name(s.name, s.modified, overrides);
  return s;
}

std::string base_line(const Scenario& s) {
  return base_line(s.base.label(), s.base.note, s.overrides);
}

std::string base_line(const std::string& label, const std::string& note,
                      const std::vector<Assignment>& overrides) {
  std::string line = "base: " + printable(label);
  if (!note.empty()) line += " (" + note + ")";
  if (overrides.empty()) return line;
  line += "; command line:";
  for (size_t i = 0; i < overrides.size(); ++i) {
    const Assignment& a = overrides[i];
    // As typed, but one printable line whatever was typed.
    const std::string value = !a.written.empty()                    ? printable(a.written, 80)
                              : a.value.kind == Value::Kind::string ? printable(a.value.text, 80)
                                                                    : a.value.shown();
    line += std::string(i ? ", " : " ") + a.key + " = " + value + " (" + printable(a.where) + ")";
  }
  return line;
}

}  // namespace haul
