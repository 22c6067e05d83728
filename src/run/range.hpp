// A sweep range { from, to, steps, scale } as numbers in base units (MODEL.md section 7): how many
// values it can yield, known before any is made, and the values, made with work in proportion to
// that count rather than to `steps` (an integer key's range of 3 whole numbers in 10^10 steps
// yields 3 values at once).
#pragma once

#include <cstdint>
#include <vector>

namespace haul {

struct Range {
  double from = 0, to = 0;  // the ends, in base units
  std::int64_t steps = 2;   // >= 2
  bool log = false;         // equal ratios (both ends > 0); otherwise equal differences
  bool whole = false;       // an integer key: each value rounded to a whole number
};

// Step i of the range (0 <= i < steps), before rounding to a whole number: the ends exactly as
// given, the values between rounded to 12 significant digits (on a log scale, of themselves; on a
// linear one, at the place of the larger end's 12th digit, since lo + (hi - lo) * t is off by an
// ulp of the ends, not of the value). 1 Mbps .. 100 Gbps in 6 log steps is exactly 1e6 .. 1e11.
double range_step(const Range& r, std::int64_t i);

// The most values the range can yield: its steps, and for an integer key no more than the whole
// numbers between its ends, |round(to) - round(from)| + 1. Computed from the ends alone.
std::uint64_t range_size(const Range& r);

// The values: step i for each i in order, rounded when whole, with a repeat of the value before it
// dropped (a grid has no use for the same row twice). At most range_size(r) of them; check that
// against a limit first. An integer key's runs of repeated values are skipped by a search (the
// steps are monotonic), so the work is about range_size(r) steps, whatever `steps` is.
std::vector<double> range_numbers(const Range& r);

}  // namespace haul
