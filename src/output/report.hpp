// Reports: one Record (ordered key paths -> values in base units) feeds JSON and CSV; one Table
// (rows of human-formatted cells) feeds the terminal and Markdown. Every command builds both from
// the same results, so a line added once shows up in every format.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace haul {

enum class Format { table, json, csv, md };

// ---- machine formats ----
struct Null {};
using Scalar = std::variant<double, std::string, bool, Null>;
struct Record {
  std::vector<std::pair<std::string, Scalar>> items;  // "network.time_s" -> 640000
  void add(std::string path, Scalar value) {
    items.emplace_back(std::move(path), std::move(value));
  }
};
std::string to_json(const Record& record);  // nested by the dots in the paths
std::string to_csv(const std::vector<std::string>& header,
                   const std::vector<std::vector<Scalar>>& rows);  // RFC 4180
std::string to_csv(const Record& record);                          // one header row, one data row

// A JSON value built in order, for what a Record's dotted paths cannot say: lists, and keys that
// hold dots themselves ("choices": {"ship.couriers": 4}). Written in to_json's layout, so that a
// tree of objects reads exactly as the Record of the same paths would.
struct JsonMember;
struct Json {
  enum class Kind { scalar, object, array } kind = Kind::scalar;
  Scalar scalar = Null{};
  // (JsonMember, not std::pair: a pair of an incomplete Json is ill-formed.)
  std::vector<JsonMember> members;  // an object's, in the order added
  std::vector<Json> elements;       // an array's

  Json() = default;
  // A number, text, true/false or null is a JSON value as it stands: add("x", 1.5).
  template <class T>
  requires std::is_constructible_v<Scalar, T> Json(
      T&& value);  // NOLINT(google-explicit-constructor)
  static Json object();
  static Json array();
  // Adds a member to an object (keys are not checked for repeats: add each once) or an element to
  // an array, and returns it: a reference valid until the next member or element of this value.
  Json& add(std::string key, Json value);
  Json& push(Json value);
};
struct JsonMember {
  std::string key;
  Json value;
};
template <class T>
requires std::is_constructible_v<Scalar, T> Json::Json(T&& value)
    : scalar(std::forward<T>(value)) {}
std::string to_json(const Json& value);
// The shortest text that reads back as the same double, whole numbers below 1e21 positional
// (10000000000000000, not 1e+16); null when not finite.
std::string json_number(double x);
// The same appended to `out` (nothing when not finite: an empty CSV cell).
void append_number(std::string& out, double x);
void append_json_text(std::string& out, const std::string& s);  // quoted and escaped
void append_csv_text(std::string& out, const std::string& s);   // quoted only when it must be

// ---- human formats ----
struct Table {
  std::string base;  // the first line: what the results start from ("base: example seed; ...")
  std::string title;
  std::vector<std::string> subtitle;           // lines under the title
  std::vector<std::string> header;             // first column is the row label
  std::vector<std::vector<std::string>> rows;  // a row of one empty cell is a separator
  std::vector<std::string> notes;              // lines after the table
  // 'l' or 'r' per column; by default the first column is left-aligned and the rest right-aligned.
  std::string align;
  bool left(size_t column) const {
    return column < align.size() ? align[column] == 'l' : column == 0;
  }
};
std::string to_text(const Table& table, bool color = false);
std::string to_markdown(const Table& table);

// A command's results in both shapes.
struct Report {
  Record record;
  Table table;
  // A list-shaped report (the catalog) gives its CSV as rows instead of one flattened record.
  std::vector<std::string> csv_header;
  std::vector<std::vector<Scalar>> csv_rows;
  // A report whose JSON is not a flat record (the optimiser's front is a list) gives it as a tree.
  std::optional<Json> json;
};

// Renders a report in the format asked for; catalog CSV is a list of presets, and a report with a
// JSON tree writes that instead of its record.
std::string render(const Report& report, Format format, bool color = false);

}  // namespace haul
