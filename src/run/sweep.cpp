#include "run/sweep.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "input/checks.hpp"
#include "run/columns.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/toml_util.hpp"

namespace haul {

namespace {

using Flat = std::array<double, kFieldCount>;

Flat flatten(Inputs<double> in) {
  Flat flat{};
  for_each_field(in, [&](std::size_t i, double& x) { flat[i] = x; });
  return flat;
}

std::pair<std::uint32_t, std::uint32_t> position(const toml::node& node) {
  return {node.source().begin.line, node.source().begin.column};
}

// The scenario with `extra` applied last.
Scenario build_with(std::vector<Assignment> base, const std::vector<Assignment>& extra,
                    const Catalog& catalog) {
  base.insert(base.end(), extra.begin(), extra.end());
  return build_scenario(base, catalog);
}

std::string shown_plain(const Value& v) {
  return v.kind == Value::Kind::string ? v.text : v.shown();
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
    double x = i == 0           ? lo
               : i == steps - 1 ? hi
               : log            ? lo * std::pow(hi / lo, t)
                                : lo + (hi - lo) * t;
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

// ---- the prepared grid
// ---------------------------------------------------------------------------

namespace {

constexpr const char* kBoolNames[] = {"false", "true"};
constexpr const char* kWeightsNames[] = {"network", "carry", "none"};
constexpr const char* kBillingNames[] = {"on-arrival", "at-start"};

const char* const* code_names_of(const std::string& key) {
  if (key == "network.congestion") return kCongestionNames;
  if (key == "ship.verify") return kBoolNames;
  if (key == "compute.weights") return kWeightsNames;
  if (key == "compute.billing") return kBillingNames;
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

// Names a grid row by its axis values: row 12 of the sweep (data.size = "1 TB", ...).
// value_index(a) is the index of axis a's value in that row.
template <class ValueIndex>
std::string row_name(std::uint64_t row, const std::vector<SweepAxis>& axes,
                     ValueIndex value_index) {
  std::string s = "row " + std::to_string(row + 1) + " of the sweep (";
  for (std::size_t a = 0; a < axes.size(); ++a)
    s += (a ? ", " : "") + axes[a].key + " = " + axes[a].values[value_index(a)].shown();
  return s + ")";
}

struct AxisGrid {
  std::string key;
  std::uint64_t length = 0, stride = 1;
  std::vector<std::string> human, raw;                     // per value
  std::vector<std::string> csv;                            // raw, quoted for CSV once
  std::vector<std::vector<std::pair<int, double>>> diffs;  // per value: slot -> value
  std::vector<Value> values;
};

struct Column {
  enum class Kind { axis, input, constant, result } kind;
  std::string raw_header, human_header;
  int axis = -1, slot = -1;
  Show show = Show::number;
  const char* const* names = nullptr;
  std::string constant_human, constant_raw;
  const ResultColumn* result = nullptr;
  bool quoted = false;  // JSON writes its raw cells as strings (words, not numbers)
};

// One evaluated chunk: per column its numbers (inputs and results), and margins for winners.
struct Chunk {
  std::uint64_t first = 0;
  Eigen::Index rows = 0;
  std::vector<num::Array> values, margins;
};

}  // namespace

struct Sweep::Impl {
  const Catalog* catalog;
  SweepSpec spec;
  std::vector<Assignment> base;  // spec.base with every axis at its first value
  Scenario first;
  Flat flat{};
  std::vector<AxisGrid> axes;
  std::vector<Column> columns;
  unsigned parts = 0;
  std::uint64_t points = 1;
  std::vector<int> swept_slots;  // inputs that some axis changes
  bool checks_needed = false;

  std::uint64_t index(std::size_t a, std::uint64_t row) const {
    return (row / axes[a].stride) % axes[a].length;
  }

  // A worker's columns, kept from chunk to chunk: the constant columns are filled once, and only
  // the swept ones are rewritten for each chunk.
  struct Workspace {
    Inputs<num::Array> in;
    Eigen::Index rows = -1;
  };

  void fill(Workspace& w, std::uint64_t first_row, Eigen::Index n) const {
    std::array<num::Array*, kFieldCount> cols{};
    for_each_field(w.in, [&](std::size_t i, num::Array& c) { cols[i] = &c; });
    if (w.rows != n) {
      for (std::size_t i = 0; i < kFieldCount; ++i) *cols[i] = num::Array::Constant(n, flat[i]);
      w.rows = n;
    } else {
      for (const int slot : swept_slots)
        cols[static_cast<std::size_t>(slot)]->setConstant(flat[static_cast<std::size_t>(slot)]);
    }
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const AxisGrid& axis = axes[a];
      if (axis.length == 1) continue;
      if (axis.stride == 1) {  // the fastest axis changes every row
        std::uint64_t idx = first_row % axis.length;
        for (Eigen::Index k = 0; k < n; ++k) {
          for (const auto& [slot, value] : axis.diffs[idx])
            (*cols[static_cast<std::size_t>(slot)])[k] = value;
          if (++idx == axis.length) idx = 0;
        }
        continue;
      }
      // Slower axes hold their value for runs of rows: fill each run at once.
      Eigen::Index k = 0;
      while (k < n) {
        const std::uint64_t row = first_row + static_cast<std::uint64_t>(k);
        const std::uint64_t idx = index(a, row);
        const std::uint64_t run_end = (row / axis.stride + 1) * axis.stride;
        const Eigen::Index len = static_cast<Eigen::Index>(
            std::min<std::uint64_t>(run_end - row, static_cast<std::uint64_t>(n - k)));
        for (const auto& [slot, value] : axis.diffs[idx])
          cols[static_cast<std::size_t>(slot)]->segment(k, len).setConstant(value);
        k += len;
      }
    }
  }

  Inputs<double> row_of(const Inputs<num::Array>& in, Eigen::Index k) const {
    Inputs<double> row{};
    zip_fields(row, in, [&](std::size_t, double& d, const num::Array& c) { d = c[k]; });
    return row;
  }

  // The assignments of one grid row, to rebuild it as a scenario (for error messages).
  std::vector<Assignment> assignments_of(std::uint64_t row) const {
    std::vector<Assignment> out = spec.base;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const std::uint64_t idx = index(a, row);
      out.push_back({axes[a].key, axes[a].values[idx], spec.axes[a].where});
    }
    return out;
  }

  std::string describe(std::uint64_t row) const {
    return row_name(row, spec.axes, [&](std::size_t a) { return index(a, row); });
  }

  Chunk evaluate(Workspace& w, std::uint64_t first_row, Eigen::Index n) const {
    Chunk chunk;
    chunk.first = first_row;
    chunk.rows = n;
    fill(w, first_row, n);
    const Inputs<num::Array>& in = w.in;
    const Plan<num::Array> plan = plan_model(in, parts);
    std::array<const num::Array*, kFieldCount> cols{};
    for_each_field(in, [&](std::size_t i, const num::Array& c) { cols[i] = &c; });
    chunk.values.resize(columns.size());
    chunk.margins.resize(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const Column& col = columns[c];
      if (col.kind == Column::Kind::input) {
        chunk.values[c] = *cols[static_cast<std::size_t>(col.slot)];
      } else if (col.kind == Column::Kind::result && col.result->breakeven) {
        num::Array v(n);
        for (Eigen::Index k = 0; k < n; ++k) {
          const Inputs<double> row = row_of(in, k);
          const Breakeven b = col.result->name == "breakeven.bandwidth_bps"
                                  ? breakeven_bandwidth(row)
                                  : breakeven_size(row);
          v[k] = b.value ? *b.value : std::nan("");
        }
        chunk.values[c] = std::move(v);
      } else if (col.kind == Column::Kind::result) {
        chunk.values[c] = col.result->get(plan);
        if (col.result->margin) chunk.margins[c] = col.result->margin(plan);
        // Never print an overflow as a number: it is bad input, named by its row.
        const num::Array& v = chunk.values[c];
        if (!v.allFinite()) {
          Eigen::Index k = 0;
          while (std::isfinite(v[k])) ++k;
          throw InputError(describe(first_row + static_cast<std::uint64_t>(k)) + ": " +
                           col.result->name + " is " +
                           (std::isnan(v[k]) ? "not a number" : "infinite") +
                           ": the inputs overflow the model");
        }
      }
    }
    return chunk;
  }

  std::string raw_cell(const Chunk& chunk, std::size_t c, Eigen::Index k) const {
    const Column& col = columns[c];
    switch (col.kind) {
      case Column::Kind::axis:
        return axes[static_cast<std::size_t>(col.axis)].raw[index(
            static_cast<std::size_t>(col.axis), chunk.first + static_cast<std::uint64_t>(k))];
      case Column::Kind::constant:
        return col.constant_raw;
      default: {
        const double x = chunk.values[c][k];
        if (col.names && std::isfinite(x)) return col.names[static_cast<int>(x)];
        std::string s;
        append_number(s, x);
        return s;
      }
    }
  }

  std::string human_cell(const Chunk& chunk, std::size_t c, Eigen::Index k,
                         units::ByteStyle bytes) const {
    const Column& col = columns[c];
    switch (col.kind) {
      case Column::Kind::axis:
        return axes[static_cast<std::size_t>(col.axis)].human[index(
            static_cast<std::size_t>(col.axis), chunk.first + static_cast<std::uint64_t>(k))];
      case Column::Kind::constant:
        return col.constant_human;
      default: {
        const double x = chunk.values[c][k];
        if (col.kind == Column::Kind::result && col.result->breakeven && std::isnan(x))
          return "none";
        std::string s = show_human(col.show, x, bytes, col.names);
        if (col.result && col.result->margin)
          s += " by " + show_human(col.result->margin_show, chunk.margins[c][k], bytes);
        return s;
      }
    }
  }

  // Writes rows of a chunk in a streaming format.
  void format_rows(const Chunk& chunk, Format format, units::ByteStyle bytes,
                   std::string& out) const {
    for (Eigen::Index k = 0; k < chunk.rows; ++k) {
      if (format == Format::csv) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
          if (c) out += ',';
          const Column& col = columns[c];
          if (col.kind == Column::Kind::input || (col.kind == Column::Kind::result && !col.names)) {
            append_number(out, chunk.values[c][k]);  // the hot path: no temporary string
          } else if (col.kind == Column::Kind::axis) {
            const auto a = static_cast<std::size_t>(col.axis);
            out += axes[a].csv[index(a, chunk.first + static_cast<std::uint64_t>(k))];
          } else {
            append_csv_text(out, raw_cell(chunk, c, k));
          }
        }
        out += "\r\n";
      } else if (format == Format::json) {
        out += '{';
        for (std::size_t c = 0; c < columns.size(); ++c) {
          if (c) out += ", ";
          append_json_text(out, columns[c].raw_header);
          out += ": ";
          const Column& col = columns[c];
          const std::string cell = raw_cell(chunk, c, k);
          if (col.quoted || col.kind == Column::Kind::constant || col.names) {
            append_json_text(out, cell);
          } else {
            out += cell.empty() ? "null" : cell;
          }
        }
        out += "}\n";
      } else {  // md
        out += '|';
        for (std::size_t c = 0; c < columns.size(); ++c) {
          out += ' ';
          for (const char ch : human_cell(chunk, c, k, bytes)) {
            if (ch == '|') out += '\\';
            out += ch;
          }
          out += " |";
        }
        out += '\n';
      }
    }
  }

