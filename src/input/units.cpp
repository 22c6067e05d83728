// Parsing human strings into base units and formatting base units for humans (MODEL.md section 2).
//
// Every parse_* function runs the same pipeline: lex() splits the text into an optional "$", a
// number and a unit; value_of() reads that as one kind of quantity without throwing; when it fails,
// diagnose() works out the most useful one-line message (a typo, a missing unit, a size given where
// a rate was wanted, ...), using value_of() on the other kinds to spot the mix-ups.
#include "input/units.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "input/error.hpp"

namespace haul::units {
namespace {

// ---------------------------------------------------------------------------------------------
// Text helpers

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
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

// The user's text in double quotes, kept on one line and of readable length.
std::string quote(std::string_view s) {
  constexpr std::size_t kMaxShown = 60;
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == kMaxShown) {
      out += "...";
      break;
    }
    const char c = s[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(byte));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

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
// Unit tables. The first entries of each table are the canonical spellings (they win ties when
// suggesting a unit for a typo); aliases follow.

struct Unit {
  std::string name;
  double factor;  // base units per one of this unit
};
using Table = std::vector<Unit>;

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
      {"h", kHour},         {"d", kDay},    {"week", kWeek},   {"\xC2\xB5s", 1e-6},  // µs
      {"\xCE\xBCs", 1e-6},  // μs (Greek mu)
      {"usec", 1e-6},       {"msec", 1e-3}, {"sec", 1},        {"secs", 1},
      {"second", 1},        {"seconds", 1}, {"mins", kMinute}, {"minute", kMinute},
      {"minutes", kMinute}, {"hr", kHour},  {"hrs", kHour},    {"hour", kHour},
      {"hours", kHour},     {"day", kDay},  {"days", kDay},    {"weeks", kWeek},
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

const Table& count_suffixes() {  // exact case: "m" and "b" mean nothing here
  static const Table t = {
      {"", 1}, {"k", 1e3}, {"M", 1e6}, {"B", 1e9}, {"T", 1e12}, {"P", 1e15}, {"K", 1e3}, {"G", 1e9},
  };
  return t;
}

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

// Edit distance (optimal string alignment) in half-steps: an insertion, deletion, substitution or
// transposition costs 2, a change of letter case alone costs 1, so that "Tib" is nearer "TiB" than
// any unit one real edit away.
int edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(2 * i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(2 * j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const char x = a[i - 1], y = b[j - 1];
      const int sub = x == y ? 0 : (to_lower(x) == to_lower(y) ? 1 : 2);
      int best = std::min({d[i - 1][j] + 2, d[i][j - 1] + 2, d[i - 1][j - 1] + sub});
      if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y)
        best = std::min(best, d[i - 2][j - 2] + 2);
      d[i][j] = best;
    }
  }
  return d[n][m];
}

// The known units a typo most likely meant: the units that equal it ignoring case, one per meaning
// (two when only b/B tells them apart: "gb" -> GB or Gb), else the nearest one within a couple of
// edits, else nothing.
std::vector<std::string> closest_units(const Table& table, std::string_view name,
                                       bool case_sensitive) {
  std::vector<std::string> out;
  if (case_sensitive) {
    const std::string folded = lowercase(name);
    std::vector<double> factors;
    for (const Unit& u : table) {
      if (lowercase(u.name) != folded) continue;
      if (std::find(factors.begin(), factors.end(), u.factor) != factors.end()) continue;
      factors.push_back(u.factor);
      out.push_back(u.name);
    }
    if (!out.empty()) return out;
  }
  const std::string probe = case_sensitive ? std::string(name) : lowercase(name);
  const int allowed = 2 * (probe.size() <= 3 ? 1 : probe.size() <= 6 ? 2 : 3);
  int best = allowed + 1;
  for (const Unit& u : table) {
    const int d = edit_distance(probe, case_sensitive ? u.name : lowercase(u.name));
    if (d < best) {
      best = d;
      out = {u.name};
    }
  }
  return out;
}

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

