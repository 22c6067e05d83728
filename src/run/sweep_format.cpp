// A sweep's cells and rows in each format: raw (base units, for CSV and JSON) and for people
// (the terminal table, Markdown), streamed a chunk at a time or laid out whole (tables, pivots).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

#include "input/error.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "run/sweep.hpp"
#include "run/sweep_impl.hpp"

namespace haul {

using sweep_detail::AxisGrid;
using sweep_detail::Chunk;
using sweep_detail::Column;

std::string Sweep::Impl::raw_cell(const Chunk& chunk, std::size_t c, Eigen::Index k) const {
  const Column& col = columns[c];
  switch (col.kind) {
    case Column::Kind::axis:
      return axes[static_cast<std::size_t>(col.axis)].raw[index(
          static_cast<std::size_t>(col.axis), chunk.first + static_cast<std::uint64_t>(k))];
    case Column::Kind::constant:
      return col.constant_raw;
    default: {
      const double x = chunk.values[c][k];
      if (col.auto_value && x == *col.auto_value) return "auto";
      if (col.names && std::isfinite(x)) return col.names[static_cast<int>(x)];
      std::string s;
      append_number(s, x);
      return s;
    }
  }
}

std::string Sweep::Impl::human_cell(const Chunk& chunk, std::size_t c, Eigen::Index k,
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
      if (col.kind == Column::Kind::result && col.result->breakeven && std::isnan(x)) return "none";
      if (col.auto_value && x == *col.auto_value) return "auto";
      std::string s = show_human(col.show, x, bytes, col.names);
      // A winner level with the runner-up (a hybrid sending everything over the network ties
      // with the network route) won by being listed first.
      if (col.result && col.result->margin && !std::isnan(chunk.margins[c][k]))
        s += chunk.margins[c][k] == 0
                 ? std::string(" (tie)")
                 : " by " + show_human(col.result->margin_show, chunk.margins[c][k], bytes);
      return s;
    }
  }
}

void Sweep::Impl::format_rows(const Chunk& chunk, Format format, units::ByteStyle bytes,
                              std::string& out) const {
  for (Eigen::Index k = 0; k < chunk.rows; ++k) {
    if (format == Format::csv) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c) out += ',';
        const Column& col = columns[c];
        // Words (a code's name, "auto") go through raw_cell like JSON's.
        if ((col.kind == Column::Kind::input && !col.names && !col.auto_value) ||
            (col.kind == Column::Kind::result && !col.names)) {
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
        if (col.quoted || col.kind == Column::Kind::constant || col.names ||
            (col.words && !is_number(cell))) {
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

bool Sweep::Impl::is_number(const std::string& s) {
  double x;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  return ec == std::errc() && end == s.data() + s.size();
}

std::string Sweep::Impl::stream_header(Format format) const {
  std::string header;
  if (format == Format::csv) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c) header += ',';
      append_csv_text(header, columns[c].raw_header);
    }
    header += "\r\n";
  } else if (format == Format::md) {
    // Like every report, a table says first what it starts from.
    if (!spec.base_label.empty()) header = base_line(spec.base_label, "", spec.overrides) + "\n\n";
    header += "|";
    for (const auto& col : columns) header += " " + col.human_header + " |";
    header += "\n|";
    for (const auto& col : columns)
      header += col.kind == Column::Kind::axis || col.kind == Column::Kind::constant ? " :--- |"
                                                                                     : " ---: |";
    header += "\n";
  }
  return header;
}

void Sweep::Impl::write_table(const SweepOptions& options, std::uint64_t begin, std::uint64_t end,
                              const std::function<void(std::string_view)>& write) const {
  Workspace w;
  // The table is evaluated on this thread alone: a row's Monte Carlo takes the cores.
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const int spread_threads =
      static_cast<int>(std::min(options.threads ? options.threads : hardware, limits::kThreads));
  Table table;
  if (!spec.base_label.empty()) table.base = base_line(spec.base_label, "", spec.overrides);
  table.title = printable(shown_name(first.name, spec.modified, spec.overrides));
  if (spec.pivot) {
    const Pivot& p = *spec.pivot;
    std::size_t ra = 0, ca = 0;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      if (axes[a].key == p.rows) ra = a;
      if (axes[a].key == p.columns) ca = a;
    }
    const AxisGrid& rows = axes[ra];
    const AxisGrid& cols = axes[ca];
    std::vector<std::vector<std::string>> human(rows.length, std::vector<std::string>(cols.length));
    std::vector<std::vector<std::string>> raw = human;
    for (std::uint64_t row = 0; row < points; row += options.chunk_rows) {
      const Eigen::Index n =
          static_cast<Eigen::Index>(std::min<std::uint64_t>(options.chunk_rows, points - row));
      const Chunk chunk = evaluate(w, row, n, spread_threads);
      for (Eigen::Index k = 0; k < n; ++k) {
        const std::uint64_t r = row + static_cast<std::uint64_t>(k);
        human[index(ra, r)][index(ca, r)] = human_cell(chunk, 0, k, options.bytes);
        raw[index(ra, r)][index(ca, r)] = raw_cell(chunk, 0, k);
      }
    }
    const Column& value = columns[0];
    if (options.format == Format::csv) {
      // The corner names what the cells hold and what the row and column headers are, each with
      // its unit: "network.time_s by data.size_bytes \ network.bandwidth_bps".
      // The keys as written: a route's key is route.leased.bandwidth, not its entry
      // route.NAME.bandwidth.
      std::vector<std::string> header = {value.raw_header + " by " + p.rows +
                                         column_suffix(find_key(p.rows)->quantity) + " \\ " +
                                         p.columns + column_suffix(find_key(p.columns)->quantity)};
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
      // Like every JSON report, it names what it starts from (MODEL.md section 6 v2).
      std::string out = "{";
      if (!spec.base_label.empty()) {
        out += "\"base\": ";
        append_json_text(out, spec.base_label);
        out += ", ";
      }
      out += "\"name\": ";
      append_json_text(out, shown_name(first.name, spec.modified, spec.overrides));
      out += ",\n \"pivot\": {\"rows\": ";
      append_json_text(out, p.rows);
      out += ", \"columns\": ";
      append_json_text(out, p.columns);
      out += ", \"value\": ";
      append_json_text(out, value.raw_header);
      auto list = [&](const std::vector<std::string>& v, bool text) {
        std::string s = "[";
        for (std::size_t i = 0; i < v.size(); ++i) {
          if (i) s += ", ";
          if (text || !is_number(v[i])) {
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
    if (end - begin > limits::kTableRows)
      throw InputError("haul sweep: the terminal table holds at most " +
                       units::format_count(static_cast<double>(limits::kTableRows)) +
                       " rows (this one has " +
                       units::format_count(static_cast<double>(end - begin)) +
                       "); use --format csv, json or md");
    for (const auto& col : columns) table.header.push_back(col.human_header);
    table.align.clear();
    for (const auto& col : columns)
      table.align +=
          col.kind == Column::Kind::axis || col.kind == Column::Kind::constant ? 'l' : 'r';
    for (std::uint64_t row = begin; row < end; row += options.chunk_rows) {
      const Eigen::Index n =
          static_cast<Eigen::Index>(std::min<std::uint64_t>(options.chunk_rows, end - row));
      const Chunk chunk = evaluate(w, row, n, spread_threads);
      for (Eigen::Index k = 0; k < n; ++k) {
        std::vector<std::string> r;
        for (std::size_t c = 0; c < columns.size(); ++c)
          r.push_back(human_cell(chunk, c, k, options.bytes));
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
