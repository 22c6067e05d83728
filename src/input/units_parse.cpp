// Parsing human strings into base units (MODEL.md section 2).
//
// Every parse_* function runs the same pipeline: lex() splits the text into an optional "$", a
// number and a unit; value_of() reads that as one kind of quantity without throwing; when it fails,
// diagnose() (units_diagnose.cpp) works out the most useful one-line message.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include "input/error.hpp"
#include "input/quote.hpp"
#include "input/units.hpp"
#include "input/units_detail.hpp"

namespace haul::units {
namespace detail {

// ---------------------------------------------------------------------------------------------
// Text helpers

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Non-breaking spaces (U+00A0, U+202F) count as spaces: they arrive with numbers pasted from
// documents.
std::string normalize_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 2) == "\xC2\xA0") {
      out += ' ';
      i += 1;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {
      out += ' ';
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string quote(std::string_view s) {
  return quote_text(s, 60);  // the one escaping of user text (quote.hpp)
}

// ---------------------------------------------------------------------------------------------
// Lexing: [sign] ["$"] number [unit]

Lexed lex(std::string_view input) {
  Lexed lx;
  lx.text = trim(normalize_spaces(input));
  const std::string& t = lx.text;
  const std::size_t n = t.size();
  std::size_t i = 0;
  bool negative = false, signed_number = false;
  if (i + 1 < n && (t[i] == '-' || t[i] == '+') && t[i + 1] == '$') {  // "-$5"
    negative = t[i] == '-';
    signed_number = true;
    ++i;
  }
  if (i < n && t[i] == '$') {
    lx.dollar = true;
    ++i;
    while (i < n && is_space(t[i])) ++i;
  }
  if (!signed_number && i < n && (t[i] == '-' || t[i] == '+')) {
    negative = t[i] == '-';
    ++i;
  }
  const std::size_t number_begin = i;

  // Integer part. A comma groups thousands: 1 to 3 digits before the first, exactly 3 after each.
  std::string clean;  // the number without commas, for from_chars
  std::size_t int_digits = 0, group = 0;
  bool commas = false, bad_comma = false;
  while (i < n) {
    if (is_digit(t[i])) {
      clean += t[i];
      ++int_digits;
      ++group;
      ++i;
    } else if (t[i] == ',' && i + 1 < n && is_digit(t[i + 1]) && int_digits > 0) {
      if (group > 3 || (commas && group != 3)) bad_comma = true;
      commas = true;
      group = 0;
      ++i;
    } else {
      break;
    }
  }
  if (commas && group != 3) bad_comma = true;
  std::size_t frac_digits = 0;
  if (i < n && t[i] == '.') {
    clean += '.';
    ++i;
    while (i < n && is_digit(t[i])) {
      clean += t[i];
      ++frac_digits;
      ++i;
    }
  }
  if (int_digits + frac_digits == 0) {  // also "inf", "nan", "fast", ""
    lx.problem = LexProblem::no_number;
    return lx;
  }
  // An exponent only when digits follow, so that "3EB" and "2EiB" keep their unit.
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < n && (t[j] == '+' || t[j] == '-')) ++j;
    if (j < n && is_digit(t[j])) {
      clean += 'e';
      clean.append(t, i + 1, j - (i + 1));
      i = j;
      while (i < n && is_digit(t[i])) clean += t[i++];
    }
  }
  lx.number_text = (negative ? "-" : "") + t.substr(number_begin, i - number_begin);
  for (std::size_t k = i; k < n; ++k) {
    if (!is_space(t[k])) lx.unit += t[k];
  }
  if (bad_comma) {
    lx.problem = LexProblem::bad_comma;
    return lx;
  }
  // A second number or a stray sign after the first ("1.2.3 TB", "5-10 TB") is not a unit.
  if (!lx.unit.empty() && (is_digit(lx.unit[0]) || lx.unit[0] == '.' || lx.unit[0] == ',' ||
                           lx.unit[0] == '-' || lx.unit[0] == '+')) {
    lx.problem = LexProblem::no_number;
    return lx;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), value);
  if (ec == std::errc::result_out_of_range) {
    lx.problem = LexProblem::out_of_range;
    return lx;
  }
  if (ec != std::errc() || end != clean.data() + clean.size()) {
    lx.problem = LexProblem::no_number;
    return lx;
  }
  lx.number = negative ? -value : value;
  return lx;
}

// ---------------------------------------------------------------------------------------------
// Unit tables