  static bool is_number(const std::string& s) {
    double x;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    return ec == std::errc() && end == s.data() + s.size();
  }
};

namespace {

// Slots that the cross-field checks read: when no axis touches them, every row passes as the base
// did.
std::vector<int> checked_slots() {
  Inputs<double> probe{};
  const std::vector<const double*> members = {
      &probe.network.window_bytes, &probe.network.mtu_bytes,   &probe.data.size_bytes,
      &probe.data.compression,     &probe.ship.capacity_bytes, &probe.ship.drives,
      &probe.ship.redundancy,      &probe.ship.copies,         &probe.ship.erasure_k,
      &probe.ship.erasure_m,       &probe.ship.couriers,       &probe.ship.per_courier,
      &probe.ship.bag_kg,          &probe.ship.weight_kg,      &probe.compute.total_params,
      &probe.compute.params};
  std::vector<int> slots;
  for_each_field(probe, [&](std::size_t i, double& x) {
    if (std::find(members.begin(), members.end(), &x) != members.end())
      slots.push_back(static_cast<int>(i));
  });
  return slots;
}

}  // namespace

Sweep::Sweep(const SweepSpec& spec, const Catalog& catalog) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.catalog = &catalog;
  m.spec = spec;
  if (spec.axes.empty()) throw InputError("sweep: no axes (add a [sweep] table)");
  m.base = spec.base;
  for (const auto& axis : spec.axes) m.base.push_back({axis.key, axis.values.front(), axis.where});
  m.first = build_scenario(m.base, catalog);
  m.flat = flatten(m.first.in);

  // Each axis value, applied alone on top of the base, changes a few model inputs: keep those.
  for (const auto& axis : spec.axes) {
    const KeyInfo* info = find_key(axis.key);
    AxisGrid grid;
    grid.key = axis.key;
    grid.values = axis.values;
    grid.length = axis.values.size();
    for (std::size_t j = 0; j < axis.values.size(); ++j) {
      const Value& v = axis.values[j];
      const std::string where = axis.where + " (value " + std::to_string(j + 1) + ")";
      Scenario s;
      try {
        s = build_with(m.base, {{axis.key, v, where}}, catalog);
      } catch (const InputError& e) {
        // base + this value is itself a row of the grid: the other axes at their first values.
        const auto here = static_cast<std::size_t>(&axis - spec.axes.data());
        std::uint64_t row = j;
        for (std::size_t b = here + 1; b < spec.axes.size(); ++b) row *= spec.axes[b].values.size();
        const std::string name = row_name(
            row, spec.axes, [&](std::size_t b) -> std::size_t { return b == here ? j : 0; });
        throw InputError(name + ": " + e.what());
      }
      const Flat flat = flatten(s.in);
      std::vector<std::pair<int, double>> diff;
      for (std::size_t i = 0; i < kFieldCount; ++i)
        if (flat[i] != m.flat[i] && !(std::isnan(flat[i]) && std::isnan(m.flat[i])))
          diff.push_back({static_cast<int>(i), flat[i]});
      grid.diffs.push_back(std::move(diff));
      const double x = info->slot >= 0 ? flat[static_cast<std::size_t>(info->slot)] : 0.0;
      if (axis.generated) {
        grid.human.push_back(show_human(show_of(info->quantity), x, units::ByteStyle::si));
      } else {
        grid.human.push_back(shown_plain(v));
      }
      if (info->slot >= 0 && info->quantity != Quantity::text) {
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
    if (m.points > (std::uint64_t(1) << 62) / std::max<std::uint64_t>(grid.length, 1))
      throw at(axis.where, "sweep." + axis.key, "the grid is too large to count");
    m.points *= grid.length;
    m.axes.push_back(std::move(grid));
  }
  for (std::size_t a = m.axes.size(); a-- > 0;)
    m.axes[a].stride = a + 1 < m.axes.size() ? m.axes[a + 1].stride * m.axes[a + 1].length : 1;

  for (const auto& axis : m.axes)
    for (const auto& diff : axis.diffs)
      for (const auto& [slot, value] : diff)
        if (std::find(m.swept_slots.begin(), m.swept_slots.end(), slot) == m.swept_slots.end())
          m.swept_slots.push_back(slot);
  const std::vector<int> checked = checked_slots();
  for (const auto& axis : m.axes)
    for (const auto& diff : axis.diffs)
      for (const auto& [slot, value] : diff)
        if (std::find(checked.begin(), checked.end(), slot) != checked.end())
          m.checks_needed = true;

  // Columns: as asked, or the axes and the headline results.
  std::vector<std::string> names = spec.columns;
  if (names.empty()) {
    for (const auto& axis : spec.axes) names.push_back(axis.key);
    for (const char* r :
         {"network.time_s", "network.limit", "ship.time_s", "winner.time", "winner.cost"})
      names.push_back(r);
  }
  if (spec.pivot) {
    for (const std::string* key : {&spec.pivot->rows, &spec.pivot->columns}) {
      const bool is_axis = std::any_of(spec.axes.begin(), spec.axes.end(),
                                       [&](const SweepAxis& a) { return a.key == *key; });
      if (!is_axis)
        throw at(
            spec.pivot->where, "output.pivot",
            "\"" + *key + "\" is not a swept key (pivot rows and columns are axes of [sweep])");
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
    const KeyInfo* info = find_result(name) ? nullptr : find_key(name);
    if (info) {
      col.raw_header = name + column_suffix(info->quantity);
      col.show = show_of(info->quantity);
      col.names = code_names_of(name);
      const auto axis = std::find_if(spec.axes.begin(), spec.axes.end(),
                                     [&](const SweepAxis& a) { return a.key == name; });
      if (axis != spec.axes.end()) {
        col.kind = Column::Kind::axis;
        col.axis = static_cast<int>(axis - spec.axes.begin());
        // The axis's raw cells are numbers exactly when the key sets a numeric input.
        col.quoted = info->slot < 0 || info->quantity == Quantity::text;
      } else if (info->slot >= 0) {
        col.kind = Column::Kind::input;
        col.slot = info->slot;
      } else {
        col.kind = Column::Kind::constant;
        const Scenario& s = m.first;
        const auto& ship = s.in.ship;
        col.constant_human = name == "name"          ? s.name
                             : name == "ship.drive"  ? s.drive
                             : name == "compute.gpu" ? s.gpu
                             : ship.redundancy == static_cast<int>(Redundancy::erasure)
                                 ? units::format_number(ship.erasure_k, 12) + "+" +
                                       units::format_number(ship.erasure_m, 12)
                             : ship.redundancy == static_cast<int>(Redundancy::copies)
                                 ? units::format_number(ship.copies, 12) + "x"
                                 : "none";
        col.constant_raw = col.constant_human;
      }
    } else if (const ResultColumn* result = find_result(name)) {
      col.kind = Column::Kind::result;
      col.raw_header = name;
      // People read "7.41 d" under network.time, not network.time_s: the unit is in the cell.
      for (const char* suffix : {"_s", "_bps", "_usd", "_bytes"}) {
        const std::string tail = suffix;
        if (name.size() > tail.size() &&
            name.compare(name.size() - tail.size(), tail.size(), tail) == 0) {
          col.human_header = name.substr(0, name.size() - tail.size());
          break;
        }
      }
      col.result = result;
      col.show = result->show;
      col.names = result->names;
      m.parts |= result->parts;
    } else {
      std::vector<std::string> all = key_names();
      for (const auto& r : result_columns()) all.push_back(r.name);
      const std::string guess = closest(name, all);
      throw at(
          spec.pivot ? spec.pivot->where : spec.columns_where,
          spec.pivot ? "output.pivot.value" : "output.columns",
          "unknown column \"" + name + "\"" +
              (guess.empty() ? std::string(" (a scenario key or a result such as network.time_s)")
                             : " (did you mean " + guess + "?)"));
    }
    m.columns.push_back(std::move(col));
  }
}

Sweep::~Sweep() = default;

std::uint64_t Sweep::points() const {
  return impl_->points;
}
std::size_t Sweep::axes() const {
  return impl_->axes.size();
}
std::size_t Sweep::columns() const {
  return impl_->columns.size();
}

std::pair<std::uint64_t, std::uint64_t> Sweep::shard_rows(std::uint64_t shard,
                                                          std::uint64_t shards) const {
  const std::uint64_t n = impl_->points;
  // floor(n * k / shards) without overflow: n = q * shards + r.
  auto cut = [&](std::uint64_t k) { return (n / shards) * k + (n % shards) * k / shards; };
  return {cut(shard), cut(shard + 1)};
}

void Sweep::check_rows(const SweepOptions& options) const {
  const Impl& m = *impl_;
  if (!m.checks_needed) return;
  const auto [begin, end] = shard_rows(options.shard, options.shards);
  Impl::Workspace w;
  for (std::uint64_t row = begin; row < end; row += options.chunk_rows) {
    const Eigen::Index n =
        static_cast<Eigen::Index>(std::min<std::uint64_t>(options.chunk_rows, end - row));
    m.fill(w, row, n);
    const CrossChecks<num::Array> c = cross_checks(w.in);
    const num::Array any = c.window_below_mss + c.too_few_drives + c.drives_not_whole +
                           c.bag_too_small + c.total_below_params;
    Eigen::Index k;
    if (any.maxCoeff(&k) <= 0) continue;
    const std::uint64_t bad = row + static_cast<std::uint64_t>(k);
    try {
      build_scenario(m.assignments_of(bad), *m.catalog);
    } catch (const InputError& e) {
      throw InputError(m.describe(bad) + ": " + e.what());
    }
    throw InputError(m.describe(bad) + ": the models cannot use this combination");
  }
}

void Sweep::run(const SweepOptions& options, const std::function<void(std::string_view)>& write,
                const std::function<void(std::uint64_t, std::uint64_t)>& progress) const {
  const Impl& m = *impl_;
  const auto [shard_begin, shard_end] = shard_rows(options.shard, options.shards);
  const std::uint64_t begin = shard_begin, end = shard_end;  // lambdas below capture them
  const bool streaming =
      !m.spec.pivot && (options.format == Format::csv || options.format == Format::json ||
                        options.format == Format::md);
  if (streaming) {
    std::string header;
    if (options.shard == 0) {
      if (options.format == Format::csv) {
        for (std::size_t c = 0; c < m.columns.size(); ++c) {
          if (c) header += ',';
          append_csv_text(header, m.columns[c].raw_header);
        }
        header += "\r\n";
      } else if (options.format == Format::md) {
        header = "|";
        for (const auto& col : m.columns) header += " " + col.human_header + " |";
        header += "\n|";
        for (const auto& col : m.columns)
          header += col.kind == Column::Kind::axis || col.kind == Column::Kind::constant
                        ? " :--- |"
                        : " ---: |";
        header += "\n";
      }
    }
    if (!header.empty()) write(header);
    // Chunks are evaluated and formatted by a pool of workers (chunk c by worker c mod W) and
    // written in order by this thread. Each worker keeps at most two finished chunks, so memory
    // does not grow with the grid.
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::uint64_t chunks = (end - begin + options.chunk_rows - 1) / options.chunk_rows;
    const unsigned workers = static_cast<unsigned>(std::max<std::uint64_t>(
        1, std::min<std::uint64_t>(options.threads ? options.threads : hardware, chunks)));
    struct Item {
      std::string text;
      std::exception_ptr error;
    };
    struct Queue {
      std::mutex mutex;
      std::condition_variable changed;
      std::deque<Item> items;
    };
    std::vector<Queue> queues(workers);
    std::atomic<bool> stop{false};
    auto work = [&](unsigned id) {
      Impl::Workspace w;
      for (std::uint64_t c = id; c < chunks && !stop; c += workers) {
        Item item;
        try {
          const std::uint64_t first = begin + c * options.chunk_rows;
          const Eigen::Index n =
              static_cast<Eigen::Index>(std::min<std::uint64_t>(options.chunk_rows, end - first));
          item.text.reserve(static_cast<std::size_t>(n) * 16 * m.columns.size());
          m.format_rows(m.evaluate(w, first, n), options.format, options.bytes, item.text);
        } catch (...) {
          item.error = std::current_exception();
        }
        Queue& q = queues[id];
        std::unique_lock lock(q.mutex);
        q.changed.wait(lock, [&] { return q.items.size() < 2 || stop; });
        const bool failed = item.error != nullptr;
        q.items.push_back(std::move(item));
        q.changed.notify_all();
        if (failed) return;
      }
    };
    std::vector<std::thread> pool;
    for (unsigned id = 0; id < workers; ++id) pool.emplace_back(work, id);
    auto finish = [&] {
      stop = true;
      for (auto& q : queues) {
        std::lock_guard lock(q.mutex);
        q.changed.notify_all();
      }
      for (auto& t : pool) t.join();
    };
    try {
      std::uint64_t done = 0;
      for (std::uint64_t c = 0; c < chunks; ++c) {
        Queue& q = queues[c % workers];
        Item item;
        {
          std::unique_lock lock(q.mutex);
          q.changed.wait(lock, [&] { return !q.items.empty(); });
          item = std::move(q.items.front());
          q.items.pop_front();
          q.changed.notify_all();
        }
        if (item.error) std::rethrow_exception(item.error);
        write(item.text);
        done = std::min<std::uint64_t>(end - begin, done + options.chunk_rows);
        if (progress) progress(done, end - begin);
      }
    } catch (...) {
      finish();
      throw;
    }
    finish();
    return;
  }

  // Whole-table formats (the terminal table, pivots): evaluated in chunks, laid out at the end.
  Impl::Workspace w;
  Table table;
  table.title = m.first.name;
  if (m.spec.pivot) {
    const Pivot& p = *m.spec.pivot;
    std::size_t ra = 0, ca = 0;
    for (std::size_t a = 0; a < m.axes.size(); ++a) {
      if (m.axes[a].key == p.rows) ra = a;
      if (m.axes[a].key == p.columns) ca = a;
    }
    const AxisGrid& rows = m.axes[ra];
    const AxisGrid& cols = m.axes[ca];
    std::vector<std::vector<std::string>> human(rows.length, std::vector<std::string>(cols.length));
    std::vector<std::vector<std::string>> raw = human;
    for (std::uint64_t row = 0; row < m.points; row += options.chunk_rows) {
      const Eigen::Index n =
          static_cast<Eigen::Index>(std::min<std::uint64_t>(options.chunk_rows, m.points - row));
      const Chunk chunk = m.evaluate(w, row, n);
      for (Eigen::Index k = 0; k < n; ++k) {
        const std::uint64_t r = row + static_cast<std::uint64_t>(k);
        human[m.index(ra, r)][m.index(ca, r)] = m.human_cell(chunk, 0, k, options.bytes);
        raw[m.index(ra, r)][m.index(ca, r)] = m.raw_cell(chunk, 0, k);
      }
    }
    const Column& value = m.columns[0];
    if (options.format == Format::csv) {
      std::vector<std::string> header = {
          find_key(p.rows)->key + column_suffix(find_key(p.rows)->quantity) + " \\ " +
          find_key(p.columns)->key + column_suffix(find_key(p.columns)->quantity)};
      for (const auto& c : cols.raw) header.push_back(c);
      std::vector<std::vector<Scalar>> out_rows;
      for (std::size_t i = 0; i < rows.length; ++i) {
        std::vector<Scalar> r = {rows.raw[i]};
        for (const auto& cell : raw[i]) r.push_back(cell);
        out_rows.push_back(std::move(r));
      }
      write(to_csv(header, out_rows));
      return;
    }
    if (options.format == Format::json) {
      std::string out = "{\"pivot\": {\"rows\": ";
      append_json_text(out, p.rows);
      out += ", \"columns\": ";
      append_json_text(out, p.columns);
      out += ", \"value\": ";
      append_json_text(out, value.raw_header);
      auto list = [&](const std::vector<std::string>& v, bool text) {
        std::string s = "[";
        for (std::size_t i = 0; i < v.size(); ++i) {
          if (i) s += ", ";
          if (text || !Impl::is_number(v[i])) {
            if (v[i].empty())
              s += "null";
            else
              append_json_text(s, v[i]);
          } else {
            s += v[i];
          }
        }
        return s + "]";
      };
      const bool text_value = value.names != nullptr || value.kind == Column::Kind::axis ||
                              value.kind == Column::Kind::constant;
      out += ",\n  \"row_values\": " + list(rows.raw, false) +
             ",\n  \"column_values\": " + list(cols.raw, false) + ",\n  \"cells\": [";
      for (std::size_t i = 0; i < rows.length; ++i)
        out += std::string(i ? ",\n    " : "\n    ") + list(raw[i], text_value);
      out += "]}}\n";
      write(out);
      return;
    }
    table.subtitle = {value.human_header + " by " + p.rows + " (rows) and " + p.columns +
                      " (columns)"};
    table.header = {p.rows + " \\ " + p.columns};
    for (const auto& c : cols.human) table.header.push_back(c);
    for (std::size_t i = 0; i < rows.length; ++i) {
      std::vector<std::string> r = {rows.human[i]};
      for (const auto& cell : human[i]) r.push_back(cell);
      table.rows.push_back(std::move(r));
    }
  } else {
    constexpr std::uint64_t kMaxTableRows = 100000;
    if (end - begin > kMaxTableRows)
      throw InputError("sweep: the terminal table holds at most 100,000 rows (this one has " +
                       std::to_string(end - begin) + "); use --format csv, json or md");
    for (const auto& col : m.columns) table.header.push_back(col.human_header);
    table.align.clear();
    for (const auto& col : m.columns)
      table.align +=
          col.kind == Column::Kind::axis || col.kind == Column::Kind::constant ? 'l' : 'r';
    for (std::uint64_t row = begin; row < end; row += options.chunk_rows) {
      const Eigen::Index n =
          static_cast<Eigen::Index>(std::min<std::uint64_t>(options.chunk_rows, end - row));
      const Chunk chunk = m.evaluate(w, row, n);
      for (Eigen::Index k = 0; k < n; ++k) {
        std::vector<std::string> r;
        for (std::size_t c = 0; c < m.columns.size(); ++c)
          r.push_back(m.human_cell(chunk, c, k, options.bytes));
        table.rows.push_back(std::move(r));
      }
    }
  }
  table.notes = {options.bytes == units::ByteStyle::si
                     ? "Sizes in SI units (1 TB = 10^12 bytes); rates in bits per second."
                     : "Sizes in IEC units (1 TiB = 2^40 bytes); rates in bits per second."};
  write(options.format == Format::md ? to_markdown(table) : to_text(table));
}

}  // namespace haul
