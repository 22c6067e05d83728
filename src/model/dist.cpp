#include "model/dist.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace haul {

// Phi(z) = erfc(x) / 2 with x = -z / sqrt 2. Rounding x alone would cost a relative error of about
// 2 x^2 ulp (1e-13 at z = -30), so x is carried as x + dx (dx its rounding error, by fma and the
// low part of 1 / sqrt 2) and erfc(x + dx) = erfc(x) - dx 2 / sqrt(pi) exp(-x^2) to first order.
double normal_cdf(double z) {
  constexpr double r_hi = 0.7071067811865476;       // 1 / sqrt 2 rounded
  constexpr double r_lo = -4.8336466567264565e-17;  // 1 / sqrt 2 - r_hi
  constexpr double two_over_sqrt_pi = 1.1283791670955126;
  const double x = -z * r_hi;
  if (!std::isfinite(x)) return 0.5 * std::erfc(x);
  const double dx = std::fma(-z, r_hi, -x) - z * r_lo;
  return 0.5 * (std::erfc(x) - dx * two_over_sqrt_pi * std::exp(-x * x));
}

namespace {

// c[0] + c[1] r + ... + c[7] r^7 by Horner's rule.
double poly7(const double (&c)[8], double r) {
  double v = c[7];
  for (int i = 6; i >= 0; --i) v = v * r + c[i];
  return v;
}

}  // namespace

// M. J. Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied
// Statistics 37(3), 477-484 (1988), PPND16: rational approximations of degree 7 in three regions,
// accurate to about 1 part in 10^16. The same algorithm as R's qnorm and Python's
// statistics.NormalDist.inv_cdf. The tails work from r = min(p, 1 - p), and 1 - p is exact for
// p >= 1/2, so a p near 1 loses nothing beyond its own representation.
double normal_quantile(double p) {
  static constexpr double a[8] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                                  1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                  4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                  3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static constexpr double b[8] = {1.0,
                                  4.2313330701600911252e+1,
                                  6.8718700749205790830e+2,
                                  5.3941960214247511077e+3,
                                  2.1213794301586595867e+4,
                                  3.9307895800092710610e+4,
                                  2.8729085735721942674e+4,
                                  5.2264952788528545610e+3};
  static constexpr double c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                  5.76949722146069140550e0,  3.64784832476320460504e0,
                                  1.27045825245236838258e0,  2.41780725177450611770e-1,
                                  2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static constexpr double d[8] = {1.0,
                                  2.05319162663775882187e0,
                                  1.67638483018380384940e0,
                                  6.89767334985100004550e-1,
                                  1.48103976427480074590e-1,
                                  1.51986665636164571966e-2,
                                  5.47593808499534494600e-4,
                                  1.05075007164441684324e-9};
  static constexpr double e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                  1.78482653991729133580e0,  2.96560571828504891230e-1,
                                  2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                  2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr double f[8] = {1.0,
                                  5.99832206555887937690e-1,
                                  1.36929880922735805310e-1,
                                  1.48753612908506148525e-2,
                                  7.86869131145613259100e-4,
                                  1.84631831751005468180e-5,
                                  1.42151175831644588870e-7,
                                  2.04426310338993978564e-15};
  if (!(p >= 0 && p <= 1)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0) return -num::inf;
  if (p == 1) return num::inf;
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {  // 0.075 <= p <= 0.925
    const double r = 0.180625 - q * q;
    return q * poly7(a, r) / poly7(b, r);
  }
  double r = std::sqrt(-std::log(q < 0 ? p : 1.0 - p));
  double z;
  if (r <= 5.0) {  // down to p = exp(-25) = 1.4e-11
    r -= 1.6;
    z = poly7(c, r) / poly7(d, r);
  } else {
    r -= 5.0;
    z = poly7(e, r) / poly7(f, r);
  }
  return q < 0 ? -z : z;
}

Dist Dist::lognormal(double p50, double p90) {
  Dist d{Kind::lognormal, p50, 0, 0};
  if (!(std::isfinite(p50) && p50 > 0)) throw std::invalid_argument("p50 must be above 0");
  if (!std::isfinite(p90)) throw std::invalid_argument("p90 is not finite");
  if (p90 < p50) throw std::invalid_argument("p90 is below p50");
  d.b = std::log(p90 / p50) / kZ90;
  if (auto why = d.check()) throw std::invalid_argument(*why);
  return d;
}

