#include "output/report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "input/quote.hpp"

namespace haul {

// ---- machine formats ---------------------------------------------------------------------------

void append_number(std::string& out, double x) {
  if (!std::isfinite(x)) return;
  if (x == 0) x = 0;  // -0 (a product with a negative zero) is 0 to a reader
  char buffer[64];
  // Whole numbers below 1e21 print in positional notation (800000, not 8e+05; 10000000000000000,
  // not 1e+16), as JavaScript prints them; the rest, and fractions, in the shortest form. Either
  // way the text is the shortest that reads back as the same double.
  const bool whole = x == std::floor(x) && std::fabs(x) < 1e21;
  const auto end =
      whole ? std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed).ptr
            : std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  out.append(buffer, end);
}

std::string json_number(double x) {
  if (!std::isfinite(x)) return "null";
  std::string out;
  append_number(out, x);
  return out;
}

void append_json_text(std::string& out, const std::string& s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    // JSON text is UTF-8 (RFC 8259 section 8.1): a byte that is not (a file name from a foreign
    // system) becomes U+FFFD rather than invalid JSON.
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(s, i, n);
      i += n;
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char u[8];
          std::snprintf(u, sizeof u, "\\u%04x",
                        static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += u;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_csv_text(std::string& out, const std::string& s) {
  // Numbers and plain words, the common case, need no quotes.
  if (s.find_first_of(",\"\r\n") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

namespace {

std::string json_string(const std::string& s) {
  std::string out;
  append_json_text(out, s);
  return out;
}

std::string scalar_json(const Scalar& v) {
  if (const auto* d = std::get_if<double>(&v)) return json_number(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return json_string(*s);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "null";
}

std::string scalar_csv(const Scalar& v) {
  std::string out;
  if (const auto* d = std::get_if<double>(&v)) append_number(out, *d);
  if (const auto* b = std::get_if<bool>(&v)) out = *b ? "true" : "false";
  if (const auto* s = std::get_if<std::string>(&v)) append_csv_text(out, *s);
  return out;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(path.substr(start, dot - start));
  parts.push_back(path.substr(start));
  return parts;
}

}  // namespace

Json Json::object() {
  Json j;
  j.kind = Kind::object;
  return j;
}

Json Json::array() {
  Json j;
  j.kind = Kind::array;
  return j;
}

Json& Json::add(std::string key, Json value) {
  members.push_back({std::move(key), std::move(value)});
  return members.back().value;
}

Json& Json::push(Json value) {
  elements.push_back(std::move(value));
  return elements.back();
}

namespace {

// The record's layout: a member or an element a line, indented two spaces a level; an empty
// object or list on one line.
void write_json(std::string& out, const Json& value, std::size_t depth) {
  auto indent = [&](std::size_t d) { out += "\n" + std::string(2 * d, ' '); };
  switch (value.kind) {
    case Json::Kind::scalar:
      out += scalar_json(value.scalar);
      return;
    case Json::Kind::object:
      out += '{';
      for (std::size_t i = 0; i < value.members.size(); ++i) {
        if (i) out += ',';
        indent(depth + 1);
        append_json_text(out, value.members[i].key);
        out += ": ";
        write_json(out, value.members[i].value, depth + 1);
      }
      if (!value.members.empty()) indent(depth);
      out += '}';
      return;
    case Json::Kind::array:
      out += '[';
      for (std::size_t i = 0; i < value.elements.size(); ++i) {
        if (i) out += ',';
        indent(depth + 1);
        write_json(out, value.elements[i], depth + 1);
      }
      if (!value.elements.empty()) indent(depth);
      out += ']';
      return;
  }
}

}  // namespace

std::string to_json(const Json& value) {
  std::string out;
  write_json(out, value, 0);
  return out + "\n";
}

std::string to_json(const Record& record) {
  // Paths arrive grouped by prefix (the reports add them that way): a path goes into the object
  // its prefix opened last, as the tree's last member of that name; a new name opens a new one.
  Json root = Json::object();
  for (const auto& [path, value] : record.items) {
    const std::vector<std::string> parts = split_path(path);
    Json* at = &root;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      const bool open = !at->members.empty() && at->members.back().key == parts[i] &&
                        at->members.back().value.kind == Json::Kind::object;
      at = open ? &at->members.back().value : &at->add(parts[i], Json::object());
    }
    Json leaf;
    leaf.scalar = value;
    at->add(parts.back(), std::move(leaf));
  }
  return root.members.empty() ? "{\n}\n" : to_json(root);
}

std::string to_csv(const std::vector<std::string>& header,
                   const std::vector<std::vector<Scalar>>& rows) {
  std::string out;
  for (size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + scalar_csv(header[i]);
  out += "\r\n";
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + scalar_csv(row[i]);
    out += "\r\n";
  }
  return out;
}

std::string to_csv(const Record& record) {
  std::vector<std::string> header;
  std::vector<Scalar> row;
  for (const auto& [path, value] : record.items) {
    header.push_back(path);
    row.push_back(value);
  }
  return to_csv(header, {row});
}

// ---- human formats -----------------------------------------------------------------------------

namespace {

// Display width of a UTF-8 string: count code points, not bytes.
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, size_t w, bool right) {
  const size_t n = width(s);
  if (n >= w) return s;
  return right ? std::string(w - n, ' ') + s : s + std::string(w - n, ' ');
}

}  // namespace

std::string to_text(const Table& table, bool color) {
  const std::string bold = color ? "\033[1m" : "", plain = color ? "\033[0m" : "";
  std::string out;
  if (!table.base.empty()) out += table.base + "\n";
  if (!table.title.empty()) out += bold + table.title + plain + "\n";
  for (const auto& line : table.subtitle) out += line + "\n";
  if (!table.base.empty() || !table.title.empty() || !table.subtitle.empty()) out += "\n";
  std::vector<size_t> widths(table.header.size(), 0);
  for (size_t i = 0; i < table.header.size(); ++i) widths[i] = width(table.header[i]);
  for (const auto& row : table.rows)
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], width(row[i]));
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string s;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      s += (i ? "   " : "") + pad(cell, widths[i], !table.left(i));
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return (header ? bold + s + plain : s) + "\n";
  };
  if (!table.header.empty()) {  // a report of notes alone has no table
    out += line(table.header, true);
    for (const auto& row : table.rows)
      out += row.size() == 1 && row[0].empty() ? "\n" : line(row, false);
    if (!table.notes.empty()) out += "\n";
  }
  for (const auto& note : table.notes) out += note + "\n";
  return out;
}

