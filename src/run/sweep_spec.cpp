// Reading a sweep file (MODEL.md section 7): the scenario's keys, the [sweep] axes (lists and
// ranges, checked against each key's own parser) and [output] (columns, pivot).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "input/checks.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/toml_util.hpp"
#include "run/sweep.hpp"
#include "run/sweep_impl.hpp"

namespace haul {

using sweep_detail::build_with;
using sweep_detail::shown_plain;

namespace {

std::pair<std::uint32_t, std::uint32_t> position(const toml::node& node) {
  return {node.source().begin.line, node.source().begin.column};
}

[[noreturn]] void unknown_sweep_key(const std::string& where, const std::string& key) {
  const std::string guess = closest(key, key_names());
  throw at(where, "sweep." + key,
           "not a scenario key" + (guess.empty() ? std::string(" (haul keys lists them)")
                                                 : " (did you mean " + guess + "?)"));
}

void read_axes(const toml::table& table, const std::string& prefix, const std::string& source,
               const Catalog& catalog, const std::vector<Assignment>& base,
               std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, SweepAxis>>& out) {
  for (const auto& [k, node] : table) {
    const std::string key = prefix + std::string(k.str());
    const std::string where = where_of(source, node.source());
    const toml::table* sub = node.as_table();
    const bool range =
        sub && (sub->contains("from") || sub->contains("to") || sub->contains("steps"));
    if (sub && !range) {
      read_axes(*sub, key + ".", source, catalog, base, out);
      continue;
    }
    if (!find_key(key)) unknown_sweep_key(where, key);
    SweepAxis axis;
    axis.key = key;
    axis.where = where;
    if (const toml::array* list = node.as_array()) {
      if (list->empty()) throw at(where, "sweep." + key, "empty list (give at least one value)");
      for (const auto& item : *list) {
        try {
          axis.values.push_back(value_of_node(item));
        } catch (const InputError& e) {
          throw at(where_of(source, item.source()), "sweep." + key, e.what());
        }
      }
    } else if (range) {
      const std::string expected =
          "a range { from = ..., to = ..., steps = N, scale = \"log\" | \"linear\" }";
      for (const auto& [rk, rnode] : *sub) {
        const std::string name(rk.str());
        if (name != "from" && name != "to" && name != "steps" && name != "scale")
          throw at(where_of(source, rnode.source()), "sweep." + key + "." + name,
                   "unknown range key (expected " + expected + ")");
      }
      if (!sub->contains("from") || !sub->contains("to") || !sub->contains("steps"))
        throw at(where, "sweep." + key, "incomplete range (expected " + expected + ")");
      const auto steps = (*sub)["steps"].value<std::int64_t>();
      if (!steps || *steps < 2)
        throw at(where_of(source, (*sub)["steps"].node()->source()), "sweep." + key + ".steps",
                 "expected an integer >= 2");
      std::string scale = "linear";
      if (const toml::node* s = sub->get("scale")) {
        const auto text = s->value<std::string>();
        if (!text || (*text != "log" && *text != "linear"))
          throw at(where_of(source, s->source()), "sweep." + key + ".scale",
                   "expected \"log\" or \"linear\"");
        scale = *text;
      }
      Value from, to;
      try {
        from = value_of_node(*sub->get("from"));
        to = value_of_node(*sub->get("to"));
      } catch (const InputError& e) {
        throw at(where, "sweep." + key, e.what());
      }
      try {
        axis.values = range_values(key, from, to, *steps, scale, base, catalog);
      } catch (const InputError& e) {
        throw at(where, "sweep." + key, e.what());
      }
      axis.generated = true;
    } else {
      throw at(where, "sweep." + key,
               "expected a list of values or a range { from, to, steps, scale } (a single value "
               "belongs in [" +
                   key.substr(0, key.find('.')) + "])");
    }
    out.push_back({position(node), std::move(axis)});
  }
}

// The exponent of x written with 12 significant digits (999999999.9999998 -> 1.00000000000e+09: 9).
int decimal_exponent(double x) {
  char buffer[32];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific, 11).ptr;
  const char* e = std::find(buffer, end, 'e');
  int exponent = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), end, exponent);
  return exponent;
}

