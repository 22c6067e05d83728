// Monte Carlo over a plan (MODEL.md v2 section 11): see uncertainty.hpp.
#include "plan/uncertainty.hpp"

#include <cmath>
#include <limits>

namespace haul {

double quantile_sorted(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto j = static_cast<std::size_t>(std::floor(h));
  if (j + 1 >= sorted.size()) return sorted.back();
  return sorted[j] + (h - static_cast<double>(j)) * (sorted[j + 1] - sorted[j]);
}

}  // namespace haul
