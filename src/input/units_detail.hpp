// Internals of the unit parsers, shared by units_parse.cpp (lexing, unit tables, reading a value)
// and units_diagnose.cpp (the one-line error messages). Not part of haul's interface: include
// input/units.hpp instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../input/units.hpp"

namespace haul::units::detail {

char to_lower(char c);
std::string lowercase(std::string_view s);
bool ends_with(std::string_view s, std::string_view tail);
// The user's text in double quotes, kept on one line and of readable length.
std::string quote(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Lexing: [sign] ["$"] number [unit]

enum class LexProblem { none, no_number, bad_comma, out_of_range };

struct Lexed {
  std::string text;  // the trimmed input, quoted in messages
  LexProblem problem = LexProblem::none;
  bool dollar = false;      // a leading "$"
  double number = 0;        // the number alone, sign applied, no unit
  std::string number_text;  // the number as written (sign, commas), for corrected examples
  std::string unit;         // the rest with all whitespace removed: "M USD" -> "MUSD"
};

Lexed lex(std::string_view input);

// ---------------------------------------------------------------------------------------------
// Unit tables. The first entries of each table are the canonical spellings (they win ties when
// suggesting a unit for a typo); aliases follow.

struct Unit {
  std::string name;
  double factor;  // base units per one of this unit
};
using Table = std::vector<Unit>;

const Table& size_units();        // -> bytes
const Table& rate_units();        // -> bits per second
const Table& duration_units();    // -> seconds; matched ignoring case
const Table& mass_units();        // -> kilograms; matched ignoring case
const Table& flop_units();        // -> FLOP; matched ignoring case
const Table& flop_rate_units();   // -> FLOP/s; matched ignoring case
const Table& price_byte_units();  // denominators of USD/GB; exact case
const Table& price_time_units();  // denominators of USD/h; matched ignoring case

const Unit* find_unit(const Table& table, std::string_view name, bool case_sensitive);

// ---------------------------------------------------------------------------------------------
// Kinds of quantity

enum class Kind {
  size,
  rate_bps,
  rate_Bps,
  duration,
  money,
  price_byte,
  price_time,
  flop,
  flop_rate,
  mass,
  fraction,
  count
};

struct KindInfo {
  const char* noun;     // "a size": "... is not a size", "... is a size, not a rate"
  const char* example;  // a correct input, quoted
  const char* how;      // what to write when there is no number at all
  const char* unit;     // the unit suggested for a bare number
  const char* units;    // the list shown after a misspelt unit
};

const KindInfo& info(Kind k);

// Line rates and throughputs are one family: the same strings, a different base unit.
Kind family(Kind k);

struct UnitKind {
  const Table* table;
  bool case_sensitive;
  const char* joiner;  // between number and unit in a suggestion
};

// The table a kind reads its unit from; none for money, prices and fractions.
std::optional<UnitKind> unit_kind(Kind k);

// ---------------------------------------------------------------------------------------------
// Money: ["$"] number [k|K|M|B] ["USD" | "$"] ["/" denominator]

struct MoneyParts {
  bool ok = false;        // the part before any "/" is a multiplier and/or a currency
  double multiplier = 1;  // k = 1e3, M = 1e6, B = 1e9
  std::string multiplier_text;
  bool currency = false;  // "$" in front or "USD" after
  bool per = false;       // there is a "/"
  std::string denominator;
};

MoneyParts split_money(const Lexed& lx);

// A money string in the user's style: "$1.5k/h" or "1.5k USD/h".
std::string money_text(const Lexed& lx, const std::string& multiplier, const std::string& per,
                       bool dollar);

// ---------------------------------------------------------------------------------------------
// Reading and diagnosing

// The lexed string read as one kind, in base units, without throwing; nullopt if it is not one.
std::optional<double> value_of(Kind k, const Lexed& lx);

// The one-line message for a string that value_of(k, lx) rejected (units_diagnose.cpp).
std::string diagnose(Kind k, const Lexed& lx);

}  // namespace haul::units::detail