// Indexed by Kind, in the order of its enumerators.
constexpr KindInfo kKinds[] = {
    {"a size", "\"80 TB\"", "a number and a unit", "TB",
     "units: B kB MB GB TB PB EB KiB MiB GiB TiB PiB EiB bit kb Mb Gb Tb"},
    {"a rate", "\"1 Gbps\"", "a number and a unit", "Gbps",
     "units: bps kbps Mbps Gbps Tbps bit/s Mbit/s Gbit/s B/s kB/s MB/s GB/s MiB/s GiB/s"},
    {"a rate", "\"270 MB/s\"", "a number and a unit", "MB/s",
     "units: B/s kB/s MB/s GB/s TB/s KiB/s MiB/s GiB/s bps kbps Mbps Gbps Tbps"},
    {"a duration", "\"100 ms\"", "a number and a unit", "s", "units: us ms s min h d week"},
    {"an amount of money", "\"$2\"", "a number with \"$\" or \"USD\"", "", ""},
    {"a price per byte", "\"0.09 USD/GB\"", "a number and a unit", "GB",
     "units: USD/B USD/kB USD/MB USD/GB USD/TB USD/PB USD/GiB USD/TiB"},
    {"a price per time", "\"2 USD/h\"", "a number and a unit", "h",
     "units: USD/s USD/min USD/h USD/d USD/week USD/month"},
    {"an amount of compute", "\"3.8e25 FLOP\"", "a number and a unit", "FLOP",
     "units: FLOP kFLOP MFLOP GFLOP TFLOP PFLOP EFLOP ZFLOP"},
    {"a compute rate", "\"989 TFLOP/s\"", "a number and a unit", "TFLOP/s",
     "units: FLOP/s GFLOP/s TFLOP/s PFLOP/s EFLOP/s, or TFLOPS"},
    {"a mass", "\"23 kg\"", "a number and a unit", "kg", "units: g kg lb"},
    {"a fraction", "\"0.4\" or \"40%\"", "a number in [0, 1] or a percent", "", ""},
    {"a count", "\"7B\"", "a number with an optional k, M, B, T or P suffix", "",
     "suffixes: k M B T P"},
};
static_assert(std::size(kKinds) == static_cast<std::size_t>(Kind::count) + 1);

const KindInfo& info(Kind k) {
  return kKinds[static_cast<std::size_t>(k)];
}

// Line rates and throughputs are one family: the same strings, a different base unit.
Kind family(Kind k) {
  return k == Kind::rate_Bps ? Kind::rate_bps : k;
}

struct UnitKind {
  const Table* table;
  bool case_sensitive;
  const char* joiner;  // between number and unit in a suggestion
};

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

struct MoneyParts {
  bool ok = false;        // the part before any "/" is a multiplier and/or a currency
  double multiplier = 1;  // k = 1e3, M = 1e6, B = 1e9
  std::string multiplier_text;
  bool currency = false;  // "$" in front or "USD" after
  bool per = false;       // there is a "/"
  std::string denominator;
};

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

// ---------------------------------------------------------------------------------------------
// Messages