Dist Dist::triangular(double min, double mode, double max) {
  Dist d{Kind::triangular, min, mode, max};
  if (auto why = d.check()) throw std::invalid_argument(*why);
  return d;
}

Dist Dist::uniform(double min, double max) {
  Dist d{Kind::uniform, min, max, 0};
  if (auto why = d.check()) throw std::invalid_argument(*why);
  return d;
}

Dist Dist::normal(double mean, double sd) {
  Dist d{Kind::normal, mean, sd, 0};
  if (auto why = d.check()) throw std::invalid_argument(*why);
  return d;
}

std::optional<std::string> Dist::check() const {
  switch (kind) {
    case Kind::lognormal:
      if (!(std::isfinite(a) && a > 0)) return "p50 must be above 0";
      if (std::isnan(b) || b < 0) return "p90 is below p50";
      if (!std::isfinite(b)) return "p90 / p50 is too large";
      return std::nullopt;
    case Kind::triangular:
      if (!(std::isfinite(a) && std::isfinite(b) && std::isfinite(c)))
        return "min, mode and max must be finite";
      if (a > c) return "min is above max";
      if (b < a || b > c) return "mode is outside [min, max]";
      if (!std::isfinite(c - a)) return "max - min is too large";
      return std::nullopt;
    case Kind::uniform:
      if (!(std::isfinite(a) && std::isfinite(b))) return "min and max must be finite";
      if (a > b) return "min is above max";
      if (!std::isfinite(b - a)) return "max - min is too large";
      return std::nullopt;
    case Kind::normal:
      if (!std::isfinite(a)) return "mean must be finite";
      if (std::isnan(b) || b < 0) return "sd is negative";
      if (!std::isfinite(b)) return "sd must be finite";
      return std::nullopt;
  }
  return "unknown distribution";
}

bool Dist::point() const {
  switch (kind) {
    case Kind::lognormal:
    case Kind::normal:
      return b == 0;
    case Kind::triangular:
      return a == c;
    case Kind::uniform:
      return a == b;
  }
  return false;
}

