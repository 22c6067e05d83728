#include "output/axes.hpp"

#include <algorithm>
#include <cmath>

namespace haul::plot {

namespace {

using namespace units;

// Ticks at `ladder`'s values around [lo, hi]: the range widens to the nearest ladder values
// outside it, and a long run is thinned to every second (third, ...) value.
std::vector<Tick> from_ladder(const std::vector<double>& ladder, double& lo, double& hi,
                              const std::function<std::string(double)>& label,
                              std::size_t most = 8) {
  std::size_t first = 0, last = ladder.size() - 1;
  for (std::size_t i = 0; i < ladder.size(); ++i)
    if (ladder[i] <= lo * (1 + 1e-9)) first = i;
  for (std::size_t i = ladder.size(); i-- > 0;)
    if (ladder[i] >= hi * (1 - 1e-9)) last = i;
  if (last <= first) last = std::min(first + 1, ladder.size() - 1);
  const std::size_t n = last - first + 1;
  const std::size_t every = (n + most - 1) / most;
  // Thinned from the top, so that the last tick is the first ladder value at or past the data
  // (no empty band above it); the first is the last ladder value at or below the data's start,
  // closer to its neighbour than the others where the thinning does not come out even.
  std::vector<std::size_t> picked;
  std::size_t i = last;
  for (;;) {
    picked.push_back(i);
    if (i <= first) break;
    i = i >= first + every ? i - every : first;  // the lowest at the data's start
  }
  std::vector<Tick> ticks;
  for (auto it = picked.rbegin(); it != picked.rend(); ++it)
    ticks.push_back({ladder[*it], label(ladder[*it])});
  lo = ladder[picked.back()];
  hi = ladder[last];
  return ticks;
}

// A round step for a span: 1, 2 or 5 times a power of ten giving 4 to 8 intervals.
double nice_step(double span, double unit) {
  const double raw = span / unit / 6.0;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p * unit;
  return 10 * p * unit;
}

std::vector<Tick> linear(double& lo, double& hi, double step,
                         const std::function<std::string(double)>& label) {
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
  if (hi <= lo) hi = lo + step;
  std::vector<Tick> ticks;
  // Each tick as lo + k * step, not by repeated addition (which drifts: 0.6000000000000001).
  for (int k = 0;; ++k) {
    const double v = lo + k * step;
    if (v > hi + step * 1e-6) break;
    const double x = std::abs(v) < step * 1e-9 ? 0.0 : v;
    ticks.push_back({x, label(x)});
  }
  return ticks;
}

}  // namespace

double Scale::operator()(double v) const {
  if (log) {
    if (!(v > 0)) return std::nan("");
    return from + (to - from) * (std::log(v / lo) / std::log(hi / lo));
  }
  return from + (to - from) * ((v - lo) / (hi - lo));
}

std::vector<Tick> size_ticks(double& lo, double& hi, ByteStyle style) {
  std::vector<double> ladder;
  if (style == ByteStyle::si) {
    for (int e = 3; e <= 21; ++e) ladder.push_back(std::pow(10.0, e));
  } else {
    for (const double u : {kKiB, kMiB, kGiB, kTiB, kPiB, kEiB})
      for (const double m : {1.0, 10.0, 100.0}) ladder.push_back(u * m);
  }
  return from_ladder(
      ladder, lo, hi, [style](double v) { return format_size(v, style); }, 12);
}

std::vector<Tick> rate_ticks(double& lo, double& hi) {
  std::vector<double> ladder;
  for (int e = 3; e <= 15; ++e) ladder.push_back(std::pow(10.0, e));
  return from_ladder(
      ladder, lo, hi, [](double v) { return format_rate(v); }, 12);
}

std::vector<Tick> duration_log_ticks(double& lo, double& hi) {
  const std::vector<double> ladder = {
      1e-3,         1e-2,        0.1,         1,           10,           kMinute,
      10 * kMinute, kHour,       6 * kHour,   kDay,        2 * kDay,     4 * kDay,
      kWeek,        2 * kWeek,   30 * kDay,   60 * kDay,   120 * kDay,   kYear,
      2 * kYear,    5 * kYear,   10 * kYear,  100 * kYear, 1000 * kYear, 1e4 * kYear,
      1e5 * kYear,  1e6 * kYear, 1e7 * kYear, 1e8 * kYear, 1e9 * kYear};
  return from_ladder(ladder, lo, hi, [](double v) { return format_duration(v); });
}

std::vector<Tick> duration_linear_ticks(double& lo, double& hi) {
  const double span = std::max(hi - lo, 1.0);
  const double unit = span >= 3 * kDay ? kDay : span >= 3 * kHour ? kHour : kMinute;
  return linear(lo, hi, nice_step(span, unit), [](double v) { return format_duration(v); });
}

std::vector<Tick> money_ticks(double& lo, double& hi) {
  const double span = std::max(hi - lo, 1.0);
  return linear(lo, hi, nice_step(span, 1.0), [](double v) { return format_money(v); });
}

std::vector<Tick> fraction_ticks() {
  return {{0, "0%"}, {0.25, "25%"}, {0.5, "50%"}, {0.75, "75%"}, {1, "100%"}};
}

}  // namespace haul::plot
