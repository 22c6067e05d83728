// The distributions of MODEL.md v2 section 11 against closed forms worked by hand and against
// published normal quantiles. Values marked "mpmath" were computed independently with mpmath 1.3
// at 400 digits: Phi^-1(p) = sqrt(2) erfinv(2p - 1), Phi(z) = ncdf(z), never read off this code.
#include "model/dist.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/random.hpp"

using haul::Dist;
using haul::Interval;
using haul::Truncated;
using haul::num::Array;

namespace {

// |got - want| <= rel |want| (doctest's Approx adds 1 to the scale, which hides small values).
bool near(double got, double want, double rel) {
  return std::fabs(got - want) <= rel * std::fabs(want);
}

// The reason a call refuses its arguments with, or "" when it accepts them.
template <class F>
std::string refusal(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// The empirical p-quantile of n draws (sorted in place): the order statistic at p n.
double empirical(std::vector<double>& x, double p) {
  auto k = x.begin() + static_cast<std::ptrdiff_t>(p * static_cast<double>(x.size()));
  std::nth_element(x.begin(), k, x.end());
  return *k;
}

double phi_density(double z) {
  return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi);
}

constexpr double hour = 3600;
const double kLn3 = std::log(3.0);

}  // namespace

TEST_CASE("normal quantile: published values, the tails and the ends") {
  // Published: Phi^-1(0.975) = 1.959963984540054 (the 95 % two-sided z), Phi^-1(1e-10) =
  // -6.361340902404056; the rest mpmath.
  CHECK(near(haul::normal_quantile(0.975), 1.959963984540054, 1e-15));
  CHECK(near(haul::normal_quantile(1e-10), -6.361340902404056, 1e-15));
  CHECK(near(haul::normal_quantile(0.9), 1.2815515655446006, 1e-15));  // of the double 0.9
  CHECK(near(haul::normal_quantile(0.1), -1.2815515655446004, 1e-15));
  CHECK(near(haul::normal_quantile(0.3), -0.52440051270804082, 1e-15));
  // Either side of AS 241's first split, |p - 1/2| = 0.425.
  CHECK(near(haul::normal_quantile(0.075), -1.4395314709384559, 1e-15));
  CHECK(near(haul::normal_quantile(0.925), 1.4395314709384562, 1e-15));
  CHECK(near(haul::normal_quantile(1e-5), -4.2648907939228246, 1e-15));
  // The far tail (AS 241's third region) and the smallest and largest uniform01 values.
  CHECK(near(haul::normal_quantile(1e-300), -37.047096299361199, 1e-15));
  CHECK(near(haul::normal_quantile(0x1p-53), -8.2095361516013869, 1e-15));
  CHECK(near(haul::normal_quantile(1 - 0x1p-53), 8.2095361516013869, 1e-15));
  // Near the middle, where a relative error is a small absolute one: p = 1/2 + 2^-30.
  CHECK(near(haul::normal_quantile(0.5 + 0x1p-30), 2.3344794983332981e-9, 1e-15));
  CHECK(haul::normal_quantile(0.5) == 0.0);
  // Symmetric to the bit where 1 - p is exact.
  for (double p : {0.25, 0.125, 0.01, 1e-3})
    CHECK(haul::normal_quantile(1 - p) == -haul::normal_quantile(p));
  CHECK(haul::normal_quantile(0.0) == -haul::num::inf);
  CHECK(haul::normal_quantile(1.0) == haul::num::inf);
  CHECK(std::isnan(haul::normal_quantile(-0.1)));
  CHECK(std::isnan(haul::normal_quantile(1.5)));
  CHECK(std::isnan(haul::normal_quantile(std::nan(""))));
}

TEST_CASE("normal CDF: values, the lower tail and the round trip") {
  // mpmath: Phi(1) = 0.84134474606854294859, Phi(-10) = 7.619853024160526066e-24,
  // Phi(-30) = 4.9067139271481870595e-198.
  CHECK(near(haul::normal_cdf(1.0), 0.84134474606854294859, 1e-15));
  CHECK(near(haul::normal_cdf(-10.0), 7.619853024160526066e-24, 1e-15));
  CHECK(near(haul::normal_cdf(-30.0), 4.9067139271481870595e-198, 1e-15));
  CHECK(haul::normal_cdf(0.0) == 0.5);
  CHECK(haul::normal_cdf(-haul::num::inf) == 0.0);
  CHECK(haul::normal_cdf(haul::num::inf) == 1.0);
  // A relative error e in z is one of about z^2 e in Phi(z) (d ln Phi / d ln |z| is z^2 in the
  // tail), so the round trip's tolerance grows with z^2.
  for (double p : {1e-200, 1e-12, 0.01, 0.3, 0.5, 0.8}) {
    const double z = haul::normal_quantile(p);
    CAPTURE(p);
    CHECK(near(haul::normal_cdf(z), p, 2e-15 * (1 + z * z)));
  }
}