// x rounded at the place of the 12th significant digit of `scale` (|scale| >= |x|; scale = x: x to
// 12 significant digits), as the double nearest that decimal. lo * (hi / lo)^t and
// lo + (hi - lo) * t miss round values by an ulp or two (999999999.9999998 for 1e9,
// 0.30000000000000004 for 0.3), and a range's values are read by people and fed back to the tool.
double round_12_digits(double x, double scale) {
  if (x == 0 || scale == 0 || !std::isfinite(x)) return x;
  const int digits = 12 - (decimal_exponent(scale) - decimal_exponent(x));
  if (digits < 1) {  // |x| is below one unit in the 12th digit: that unit or zero
    const std::string text = "1e" + std::to_string(decimal_exponent(scale) - 11);
    double unit = 0;
    std::from_chars(text.data(), text.data() + text.size(), unit);
    return std::fabs(x) >= unit / 2 ? std::copysign(unit, x) : 0.0;
  }
  char buffer[40];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific, digits - 1)
          .ptr;
  double rounded = x;
  std::from_chars(buffer, end, rounded);
  return rounded;
}

}  // namespace

std::vector<Value> range_values(const std::string& key, const Value& from, const Value& to,
                                std::int64_t steps, const std::string& scale,
                                const std::vector<Assignment>& base, const Catalog& catalog) {
  const KeyInfo* info = find_key(key);
  if (!info || info->slot < 0 || info->quantity == Quantity::text)
    throw InputError("a range needs a numeric key; give a list of values instead");
  // Read both ends through the key's own parser, so units are checked as in a scenario file.
  auto base_value = [&](const Value& v, const char* end) {
    try {
      Inputs<double> in = build_with(base, {{key, v, ""}}, catalog).in;
      return flatten(in)[static_cast<std::size_t>(info->slot)];
    } catch (const InputError& e) {
      std::string what = e.what();
      const std::string prefix = key + ": ";
      if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
      throw InputError(std::string(end) + ": " + what);
    }
  };
  const double lo = base_value(from, "from"), hi = base_value(to, "to");
  const bool log = scale == "log";
  if (log && (lo <= 0 || hi <= 0))
    throw InputError("a log range cannot reach zero or below (from " + shown_plain(from) + " to " +
                     shown_plain(to) + "); use scale = \"linear\"");
  const bool whole = info->quantity == Quantity::count;
  std::vector<Value> values;
  for (std::int64_t i = 0; i < steps; ++i) {
    const double t = static_cast<double>(i) / static_cast<double>(steps - 1);
    // The ends exactly as given; the values between rounded to 12 significant digits (MODEL.md
    // section 7): of themselves on a log scale; on a linear one at the place of the larger end's
    // 12th digit, as lo + (hi - lo) * t is off by an ulp of the ends, not of the value.
    double x = lo;
    if (i == steps - 1) {
      x = hi;
    } else if (i > 0 && log) {
      x = lo * std::pow(hi / lo, t);
      x = round_12_digits(x, x);
    } else if (i > 0) {
      x = round_12_digits(lo + (hi - lo) * t, std::max(std::fabs(lo), std::fabs(hi)));
    }
    if (whole) x = std::round(x);
    Value v;
    const std::string unit = base_unit(info->quantity);
    if (unit.empty()) {
      v.kind = whole ? Value::Kind::integer : Value::Kind::floating;
      v.number = x;
    } else {
      v.kind = Value::Kind::string;
      v.text = json_number(x) + " " + unit;
    }
    // Rounding a count can repeat a value; a grid has no use for the same row twice.
    if (!values.empty() && values.back().number == v.number && values.back().text == v.text)
      continue;
    values.push_back(v);
  }
  return values;
}

SweepSpec read_sweep_text(std::string_view text, const std::string& source, const Catalog& catalog,
                          const std::vector<Assignment>& overrides) {
  SweepSpec spec;
  spec.base = read_scenario_text(text, source, {"sweep", "output"});
  spec.base.insert(spec.base.end(), overrides.begin(), overrides.end());
  toml::table root = toml::parse(text, source);  // parsed without error just above
  const toml::table* sweep = root["sweep"].as_table();
  if (!sweep || sweep->empty())
    throw InputError(source +
                     ": [sweep]: missing or empty (add axes, e.g. network.bandwidth = [\"100 "
                     "Mbps\", \"1 Gbps\"])");
  std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, SweepAxis>> axes;
  read_axes(*sweep, "", source, catalog, spec.base, axes);
  std::stable_sort(axes.begin(), axes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [pos, axis] : axes) {
    for (const auto& other : spec.axes)
      if (other.key == axis.key) throw at(axis.where, "sweep." + axis.key, "swept twice");
    spec.axes.push_back(std::move(axis));
  }
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