std::string to_markdown(const Table& table) {
  std::string out;
  if (!table.base.empty()) out += table.base + "\n\n";
  if (!table.title.empty()) out += "### " + table.title + "\n\n";
  for (const auto& line : table.subtitle) out += line + "  \n";
  if (!table.subtitle.empty()) out += "\n";
  auto escape = [](const std::string& s) {
    std::string e;
    for (const char c : s) e += c == '|' ? std::string("\\|") : std::string(1, c);
    return e;
  };
  // Markdown drops leading spaces; an indented label keeps its indent as em spaces.
  auto indent = [](const std::string& cell) {
    size_t n = 0;
    while (n < cell.size() && cell[n] == ' ') ++n;
    std::string spaces;
    for (size_t i = 0; i < n / 2; ++i) spaces += "&emsp;";
    return spaces + cell.substr(n);
  };
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (size_t i = 0; i < table.header.size(); ++i)
      s += " " + indent(escape(i < cells.size() ? cells[i] : "")) + " |";
    return s + "\n";
  };
  if (!table.header.empty()) {  // a report of notes alone has no table
    out += line(table.header);
    out += "|";
    for (size_t i = 0; i < table.header.size(); ++i) out += table.left(i) ? " :--- |" : " ---: |";
    out += "\n";
    for (const auto& row : table.rows)
      if (!(row.size() == 1 && row[0].empty())) out += line(row);
    if (!table.notes.empty()) out += "\n";
  }
  for (const auto& note : table.notes) out += note + "  \n";
  return out;
}

std::string render(const Report& report, Format format, bool color) {
  switch (format) {
    case Format::json:
      return report.json ? to_json(*report.json) : to_json(report.record);
    case Format::csv:
      return report.csv_header.empty() ? to_csv(report.record)
                                       : to_csv(report.csv_header, report.csv_rows);
    case Format::md:
      return to_markdown(report.table);
    default:
      return to_text(report.table, color);
  }
}

}  // namespace haul