// Triangular (a, b, c = min, mode, max):
//   F(x) = (x - min)^2 / ((max - min)(mode - min))   for min <= x <= mode
//   S(x) = (max - x)^2 / ((max - min)(max - mode))   for mode <= x <= max
// and the quantiles invert those two pieces; the piece at or below the mode holds
// (mode - min) / (max - min) of the probability.
double Dist::cdf(double x) const {
  if (point()) return x >= median() ? 1.0 : 0.0;
  switch (kind) {
    case Kind::lognormal:
      return x <= 0 ? 0.0 : normal_cdf(std::log(x / a) / b);
    case Kind::normal:
      return normal_cdf((x - a) / b);
    case Kind::uniform:
      return x <= a ? 0.0 : x >= b ? 1.0 : (x - a) / (b - a);
    case Kind::triangular:
      if (x <= a) return 0.0;
      if (x >= c) return 1.0;
      if (x <= b) return (x - a) * (x - a) / ((c - a) * (b - a));
      return 1.0 - sf(x);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double Dist::sf(double x) const {
  if (point()) return x >= median() ? 0.0 : 1.0;
  switch (kind) {
    case Kind::lognormal:
      return x <= 0 ? 1.0 : normal_cdf(-std::log(x / a) / b);
    case Kind::normal:
      return normal_cdf((a - x) / b);
    case Kind::uniform:
      return x <= a ? 1.0 : x >= b ? 0.0 : (b - x) / (b - a);
    case Kind::triangular:
      if (x <= a) return 1.0;
      if (x >= c) return 0.0;
      if (x >= b) return (c - x) * (c - x) / ((c - a) * (c - b));
      return 1.0 - cdf(x);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double Dist::quantile(double p) const {
  switch (kind) {
    case Kind::lognormal:
      return b == 0 ? a : a * std::exp(b * normal_quantile(p));
    case Kind::normal:
      return b == 0 ? a : a + b * normal_quantile(p);
    case Kind::uniform:
      return a + p * (b - a);
    case Kind::triangular:
      if (a == c) return a;
      if (p * (c - a) <= b - a) return a + std::sqrt(p * (c - a) * (b - a));
      return c - std::sqrt((1.0 - p) * (c - a) * (c - b));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double Dist::quantile_upper(double q) const {
  switch (kind) {
    case Kind::lognormal:
      return b == 0 ? a : a * std::exp(-b * normal_quantile(q));
    case Kind::normal:
      return b == 0 ? a : a - b * normal_quantile(q);
    case Kind::uniform:
      return b - q * (b - a);
    case Kind::triangular:
      if (a == c) return a;
      if (q * (c - a) <= c - b) return c - std::sqrt(q * (c - a) * (c - b));
      return a + std::sqrt((1.0 - q) * (c - a) * (b - a));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::optional<std::string> Truncated::problem(const Dist& dist, const Interval& range) {
  if (auto why = dist.check()) return why;
  return Truncated(dist, range, Unchecked{}).no_mass();
}

Truncated::Truncated(const Dist& dist, const Interval& range)
    : Truncated(dist, range, Unchecked{}) {
  if (auto why = dist.check()) throw std::invalid_argument(*why);
  if (auto why = no_mass()) throw std::invalid_argument(*why);
}

std::optional<std::string> Truncated::no_mass() const {
  const bool some = dist_.point() ? range_.contains(dist_.median()) : mass_ > 0;
  if (some) return std::nullopt;
  return "the distribution has no probability within the valid range";
}

// The mass is taken on the side where it keeps its digits: above the median from S, below it from
// F, and across it as 1 - F(lo) - S(hi) (both at most 1/2, so no cancellation).
Truncated::Truncated(const Dist& dist, const Interval& range, Unchecked)
    : dist_(dist), range_(range) {
  if (dist.point()) return;
  cdf_lo_ = dist.cdf(range.lo);
  sf_hi_ = dist.sf(range.hi);
  if (cdf_lo_ > 0.5) {
    mass_ = dist.sf(range.lo) - sf_hi_;
  } else if (sf_hi_ > 0.5) {
    mass_ = dist.cdf(range.hi) - cdf_lo_;
  } else {
    mass_ = (1.0 - cdf_lo_) - sf_hi_;
  }
}

double Truncated::quantile(double u) const {
  if (dist_.point()) return dist_.median();
  const double p = cdf_lo_ + u * mass_;
  if (p <= 0.5) return inside(dist_.quantile(p));
  return inside(dist_.quantile_upper(sf_hi_ + (1.0 - u) * mass_));
}

double Truncated::inside(double x) const {
  const double lo = range_.lo, hi = range_.hi;
  if (x < lo || (range_.lo_open && x == lo)) x = range_.lo_open ? std::nextafter(lo, num::inf) : lo;
  if (x > hi || (range_.hi_open && x == hi))
    x = range_.hi_open ? std::nextafter(hi, -num::inf) : hi;
  return x;
}

Binomial::Binomial(double n, double q) : n_(n), q_(q) {
  if (!(n > 0) || !(q > 0)) {
    cdf_ = {1.0};  // X = 0
    return;
  }
  if (q >= 1) {
    first_ = n;  // X = n
    cdf_ = {1.0};
    return;
  }
  double k = 0;
  double log_pmf = n * std::log1p(-q);
  if (log_pmf < -700) {
    const double sd = std::sqrt(n * q * (1 - q));
    k = std::max(0.0, std::floor(std::floor((n + 1) * q) - 35 * sd));
    // lgamma_r: std::lgamma writes the global signgam, and tables are built on several threads.
    int sign = 0;
    log_pmf = ::lgamma_r(n + 1, &sign) - ::lgamma_r(k + 1, &sign) - ::lgamma_r(n - k + 1, &sign) +
              k * std::log(q) + (n - k) * std::log1p(-q);
  }
  first_ = k;
  const double odds = q / (1 - q);
  double pmf = std::exp(log_pmf);
  double cdf = pmf;
  cdf_.push_back(cdf);
  // Past the mode the terms only fall: stop once they no longer move the sum.
  while (k < n && !(k > n * q && pmf < cdf * 1e-17)) {
    pmf *= (n - k) / (k + 1) * odds;
    k += 1;
    cdf += pmf;
    cdf_.push_back(cdf);
  }
}

double Binomial::quantile(double u) const {
  // The first k whose CDF reaches u; past the table's end (the CDF summed to just under 1), the
  // last k tabulated.
  const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
  const auto i = static_cast<double>(std::min<std::ptrdiff_t>(it - cdf_.begin(),
                                                              static_cast<std::ptrdiff_t>(cdf_.size()) - 1));
  return first_ + i;
}

double binomial_quantile(double n, double q, double u) {
  return Binomial(n, q).quantile(u);
}

}  // namespace haul