const Table& size_units() {  // -> bytes
  static const Table t = {
      {"B", 1},          {"kB", kKB},       {"MB", kMB},       {"GB", kGB},       {"TB", kTB},
      {"PB", kPB},       {"EB", kEB},       {"KiB", kKiB},     {"MiB", kMiB},     {"GiB", kGiB},
      {"TiB", kTiB},     {"PiB", kPiB},     {"EiB", kEiB},     {"bit", 1.0 / 8},  {"kb", kKB / 8},
      {"Mb", kMB / 8},   {"Gb", kGB / 8},   {"Tb", kTB / 8},   {"Pb", kPB / 8},   {"KB", kKB},
      {"byte", 1},       {"bytes", 1},      {"bits", 1.0 / 8}, {"Kb", kKB / 8},   {"kbit", kKB / 8},
      {"Kbit", kKB / 8}, {"Mbit", kMB / 8}, {"Gbit", kGB / 8}, {"Tbit", kTB / 8}, {"Pbit", kPB / 8},
  };
  return t;
}

const Table& rate_units() {  // -> bits per second
  static const Table t = {
      {"bps", 1},          {"kbps", 1e3},       {"Mbps", 1e6},       {"Gbps", 1e9},
      {"Tbps", 1e12},      {"Pbps", 1e15},      {"bit/s", 1},        {"kbit/s", 1e3},
      {"Mbit/s", 1e6},     {"Gbit/s", 1e9},     {"Tbit/s", 1e12},    {"Pbit/s", 1e15},
      {"B/s", 8},          {"kB/s", 8 * kKB},   {"MB/s", 8 * kMB},   {"GB/s", 8 * kGB},
      {"TB/s", 8 * kTB},   {"PB/s", 8 * kPB},   {"KiB/s", 8 * kKiB}, {"MiB/s", 8 * kMiB},
      {"GiB/s", 8 * kGiB}, {"TiB/s", 8 * kTiB}, {"PiB/s", 8 * kPiB}, {"KB/s", 8 * kKB},
      {"Kbps", 1e3},       {"Kbit/s", 1e3},     {"bits/s", 1},       {"b/s", 1},
      {"kb/s", 1e3},       {"Kb/s", 1e3},       {"Mb/s", 1e6},       {"Gb/s", 1e9},
      {"Tb/s", 1e12},      {"Pb/s", 1e15},      {"Bps", 8},          {"kBps", 8 * kKB},
      {"KBps", 8 * kKB},   {"MBps", 8 * kMB},   {"GBps", 8 * kGB},   {"TBps", 8 * kTB},
      {"PBps", 8 * kPB},
  };
  return t;
}

const Table& duration_units() {  // -> seconds; matched ignoring case
  static const Table t = {
      {"us", 1e-6},         {"ms", 1e-3},   {"s", 1},          {"min", kMinute},
      {"h", kHour},         {"d", kDay},    {"week", kWeek},   {"y", kYear},
      {"\xC2\xB5s", 1e-6},  // µs
      {"\xCE\xBCs", 1e-6},  // μs (Greek mu)
      {"usec", 1e-6},       {"msec", 1e-3}, {"sec", 1},        {"secs", 1},
      {"second", 1},        {"seconds", 1}, {"mins", kMinute}, {"minute", kMinute},
      {"minutes", kMinute}, {"hr", kHour},  {"hrs", kHour},    {"hour", kHour},
      {"hours", kHour},     {"day", kDay},  {"days", kDay},    {"weeks", kWeek},
      {"yr", kYear},        {"yrs", kYear}, {"year", kYear},   {"years", kYear},
  };
  return t;
}

const Table& mass_units() {  // -> kilograms; matched ignoring case
  static const Table t = {
      {"kg", 1},           {"g", 1e-3},           {"lb", 0.45359237},  // international pound, exact
      {"lbs", 0.45359237}, {"pound", 0.45359237}, {"pounds", 0.45359237}, {"gram", 1e-3},
      {"grams", 1e-3},     {"kilogram", 1},       {"kilograms", 1},
  };
  return t;
}

