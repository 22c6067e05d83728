#include "model/ship.hpp"

#include <cmath>

namespace haul {

template ShipResult<double> ship_model(const DataParams<double>&, const ShipParams<double>&);
template ShipResult<num::Array> ship_model(const DataParams<num::Array>&,
                                           const ShipParams<num::Array>&);

double binomial_tail_above(double n, double m, double q) {
  if (!(q > 0.0) || m >= n) return 0.0;
  if (q >= 1.0) return 1.0;
  // Sum C(n, i) q^i (1 - q)^(n - i) for i = m + 1 .. n, each term in logs so that n = 60 drives at
  // q = 1e-6 neither overflows the binomial coefficient nor underflows to a premature zero.
  const double log_q = std::log(q), log_keep = std::log1p(-q);
  const double lg_n1 = std::lgamma(n + 1.0);
  double sum = 0.0;
  for (double i = std::floor(m) + 1.0; i <= n; i += 1.0) {
    const double log_c = lg_n1 - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0);
    sum += std::exp(log_c + i * log_q + (n - i) * log_keep);
  }
  return sum < 1.0 ? sum : 1.0;
}

double erasure_set_loss(double redundancy, double n, double m, double q) {
  return redundancy == static_cast<int>(Redundancy::erasure) ? binomial_tail_above(n, m, q) : 0.0;
}

}  // namespace haul