TEST_CASE("lognormal from p50 24 h and p90 72 h") {
  // sigma = ln(72 / 24) / z90 = ln 3 / 1.2815515655446004 = 0.85725172377379141.
  const Dist d = Dist::lognormal(24 * hour, 72 * hour);
  CHECK(d.kind == Dist::Kind::lognormal);
  CHECK(near(d.b, kLn3 / 1.2815515655446004, 1e-15));
  CHECK(near(d.b, 0.85725172377379141, 1e-15));
  // The median is p50 to the bit: Q(1/2) = p50 exp(sigma * 0).
  CHECK(d.median() == 24 * hour);
  CHECK(d.quantile(0.5) == 24 * hour);
  // p90 = p50 exp(sigma z90) = p50 (p90 / p50) = 72 h.
  CHECK(near(d.quantile(0.9), 72 * hour, 1e-14));
  // p10 = p50 exp(-sigma z90) = p50^2 / p90 = 24^2 / 72 h = 8 h.
  CHECK(near(d.quantile(0.1), 8 * hour, 1e-14));
  CHECK(near(d.quantile_upper(0.1), 72 * hour, 1e-14));
  CHECK(near(d.quantile_upper(0.9), 8 * hour, 1e-14));
  CHECK(d.cdf(24 * hour) == 0.5);
  CHECK(near(d.cdf(72 * hour), 0.9, 1e-14));
  CHECK(near(d.sf(72 * hour), 0.1, 1e-14));
  CHECK(near(d.cdf(8 * hour), 0.1, 1e-14));
  // mpmath: F(48 h) = Phi(ln 2 / sigma) = 0.7906184528239059551.
  CHECK(near(d.cdf(48 * hour), 0.7906184528239059551, 1e-14));
  CHECK(d.cdf(0.0) == 0.0);
  CHECK(d.cdf(-1.0) == 0.0);
  CHECK(d.sf(0.0) == 1.0);
}

TEST_CASE("triangular quantiles by hand") {
  // min 1, mode 2, max 4: the part up to the mode holds (2 - 1) / (4 - 1) = 1/3.
  const Dist d = Dist::triangular(1, 2, 4);
  // Q(p) = 1 + sqrt(p * 3 * 1) below 1/3: Q(1/12) = 1 + sqrt(1/4) = 1.5, Q(1/3) = 2 (the mode).
  CHECK(near(d.quantile(1.0 / 12), 1.5, 1e-15));
  CHECK(near(d.quantile(1.0 / 3), 2.0, 1e-15));
  // Above: Q(p) = 4 - sqrt((1 - p) * 3 * 2): Q(1/2) = 4 - sqrt 3 = 2.2679491924311227.
  CHECK(near(d.median(), 2.2679491924311227, 1e-15));
  CHECK(near(d.quantile(5.0 / 6), 3.0, 1e-15));  // 4 - sqrt(1/6 * 6) = 3
  CHECK(near(d.quantile_upper(1.0 / 6), 3.0, 1e-15));
  CHECK(near(d.quantile_upper(11.0 / 12), 1.5, 1e-15));
  // F(x) = (x - 1)^2 / 3 up to the mode, 1 - (4 - x)^2 / 6 after it.
  CHECK(near(d.cdf(1.5), 0.25 / 3, 1e-15));
  CHECK(near(d.cdf(3.0), 5.0 / 6, 1e-15));
  CHECK(near(d.sf(3.0), 1.0 / 6, 1e-15));
  CHECK(near(d.sf(1.5), 1 - 0.25 / 3, 1e-15));
  CHECK(d.cdf(1.0) == 0.0);
  CHECK(d.cdf(4.0) == 1.0);
  CHECK(d.cdf(0.0) == 0.0);
  CHECK(d.sf(5.0) == 0.0);
  // A right triangle (mode = min): Q(p) = 1 - sqrt(1 - p), so Q(3/4) = 1/2.
  const Dist right = Dist::triangular(0, 0, 1);
  CHECK(near(right.quantile(0.75), 0.5, 1e-15));
  CHECK(near(right.cdf(0.5), 0.75, 1e-15));
  // A left one (mode = max): Q(p) = sqrt(p), so Q(1/4) = 1/2.
  const Dist left = Dist::triangular(0, 1, 1);
  CHECK(near(left.quantile(0.25), 0.5, 1e-15));
  CHECK(near(left.sf(0.5), 0.75, 1e-15));
}