namespace {

// FLOP and FLOP/s with decimal prefixes; matched ignoring case (nobody means milli-FLOP). "FLOPS"
// and "FLOPs" are read as whichever of the two the caller asked for, since usage differs by field.
Table flop_table(std::span<const char* const> bodies) {
  static constexpr struct {
    const char* prefix;
    double factor;
  } kPrefixes[] = {{"", 1},     {"k", 1e3},  {"M", 1e6},  {"G", 1e9}, {"T", 1e12},
                   {"P", 1e15}, {"E", 1e18}, {"Z", 1e21}, {"Y", 1e24}};
  Table t;
  for (const char* body : bodies) {
    for (const auto& p : kPrefixes) t.push_back({std::string(p.prefix) + body, p.factor});
  }
  return t;
}

}  // namespace

const Table& flop_units() {
  static constexpr const char* kBodies[] = {"FLOP", "FLOPs"};
  static const Table t = flop_table(kBodies);
  return t;
}
const Table& flop_rate_units() {
  static constexpr const char* kBodies[] = {"FLOP/s", "FLOPS", "FLOPs/s"};
  static const Table t = flop_table(kBodies);
  return t;
}

namespace {

const Table& count_suffixes() {  // exact case: "m" and "b" mean nothing here
  static const Table t = {
      {"", 1}, {"k", 1e3}, {"M", 1e6}, {"B", 1e9}, {"T", 1e12}, {"P", 1e15}, {"K", 1e3}, {"G", 1e9},
  };
  return t;
}

}  // namespace

// Denominators of prices: "USD/GB" (exact case, as for sizes) and "USD/h" (any case).
const Table& price_byte_units() {
  static const Table t = {
      {"GB", kGB},   {"TB", kTB},   {"B", 1},      {"kB", kKB},   {"MB", kMB},
      {"PB", kPB},   {"KiB", kKiB}, {"MiB", kMiB}, {"GiB", kGiB}, {"TiB", kTiB},
      {"PiB", kPiB}, {"KB", kKB},   {"EB", kEB},   {"byte", 1},
  };
  return t;
}
const Table& price_time_units() {
  static const Table t = {
      {"h", kHour},        {"d", kDay},      {"month", kMonth}, {"s", 1},
      {"min", kMinute},    {"week", kWeek},  {"hr", kHour},     {"hour", kHour},
      {"day", kDay},       {"mo", kMonth},   {"sec", 1},        {"second", 1},
      {"minute", kMinute}, {"GPU-h", kHour}, {"GPU-hr", kHour}, {"GPU-hour", kHour},
      {"GPUh", kHour},
  };
  return t;
}

