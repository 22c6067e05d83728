// A small JSON reader (RFC 8259) for the one JSON input haul takes: iperf3 --json results
// (haul calibrate). It builds a tree; it never crashes on malformed text (depth is bounded) and
// says where the text went wrong.
#pragma once

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haul::json {

struct Value {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string text;          // string
  std::vector<Value> items;  // array
  // object members in file order: keys[i] names values[i] (two vectors, since a pair would need
  // Value complete here)
  std::vector<std::string> keys;
  std::vector<Value> values;

  // The member called key (the last one if repeated), or nullptr; nullptr also when not an object.
  const Value* find(std::string_view key) const;
  // Follows object members: at({"end", "sum_sent", "bytes"}); nullptr when any step is missing.
  const Value* at(std::initializer_list<std::string_view> path) const;
  // The number at path, or nullptr when missing or not a number.
  const double* number_at(std::initializer_list<std::string_view> path) const;
};

// "line 3, column 14: expected ':' after an object key"
class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses one JSON text (surrounding whitespace allowed, nothing else after it).
Value parse(std::string_view text);

}  // namespace haul::json