// The same quantity written in the unit of the kind that was wanted, for the classic mix-ups:
// "1 Gbps" as a size -> "1 Gb", "100 MB" as a rate -> "100 MB/s", "$2" as a price -> "$2/h".
std::optional<std::string> converted(Kind want, Kind got, const Lexed& lx) {
  const std::string& u = lx.unit;
  std::string to;
  if (want == Kind::size && family(got) == Kind::rate_bps) {
    if (ends_with(u, "/s") || ends_with(u, "ps")) to = u.substr(0, u.size() - 2);
    if (to == "b") to = "bit";
    if (!find_unit(size_units(), to, true)) return std::nullopt;
  } else if (family(want) == Kind::rate_bps && got == Kind::size) {
    if (u == "bit" || u == "bits") {
      to = "bps";
    } else if (u == "byte" || u == "bytes") {
      to = "B/s";
    } else if (ends_with(u, "bit") || ends_with(u, "B")) {
      to = u + "/s";
    } else {
      to = u + "ps";  // "Gb" -> "Gbps"
    }
    if (!find_unit(rate_units(), to, true)) return std::nullopt;
  } else if (want == Kind::flop_rate && got == Kind::flop) {
    to = u + "/s";
    if (!find_unit(flop_rate_units(), to, false)) return std::nullopt;
  } else if (want == Kind::flop && got == Kind::flop_rate) {
    if (!ends_with(u, "/s")) return std::nullopt;
    to = u.substr(0, u.size() - 2);
    if (!find_unit(flop_units(), to, false)) return std::nullopt;
  } else if (want == Kind::money && (got == Kind::price_byte || got == Kind::price_time)) {
    return money_text(lx, split_money(lx).multiplier_text, "", lx.dollar);
  } else if ((want == Kind::price_byte || want == Kind::price_time) && got == Kind::money) {
    const char* per = want == Kind::price_byte ? "GB" : "h";
    return money_text(lx, split_money(lx).multiplier_text, per, lx.dollar);
  } else {
    return std::nullopt;
  }
  return lx.number_text + " " + to;
}

// "try "80 TB"" or "try "10 GB" or "10 Gb"", followed by the list of units.
std::string try_units(const std::vector<std::string>& candidates, const std::string& number,
                      const char* joiner, const char* units) {
  std::string s = "try ";
  bool bits_and_bytes = false;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) {
      s += " or ";
      bits_and_bytes = true;
    }
    s += quote(number + joiner + candidates[i]);
  }
  if (bits_and_bytes) s += "; B = byte, b = bit";
  if (*units != '\0') s += std::string("; ") + units;
  return s;
}

std::string diagnose_money(Kind k, const Lexed& lx) {
  const KindInfo& ki = info(k);
  const std::string q = quote(lx.text);
  const MoneyParts p = split_money(lx);
  const std::string mult = p.ok ? p.multiplier_text : "";
  if (k == Kind::money) {
    if (p.ok && !p.currency) {
      return q + " has no currency (write " + quote("$" + lx.number_text + mult) + ")";
    }
    return q + " is not " + ki.noun + " (try " + quote(money_text(lx, mult, "", lx.dollar)) + ")";
  }
  const bool bytes = k == Kind::price_byte;
  const Table& table = bytes ? price_byte_units() : price_time_units();
  const Unit* known = p.per ? find_unit(table, p.denominator, bytes) : nullptr;
  const std::string per = known ? p.denominator : ki.unit;
  if (!p.ok) {
    return q + " is not " + ki.noun + " (try " + quote(money_text(lx, mult, per, lx.dollar)) + ")";
  }
  if (!p.currency) {
    return q + " has no currency (write " + quote(money_text(lx, mult, per, false)) + ")";
  }
  std::vector<std::string> candidates = closest_units(table, p.denominator, bytes);
  if (candidates.empty()) candidates = {ki.unit};
  std::string s = q + " is not " + ki.noun + " (try ";
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) s += " or ";
    s += quote(money_text(lx, mult, candidates[i], lx.dollar));
  }
  return s + "; " + ki.units + ")";
}

