// Shared by the key tables (keys.cpp, keys_compute.cpp): the row of a key table and the readers
// that turn one value into a model input, each throwing InputError with the expected form.
#pragma once

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "../input/error.hpp"
#include "../input/keys.hpp"
#include "../input/quote.hpp"
#include "../input/scenario.hpp"
#include "../input/units.hpp"
#include "../plan/plan.hpp"

namespace haul::keys_detail {

using Setter = std::function<void(Scenario&, const Value&)>;

struct Field {
  std::string key;
  std::string form;                  // the expected form, as the user writes it
  std::string default_value;         // as shown in MODEL.md section 3
  Quantity quantity;                 // what its value measures (how sweeps make and show values)
  Valid valid;                       // the bounds `set` checks; {} for words, booleans, presets
  double& (*slot)(Inputs<double>&);  // the model input it sets; nullptr for names and layouts
  Setter set;
};

// The bounds of Field::valid, as the setters check them.
inline Valid above(double lo) {
  return {{lo, num::inf, true, false}};
}  // (lo, inf)
inline Valid at_least(double lo) {
  return {{lo, num::inf, false, false}};
}  // [lo, inf)
inline Valid between(double lo, double hi, bool lo_open, bool hi_open) {
  return {{lo, hi, lo_open, hi_open}};
}
inline Valid whole_from(double least, double most = num::inf) {
  return {{least, most, false, false}, true};
}

// ---- reading one value -------------------------------------------------------------------------

// A value that needs a unit goes through its unit parser; a bare number gets the parser's
// "has no unit (write ...)" message because the parser sees the number without a unit.
inline double with_unit(const Value& v, double (*parse)(std::string_view)) {
  switch (v.kind) {
    case Value::Kind::string:
      return parse(v.text);
    case Value::Kind::boolean:
      throw InputError(v.shown() + " is a boolean; " + "expected a number with a unit");
    default: {
      const std::string shown = v.shown();
      return parse(shown);  // throws: no unit
    }
  }
}

inline double number(const Value& v, const std::string& expected) {
  if (v.kind == Value::Kind::integer || v.kind == Value::Kind::floating) {
    if (!std::isfinite(v.number))
      throw InputError(v.shown() + " is not finite (expected " + expected + ")");
    return v.number;
  }
  throw InputError(v.shown() + " is not a number (expected " + expected + ")");
}

inline double check(double x, bool ok, const Value& v, const std::string& expected) {
  if (!ok || !std::isfinite(x))
    throw InputError(v.shown() + " is out of range (expected " + expected + ")");
  return x;
}

// A count: an integer, or a string with a decimal suffix ("80k", "7B").
inline double whole(const Value& v, double least, const std::string& expected) {
  double x;
  if (v.kind == Value::Kind::string) {
    x = units::parse_count(v.text);
  } else {
    x = number(v, expected);
  }
  if (x != std::floor(x))
    throw InputError(v.shown() + " is not a whole number (expected " + expected + ")");
  return check(x, x >= least, v, expected);
}

// A dimensionless amount that may be large: a number or a count string ("7B", "15T").
inline double amount(const Value& v, const std::string& expected) {
  double x;
  if (v.kind == Value::Kind::string) {
    try {
      x = units::parse_count(v.text);
    } catch (const InputError&) {
      // The key's own form (which says "> 0" and shows the suffixes), not the count parser's.
      const bool negative = v.text.find_first_not_of(' ') != std::string::npos &&
                            v.text[v.text.find_first_not_of(' ')] == '-';
      throw InputError(v.shown() + (negative ? " is out of range" : " is not a count") +
                       " (expected " + expected + ")");
    }
  } else {
    x = number(v, expected);
  }
  return check(x, x > 0, v, expected);
}

// A fraction: a bare number or a percent string, within [lo, hi] with optional open ends.
inline double fraction(const Value& v, bool open_low, bool open_high, const std::string& expected) {
  double x;
  if (v.kind == Value::Kind::string) {
    try {
      x = units::parse_fraction(v.text);
    } catch (const InputError&) {
      throw InputError(v.shown() + " is not a fraction (expected " + expected + ")");
    }
  } else {
    x = number(v, expected);
  }
  const bool ok = (open_low ? x > 0 : x >= 0) && (open_high ? x < 1 : x <= 1);
  return check(x, ok, v, expected);
}

inline bool boolean(const Value& v) {
  if (v.kind != Value::Kind::boolean)
    throw InputError(v.shown() + " is not a boolean (expected true or false)");
  return v.boolean;
}

inline std::string text(const Value& v, const std::string& expected) {
  if (v.kind != Value::Kind::string)
    throw InputError(v.shown() + " is not a string (expected " + expected + ")");
  // Reports and `haul scenario` repeat it: it must be text (TOML files are UTF-8 by rule; --set
  // values need the check).
  if (!valid_utf8(v.text))
    throw InputError("the text is not valid UTF-8 (expected " + expected + ")");
  return v.text;
}

// The words of a code table (kCongestionNames, ...), for choice.
template <std::size_t N>
inline std::vector<std::string> words(const char* const (&names)[N]) {
  return {std::begin(names), std::end(names)};
}

// One of a few words; returns its index.
inline int choice(const Value& v, const std::vector<std::string>& words) {
  std::string expected;
  for (const auto& w : words) expected += (expected.empty() ? "" : " | ") + w;
  const std::string word = text(v, expected);
  for (size_t i = 0; i < words.size(); ++i)
    if (word == words[i]) return static_cast<int>(i);
  const std::string guess = closest(word, words);
  throw InputError(v.shown() + " is not one of " + expected +
                   (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
}

// A string that reads as a price per unit of time ("15000 USD/month", "$2/h").
inline bool is_price_per_time(const Value& v) {
  if (v.kind != Value::Kind::string) return false;
  try {
    units::parse_price_per_second(v.text);
    return true;
  } catch (const InputError&) {
    return false;
  }
}

// A string value that is this word ("auto", "none").
inline bool is_word(const Value& v, std::string_view word) {
  return v.kind == Value::Kind::string && v.text == word;
}
inline bool is_auto(const Value& v) {
  return is_word(v, "auto");
}

using S = Scenario;
using V = Value;

// The [compute] rows (keys_compute.cpp), in the order `haul keys` lists them.
std::vector<Field> compute_fields();
// The [appliance] and [plan] rows (keys_routes.cpp).
std::vector<Field> route_fields();

// [plan] routes: "network, ship, leased" (a TOML list as read), "network,ship" or
// '["network","ship"]' from the command line; each name one word.
inline std::vector<std::string> route_list(const std::string& text, const Value& v,
                                           const std::string& expected) {
  std::vector<std::string> names;
  std::string t = text;
  if (!t.empty() && t.front() == '[' && t.back() == ']') t = t.substr(1, t.size() - 2);
  std::size_t start = 0;
  while (start <= t.size()) {
    const std::size_t end = std::min(t.find(',', start), t.size());
    std::string name = t.substr(start, end - start);
    const auto first = name.find_first_not_of(" \t\"'");
    const auto last = name.find_last_not_of(" \t\"'");
    name = first == std::string::npos ? "" : name.substr(first, last - first + 1);
    if (!name.empty() || end < t.size()) {
      const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      });
      if (!word)
        throw InputError(v.shown() + " is not a list of route names (expected " + expected + ")");
      names.push_back(name);
    }
    start = end + 1;
  }
  if (names.empty()) throw InputError(v.shown() + " names no route (expected " + expected + ")");
  return names;
}

}  // namespace haul::keys_detail
