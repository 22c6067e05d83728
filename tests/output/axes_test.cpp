// The axes of haul plot (output/axes.hpp): a scale puts a value at its fraction of the range (in
// log or linear terms), and the tick makers widen a range to readable values around it, labelled
// in human units.
#include "output/axes.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace haul;
using namespace haul::plot;
using units::kDay;
using units::kHour;
using units::kPiB;
using units::kTiB;
using units::kYear;

namespace {

std::vector<double> values(const std::vector<Tick>& ticks) {
  std::vector<double> v;
  for (const Tick& t : ticks) v.push_back(t.value);
  return v;
}
std::vector<std::string> labels(const std::vector<Tick>& ticks) {
  std::vector<std::string> v;
  for (const Tick& t : ticks) v.push_back(t.label);
  return v;
}

}  // namespace

TEST_CASE("axes Scale: a value at its fraction of the range, log and linear") {
  // Log 1e12 .. 1e16 over 0 .. 400 px: 1e14 is two decades of four, half way: 200 px; 1e13 is a
  // quarter: 100 px; the ends at the ends.
  const Scale log{1e12, 1e16, 0, 400, true};
  CHECK(log(1e14) == doctest::Approx(200).epsilon(1e-12));
  CHECK(log(1e13) == doctest::Approx(100).epsilon(1e-12));
  CHECK(log(1e12) == doctest::Approx(0).epsilon(1e-12));
  CHECK(log(1e16) == doctest::Approx(400).epsilon(1e-12));
  // Outside the range it goes on: 1e17 is 5/4 of the way.
  CHECK(log(1e17) == doctest::Approx(500).epsilon(1e-12));
  CHECK(std::isnan(log(0)));
  CHECK(std::isnan(log(-1)));
  // A y axis runs the other way: linear 0 .. 10 over 500 .. 100 px puts 2.5 at 500 - 400/4 = 400.
  const Scale lin{0, 10, 500, 100, false};
  CHECK(lin(2.5) == doctest::Approx(400).epsilon(1e-12));
  CHECK(lin(0) == doctest::Approx(500).epsilon(1e-12));
  CHECK(lin(10) == doctest::Approx(100).epsilon(1e-12));
  CHECK(lin(-5) == doctest::Approx(700).epsilon(1e-12));
  CHECK(lin.contains(10));
  CHECK(!lin.contains(10.001));
  CHECK(log.contains(1e12));
  CHECK(!log.contains(0.99e12));
}

TEST_CASE("axes size_ticks: SI decades around the range") {
  // lo = 800 GB lies between the decades 100 GB and 1 TB: the range widens down to 100 GB; hi =
  // 8 PB lies between 1 PB and 10 PB: up to 10 PB. Six decades, fewer than the 12 allowed: none
  // thinned.
  double lo = 8e11, hi = 8e15;
  const std::vector<Tick> t = size_ticks(lo, hi, units::ByteStyle::si);
  CHECK(lo == 1e11);
  CHECK(hi == 1e16);
  CHECK(values(t) == std::vector<double>{1e11, 1e12, 1e13, 1e14, 1e15, 1e16});
  CHECK(labels(t) ==
        std::vector<std::string>{"100 GB", "1 TB", "10 TB", "100 TB", "1 PB", "10 PB"});

  // A range on the decades themselves stays as it is.
  lo = 1e12, hi = 1e14;
  CHECK(values(size_ticks(lo, hi, units::ByteStyle::si)) == std::vector<double>{1e12, 1e13, 1e14});
  CHECK(lo == 1e12);
  CHECK(hi == 1e14);

  // 1 kB .. 1 ZB is 19 decades, more than 12: every second one, (19 + 11) / 12 = 2, from 1 kB:
  // 1e3, 1e5, ..., 1e19, then the step past 1e19 reaches 1e21, the last: ten ticks.
  lo = 1e3, hi = 1e21;
  const std::vector<Tick> wide = size_ticks(lo, hi, units::ByteStyle::si);
  CHECK(wide.size() == 10);
  CHECK(wide.front().value == 1e3);
  CHECK(wide[1].value == 1e5);
  CHECK(wide.back().value == 1e21);
  CHECK(hi == 1e21);
}

TEST_CASE("axes size_ticks: IEC units at 1, 10 and 100 of each") {
  // 1.5 TiB .. 900 TiB: the ladder value at or below 1.5 TiB is 1 TiB, the one at or above 900 TiB
  // is 1 PiB (the next after 100 TiB).
  double lo = 1.5 * kTiB, hi = 900 * kTiB;
  const std::vector<Tick> t = size_ticks(lo, hi, units::ByteStyle::iec);
  CHECK(lo == kTiB);
  CHECK(hi == kPiB);
  CHECK(values(t) == std::vector<double>{kTiB, 10 * kTiB, 100 * kTiB, kPiB});
  CHECK(labels(t) == std::vector<std::string>{"1 TiB", "10 TiB", "100 TiB", "1 PiB"});
}

TEST_CASE("axes rate_ticks: decades of bits per second") {
  // 30 Mbps .. 2 Gbps widens to 10 Mbps .. 10 Gbps.
  double lo = 30e6, hi = 2e9;
  const std::vector<Tick> t = rate_ticks(lo, hi);
  CHECK(lo == 1e7);
  CHECK(hi == 1e10);
  CHECK(labels(t) == std::vector<std::string>{"10 Mbps", "100 Mbps", "1 Gbps", "10 Gbps"});
}

