// Axes for haul plot: a scale from values to pixels (log or linear) and ticks at values people
// read easily (decades of bytes, whole days, round dollars), labelled in human units.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "../input/units.hpp"

namespace haul::plot {

struct Tick {
  double value;
  std::string label;
};

struct Scale {
  double lo = 1, hi = 10;     // values at the ends (> 0 on a log scale)
  double from = 0, to = 100;  // pixels at lo and hi (to < from for a y axis)
  bool log = false;
  double operator()(double v) const;  // NaN for a value a log scale cannot show
  bool contains(double v) const { return v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12); }
};

// Sizes on a log axis: SI decades (1 TB, 10 TB, ...) or, with IEC units, 1, 10 and 100 of each
// binary unit (1 TiB, 10 TiB, 100 TiB, 1 PiB, ...). The range is widened to the ticks around it.
std::vector<Tick> size_ticks(double& lo, double& hi, units::ByteStyle style);
// Bandwidths on a log axis: decades of bits per second (1 Mbps, 10 Mbps, ...), widened likewise.
std::vector<Tick> rate_ticks(double& lo, double& hi);
// Durations on a log axis, from a ladder of readable ones (1 min, 1 h, 6 h, 1 d, 1 w, 30 d, 1 y,
// ...): the range widened to the ladder's steps around it, at most about 8 ticks.
std::vector<Tick> duration_log_ticks(double& lo, double& hi);
// A linear axis from lo to hi with 4 to 8 ticks at round steps: durations in round minutes, hours
// or days; money in 1, 2 or 5 times a power of ten. The range is widened to whole steps.
std::vector<Tick> duration_linear_ticks(double& lo, double& hi);
std::vector<Tick> money_ticks(double& lo, double& hi);
// Fractions 0 .. 1 as "0%", "25%", ...
std::vector<Tick> fraction_ticks();

}  // namespace haul::plot