std::string diagnose(Kind k, const Lexed& lx) {
  const KindInfo& ki = info(k);
  const std::string q = quote(lx.text);
  switch (lx.problem) {
    case LexProblem::no_number:
      return q + " is not " + ki.noun + " (write " + ki.how + ", e.g. " + ki.example + ")";
    case LexProblem::bad_comma:
      return q +
             " has a misplaced comma (commas group thousands as in \"1,200\"; decimals take \".\")";
    case LexProblem::out_of_range:
      return q + " is out of range (write a finite number, e.g. " + ki.example + ")";
    case LexProblem::none:
      break;
  }
  if (lx.unit.empty() && !lx.dollar) {
    const std::string& num = lx.number_text;
    if (k == Kind::money) {
      return q + " has no unit (write " + quote("$" + num) + " or " + quote(num + " USD") + ")";
    }
    if (k == Kind::price_byte || k == Kind::price_time) {
      return q + " has no unit (write " + quote(num + " USD/" + ki.unit) + ")";
    }
    return q + " has no unit (write " + quote(num + " " + ki.unit) + ")";
  }
  static constexpr Kind kOthers[] = {Kind::size,      Kind::rate_bps,   Kind::duration,
                                     Kind::money,     Kind::price_byte, Kind::price_time,
                                     Kind::flop_rate, Kind::flop,       Kind::mass};
  for (const Kind other : kOthers) {
    if (family(other) == family(k) || !value_of(other, lx)) continue;
    std::string s = q + " is " + info(other).noun + ", not " + ki.noun;
    if (const auto fix = converted(k, other, lx)) return s + " (try " + quote(*fix) + ")";
    return s + " (write e.g. " + ki.example + ")";
  }
  if (k == Kind::money || k == Kind::price_byte || k == Kind::price_time) {
    return diagnose_money(k, lx);
  }
  if (k == Kind::fraction || lx.dollar) {
    return q + " is not " + ki.noun + " (write " + ki.how + ", e.g. " + ki.example + ")";
  }
  const UnitKind uk = *unit_kind(k);
  std::vector<std::string> candidates = closest_units(*uk.table, lx.unit, uk.case_sensitive);
  if (candidates.empty()) candidates = {k == Kind::count ? "B" : ki.unit};
  return q + " is not " + ki.noun + " (" +
         try_units(candidates, lx.number_text, uk.joiner, ki.units) + ")";
}

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

// ---------------------------------------------------------------------------------------------
// Formatting

std::string non_finite(double v) {
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

// v rounded to `significant` digits, the way printf would print it.
double round_significant(double v, int significant) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%.*e", significant - 1, v);
  double r = v;
  if (n > 0) std::from_chars(buf, buf + n, r);
  return r;
}

struct Step {
  double from;    // smallest magnitude shown in this unit
  double factor;  // base units per one of this unit
  const char* name;
};

// One readable unit per value: the largest step the value reaches, moved up while the rounded
// mantissa would print as 1000 or more ("999.7 GB" -> "1 TB", "1000 KiB" -> "0.977 MiB").
std::string format_steps(double v, std::span<const Step> steps, const char* zero_unit,
                         const char* joiner = " ") {
  if (!std::isfinite(v)) return non_finite(v);
  if (v == 0) return std::string("0") + joiner + zero_unit;
  const double a = std::fabs(v);
  std::size_t i = 0;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    if (a >= steps[k].from) i = k;
  }
  while (i + 1 < steps.size() && std::fabs(round_significant(v / steps[i].factor, 3)) >= 1000) ++i;
  return format_number(v / steps[i].factor) + joiner + steps[i].name;
}

constexpr Step kSizeSi[] = {{0, 1, "B"},      {kKB, kKB, "kB"}, {kMB, kMB, "MB"}, {kGB, kGB, "GB"},
                            {kTB, kTB, "TB"}, {kPB, kPB, "PB"}, {kEB, kEB, "EB"}};
constexpr Step kSizeIec[] = {{0, 1, "B"},         {kKiB, kKiB, "KiB"}, {kMiB, kMiB, "MiB"},
                             {kGiB, kGiB, "GiB"}, {kTiB, kTiB, "TiB"}, {kPiB, kPiB, "PiB"},
                             {kEiB, kEiB, "EiB"}};
constexpr Step kRate[] = {{0, 1, "bps"},      {1e3, 1e3, "kbps"},   {1e6, 1e6, "Mbps"},
                          {1e9, 1e9, "Gbps"}, {1e12, 1e12, "Tbps"}, {1e15, 1e15, "Pbps"}};
