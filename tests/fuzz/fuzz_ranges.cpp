// libFuzzer harness: the sizing of sweep ranges. From arbitrary ends, steps and scales:
// - range_size is known up front and bounds what range_numbers makes; the values keep the ends,
//   never repeat the value before them and run one way;
// - an integer key's search over runs of repeated values (steps > whole numbers between the ends)
//   gives exactly what stepping through every step gives;
// - a sweep file's range on a real key is refused over limits::kAxisValues or yields at most that
//   many values, quickly, whatever `steps` is (libFuzzer's -timeout and -rss_limit_mb catch work
//   or memory in proportion to steps).
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/limits.hpp"
#include "run/range.hpp"
#include "run/sweep.hpp"

namespace {

// Stepping through every step, as the sweep did before ranges were sized.
std::vector<double> every_step(const haul::Range& r) {
  std::vector<double> out;
  for (std::int64_t i = 0; i < r.steps; ++i) {
    double x = haul::range_step(r, i);
    if (r.whole) x = std::round(x);
    if (out.empty() || out.back() != x) out.push_back(x);
  }
  return out;
}

void check_range(FuzzedDataProvider& in) {
  haul::Range r;
  r.whole = in.ConsumeBool();
  r.log = in.ConsumeBool();
  // Mostly small ends and steps, so that both ways of making values can be compared; sometimes
  // anything.
  if (in.ConsumeBool()) {
    r.from = in.ConsumeIntegralInRange<int>(-2000, 2000) / (r.whole ? 1.0 : 8.0);
    r.to = in.ConsumeIntegralInRange<int>(-2000, 2000) / (r.whole ? 1.0 : 8.0);
    r.steps = in.ConsumeIntegralInRange<std::int64_t>(2, 1000);
  } else {
    r.from = in.ConsumeFloatingPoint<double>();
    r.to = in.ConsumeFloatingPoint<double>();
    r.steps = in.ConsumeIntegralInRange<std::int64_t>(2, INT64_MAX);
  }
  if (!std::isfinite(r.from) || !std::isfinite(r.to)) return;  // the key parsers refuse these
  if (r.log && (r.from <= 0 || r.to <= 0)) return;             // refused as "log through zero"
  const std::uint64_t size = haul::range_size(r);
  if (size < 1 || size > static_cast<std::uint64_t>(r.steps)) std::abort();
  if (r.whole && static_cast<double>(size) > std::fabs(std::round(r.to) - std::round(r.from)) + 1.0)
    std::abort();
  if (size > 1000) return;  // sized only: making many values is slow to fuzz
  const std::vector<double> values = haul::range_numbers(r);
  if (values.empty() || values.size() > size) std::abort();
  const double first = r.whole ? std::round(r.from) : r.from;
  const double last = r.whole ? std::round(r.to) : r.to;
  if (values.front() != first || values.back() != last) std::abort();
  for (std::size_t k = 1; k < values.size(); ++k)
    if (values[k] == values[k - 1]) std::abort();
  // Steps run one way when the 12-digit rounding between the ends cannot pass an end: ends with
  // at most 11 significant digits (below 10^8, in eighths) are on its grid. With ragged ends a
  // rounded step can pass one by half a unit in the 12th digit, as it always could.
  const bool on_grid = std::fabs(r.from) < 1e8 && std::fabs(r.to) < 1e8 &&
                       r.from * 8 == std::round(r.from * 8) && r.to * 8 == std::round(r.to * 8);
  if (!on_grid) return;
  for (std::size_t k = 1; k < values.size(); ++k)
    if ((values[k] - values[k - 1]) * (r.to - r.from) < 0) std::abort();
  if (r.steps <= 1000 && values != every_step(r)) std::abort();
}

// A sweep file with one range on a real key: refused, or at most limits::kAxisValues values.
void check_sweep(FuzzedDataProvider& in) {
  static const char* const keys[] = {"network.streams", "data.files",  "compute.gpus",
                                     "ship.copy_slots", "network.rtt", "network.loss"};
  const std::size_t pick = in.ConsumeIntegralInRange<std::size_t>(0, 5);
  const std::string key = keys[pick];
  const std::int64_t widest = in.ConsumeBool() ? 2000 : 2000000000;
  auto end = [&]() -> std::string {
    const auto n = in.ConsumeIntegralInRange<std::int64_t>(-10, widest);
    if (key == "network.rtt") return "\"" + std::to_string(n) + " ms\"";
    if (key == "network.loss") return std::to_string(static_cast<double>(n) / 2e9);
    return std::to_string(n);
  };
  const std::string from = end(), to = end();
  // Steps: a few, any 64-bit integer, or any floating-point number (1e10 is an integer to TOML).
  std::string steps = std::to_string(in.ConsumeIntegralInRange<std::int64_t>(-2, 3000));
  if (in.ConsumeBool())
    steps = std::to_string(in.ConsumeIntegralInRange<std::int64_t>(INT64_MIN, INT64_MAX));
  else if (in.ConsumeBool())
    steps = std::to_string(in.ConsumeFloatingPoint<double>());
  const std::string text = "[sweep]\n" + key + " = { from = " + from + ", to = " + to +
                           ", steps = " + steps + ", scale = \"" +
                           (in.ConsumeBool() ? "log" : "linear") + "\" }\n";
  try {
    const haul::SweepSpec spec = haul::read_sweep_text(text, "fuzz.toml", haul::builtin_catalog());
    if (spec.axes.size() != 1 || spec.axes[0].values.size() > haul::limits::kAxisValues)
      std::abort();
  } catch (const haul::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  check_range(in);
  check_sweep(in);
  return 0;
}
