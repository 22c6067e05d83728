// Formatting base units for humans: three significant digits and one readable unit per value
// (MODEL.md section 2).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <span>
#include <string>

#include "input/units.hpp"

namespace haul::units {
namespace {

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
  // Past the largest step by a million, a power of ten in the base unit reads better than
  // "9.36e+07B" dollars or "2.01e+10 EB".
  if (std::fabs(v / steps[i].factor) >= 1e6)
    for (const Step& base : steps)
      if (base.factor == 1) return format_number(v) + joiner + base.name;
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
// Seconds up to two minutes, minutes up to two hours, hours up to two days, then days (and from
// 365 days on years, in format_duration).
constexpr Step kDuration[] = {
    {0, 1e-6, "us"},         {1e-3, 1e-3, "ms"},   {1, 1, "s"}, {2 * kMinute, kMinute, "min"},
    {2 * kHour, kHour, "h"}, {2 * kDay, kDay, "d"}};
constexpr Step kMoney[] = {{0, 1, ""}, {1e3, 1e3, "k"}, {1e6, 1e6, "M"}, {1e9, 1e9, "B"}};
constexpr Step kFlopRate[] = {
    {0, 1, "FLOP/s"},        {1e3, 1e3, "kFLOP/s"},   {1e6, 1e6, "MFLOP/s"},  {1e9, 1e9, "GFLOP/s"},
    {1e12, 1e12, "TFLOP/s"}, {1e15, 1e15, "PFLOP/s"}, {1e18, 1e18, "EFLOP/s"}};
constexpr Step kMass[] = {{0, 1e-3, "g"}, {1, 1, "kg"}};

}  // namespace

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

std::string format_count(double x) {
  if (!std::isfinite(x)) return non_finite(x);
  // A fraction keeps three significant digits while they stay below 1000 ("7.41", "0.5"); from
  // there on, and for whole numbers, the digits themselves.
  if (x != std::trunc(x) && std::fabs(round_significant(x, 3)) < 1000) return format_number(x);
  const double whole = std::round(std::fabs(x));  // halves away from zero
  if (whole >= 1e15) return format_number(x);     // past this, digits stop being a count to read
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", whole);
  std::string digits = buf;
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return (x < 0 && whole > 0 ? "-" : "") + digits;
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
  // From 365 days on, years as a count: "3.4 y", "1,204 y", never "1.3e+06 d".
  if (std::isfinite(seconds) && std::fabs(seconds) >= kYear) {
    return format_count(seconds / kYear) + " y";
  }
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