constexpr Step kThroughputSi[] = {{0, 1, "B/s"},      {kKB, kKB, "kB/s"}, {kMB, kMB, "MB/s"},
                                  {kGB, kGB, "GB/s"}, {kTB, kTB, "TB/s"}, {kPB, kPB, "PB/s"}};
constexpr Step kThroughputIec[] = {{0, 1, "B/s"},         {kKiB, kKiB, "KiB/s"},
                                   {kMiB, kMiB, "MiB/s"}, {kGiB, kGiB, "GiB/s"},
                                   {kTiB, kTiB, "TiB/s"}, {kPiB, kPiB, "PiB/s"}};
// Seconds up to two minutes, minutes up to two hours, hours up to two days, then days.
constexpr Step kDuration[] = {
    {0, 1e-6, "us"},         {1e-3, 1e-3, "ms"},   {1, 1, "s"}, {2 * kMinute, kMinute, "min"},
    {2 * kHour, kHour, "h"}, {2 * kDay, kDay, "d"}};
constexpr Step kMoney[] = {{0, 1, ""}, {1e3, 1e3, "k"}, {1e6, 1e6, "M"}, {1e9, 1e9, "B"}};
constexpr Step kFlopRate[] = {
    {0, 1, "FLOP/s"},        {1e3, 1e3, "kFLOP/s"},   {1e6, 1e6, "MFLOP/s"},  {1e9, 1e9, "GFLOP/s"},
    {1e12, 1e12, "TFLOP/s"}, {1e15, 1e15, "PFLOP/s"}, {1e18, 1e18, "EFLOP/s"}};
constexpr Step kMass[] = {{0, 1e-3, "g"}, {1, 1, "kg"}};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Parsing

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
    throw InputError(quote(trim(normalize_spaces(text))) +
                     " is negative (a count is >= 0, e.g. \"7B\")");
  return n;
}

// ---------------------------------------------------------------------------------------------
// Formatting

std::string format_number(double value, int significant) {
  if (!std::isfinite(value)) return non_finite(value);
  if (value == 0) return "0";
  const int digits = std::clamp(significant, 1, 17);
  const double rounded = std::fabs(round_significant(value, digits));
  char buf[64];
  if (rounded >= std::pow(10.0, digits) && rounded < 1e6) {
    // Whole numbers below a million print in full ("1234", not "1.23e+03").
    std::snprintf(buf, sizeof buf, "%.0f", value);
  } else {
    std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  }
  return buf;
}

std::string format_size(double bytes, ByteStyle style) {
  return style == ByteStyle::iec ? format_steps(bytes, kSizeIec, "B")
                                 : format_steps(bytes, kSizeSi, "B");
}

std::string format_rate(double bits_per_second) {
  return format_steps(bits_per_second, kRate, "bps");
}

std::string format_throughput(double bytes_per_second, ByteStyle style) {
  return style == ByteStyle::iec ? format_steps(bytes_per_second, kThroughputIec, "B/s")
                                 : format_steps(bytes_per_second, kThroughputSi, "B/s");
}

std::string format_duration(double seconds) {
  return format_steps(seconds, kDuration, "s");
}

std::string format_money(double usd) {
  if (!std::isfinite(usd)) return non_finite(usd);
  return (usd < 0 ? "-$" : "$") + format_steps(std::fabs(usd), kMoney, "", "");
}

std::string format_flop(double flop) {
  if (!std::isfinite(flop)) return non_finite(flop);
  return format_number(flop) + " FLOP";
}

std::string format_flop_rate(double flop_per_s) {
  return format_steps(flop_per_s, kFlopRate, "FLOP/s");
}

std::string format_mass(double kg) {
  return format_steps(kg, kMass, "kg");
}

std::string format_fraction(double fraction) {
  if (!std::isfinite(fraction)) return non_finite(fraction);
  return format_number(fraction * 100) + "%";
}

}  // namespace haul::units