TEST_CASE("uniform and normal by hand") {
  const Dist u = Dist::uniform(2, 6);
  CHECK(u.quantile(0.25) == 3.0);  // 2 + 0.25 * 4
  CHECK(u.quantile_upper(0.25) == 5.0);
  CHECK(u.median() == 4.0);
  CHECK(u.cdf(5.0) == 0.75);
  CHECK(u.sf(5.0) == 0.25);
  CHECK(u.cdf(1.0) == 0.0);
  CHECK(u.sf(7.0) == 0.0);

  const Dist n = Dist::normal(10, 2);
  CHECK(n.median() == 10.0);
  CHECK(near(n.quantile(0.975), 10 + 2 * 1.959963984540054, 1e-15));
  CHECK(near(n.quantile_upper(0.025), 10 + 2 * 1.959963984540054, 1e-15));
  CHECK(near(n.cdf(12.0), 0.84134474606854294859, 1e-15));  // Phi(1)
  CHECK(near(n.sf(8.0), 0.84134474606854294859, 1e-15));
}

TEST_CASE("equal bounds put everything on one value") {
  for (const Dist& d : {Dist::lognormal(5, 5), Dist::normal(5, 0), Dist::uniform(5, 5),
                        Dist::triangular(5, 5, 5)}) {
    CHECK(d.point());
    CHECK(d.median() == 5.0);
    CHECK(d.quantile(0.01) == 5.0);
    CHECK(d.quantile_upper(0.01) == 5.0);
    CHECK(d.cdf(4.9) == 0.0);
    CHECK(d.cdf(5.0) == 1.0);
    CHECK(d.sf(5.0) == 0.0);
    CHECK(Truncated(d, Interval{.lo = 0}).quantile(0.3) == 5.0);
    CHECK(Truncated::problem(d, Interval{.lo = 0, .hi = 5, .hi_open = true}).has_value());
  }
  CHECK_FALSE(Dist::normal(5, 1).point());
}

TEST_CASE("bad parameters are refused with the reason") {
  CHECK(refusal([] { Dist::lognormal(24, 10); }) == "p90 is below p50");
  CHECK(refusal([] { Dist::lognormal(0, 10); }) == "p50 must be above 0");
  CHECK(refusal([] { Dist::lognormal(-1, 10); }) == "p50 must be above 0");
  CHECK(refusal([] { Dist::lognormal(1e-300, 1e300); }) == "p90 / p50 is too large");
  CHECK(refusal([] { Dist::lognormal(1, haul::num::inf); }) == "p90 is not finite");
  CHECK(refusal([] { Dist::triangular(3, 2, 1); }) == "min is above max");
  CHECK(refusal([] { Dist::triangular(1, 5, 4); }) == "mode is outside [min, max]");
  CHECK(refusal([] { Dist::triangular(1, 0, 4); }) == "mode is outside [min, max]");
  CHECK(refusal([] { Dist::uniform(2, 1); }) == "min is above max");
  CHECK(refusal([] { Dist::uniform(-1e308, 1e308); }) == "max - min is too large");
  CHECK(refusal([] { Dist::normal(0, -1); }) == "sd is negative");
  CHECK(refusal([] { Dist::normal(std::nan(""), 1); }) == "mean must be finite");
  CHECK(refusal([] { Dist::uniform(0, std::nan("")); }) == "min and max must be finite");
  CHECK(refusal([] { Dist::normal(0, 1); }).empty());
  // A Dist built by hand is checked where it is drawn from.
  const Dist hand{Dist::Kind::normal, 0, -2, 0};
  CHECK(hand.check() == "sd is negative");
  CHECK(Truncated::problem(hand, Interval{}) == "sd is negative");
  CHECK(refusal([&] { Truncated(hand, Interval{}); }) == "sd is negative");
}

