// Reading a sweep file (MODEL.md section 7): the scenario's keys, the [sweep] axes (lists and
// ranges, checked against each key's own parser and against the limits on values an axis and points
// a grid before any value is copied or made) and [output] (columns, pivot).
#include <algorithm>
#include <cmath>
#include <string>

#include "input/checks.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/limits.hpp"
#include "input/toml_util.hpp"
#include "run/axes.hpp"
#include "run/range.hpp"
#include "run/sweep.hpp"
#include "run/sweep_impl.hpp"

namespace haul {

using sweep_detail::build_with;
using sweep_detail::shown_plain;

namespace {

std::pair<std::uint32_t, std::uint32_t> position(const toml::node& node) {
  return {node.source().begin.line, node.source().begin.column};
}

[[noreturn]] void unknown_sweep_key(const std::string& where, const std::string& table,
                                    const std::string& key) {
  const std::string guess = closest(key, key_names());
  throw at(where, table + "." + key,
           "not a scenario key" + (guess.empty() ? std::string(" (haul keys lists them)")
                                                 : " (did you mean " + guess + "?)"));
}

std::string count(std::uint64_t n) {
  return units::format_count(static_cast<double>(n));
}

// A range's ends read through the key's own parser (so units are checked as in a scenario file),
// in base units.
Range range_of(const std::string& key, const Value& from, const Value& to, std::int64_t steps,
               const std::string& scale, const std::vector<Assignment>& base,
               const Catalog& catalog, bool row_checks) {
  const KeyInfo* info = find_key(key);
  if (!info || info->quantity == Quantity::text || (info->slot < 0 && !key.ends_with(".split")))
    throw InputError("a range needs a numeric key; give a list of values instead");
  auto base_value = [&](const Value& v, const char* end) {
    try {
      const Scenario s = build_with(base, {{key, v, ""}}, catalog, row_checks);
      const int slot = input_slot(s, key);
      if (slot < 0) throw InputError("sets no number of a route compared");
      return flatten(s.in)[static_cast<std::size_t>(slot)];
    } catch (const InputError& e) {
      std::string what = e.what();
      const std::string prefix = key + ": ";
      if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
      throw InputError(std::string(end) + ": " + what);
    }
  };
  Range r;
  r.from = base_value(from, "from");
  r.to = base_value(to, "to");
  r.steps = steps;
  r.log = scale == "log";
  r.whole = info->quantity == Quantity::count;
  if (r.log && (r.from <= 0 || r.to <= 0))
    throw InputError("a log range cannot reach zero or below (from " + shown_plain(from) + " to " +
                     shown_plain(to) + "); use scale = \"linear\"");
  return r;
}

// A range's values as the key writes them: numbers, or strings in the key's base unit.
std::vector<Value> range_values(const std::string& key, const Range& r) {
  const KeyInfo* info = find_key(key);
  const std::string unit = base_unit(info->quantity);
  std::vector<Value> values;
  for (const double x : range_numbers(r)) {
    Value v;
    if (unit.empty()) {
      v.kind = r.whole ? Value::Kind::integer : Value::Kind::floating;
      v.number = x;
    } else {
      v.kind = Value::Kind::string;
      v.text = json_number(x) + " " + unit;
    }
    values.push_back(v);
  }
  return values;
}

// `points`: the grid of the axes read so far, each counted at the most values it can have. An
// axis that would take it over limits::kGridPoints is refused before its values are made.
void check_grid(std::uint64_t& points, std::uint64_t values, const std::string& where,
                const std::string& table, const std::string& key) {
  // points <= 10^9 and values <= 10^5: the product fits in 64 bits.
  if (points * values > limits::kGridPoints)
    throw at(where, table + "." + key,
             "with this axis of " + count(values) + " values the grid has " +
                 count(points * values) + " points, over the limit of " +
                 count(limits::kGridPoints) + " (even with --yes)");
  points *= values;
}

struct AxesContext {
  std::string table;  // "sweep", "choose"
  std::string source;
  const Catalog& catalog;
  const std::vector<Assignment>& base;
  bool row_checks;
};

void read_axes(const toml::table& table, const std::string& prefix, const AxesContext& cx,
               std::uint64_t& points,
               std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, SweepAxis>>& out) {
  const std::string& source = cx.source;
  const std::string& name = cx.table;
  const Catalog& catalog = cx.catalog;
  const std::vector<Assignment>& base = cx.base;
  for (const auto& [k, node] : table) {
    const std::string key = prefix + std::string(k.str());
    const std::string where = where_of(source, node.source());
    const toml::table* sub = node.as_table();
    const bool range =
        sub && (sub->contains("from") || sub->contains("to") || sub->contains("steps"));
    if (sub && !range) {
      read_axes(*sub, key + ".", cx, points, out);
      continue;
    }
    if (!find_key(key)) unknown_sweep_key(where, name, key);
    // A row holds one value of each key: an axis cannot also draw the key around its median.
    const auto last =
        std::find_if(base.rbegin(), base.rend(), [&](const Assignment& a) { return a.key == key; });
    if (last != base.rend() && last->value.kind == Value::Kind::dist)
      throw at(where, name + "." + key,
               key + " holds a distribution in the scenario (" + last->where +
                   "); an axis gives it one value a row: give it a value, or sweep another key");
    SweepAxis axis;
    axis.key = key;
    axis.where = where;
    if (const toml::array* list = node.as_array()) {
      if (list->empty()) throw at(where, name + "." + key, "empty list (give at least one value)");
      if (list->size() > limits::kAxisValues)
        throw at(where, name + "." + key,
                 "a list of " + count(list->size()) + " values, over the limit of " +
                     count(limits::kAxisValues) + " values on an axis");
      check_grid(points, list->size(), where, name, key);
      axis.values.reserve(list->size());
      for (const auto& item : *list) {
        try {
          axis.values.push_back(value_of_node(item));
        } catch (const InputError& e) {
          throw at(where_of(source, item.source()), name + "." + key, e.what());
        }
      }
    } else if (range) {
      const std::string expected =
          "a range { from = ..., to = ..., steps = N, scale = \"log\" | \"linear\" }";
      for (const auto& [rk, rnode] : *sub) {
        const std::string part(rk.str());
        if (part != "from" && part != "to" && part != "steps" && part != "scale")
          throw at(where_of(source, rnode.source()), name + "." + key + "." + part,
                   "unknown range key (expected " + expected + ")");
      }
      if (!sub->contains("from") || !sub->contains("to") || !sub->contains("steps"))
        throw at(where, name + "." + key, "incomplete range (expected " + expected + ")");
      const std::string steps_where = where_of(source, (*sub)["steps"].node()->source());
      const auto steps = (*sub)["steps"].value<std::int64_t>();
      if (!steps || *steps < 2)
        throw at(steps_where, name + "." + key + ".steps", "expected an integer >= 2");
      std::string scale = "linear";
      if (const toml::node* s = sub->get("scale")) {
        const auto text = s->value<std::string>();
        if (!text || (*text != "log" && *text != "linear"))
          throw at(where_of(source, s->source()), name + "." + key + ".scale",
                   "expected \"log\" or \"linear\"");
        scale = *text;
      }
      Value from, to;
      try {
        from = value_of_node(*sub->get("from"));
        to = value_of_node(*sub->get("to"));
      } catch (const InputError& e) {
        throw at(where, name + "." + key, e.what());
      }
      Range r;
      try {
        r = range_of(key, from, to, *steps, scale, base, catalog, cx.row_checks);
      } catch (const InputError& e) {
        throw at(where, name + "." + key, e.what());
      }
      // Sized before any value is made: steps, or for an integer key at most the whole numbers
      // between the ends (1 to 3 in 10^10 steps is 3 values).
      const std::uint64_t size = range_size(r);
      if (size > limits::kAxisValues)
        throw at(
            steps_where, name + "." + key + ".steps",
            std::to_string(*steps) +
                (size < static_cast<std::uint64_t>(*steps)
                     ? " (" + count(size) + " whole numbers from " + units::format_count(r.from) +
                           " to " + units::format_count(r.to) + ")"
                     : std::string()) +
                " is over the limit of " + count(limits::kAxisValues) + " values on an axis");
      check_grid(points, size, where, name, key);
      axis.values = range_values(key, r);
      axis.generated = true;
    } else {
      throw at(where, name + "." + key,
               "expected a list of values or a range { from, to, steps, scale } (a single value "
               "belongs in [" +
                   key.substr(0, key.find('.')) + "])");
    }
    out.push_back({position(node), std::move(axis)});
  }
}

}  // namespace

std::vector<SweepAxis> sweep_detail::read_axes(const toml::table& table, const std::string& name,
                                               const std::string& source, const Catalog& catalog,
                                               const std::vector<Assignment>& base,
                                               bool row_checks) {
  std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, SweepAxis>> axes;
  std::uint64_t points = 1;
  read_axes(table, "", AxesContext{name, source, catalog, base, row_checks}, points, axes);
  std::stable_sort(axes.begin(), axes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<SweepAxis> out;
  for (auto& [pos, axis] : axes) {
    for (const auto& other : out)
      if (other.key == axis.key)
        throw at(axis.where, name + "." + axis.key, name == "sweep" ? "swept twice" : "given twice");
    out.push_back(std::move(axis));
  }
  return out;
}

SweepSpec read_sweep_text(std::string_view text, const std::string& source, const Catalog& catalog,
                          const std::vector<Assignment>& overrides) {
  SweepSpec spec;
  spec.base = read_scenario_text(text, source, {"sweep", "output"});
  spec.base.insert(spec.base.end(), overrides.begin(), overrides.end());
  toml::table root = parse_toml(text, source);  // parsed without error just above
  const toml::table* sweep = root["sweep"].as_table();
  if (!sweep || sweep->empty())
    throw InputError(source +
                     ": [sweep]: missing or empty (add axes, e.g. network.bandwidth = [\"100 "
                     "Mbps\", \"1 Gbps\"])");
  spec.axes = sweep_detail::read_axes(*sweep, "sweep", source, catalog, spec.base);
  if (const toml::node* output_node = root.get("output")) {
    const toml::table* output = output_node->as_table();
    if (!output) throw at(where_of(source, output_node->source()), "output", "expected a table");
    for (const auto& [k, node] : *output) {
      const std::string name(k.str());
      const std::string where = where_of(source, node.source());
      if (name == "columns") {
        const toml::array* list = node.as_array();
        if (!list || list->empty())
          throw at(where, "output.columns",
                   "expected a list of column names, e.g. [\"network.time_s\"]");
        if (list->size() > limits::kOutputColumns)
          throw at(
              where, "output.columns",
              count(list->size()) + " columns, over the limit of " + count(limits::kOutputColumns));
        for (const auto& item : *list) {
          const auto column = item.value<std::string>();
          if (!column)
            throw at(where_of(source, item.source()), "output.columns", "expected a string");
          spec.columns.push_back(*column);
        }
        spec.columns_where = where;
      } else if (name == "pivot") {
        const toml::table* p = node.as_table();
        if (!p)
          throw at(where, "output.pivot", "expected { rows = KEY, columns = KEY, value = COLUMN }");
        Pivot pivot;
        pivot.where = where;
        for (const auto& [pk, pnode] : *p) {
          const std::string part(pk.str());
          const auto value = pnode.value<std::string>();
          if ((part != "rows" && part != "columns" && part != "value") || !value)
            throw at(where_of(source, pnode.source()), "output.pivot." + part,
                     "expected rows, columns and value, each a string");
          (part == "rows" ? pivot.rows : part == "columns" ? pivot.columns : pivot.value) = *value;
        }
        if (pivot.rows.empty() || pivot.columns.empty() || pivot.value.empty())
          throw at(where, "output.pivot", "expected { rows = KEY, columns = KEY, value = COLUMN }");
        spec.pivot = pivot;
      } else {
        const std::string guess = closest(name, {"columns", "pivot"});
        throw at(where, "output." + name,
                 "unknown key" + (guess.empty() ? std::string(" (expected columns or pivot)")
                                                : " (did you mean output." + guess + "?)"));
      }
    }
  }
  return spec;
}

SweepSpec read_sweep_file(const std::string& path, const Catalog& catalog,
                          const std::vector<Assignment>& overrides) {
  return read_sweep_text(read_input_file(path, "sweep file"), path, catalog, overrides);
}

}  // namespace haul