TEST_CASE("axes duration_log_ticks: the ladder around the range, the last at or above hi") {
  // 2 h .. 20 d: the ladder's value at or below 2 h is 1 h, at or above 20 d is 30 d; between
  // them 6 h, 1 d, 2 d, 4 d, 1 w, 2 w: eight values, at most 8: none thinned. format_duration
  // writes minutes below 2 h, hours below 2 d, days below a year.
  double lo = 2 * kHour, hi = 20 * kDay;
  const std::vector<Tick> t = duration_log_ticks(lo, hi);
  CHECK(lo == kHour);
  CHECK(hi == 30 * kDay);
  CHECK(values(t) == std::vector<double>{kHour, 6 * kHour, kDay, 2 * kDay, 4 * kDay, 7 * kDay,
                                         14 * kDay, 30 * kDay});
  CHECK(labels(t) ==
        std::vector<std::string>{"60 min", "6 h", "24 h", "2 d", "4 d", "7 d", "14 d", "30 d"});

  // 1 s .. 5 y covers 17 ladder values (1 s, 10 s, 1 min, 10 min, 1 h, 6 h, 1 d, 2 d, 4 d, 1 w,
  // 2 w, 30 d, 60 d, 120 d, 1 y, 2 y, 5 y): thinned to every (17 + 7) / 8 = 3rd from the top:
  // 5 y, 120 d, 2 w, 2 d, 1 h, 10 s, and then 1 s, the lowest (one step below 10 s, where three
  // would pass the data's start).
  lo = 1, hi = 5 * kYear;
  const std::vector<Tick> thin = duration_log_ticks(lo, hi);
  CHECK(values(thin) ==
        std::vector<double>{1, 10, kHour, 2 * kDay, 14 * kDay, 120 * kDay, 5 * kYear});
  CHECK(lo == 1);
  CHECK(hi == 5 * kYear);
  CHECK(thin.size() <= 9);

  // Any range within the ladder: at most 9 ticks, rising, the first at or below lo and the last at
  // or above hi.
  for (const double a : {1.0, 30.0, 500.0, 2e4, 3e5, 4e6, 5e7, 6e8})
    for (const double span : {1.5, 10.0, 300.0, 1e4, 1e6}) {
      double l = a, h = a * span;
      if (h > 1000 * kYear) continue;
      const std::vector<Tick> ticks = duration_log_ticks(l, h);
      CAPTURE(a);
      CAPTURE(span);
      CHECK(ticks.size() >= 2);
      CHECK(ticks.size() <= 9);
      CHECK(ticks.front().value <= a);
      CHECK(ticks.back().value >= a * span);
      CHECK(l == ticks.front().value);
      CHECK(h == ticks.back().value);
      for (std::size_t i = 1; i < ticks.size(); ++i) CHECK(ticks[i].value > ticks[i - 1].value);
    }
}

TEST_CASE("axes duration_linear_ticks: round steps of days or hours, the range widened to them") {
  // 1.5 d .. 9.2 d: span 7.7 d, at least 3 d: steps in days; 7.7 / 6 = 1.28, the first of 1, 2, 5
  // at or above it is 2: 2 d. lo = floor(0.75) * 2 d = 0, hi = ceil(4.6) * 2 d = 10 d.
  double lo = 1.5 * kDay, hi = 9.2 * kDay;
  std::vector<Tick> t = duration_linear_ticks(lo, hi);
  CHECK(lo == 0);
  CHECK(hi == doctest::Approx(10 * kDay).epsilon(1e-12));
  REQUIRE(t.size() == 6);
  for (std::size_t i = 0; i < t.size(); ++i)
    CHECK(t[i].value == doctest::Approx(2 * kDay * double(i)).epsilon(1e-12));
  CHECK(t[3].label == "6 d");

  // 2 h .. 20 h: span 18 h, under 3 d and at least 3 h: hours; 18 / 6 = 3: step 5 h; 0 .. 20 h.
  lo = 2 * kHour, hi = 20 * kHour;
  t = duration_linear_ticks(lo, hi);
  CHECK(lo == 0);
  CHECK(hi == 20 * kHour);
  CHECK(values(t) == std::vector<double>{0, 5 * kHour, 10 * kHour, 15 * kHour, 20 * kHour});
  CHECK(t[2].label == "10 h");
}

TEST_CASE("axes money_ticks: 1, 2 or 5 times a power of ten") {
  // $1.8M .. $2.3M: span $500k, / 6 = $83.3k; p = 10^4, 1, 2 and 5 times it fall short, 10 times
  // it is $100k. Both ends are whole steps already: $1.8M, $1.9M, ..., $2.3M.
  double lo = 1.8e6, hi = 2.3e6;
  const std::vector<Tick> t = money_ticks(lo, hi);
  CHECK(lo == 1.8e6);
  CHECK(hi == 2.3e6);
  REQUIRE(t.size() == 6);
  for (std::size_t i = 0; i < t.size(); ++i)
    CHECK(t[i].value == doctest::Approx(1.8e6 + 1e5 * double(i)).epsilon(1e-12));
  CHECK(labels(t) == std::vector<std::string>{"$1.8M", "$1.9M", "$2M", "$2.1M", "$2.2M", "$2.3M"});

  // $130 .. $1,170: span 1040 / 6 = 173; p = 100, 2 x 100 = 200: lo = floor(0.65) x 200 = 0, hi =
  // ceil(5.85) x 200 = 1200: seven ticks, $0 .. $1.2k.
  lo = 130, hi = 1170;
  const std::vector<Tick> u = money_ticks(lo, hi);
  CHECK(lo == 0);
  CHECK(hi == 1200);
  CHECK(u.size() == 7);
  CHECK(u.front().label == "$0");
  CHECK(u.back().label == "$1.2k");
}