TEST_CASE("truncation: a normal loss, 0 <= x < 1, never draws below 0") {
  // normal(0.001, 0.002) on [0, 1): F(0) = Phi(-0.5) = 0.30853753872598690 and F(1) = 1 (to
  // 10^-54182), so the truncated median solves F(x) = F(0) + (1 - F(0)) / 2 = 0.65426876936299345:
  // x = 0.001 + 0.002 Phi^-1(0.65426876936299345) = 0.0017937423501790891 (mpmath), above the
  // untruncated median 0.001 because the mass below 0 is gone.
  const Truncated t(Dist::normal(0.001, 0.002), Interval{.lo = 0, .hi = 1, .hi_open = true});
  CHECK(near(t.mass(), 0.69146246127401310, 1e-15));
  CHECK(near(t.median(), 0.0017937423501790891, 1e-14));
  // The smallest uniform gives the smallest draw: just above 0, never below.
  CHECK(t.quantile(0x1p-53) >= 0.0);
  CHECK(t.quantile(0x1p-53) < 1e-17);
  CHECK(t.quantile(1 - 0x1p-53) < 1.0);
  // The column form is the scalar form element by element, to the bit.
  const Array u = haul::uniform01_column(7, haul::stream_of("network.loss"), 0, 1000);
  const Array x = t.quantile(u);
  REQUIRE(x.size() == 1000);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    CHECK(std::bit_cast<std::uint64_t>(x[i]) == std::bit_cast<std::uint64_t>(t.quantile(u[i])));
  CHECK(x.minCoeff() >= 0.0);
}

TEST_CASE("truncation keeps its digits in both tails") {
  // normal(0, 1) on [10, inf): mass S(10) = Phi(-10) = 7.619853024160526e-24 (F(10) rounds to 1),
  // truncated median -Phi^-1(S(10) / 2) = 10.068411836081429 (mpmath).
  const Truncated up(Dist::normal(0, 1), Interval{.lo = 10});
  CHECK(near(up.mass(), 7.619853024160526e-24, 1e-14));
  CHECK(near(up.median(), 10.068411836081429, 1e-15));
  CHECK(up.quantile(0x1p-53) >= 10.0);
  // The mirror image on (-inf, -10].
  const Truncated down(Dist::normal(0, 1), Interval{.hi = -10});
  CHECK(near(down.mass(), 7.619853024160526e-24, 1e-14));
  CHECK(near(down.median(), -10.068411836081429, 1e-15));
  CHECK(down.quantile(1 - 0x1p-53) <= -10.0);
}

TEST_CASE("truncation: uniform, lognormal and the whole line by hand") {
  // uniform(0, 10) on [2, 4]: mass 0.2, the truncated distribution is uniform(2, 4).
  const Truncated u(Dist::uniform(0, 10), Interval{.lo = 2, .hi = 4});
  CHECK(near(u.mass(), 0.2, 1e-15));
  CHECK(near(u.median(), 3.0, 1e-15));
  CHECK(near(u.quantile(0.25), 2.5, 1e-15));
  CHECK(near(u.quantile(0.75), 3.5, 1e-15));
  // lognormal (24 h, 72 h) capped at 36 h: F(36 h) = Phi(ln 1.5 / sigma) = 0.68188718636568778,
  // median Q(F(36 h) / 2) = 24 h exp(sigma Phi^-1(0.34094...)) = 16.889220162414902 h (mpmath).
  const Truncated ln(Dist::lognormal(24 * hour, 72 * hour), Interval{.lo = 0, .hi = 36 * hour});
  CHECK(near(ln.mass(), 0.68188718636568778, 1e-14));
  CHECK(near(ln.median(), 16.889220162414902 * hour, 1e-14));
  // On the whole line (or the lognormal's own (0, inf)) nothing is cut off.
  const Dist d = Dist::lognormal(24 * hour, 72 * hour);
  const Truncated whole(d, Interval{.lo = 0, .lo_open = true});
  CHECK(whole.mass() == 1.0);
  CHECK(whole.median() == 24 * hour);
  CHECK(near(whole.quantile(0.1), 8 * hour, 1e-14));
  CHECK(near(whole.quantile(0.9), 72 * hour, 1e-14));
  const Truncated line(Dist::normal(3, 2), Interval{});
  for (double p : {1e-9, 0.2, 0.5}) CHECK(line.quantile(p) == Dist::normal(3, 2).quantile(p));
  CHECK(near(line.quantile(0.975), 3 + 2 * 1.959963984540054, 1e-15));
}