const Unit* find_unit(const Table& table, std::string_view name, bool case_sensitive) {
  const std::string folded = case_sensitive ? std::string(name) : lowercase(name);
  for (const Unit& u : table) {
    if (case_sensitive ? u.name == name : lowercase(u.name) == folded) return &u;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Kinds of quantity

Kind family(Kind k) {
  return k == Kind::rate_Bps ? Kind::rate_bps : k;
}

std::optional<UnitKind> unit_kind(Kind k) {
  switch (k) {
    case Kind::size:
      return UnitKind{&size_units(), true, " "};
    case Kind::rate_bps:
    case Kind::rate_Bps:
      return UnitKind{&rate_units(), true, " "};
    case Kind::duration:
      return UnitKind{&duration_units(), false, " "};
    case Kind::flop:
      return UnitKind{&flop_units(), false, " "};
    case Kind::flop_rate:
      return UnitKind{&flop_rate_units(), false, " "};
    case Kind::mass:
      return UnitKind{&mass_units(), false, " "};
    case Kind::count:
      return UnitKind{&count_suffixes(), true, ""};
    default:
      return std::nullopt;
  }
}

// ---------------------------------------------------------------------------------------------
// Money: ["$"] number [k|K|M|B] ["USD" | "$"] ["/" denominator]

MoneyParts split_money(const Lexed& lx) {
  MoneyParts p;
  const std::string& u = lx.unit;
  std::size_t i = 0;
  if (i < u.size() && (u[i] == 'k' || u[i] == 'K' || u[i] == 'M' || u[i] == 'B')) {
    p.multiplier = u[i] == 'M' ? 1e6 : u[i] == 'B' ? 1e9 : 1e3;
    p.multiplier_text = std::string(1, u[i]);
    ++i;
  }
  p.currency = lx.dollar;
  if (lowercase(u.substr(i, 3)) == "usd") {
    p.currency = true;
    i += 3;
  } else if (i < u.size() && u[i] == '$') {
    p.currency = true;
    i += 1;
  }
  if (i < u.size() && u[i] == '/') {
    p.per = true;
    p.denominator = u.substr(i + 1);
    i = u.size();
  }
  p.ok = i == u.size();
  return p;
}

// A money string in the user's style: "$1.5k/h" or "1.5k USD/h".
std::string money_text(const Lexed& lx, const std::string& multiplier, const std::string& per,
                       bool dollar) {
  std::string s = dollar ? "$" + lx.number_text + multiplier : lx.number_text + multiplier + " USD";
  if (!per.empty()) s += "/" + per;
  return s;
}

namespace {

std::optional<double> money_value(Kind k, const Lexed& lx) {
  const MoneyParts p = split_money(lx);
  if (!p.ok || !p.currency) return std::nullopt;
  const double usd = lx.number * p.multiplier;
  if (k == Kind::money) return p.per ? std::nullopt : std::optional<double>(usd);
  if (!p.per) return std::nullopt;
  const Unit* u = k == Kind::price_byte ? find_unit(price_byte_units(), p.denominator, true)
                                        : find_unit(price_time_units(), p.denominator, false);
  if (!u) return std::nullopt;
  return usd / u->factor;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reading a lexed string as one kind, without throwing

std::optional<double> value_of(Kind k, const Lexed& lx) {
  if (lx.problem != LexProblem::none) return std::nullopt;
  switch (k) {
    case Kind::money:
    case Kind::price_byte:
    case Kind::price_time:
      return money_value(k, lx);
    case Kind::fraction: {
      if (lx.dollar) return std::nullopt;
      const std::string u = lowercase(lx.unit);
      if (u.empty()) return lx.number;
      if (u == "%" || u == "percent") return lx.number / 100;
      return std::nullopt;
    }
    default:
      break;
  }
  if (lx.dollar) return std::nullopt;
  if (k == Kind::flop && lx.unit.empty()) return lx.number;  // FLOP is a count; the unit may go
  const UnitKind uk = *unit_kind(k);
  const Unit* u = find_unit(*uk.table, lx.unit, uk.case_sensitive);
  if (!u) return std::nullopt;
  const double v = lx.number * u->factor;
  return k == Kind::rate_Bps ? v / 8 : v;
}

namespace {

double parse_as(Kind k, std::string_view text) {
  const Lexed lx = lex(text);
  const std::optional<double> v = value_of(k, lx);
  if (!v) throw InputError(diagnose(k, lx));
  if (!std::isfinite(*v)) {  // "1e300 EB" overflows once scaled
    throw InputError(quote(lx.text) + " is out of range (write a finite number, e.g. " +
                     info(k).example + ")");
  }
  return *v;
}

}  // namespace
}  // namespace detail

using detail::Kind;
using detail::lex;
using detail::Lexed;
using detail::parse_as;
using detail::quote;

double parse_size(std::string_view text) {
  return parse_as(Kind::size, text);
}
double parse_rate_bps(std::string_view text) {
  return parse_as(Kind::rate_bps, text);
}
double parse_rate_Bps(std::string_view text) {
  return parse_as(Kind::rate_Bps, text);
}
double parse_duration(std::string_view text) {
  return parse_as(Kind::duration, text);
}
double parse_money(std::string_view text) {
  return parse_as(Kind::money, text);
}
double parse_price_per_byte(std::string_view text) {
  return parse_as(Kind::price_byte, text);
}
double parse_price_per_second(std::string_view text) {
  return parse_as(Kind::price_time, text);
}
double parse_flop(std::string_view text) {
  return parse_as(Kind::flop, text);
}
double parse_flop_rate(std::string_view text) {
  return parse_as(Kind::flop_rate, text);
}
double parse_mass(std::string_view text) {
  return parse_as(Kind::mass, text);
}

double parse_fraction(std::string_view text) {
  const double f = parse_as(Kind::fraction, text);
  if (f >= 0 && f <= 1) return f;
  const Lexed lx = lex(text);
  const std::string q = quote(lx.text);
  if (lx.unit.empty() && f > 1 && f <= 100) {  // most likely a percent without its sign
    throw InputError(q + " is outside [0, 1] (for a percent write " + quote(lx.number_text + "%") +
                     ")");
  }
  throw InputError(
      q + " is outside [0, 1] (write a fraction such as \"0.4\" or a percent such as \"40%\")");
}

double parse_count(std::string_view text) {
  const double n = parse_as(Kind::count, text);
  if (n < 0)
    throw InputError(quote(lex(text).text) + " is negative (a count is >= 0, e.g. \"7B\")");
  return n;
}

}  // namespace haul::units
