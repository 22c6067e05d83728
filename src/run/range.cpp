#include "run/range.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace haul {

namespace {

// The exponent of x written with 12 significant digits (999999999.9999998 -> 1.00000000000e+09: 9).
int decimal_exponent(double x) {
  char buffer[32];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific, 11).ptr;
  const char* e = std::find(buffer, end, 'e');
  int exponent = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), end, exponent);
  return exponent;
}

// x rounded at the place of the 12th significant digit of `scale` (|scale| >= |x|; scale = x: x to
// 12 significant digits), as the double nearest that decimal. lo * (hi / lo)^t and
// lo + (hi - lo) * t miss round values by an ulp or two (999999999.9999998 for 1e9,
// 0.30000000000000004 for 0.3), and a range's values are read by people and fed back to the tool.
double round_12_digits(double x, double scale) {
  if (x == 0 || scale == 0 || !std::isfinite(x)) return x;
  const int digits = 12 - (decimal_exponent(scale) - decimal_exponent(x));
  if (digits < 1) {  // |x| is below one unit in the 12th digit: that unit or zero
    const std::string text = "1e" + std::to_string(decimal_exponent(scale) - 11);
    double unit = 0;
    std::from_chars(text.data(), text.data() + text.size(), unit);
    return std::fabs(x) >= unit / 2 ? std::copysign(unit, x) : 0.0;
  }
  char buffer[40];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific, digits - 1)
          .ptr;
  double rounded = x;
  std::from_chars(buffer, end, rounded);
  return rounded;
}

// The steps a guess from t may be off by: 2^-48 of them (t is good to a few ulps), at least 1.
double margin_steps(const Range& r) {
  return std::max(1.0, std::ceil(static_cast<double>(r.steps) * 0x1p-48));
}

// A step just past the first whose value rounds past v (to v + 1 going up, v - 1 going down),
// from the inverse of the step formula, within [after + 1, last]. Only a guess, which the search
// checks: t is good to a few ulps, so with more than 2^48 steps the guess may be thousands of steps
// off; it is moved past that much so as to land in the next value's run rather than before it.
std::int64_t guess_next(const Range& r, std::int64_t after, double v) {
  const std::int64_t last = r.steps - 1;
  const double boundary = v + (r.to > r.from ? 0.5 : -0.5);
  const double t = r.log ? std::log(boundary / r.from) / std::log(r.to / r.from)
                         : (boundary - r.from) / (r.to - r.from);
  const double j = std::ceil(t * static_cast<double>(last)) + margin_steps(r);
  if (!(j > static_cast<double>(after + 1))) return after + 1;  // also NaN
  if (!(j < static_cast<double>(last))) return last;
  return std::clamp(static_cast<std::int64_t>(j), after + 1, last);
}

}  // namespace

double range_step(const Range& r, std::int64_t i) {
  if (i == r.steps - 1) return r.to;
  if (i == 0) return r.from;
  const double t = static_cast<double>(i) / static_cast<double>(r.steps - 1);
  if (r.log) {
    const double x = r.from * std::pow(r.to / r.from, t);
    return round_12_digits(x, x);
  }
  return round_12_digits(r.from + (r.to - r.from) * t,
                         std::max(std::fabs(r.from), std::fabs(r.to)));
}

std::uint64_t range_size(const Range& r) {
  const auto steps = static_cast<std::uint64_t>(r.steps);
  if (!r.whole) return steps;
  // Rounding is monotonic, so every value lies between the rounded ends.
  const double span = std::fabs(std::round(r.to) - std::round(r.from)) + 1.0;
  return span < static_cast<double>(steps) ? static_cast<std::uint64_t>(span)
                                           : steps;  // NaN: steps
}

std::vector<double> range_numbers(const Range& r) {
  auto value = [&r](std::int64_t i) {
    const double x = range_step(r, i);
    return r.whole ? std::round(x) : x;
  };
  std::vector<double> out;
  if (!r.whole || static_cast<std::uint64_t>(r.steps) <= range_size(r)) {
    for (std::int64_t i = 0; i < r.steps; ++i) {
      const double x = value(i);
      if (out.empty() || out.back() != x) out.push_back(x);
    }
    return out;
  }
  // More steps than whole numbers: runs of steps round to the same value. The steps are monotonic,
  // so the value after v is that of the first step j > i whose value differs; and when a step's
  // value is the whole number next to v, nothing lies between, so any step of it will do. From a
  // guess, gallop to bracket the first such step, then bisect.
  const std::int64_t last = r.steps - 1;
  const auto far = static_cast<std::int64_t>(margin_steps(r));
  std::int64_t i = 0;
  double v = value(0);
  out.push_back(v);
  const double end = value(last);
  while (v != end) {
    const double adjacent = v + (end > v ? 1.0 : -1.0);
    std::int64_t same = i, differs = last;  // value(same) == v, value(differs) == next != v
    double next = end;
    const std::int64_t guess = guess_next(r, i, v);
    if (const double x = value(guess); x != v) {
      differs = guess;
      next = x;
      for (std::int64_t d = 1; next != adjacent && differs - same > 1;
           d = d < (INT64_MAX >> 1) ? 2 * d : d) {
        const std::int64_t k = differs - std::min(d, differs - same - 1);
        const double y = value(k);
        if (y == v) {
          same = k;
          break;
        }
        differs = k;
        next = y;
      }
    } else {
      same = guess;
      for (std::int64_t d = far; next != adjacent && differs - same > 1;
           d = d < (INT64_MAX >> 1) ? 2 * d : d) {
        const std::int64_t k = same + std::min(d, differs - same - 1);
        const double y = value(k);
        if (y != v) {
          differs = k;
          next = y;
          break;
        }
        same = k;
      }
    }
    while (next != adjacent && differs - same > 1) {
      const std::int64_t mid = same + (differs - same) / 2;
      const double y = value(mid);
      if (y == v) {
        same = mid;
      } else {
        differs = mid;
        next = y;
      }
    }
    i = differs;
    v = next;
    out.push_back(v);
  }
  return out;
}

}  // namespace haul