TEST_CASE("truncation: a range with no probability is refused, an open end is never drawn") {
  const std::string none = "the distribution has no probability within the valid range";
  CHECK(Truncated::problem(Dist::uniform(2, 3), Interval{.lo = 5}) == none);
  // The ends touch: (3, inf) holds nothing of uniform(2, 3), and neither does [3, inf).
  CHECK(Truncated::problem(Dist::uniform(2, 3), Interval{.lo = 3, .lo_open = true}) == none);
  CHECK(Truncated::problem(Dist::uniform(2, 3), Interval{.lo = 3}) == none);
  CHECK(Truncated::problem(Dist::lognormal(1, 2), Interval{.hi = 0}) == none);
  // 100 sd away: Phi(-100) is below the smallest double.
  CHECK(Truncated::problem(Dist::normal(-100, 1), Interval{.lo = 0}) == none);
  CHECK(refusal([] { Truncated(Dist::normal(-100, 1), Interval{.lo = 0}); }) == none);
  // 30 sd away still draws, from the right place.
  CHECK_FALSE(Truncated::problem(Dist::normal(-30, 1), Interval{.lo = 0}).has_value());
  CHECK(Truncated(Dist::normal(-30, 1), Interval{.lo = 0}).median() > 0.0);
  // normal(0, 1) on (0, inf): the smallest u gives p = 1/2 + 2^-54, which rounds to 1/2, whose
  // quantile is 0, the open end; the guard moves it to the smallest double above 0 (the exact
  // draw, 2^-54 sqrt(2 pi) = 1.4e-16, is that close to it).
  const Truncated half(Dist::normal(0, 1), Interval{.lo = 0, .lo_open = true});
  CHECK(half.quantile(0x1p-53) > 0.0);
  CHECK(half.quantile(0x1p-53) < 1e-15);
  // A closed end may be drawn when the distribution sits on it.
  const Truncated edge(Dist::uniform(0, 1), Interval{.lo = 0, .hi = 0.5});
  CHECK(edge.quantile(1 - 0x1p-53) <= 0.5);
}

TEST_CASE("lognormal draws: 10^5 samples match the closed forms within 3 standard errors") {
  // Sample quantile standard error sqrt(p (1 - p) / n) / f(x_p), with the lognormal density
  // f(x) = phi(z) / (x sigma); the mean 24 h exp(sigma^2 / 2) = 34.656804669190089 h has standard
  // error mean sqrt(exp(sigma^2) - 1) / sqrt(n).
  const int n = 100000;
  const double sigma = kLn3 / 1.2815515655446004;
  const Truncated t(Dist::lognormal(24, 72), Interval{.lo = 0});  // in hours
  const Array x = t.quantile(haul::uniform01_column(1, haul::stream_of("ship.transit"), 0, n));
  std::vector<double> v(x.begin(), x.end());
  struct Row {
    double p, want, z;
  };
  for (const Row& r : {Row{0.1, 8.0, -1.2815515655446004}, Row{0.5, 24.0, 0.0},
                       Row{0.9, 72.0, 1.2815515655446004}}) {
    const double se = std::sqrt(r.p * (1 - r.p) / n) / (phi_density(r.z) / (r.want * sigma));
    CAPTURE(r.p);
    CHECK(std::fabs(empirical(v, r.p) - r.want) < 3 * se);
  }
  const double mean = 24 * std::exp(sigma * sigma / 2);
  CHECK(near(mean, 34.656804669190089, 1e-14));
  const double se_mean = mean * std::sqrt(std::exp(sigma * sigma) - 1) / std::sqrt(n);
  CHECK(std::fabs(x.mean() - mean) < 3 * se_mean);
}

TEST_CASE("truncated normal draws: none below 0 and the right share below the mean") {
  // P(X <= 0.001 | X >= 0) = (1/2 - Phi(-0.5)) / (1 - Phi(-0.5)) = 0.27689494657634098 (mpmath),
  // a proportion with standard error sqrt(p (1 - p) / n).
  const int n = 100000;
  const Truncated t(Dist::normal(0.001, 0.002), Interval{.lo = 0, .hi = 1, .hi_open = true});
  const Array x = t.quantile(haul::uniform01_column(1, haul::stream_of("network.loss"), 0, n));
  CHECK(x.minCoeff() >= 0.0);
  CHECK(x.maxCoeff() < 1.0);
  const double share = static_cast<double>((x <= 0.001).count()) / n;
  const double p = 0.27689494657634098;
  CHECK(std::fabs(share - p) < 3 * std::sqrt(p * (1 - p) / n));
}
