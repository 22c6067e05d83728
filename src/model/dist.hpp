// The distributions a numeric key may hold (MODEL.md v2 section 11): lognormal from p50 and p90,
// triangular, uniform and normal, each with its CDF and quantile function, and each truncated to a
// key's valid range the way MODEL.md draws them: "by inverse CDF restricted to the key's valid
// range (the distribution truncated there, never clamped)".
//
// A draw is Truncated::quantile(u) of a uniform u in (0, 1) (model/random.hpp makes those), so a
// column of uniforms maps to a column of draws in one call, and a sample's value depends only on
// its own u. Values are in the key's base units (seconds, bytes, ...), like the rest of the model.
//
// Bad parameters and a range that holds no probability are refused with std::invalid_argument,
// whose what() is a short reason that names the distribution's fields but not their values (the
// model sees base units; the input layer adds the key and the values as the user wrote them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../model/num.hpp"

namespace haul {

// Phi^-1(0.9): MODEL.md's lognormal has sigma = ln(p90 / p50) / z90.
inline constexpr double kZ90 = 1.2815515655446004;

// Phi(z), the standard normal CDF, from erfc so that the lower tail keeps its relative precision
// (1 - Phi(-z) would cancel): within 4e-16 of the true value, relatively, for z >= -37.5 (Phi =
// 4.6e-308, the smallest normal doubles; below that the result is subnormal and loses digits).
double normal_cdf(double z);
// Phi^-1(p) for p in (0, 1); -inf at 0, +inf at 1, NaN outside. Wichura's AS 241 (PPND16): within
// 7e-16 of the true quantile of the double p, relatively, from p = 1e-307 to 1 - 1e-16.
double normal_quantile(double p);

// Binomial(n, q) by its CDF, tabulated once: the u-quantile is the smallest k with P(X <= k) >= u,
// for u in (0, 1), n a whole number >= 0. The units a ship route loses and the trips it has held
// (plan/uncertainty.cpp) are drawn this way: one uniform a sample, the same distribution as drawing
// each unit or trip on its own, and a binary search rather than a walk (n may be 10^7 drives).
// The table starts at 0, or where P(X = 0) underflows (n q beyond about 700) 35 standard
// deviations below the mode, leaving out less than 1e-260 of the mass; it ends where the CDF
// reaches 1 to rounding.
class Binomial {
 public:
  Binomial(double n, double q);
  double quantile(double u) const;
  double n() const { return n_; }
  double q() const { return q_; }

 private:
  double n_, q_;
  double first_ = 0;         // the k of cdf_[0]
  std::vector<double> cdf_;  // P(X <= first_ + i)
};
// One quantile without keeping the table.
double binomial_quantile(double n, double q, double u);

struct Dist {
  enum class Kind { lognormal, triangular, uniform, normal };
  Kind kind = Kind::normal;
  // lognormal:  a = p50 (the median, > 0), b = sigma = ln(p90 / p50) / z90 (mu = ln p50)
  // triangular: a = min, b = mode, c = max
  // uniform:    a = min, b = max
  // normal:     a = mean, b = sd
  // Storing p50 rather than mu keeps the median exact: Q(1/2) = p50 * exp(0), not exp(ln p50).
  double a = 0, b = 1, c = 0;

  // MODEL.md's forms. Each throws std::invalid_argument with the reason when check() fails.
  // Equal bounds (p90 = p50, min = max, sd = 0) are allowed: all the probability on one value.
  static Dist lognormal(double p50, double p90);
  static Dist triangular(double min, double mode, double max);
  static Dist uniform(double min, double max);
  static Dist normal(double mean, double sd);

  // Why these parameters make no distribution ("p90 is below p50"), or nothing when they do.
  std::optional<std::string> check() const;
  // All the probability on one value (the median): sigma = 0, sd = 0 or min = max.
  bool point() const;

  double cdf(double x) const;  // P(X <= x)
  double sf(double x) const;  // P(X > x), computed directly so that the upper tail keeps its digits
  double quantile(double p) const;        // Q(p), the x with P(X <= x) = p, for p in (0, 1)
  double quantile_upper(double q) const;  // Q(1 - q) without forming 1 - q
  double median() const { return quantile(0.5); }
};

// A key's valid range: [lo, hi] with either end open ("loss" is [0, 1), "rtt" is [0, inf)).
struct Interval {
  double lo = -num::inf;
  double hi = num::inf;
  bool lo_open = false;
  bool hi_open = false;

  bool contains(double x) const {
    return (lo_open ? x > lo : x >= lo) && (hi_open ? x < hi : x <= hi);
  }
};

// A distribution truncated to an interval: X conditioned on lo <= X <= hi, drawn by inverse CDF,
//   Q_trunc(u) = Q(F(lo) + u (F(hi) - F(lo))),   u in (0, 1).
// The untruncated distribution is the whole line (Interval{}), where Q_trunc = Q.
//
// To keep digits in both tails, a draw whose probability F(lo) + u (F(hi) - F(lo)) is above 1/2 is
// taken from the top instead, Q_upper(S(hi) + (1 - u) (S(lo) - S(hi))) with S = 1 - F computed
// directly: a normal truncated to [mean + 10 sd, inf) has S(lo) = 7.6e-24 and draws correctly,
// where F(lo) rounds to 1 and would leave no mass.
//
// A continuous distribution puts no probability on an end, so an open end and a closed one are the
// same distribution; the ends only matter to the rounding guard: a quantile that rounds outside
// the interval (or onto an open end) is moved to the nearest value inside. That moves a value by
// its rounding error, not by the truncation: it is never the clamp MODEL.md rules out.
class Truncated {
 public:
  // Throws std::invalid_argument with problem()'s reason.
  Truncated(const Dist& dist, const Interval& range);

  // Why dist cannot be drawn from inside range: its own check(), or "the distribution has no
  // probability within the valid range" (a point outside it, a uniform beside it, a normal 40 sd
  // away, or a range so narrow beside the median that F rounds to the same value at both ends).
  // Nothing when it can.
  static std::optional<std::string> problem(const Dist& dist, const Interval& range);

  // The quantile of the truncated distribution at u in (0, 1): a draw when u is uniform.
  double quantile(double u) const;
  // A column of uniforms to a column of draws, each element the same bits as quantile(double).
  template <class D>
  num::Array quantile(const num::ArrayBase<D>& u) const {
    return u.derived().unaryExpr([this](double x) { return quantile(x); });
  }
  // The point value MODEL.md uses for a key with a distribution: the truncated median.
  double median() const { return quantile(0.5); }
  // F(hi) - F(lo): the share of the untruncated distribution inside the range.
  double mass() const { return mass_; }

  const Dist& dist() const { return dist_; }
  const Interval& range() const { return range_; }

 private:
  struct Unchecked {};
  Truncated(const Dist& dist, const Interval& range, Unchecked);
  std::optional<std::string> no_mass() const;
  double inside(double x) const;

  Dist dist_;
  Interval range_;
  double cdf_lo_ = 0;  // F(lo)
  double sf_hi_ = 0;   // S(hi) = 1 - F(hi)
  double mass_ = 1;    // F(hi) - F(lo)
};

}  // namespace haul
