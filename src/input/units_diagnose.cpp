// The one-line error messages of the unit parsers: a typo, a missing unit, a bare prefix, a size
// given where a rate was wanted, ... (MODEL.md section 2). diagnose() uses value_of() on the other
// kinds of quantity to spot the mix-ups.
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/units_detail.hpp"

namespace haul::units::detail {

// Indexed by Kind, in the order of its enumerators.
constexpr KindInfo kKinds[] = {
    {"a size", "\"80 TB\"", "a number and a unit", "TB",
     "units: B kB MB GB TB PB EB KiB MiB GiB TiB PiB EiB bit kb Mb Gb Tb"},
    {"a rate", "\"1 Gbps\"", "a number and a unit", "Gbps",
     "units: bps kbps Mbps Gbps Tbps bit/s Mbit/s Gbit/s B/s kB/s MB/s GB/s MiB/s GiB/s"},
    {"a rate", "\"270 MB/s\"", "a number and a unit", "MB/s",
     "units: B/s kB/s MB/s GB/s TB/s KiB/s MiB/s GiB/s bps kbps Mbps Gbps Tbps"},
    {"a duration", "\"100 ms\"", "a number and a unit", "s", "units: us ms s min h d week y"},
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

namespace {

// Edit distance (optimal string alignment) in half-steps: an insertion, deletion, substitution or
// transposition costs 2, a change of letter case alone costs 1, so that "Tib" is nearer "TiB" than
// any unit one real edit away.
int edit_distance(std::string_view a, std::string_view b) {
  // A word far longer than any unit is no unit's typo; its distance is its length (and a table of
  // its length times the unit's would cost time and memory for nothing).
  if (a.size() > 64 || b.size() > 64) return 2 * static_cast<int>(std::max(a.size(), b.size()));
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

// A decimal prefix where the unit goes, and nothing else: "10G", "500 M", "2k".
bool is_bare_prefix(std::string_view unit) {
  return unit.size() == 1 && std::string_view("kKMGTP").find(unit[0]) != std::string_view::npos;
}

// "10G" in the kind's own unit with that prefix: "10 GB" for a size, "10 Gbps" for a line rate,
// "500 MB/s" for a throughput, "10 GFLOP", "989 TFLOP/s", "10 kg"; nothing where the prefixed unit
// does not exist ("10 Mg") or the kind has no unit to prefix (durations, money, prices, fractions).
std::optional<std::string> with_prefix(Kind k, const Lexed& lx) {
  const char* unit = nullptr;
  switch (k) {
    case Kind::size:
      unit = "B";
      break;
    case Kind::rate_bps:
      unit = "bps";
      break;
    case Kind::rate_Bps:
      unit = "B/s";
      break;
    case Kind::flop:
      unit = "FLOP";
      break;
    case Kind::flop_rate:
      unit = "FLOP/s";
      break;
    case Kind::mass:
      unit = "g";
      break;
    default:
      return std::nullopt;
  }
  const std::string name = (lx.unit == "K" ? "k" : lx.unit) + unit;  // kB, kbps: SI writes k
  const UnitKind uk = *unit_kind(k);
  if (!find_unit(*uk.table, name, uk.case_sensitive)) return std::nullopt;
  return lx.number_text + uk.joiner + name;
}

}  // namespace

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
  // A bare prefix means the kind's own unit. Its "G" is giga, never grams, so the mass reading
  // (mass units ignore case) is not offered for it below.
  const bool bare_prefix = is_bare_prefix(lx.unit);
  if (bare_prefix && !lx.dollar) {
    if (const auto fix = with_prefix(k, lx)) {
      return q + " has no unit (did you mean " + quote(*fix) + "?)";
    }
  }
  if (bare_prefix && k == Kind::money && lx.unit.find_first_of("GTP") != std::string::npos) {
    // Money's own suffixes are k, M and B ("$1.5k", "$2.5B"); G, T and P are not among them.
    const std::string& num = lx.number_text;
    return q + " is not " + ki.noun + " (write " + quote("$" + num + "k") + ", " +
           quote("$" + num + "M") + " or " + quote("$" + num + "B") + ")";
  }
  static constexpr Kind kOthers[] = {Kind::size,      Kind::rate_bps,   Kind::duration,
                                     Kind::money,     Kind::price_byte, Kind::price_time,
                                     Kind::flop_rate, Kind::flop,       Kind::mass};
  for (const Kind other : kOthers) {
    if (bare_prefix && other == Kind::mass) continue;
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

}  // namespace haul::units::detail
