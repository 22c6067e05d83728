// Expected values are worked out by hand from the unit definitions (MODEL.md section 2, SI and IEC
// prefixes, 1 lb = 0.45359237 kg exactly); the derivation sits beside each one.
#include "input/units.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "input/error.hpp"

namespace u = haul::units;

namespace {

// The message of the InputError that parsing `text` throws, or "(no error)".
std::string error_of(const std::function<double(std::string_view)>& parse, std::string_view text) {
  try {
    parse(text);
  } catch (const haul::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The magnitudes a round trip is checked over: every decade in [lo, hi] times mantissas that sit
// on and around rounding edges (1.005 rounds to 1.00 or 1.01 at three digits; 999.6 rounds to
// 1000).
std::vector<double> magnitudes(double lo, double hi) {
  std::vector<double> out;
  for (double decade = lo; decade <= hi * 1.0001; decade *= 10) {
    for (double m : {1.0, 1.00499, 1.005, 1.0051, 1.234, 2.5, 4.999, 7.41, 9.995, 9.9996}) {
      out.push_back(decade * m);
    }
  }
  return out;
}

void check_round_trip(const std::function<std::string(double)>& format,
                      const std::function<double(std::string_view)>& parse, double lo, double hi) {
  for (double v : magnitudes(lo, hi)) {
    const std::string text = format(v);
    CAPTURE(v);
    CAPTURE(text);
    double back = 0;
    CHECK_NOTHROW(back = parse(text));
    CHECK(std::fabs(back - v) <= 0.005 * std::fabs(v));
  }
}

}  // namespace

TEST_CASE("parse_size: SI bytes, powers of 1000") {
  CHECK(u::parse_size("80 TB") == doctest::Approx(80e12).epsilon(1e-12));  // 80 * 1000^4
  CHECK(u::parse_size("500GB") == doctest::Approx(5e11).epsilon(1e-12));   // 500 * 1000^3
  CHECK(u::parse_size("1500 B") == doctest::Approx(1500).epsilon(1e-12));  // bytes as they are
  CHECK(u::parse_size("2 kB") == doctest::Approx(2000).epsilon(1e-12));    // 2 * 1000
  CHECK(u::parse_size("2 KB") == doctest::Approx(2000).epsilon(1e-12));    // KB = kB = 1000
  CHECK(u::parse_size("3 MB") == doctest::Approx(3e6).epsilon(1e-12));     // 3 * 1000^2
  CHECK(u::parse_size("4 PB") == doctest::Approx(4e15).epsilon(1e-12));    // 4 * 1000^5
  CHECK(u::parse_size("1 EB") == doctest::Approx(1e18).epsilon(1e-12));    // 1000^6
  CHECK(u::parse_size("3EB") == doctest::Approx(3e18).epsilon(1e-12));     // "E" is the unit here
  CHECK(u::parse_size("12 bytes") == doctest::Approx(12).epsilon(1e-12));
}

TEST_CASE("parse_size: IEC bytes, powers of 1024") {
  CHECK(u::parse_size("4 KiB") == doctest::Approx(4096).epsilon(1e-12));        // 4 * 1024
  CHECK(u::parse_size("4 MiB") == doctest::Approx(4194304).epsilon(1e-12));     // 4 * 1024^2
  CHECK(u::parse_size("1 GiB") == doctest::Approx(1073741824).epsilon(1e-12));  // 1024^3
  // 1 TiB = 1024^4 = 1,099,511,627,776 B
  CHECK(u::parse_size("1 TiB") == doctest::Approx(1099511627776.0).epsilon(1e-12));
  // 72.8 TiB = 72.8 * 1,099,511,627,776 = 80,044,446,502,092.8 B
  CHECK(u::parse_size("72.8 TiB") == doctest::Approx(80044446502092.8).epsilon(1e-12));
  // 1 PiB = 1024^5 = 1,125,899,906,842,624 B
  CHECK(u::parse_size("1 PiB") == doctest::Approx(1125899906842624.0).epsilon(1e-12));
  // 2 EiB = 2 * 1024^6 = 2 * 1,152,921,504,606,846,976 = 2,305,843,009,213,693,952 B
  CHECK(u::parse_size("2EiB") == doctest::Approx(2305843009213693952.0).epsilon(1e-12));
}

TEST_CASE("parse_size: bits are an eighth of a byte") {
  CHECK(u::parse_size("10 Gb") == doctest::Approx(1.25e9).epsilon(1e-12));  // 10e9 bit / 8
  CHECK(u::parse_size("10 GB") == doctest::Approx(1e10).epsilon(1e-12));    // 10e9 B: case matters
  CHECK(u::parse_size("8 bit") == doctest::Approx(1).epsilon(1e-12));       // 8 bit / 8
  CHECK(u::parse_size("16 kb") == doctest::Approx(2000).epsilon(1e-12));    // 16e3 / 8
  CHECK(u::parse_size("1 Mb") == doctest::Approx(125000).epsilon(1e-12));   // 1e6 / 8
  CHECK(u::parse_size("1 Tb") == doctest::Approx(1.25e11).epsilon(1e-12));  // 1e12 / 8
  CHECK(u::parse_size("4 Gbit") == doctest::Approx(5e8).epsilon(1e-12));    // 4e9 / 8
}

TEST_CASE("parse_size: whitespace, commas, exponents, signs") {
  CHECK(u::parse_size("  80 TB  ") == doctest::Approx(80e12).epsilon(1e-12));
  CHECK(u::parse_size("80\tTB") == doctest::Approx(80e12).epsilon(1e-12));
  CHECK(u::parse_size("80\xC2\xA0TB") == doctest::Approx(80e12).epsilon(1e-12));  // no-break space
  CHECK(u::parse_size("1,200 TB") == doctest::Approx(1.2e15).epsilon(1e-12));     // 1200 * 1e12
  CHECK(u::parse_size("1,234,567 B") == doctest::Approx(1234567).epsilon(1e-12));
  CHECK(u::parse_size("1.5e3 GB") == doctest::Approx(1.5e12).epsilon(1e-12));  // 1500 * 1e9
  CHECK(u::parse_size("2E-3 TB") == doctest::Approx(2e9).epsilon(1e-12));      // 0.002 * 1e12
  CHECK(u::parse_size(".5 TB") == doctest::Approx(5e11).epsilon(1e-12));
  CHECK(u::parse_size("+3 GB") == doctest::Approx(3e9).epsilon(1e-12));
  CHECK(u::parse_size("-3 GB") == doctest::Approx(-3e9).epsilon(1e-12));  // range is the caller's
}

TEST_CASE("parse_rate_bps and parse_rate_Bps: bits and bytes per second") {
  CHECK(u::parse_rate_bps("1 Gbps") == doctest::Approx(1e9).epsilon(1e-12));
  CHECK(u::parse_rate_bps("100 Mbit/s") == doctest::Approx(1e8).epsilon(1e-12));
  CHECK(u::parse_rate_bps("56 kbps") == doctest::Approx(56e3).epsilon(1e-12));
  CHECK(u::parse_rate_bps("10 Gb/s") == doctest::Approx(1e10).epsilon(1e-12));
  CHECK(u::parse_rate_bps("400 Tbps") == doctest::Approx(4e14).epsilon(1e-12));
  CHECK(u::parse_rate_bps("1 Pbps") == doctest::Approx(1e15).epsilon(1e-12));
  CHECK(u::parse_rate_bps("9600 bps") == doctest::Approx(9600).epsilon(1e-12));
  CHECK(u::parse_rate_bps("125 MB/s") == doctest::Approx(1e9).epsilon(1e-12));  // 125e6 B/s * 8
  CHECK(u::parse_rate_bps("4 KB/s") == doctest::Approx(32000).epsilon(1e-12));  // 4000 B/s * 8
  // 1 GiB/s = 1024^3 B/s * 8 = 1,073,741,824 * 8 = 8,589,934,592 bit/s
  CHECK(u::parse_rate_bps("1 GiB/s") == doctest::Approx(8589934592.0).epsilon(1e-12));
  CHECK(u::parse_rate_bps("2 GBps") == doctest::Approx(1.6e10).epsilon(1e-12));  // B = byte: 2e9*8

  // 1 Gbps = 1e9 bit/s / 8 = 1.25e8 B/s
  CHECK(u::parse_rate_Bps("1 Gbps") == doctest::Approx(1.25e8).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("270 MB/s") == doctest::Approx(2.7e8).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("4 GB/s") == doctest::Approx(4e9).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("1 TB/s") == doctest::Approx(1e12).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("500 kB/s") == doctest::Approx(5e5).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("3 B/s") == doctest::Approx(3).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("2 KiB/s") == doctest::Approx(2048).epsilon(1e-12));     // 2 * 1024
  CHECK(u::parse_rate_Bps("1 MiB/s") == doctest::Approx(1048576).epsilon(1e-12));  // 1024^2
  CHECK(u::parse_rate_Bps("1 TiB/s") == doctest::Approx(1099511627776.0).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("8 bit/s") == doctest::Approx(1).epsilon(1e-12));
  CHECK(u::parse_rate_Bps("1Gbit/s") == doctest::Approx(1.25e8).epsilon(1e-12));
}

TEST_CASE("parse_duration") {
  CHECK(u::parse_duration("100 ms") == doctest::Approx(0.1).epsilon(1e-12));
  CHECK(u::parse_duration("250 us") == doctest::Approx(250e-6).epsilon(1e-12));
  CHECK(u::parse_duration("250 \xC2\xB5s") == doctest::Approx(250e-6).epsilon(1e-12));  // µs
  CHECK(u::parse_duration("90 s") == doctest::Approx(90).epsilon(1e-12));
  CHECK(u::parse_duration("90s") == doctest::Approx(90).epsilon(1e-12));
  CHECK(u::parse_duration("30 sec") == doctest::Approx(30).epsilon(1e-12));
  CHECK(u::parse_duration("5 min") == doctest::Approx(300).epsilon(1e-12));      // 5 * 60
  CHECK(u::parse_duration("2 minutes") == doctest::Approx(120).epsilon(1e-12));  // 2 * 60
  CHECK(u::parse_duration("24 h") == doctest::Approx(86400).epsilon(1e-12));     // 24 * 3600
  CHECK(u::parse_duration("6.5 hr") == doctest::Approx(23400).epsilon(1e-12));   // 6.5 * 3600
  CHECK(u::parse_duration("3 hours") == doctest::Approx(10800).epsilon(1e-12));  // 3 * 3600
  CHECK(u::parse_duration("1.5 d") == doctest::Approx(129600).epsilon(1e-12));   // 1.5 * 86400
  CHECK(u::parse_duration("1 day") == doctest::Approx(86400).epsilon(1e-12));
  CHECK(u::parse_duration("3 days") == doctest::Approx(259200).epsilon(1e-12));    // 3 * 86400
  CHECK(u::parse_duration("1 week") == doctest::Approx(604800).epsilon(1e-12));    // 7 * 86400
  CHECK(u::parse_duration("2 weeks") == doctest::Approx(1209600).epsilon(1e-12));  // 14 * 86400
  CHECK(u::parse_duration("24 H") ==
        doctest::Approx(86400).epsilon(1e-12));  // case carries nothing
  CHECK(u::parse_duration("0 s") == 0);
}

TEST_CASE("parse_duration: years of 365 days") {
  // MODEL.md: y = yr = 365 d = 365 * 86,400 s = 31,536,000 s
  CHECK(u::parse_duration("1 y") == doctest::Approx(31536000).epsilon(1e-12));
  CHECK(u::parse_duration("1y") == doctest::Approx(31536000).epsilon(1e-12));
  CHECK(u::parse_duration("2 yr") == doctest::Approx(63072000).epsilon(1e-12));   // 2 * 31,536,000
  CHECK(u::parse_duration("2 yrs") == doctest::Approx(63072000).epsilon(1e-12));  // 2 * 31,536,000
  CHECK(u::parse_duration("1 year") == doctest::Approx(31536000).epsilon(1e-12));
  CHECK(u::parse_duration("3 years") ==
        doctest::Approx(94608000).epsilon(1e-12));                                // 3 * 31,536,000
  CHECK(u::parse_duration("0.5 Y") == doctest::Approx(15768000).epsilon(1e-12));  // case: as for d
  // 3.4 * 31,536,000 = 107,222,400 s; 1,204 * 31,536,000 = 37,969,344,000 s
  CHECK(u::parse_duration("3.4 y") == doctest::Approx(107222400).epsilon(1e-12));
  CHECK(u::parse_duration("1,204 y") == doctest::Approx(37969344000.0).epsilon(1e-12));
  CHECK(u::kYear == 31536000);
  // The units that were there before years stay: 1 d = 86,400 s, 1 week = 604,800 s.
  CHECK(u::parse_duration("2 days") == doctest::Approx(172800).epsilon(1e-12));
  CHECK(u::parse_duration("1 weeks") == doctest::Approx(604800).epsilon(1e-12));
  CHECK(contains(error_of(u::parse_duration, "10 yeras"), "(try \"10 years\""));  // one swap away
}

TEST_CASE("parse_money and prices") {
  CHECK(u::parse_money("$2") == doctest::Approx(2).epsilon(1e-12));
  CHECK(u::parse_money("2 USD") == doctest::Approx(2).epsilon(1e-12));
  CHECK(u::parse_money("2USD") == doctest::Approx(2).epsilon(1e-12));
  CHECK(u::parse_money("$1,200") == doctest::Approx(1200).epsilon(1e-12));
  CHECK(u::parse_money("$1.5k") == doctest::Approx(1500).epsilon(1e-12));       // 1.5 * 1e3
  CHECK(u::parse_money("0.2M USD") == doctest::Approx(200000).epsilon(1e-12));  // 0.2 * 1e6
  CHECK(u::parse_money("$1.18M") == doctest::Approx(1.18e6).epsilon(1e-12));
  CHECK(u::parse_money("$2.5B") == doctest::Approx(2.5e9).epsilon(1e-12));  // B = billion
  CHECK(u::parse_money("$0.12") == doctest::Approx(0.12).epsilon(1e-12));
  CHECK(u::parse_money(" $ 450 ") == doctest::Approx(450).epsilon(1e-12));
  CHECK(u::parse_money("-$5") == doctest::Approx(-5).epsilon(1e-12));

  // 0.09 USD/GB = 0.09 / 1e9 = 9e-11 USD per byte; $90/TB = 90 / 1e12 = the same
  CHECK(u::parse_price_per_byte("0.09 USD/GB") == doctest::Approx(9e-11).epsilon(1e-12));
  CHECK(u::parse_price_per_byte("$90/TB") == doctest::Approx(9e-11).epsilon(1e-12));
  CHECK(u::parse_price_per_byte("$0.09 / GB") == doctest::Approx(9e-11).epsilon(1e-12));
  // 0.05 USD/GiB = 0.05 / 1,073,741,824 = 4.656612873077393e-11 USD per byte
  CHECK(u::parse_price_per_byte("0.05 USD/GiB") ==
        doctest::Approx(4.656612873077393e-11).epsilon(1e-12));
  CHECK(u::parse_price_per_byte("0 USD/GB") == 0);

  // 2 USD/h = 2 / 3600 = 5.5555...e-4 USD per second
  CHECK(u::parse_price_per_second("2 USD/h") == doctest::Approx(2.0 / 3600).epsilon(1e-12));
  CHECK(u::parse_price_per_second("$2/h") == doctest::Approx(2.0 / 3600).epsilon(1e-12));
  CHECK(u::parse_price_per_second("$2/hour") == doctest::Approx(2.0 / 3600).epsilon(1e-12));
  // 48 USD/d = 48 / 86400 = 2 / 3600 (the same as 2 USD/h)
  CHECK(u::parse_price_per_second("48 USD/d") == doctest::Approx(2.0 / 3600).epsilon(1e-12));
  // 1500 USD/month = 1500 / (30 * 86400) = 1500 / 2,592,000 = 5.787037e-4 USD per second
  CHECK(u::parse_price_per_second("1500 USD/month") ==
        doctest::Approx(1500.0 / 2592000).epsilon(1e-12));
  CHECK(u::parse_price_per_second("3 USD/s") == doctest::Approx(3).epsilon(1e-12));
  CHECK(u::parse_price_per_second("$1.2k/d") == doctest::Approx(1200.0 / 86400).epsilon(1e-12));
}

TEST_CASE("parse_flop and parse_flop_rate") {
  CHECK(u::parse_flop("3.8e25 FLOP") == doctest::Approx(3.8e25).epsilon(1e-12));
  CHECK(u::parse_flop("1e21 FLOPs") == doctest::Approx(1e21).epsilon(1e-12));
  CHECK(u::parse_flop("2 EFLOP") == doctest::Approx(2e18).epsilon(1e-12));   // E = 1e18
  CHECK(u::parse_flop("5 ZFLOP") == doctest::Approx(5e21).epsilon(1e-12));   // Z = 1e21
  CHECK(u::parse_flop("3.8e25") == doctest::Approx(3.8e25).epsilon(1e-12));  // FLOP is a count

  CHECK(u::parse_flop_rate("989 TFLOPS") == doctest::Approx(989e12).epsilon(1e-12));
  CHECK(u::parse_flop_rate("989 TFLOP/s") == doctest::Approx(989e12).epsilon(1e-12));
  CHECK(u::parse_flop_rate("2.25 PFLOPS") == doctest::Approx(2.25e15).epsilon(1e-12));
  CHECK(u::parse_flop_rate("2.25 PFLOP/s") == doctest::Approx(2.25e15).epsilon(1e-12));
  CHECK(u::parse_flop_rate("1e15 FLOP/s") == doctest::Approx(1e15).epsilon(1e-12));
  CHECK(u::parse_flop_rate("312 Tflops") == doctest::Approx(312e12).epsilon(1e-12));
  CHECK(u::parse_flop_rate("19.5 GFLOPS") == doctest::Approx(19.5e9).epsilon(1e-12));
  CHECK(u::parse_flop_rate("1 EFLOP/s") == doctest::Approx(1e18).epsilon(1e-12));
}

TEST_CASE("parse_mass") {
  CHECK(u::parse_mass("23 kg") == doctest::Approx(23).epsilon(1e-12));
  CHECK(u::parse_mass("700 g") == doctest::Approx(0.7).epsilon(1e-12));
  CHECK(u::parse_mass("50 lb") == doctest::Approx(22.6796185).epsilon(1e-12));  // 50 * 0.45359237
  CHECK(u::parse_mass("1 lbs") == doctest::Approx(0.45359237).epsilon(1e-12));
}

TEST_CASE("parse_fraction: a number in [0, 1] or a percent") {
  CHECK(u::parse_fraction("0.01%") == doctest::Approx(1e-4).epsilon(1e-12));  // 0.01 / 100
  CHECK(u::parse_fraction("40 %") == doctest::Approx(0.4).epsilon(1e-12));    // 40 / 100
  CHECK(u::parse_fraction("0.4") == doctest::Approx(0.4).epsilon(1e-12));
  CHECK(u::parse_fraction("100%") == doctest::Approx(1).epsilon(1e-12));
  CHECK(u::parse_fraction("0") == 0);
  CHECK(u::parse_fraction("1") == 1);
  CHECK_THROWS_AS(u::parse_fraction("1.01"), haul::InputError);
  CHECK_THROWS_AS(u::parse_fraction("101%"), haul::InputError);
  CHECK_THROWS_AS(u::parse_fraction("-0.1"), haul::InputError);
}

TEST_CASE("parse_count: decimal suffixes") {
  CHECK(u::parse_count("7B") == doctest::Approx(7e9).epsilon(1e-12));
  CHECK(u::parse_count("7G") == doctest::Approx(7e9).epsilon(1e-12));
  CHECK(u::parse_count("15T") == doctest::Approx(1.5e13).epsilon(1e-12));
  CHECK(u::parse_count("70e9") == doctest::Approx(7e10).epsilon(1e-12));
  CHECK(u::parse_count("400M") == doctest::Approx(4e8).epsilon(1e-12));
  CHECK(u::parse_count("2k") == doctest::Approx(2000).epsilon(1e-12));
  CHECK(u::parse_count("2K") == doctest::Approx(2000).epsilon(1e-12));
  CHECK(u::parse_count("1P") == doctest::Approx(1e15).epsilon(1e-12));
  CHECK(u::parse_count("1.5 B") == doctest::Approx(1.5e9).epsilon(1e-12));
  CHECK(u::parse_count("2400") == doctest::Approx(2400).epsilon(1e-12));
  CHECK(u::parse_count("1,000,000") == doctest::Approx(1e6).epsilon(1e-12));
  CHECK(u::parse_count("0") == 0);
  CHECK_THROWS_AS(u::parse_count("-1"), haul::InputError);
}

TEST_CASE("errors: a misspelt unit suggests the nearest one with the user's number") {
  std::string m = error_of(u::parse_duration, "100 mss");
  CHECK(m == "\"100 mss\" is not a duration (try \"100 ms\"; units: us ms s min h d week y)");
  m = error_of(u::parse_size, "80 TBB");
  CHECK(contains(m, "\"80 TBB\""));
  CHECK(contains(m, "\"80 TB\""));
  CHECK(contains(error_of(u::parse_size, "1 Tib"), "\"1 TiB\""));
  CHECK(contains(error_of(u::parse_mass, "23 kgg"), "\"23 kg\""));
  CHECK(contains(error_of(u::parse_flop_rate, "989 TFLOPZ"), "\"989 TFLOPS\""));
  CHECK(contains(error_of(u::parse_count, "7b"), "\"7B\""));
  CHECK(contains(error_of(u::parse_price_per_byte, "0.09 USD/GBB"), "\"0.09 USD/GB\""));
  CHECK(contains(error_of(u::parse_price_per_second, "2 USD/hx"), "\"2 USD/h\""));
  // Far from every unit: the kind's usual unit.
  m = error_of(u::parse_size, "80 bananas");
  CHECK(contains(m, "\"80 bananas\""));
  CHECK(contains(m, "\"80 TB\""));
}

TEST_CASE("errors: lower-case prefixes that could be bits or bytes offer both") {
  const std::string m = error_of(u::parse_size, "10 gb");
  CHECK(contains(m, "\"10 gb\""));
  CHECK(contains(m, "\"10 GB\""));
  CHECK(contains(m, "\"10 Gb\""));
  CHECK(contains(error_of(u::parse_rate_bps, "100 mb/s"), "\"100 MB/s\""));
}

TEST_CASE("errors: a bare number where a unit is required") {
  CHECK(error_of(u::parse_size, "80") == "\"80\" has no unit (write \"80 TB\")");
  CHECK(contains(error_of(u::parse_rate_bps, "1"), "\"1 Gbps\""));
  CHECK(contains(error_of(u::parse_rate_Bps, "270"), "\"270 MB/s\""));
  CHECK(contains(error_of(u::parse_duration, "100"), "\"100 s\""));
  CHECK(contains(error_of(u::parse_money, "2"), "\"$2\""));
  CHECK(contains(error_of(u::parse_money, "1.5k"), "\"$1.5k\""));
  CHECK(contains(error_of(u::parse_price_per_byte, "0.09"), "\"0.09 USD/GB\""));
  CHECK(contains(error_of(u::parse_price_per_byte, "0.09/GB"), "\"0.09 USD/GB\""));
  CHECK(contains(error_of(u::parse_price_per_second, "2"), "\"2 USD/h\""));
  CHECK(contains(error_of(u::parse_flop_rate, "989"), "\"989 TFLOP/s\""));
  CHECK(contains(error_of(u::parse_mass, "23"), "\"23 kg\""));
}

TEST_CASE("errors: a bare decimal prefix gets the parser's own unit with that prefix") {
  CHECK(error_of(u::parse_rate_bps, "10G") == "\"10G\" has no unit (did you mean \"10 Gbps\"?)");
  CHECK(error_of(u::parse_size, "10G") == "\"10G\" has no unit (did you mean \"10 GB\"?)");
  CHECK(error_of(u::parse_rate_Bps, "500M") == "\"500M\" has no unit (did you mean \"500 MB/s\"?)");
  CHECK(contains(error_of(u::parse_size, "10 G"), "(did you mean \"10 GB\"?)"));  // with a space
  CHECK(contains(error_of(u::parse_size, "2k"), "(did you mean \"2 kB\"?)"));
  CHECK(contains(error_of(u::parse_size, "2K"), "(did you mean \"2 kB\"?)"));  // K = k, as KB = kB
  CHECK(contains(error_of(u::parse_size, "5P"), "(did you mean \"5 PB\"?)"));
  CHECK(contains(error_of(u::parse_size, "1,200 T"), "(did you mean \"1,200 TB\"?)"));
  CHECK(contains(error_of(u::parse_rate_bps, "100M"), "(did you mean \"100 Mbps\"?)"));
  CHECK(contains(error_of(u::parse_rate_bps, "56k"), "(did you mean \"56 kbps\"?)"));
  CHECK(contains(error_of(u::parse_rate_Bps, "4G"), "(did you mean \"4 GB/s\"?)"));
  CHECK(contains(error_of(u::parse_flop, "10G"), "(did you mean \"10 GFLOP\"?)"));
  CHECK(contains(error_of(u::parse_flop_rate, "989T"), "(did you mean \"989 TFLOP/s\"?)"));
  CHECK(contains(error_of(u::parse_mass, "23k"), "(did you mean \"23 kg\"?)"));
  // A duration has no prefixed unit: G is not read as grams, and the message lists the units.
  std::string m = error_of(u::parse_duration, "10G");
  CHECK(contains(m, "\"10G\" is not a duration"));
  CHECK(!contains(m, "mass"));
  CHECK(!contains(error_of(u::parse_fraction, "10G"), "mass"));
  CHECK(!contains(error_of(u::parse_price_per_byte, "10G"), "mass"));
  // Money's suffixes are its own: k, M and B stay (no currency is the problem), G is not one.
  CHECK(error_of(u::parse_money, "10M") == "\"10M\" has no currency (write \"$10M\")");
  CHECK(error_of(u::parse_money, "10G") ==
        "\"10G\" is not an amount of money (write \"$10k\", \"$10M\" or \"$10B\")");
  CHECK(contains(error_of(u::parse_money, "$10G"), "\"$10B\""));
  CHECK(u::parse_money("$1.5k") == doctest::Approx(1500).epsilon(1e-12));  // 1.5 * 1e3
  CHECK(u::parse_count("7B") == doctest::Approx(7e9).epsilon(1e-12));      // B = 1e9 for a count
  CHECK(u::parse_count("7 G") == doctest::Approx(7e9).epsilon(1e-12));     // and so is G
  // The cross-quantity hints that were right stay.
  CHECK(error_of(u::parse_size, "10 Gbps") == "\"10 Gbps\" is a rate, not a size (try \"10 Gb\")");
  CHECK(contains(error_of(u::parse_rate_bps, "10GB"), "is a size, not a rate (try \"10 GB/s\")"));
  CHECK(contains(error_of(u::parse_size, "10g"), "\"10g\" is a mass, not a size"));  // g: grams
  CHECK(contains(error_of(u::parse_size, "10 kg"), "is a mass, not a size"));
  m = error_of(u::parse_size, "10\nG");
  CHECK(m.find('\n') == std::string::npos);
}

TEST_CASE("errors: no number at all") {
  CHECK(error_of(u::parse_size, "fast") ==
        "\"fast\" is not a size (write a number and a unit, e.g. \"80 TB\")");
  CHECK(contains(error_of(u::parse_size, ""), "\"\" is not a size"));
  CHECK(contains(error_of(u::parse_size, "TB"), "\"TB\""));
  CHECK(contains(error_of(u::parse_size, "1.2.3 TB"), "\"80 TB\""));
  CHECK(contains(error_of(u::parse_money, "free"), "\"$2\""));
  CHECK(contains(error_of(u::parse_fraction, "high"), "\"40%\""));
  CHECK(contains(error_of(u::parse_count, "lots"), "\"7B\""));
}

TEST_CASE("errors: NaN, infinity and overflow are rejected") {
  for (const char* text : {"inf TB", "nan TB", "infinity", "-inf s", "NaN"}) {
    CAPTURE(text);
    CHECK_THROWS_AS(u::parse_size(text), haul::InputError);
    CHECK_THROWS_AS(u::parse_duration(text), haul::InputError);
    CHECK_THROWS_AS(u::parse_fraction(text), haul::InputError);
    CHECK_THROWS_AS(u::parse_count(text), haul::InputError);
    CHECK_THROWS_AS(u::parse_flop(text), haul::InputError);
  }
  CHECK(contains(error_of(u::parse_size, "1e400 TB"), "\"1e400 TB\" is out of range"));
  // 1e300 EB = 1e318 B, past the largest double (about 1.8e308)
  CHECK(contains(error_of(u::parse_size, "1e300 EB"), "\"1e300 EB\" is out of range"));
}

TEST_CASE("errors: misplaced thousands commas") {
  const std::string m = error_of(u::parse_size, "1,20 TB");
  CHECK(contains(m, "\"1,20 TB\""));
  CHECK(contains(m, "\"1,200\""));
  CHECK_THROWS_AS(u::parse_size("1,2000 TB"), haul::InputError);
  CHECK_THROWS_AS(u::parse_size("1234,567 TB"), haul::InputError);
}

TEST_CASE("errors: a quantity of the wrong kind says what it is") {
  CHECK(error_of(u::parse_size, "1 Gbps") == "\"1 Gbps\" is a rate, not a size (try \"1 Gb\")");
  CHECK(contains(error_of(u::parse_size, "270 MB/s"), "(try \"270 MB\")"));
  CHECK(error_of(u::parse_rate_bps, "100 MB") ==
        "\"100 MB\" is a size, not a rate (try \"100 MB/s\")");
  CHECK(contains(error_of(u::parse_rate_Bps, "100 MB"), "(try \"100 MB/s\")"));
  CHECK(contains(error_of(u::parse_rate_bps, "10 Gb"), "(try \"10 Gbps\")"));
  CHECK(contains(error_of(u::parse_flop_rate, "989 TFLOP"), "(try \"989 TFLOP/s\")"));
  CHECK(contains(error_of(u::parse_flop, "989 TFLOP/s"), "(try \"989 TFLOP\")"));
  CHECK(contains(error_of(u::parse_money, "$2/h"), "is a price per time, not an amount of money"));
  CHECK(contains(error_of(u::parse_price_per_second, "$2"), "(try \"$2/h\")"));
  CHECK(contains(error_of(u::parse_price_per_byte, "$2"), "(try \"$2/GB\")"));
  CHECK(contains(error_of(u::parse_price_per_second, "$90/TB"), "is a price per byte"));
  CHECK(contains(error_of(u::parse_size, "24 h"), "\"24 h\" is a duration, not a size"));
  CHECK(contains(error_of(u::parse_duration, "80 TB"), "is a size, not a duration"));
  CHECK(contains(error_of(u::parse_fraction, "40 ms"), "is a duration, not a fraction"));
  CHECK(contains(error_of(u::parse_count, "$2"), "is an amount of money, not a count"));
}

TEST_CASE("errors: fractions out of range suggest a percent") {
  CHECK(contains(error_of(u::parse_fraction, "40"), "\"40%\""));
  const std::string m = error_of(u::parse_fraction, "140%");
  CHECK(contains(m, "\"140%\" is outside [0, 1]"));
  CHECK(contains(error_of(u::parse_count, "-5"), "\"-5\" is negative"));
}

TEST_CASE("errors: messages are one line and quote control characters") {
  const std::string m = error_of(u::parse_size, "80\nTB x");
  CHECK(m.find('\n') == std::string::npos);
  CHECK(contains(m, "\"80\\nTB x\""));  // quote.hpp's escaping: a line break shows as \n
  const std::string c1 = error_of(u::parse_size,
                                  "80\xc2\x9b"
                                  "31mTB");
  CHECK(contains(c1, "\\u009b"));  // a C1 control (8-bit CSI) escaped as well
}

TEST_CASE("format_number: three significant digits, trailing zeros trimmed") {
  CHECK(u::format_number(0) == "0");
  CHECK(u::format_number(7.4074) == "7.41");
  CHECK(u::format_number(950) == "950");
  CHECK(u::format_number(80) == "80");
  CHECK(u::format_number(0.123) == "0.123");
  CHECK(u::format_number(-7.41) == "-7.41");
  CHECK(u::format_number(1234) == "1234");   // whole numbers below a million print in full
  CHECK(u::format_number(999.7) == "1000");  // 999.7 rounds to 1000 at three digits
  CHECK(u::format_number(1.2e20) == "1.2e+20");
  CHECK(u::format_number(1e6) == "1e+06");
  CHECK(u::format_number(3.14159, 5) == "3.1416");
  CHECK(u::format_number(INFINITY) == "inf");
  CHECK(u::format_number(-INFINITY) == "-inf");
  CHECK(u::format_number(NAN) == "nan");
}

TEST_CASE("format_size: SI and IEC") {
  CHECK(u::format_size(80e12) == "80 TB");
  CHECK(u::format_size(0) == "0 B");
  CHECK(u::format_size(512) == "512 B");
  CHECK(u::format_size(1500) == "1.5 kB");
  CHECK(u::format_size(24e12) == "24 TB");
  CHECK(u::format_size(999.7e9) == "1 TB");  // not "1e+03 GB"
  CHECK(u::format_size(3e18) == "3 EB");
  // 80e12 / 1024^4 = 80e12 / 1,099,511,627,776 = 72.759... -> 72.8 TiB
  CHECK(u::format_size(80e12, u::ByteStyle::iec) == "72.8 TiB");
  CHECK(u::format_size(4194304, u::ByteStyle::iec) == "4 MiB");  // 4 * 1024^2
  // 1000 KiB is below 1 MiB but prints as 1000 at three digits: 1,024,000 / 1,048,576 = 0.977 MiB
  CHECK(u::format_size(1024000, u::ByteStyle::iec) == "0.977 MiB");
  CHECK(u::format_size(INFINITY) == "inf");
  CHECK(u::format_size(NAN) == "nan");
}

TEST_CASE("format_rate and format_throughput") {
  CHECK(u::format_rate(950e6) == "950 Mbps");
  CHECK(u::format_rate(1.2e9) == "1.2 Gbps");
  CHECK(u::format_rate(56e3) == "56 kbps");
  CHECK(u::format_rate(100) == "100 bps");
  CHECK(u::format_rate(4e14) == "400 Tbps");
  CHECK(u::format_rate(1e15) == "1 Pbps");
  CHECK(u::format_rate(0) == "0 bps");
  CHECK(u::format_throughput(270e6) == "270 MB/s");
  CHECK(u::format_throughput(4e9) == "4 GB/s");
  CHECK(u::format_throughput(1.25e8) == "125 MB/s");
  // 270e6 / 1024^2 = 270,000,000 / 1,048,576 = 257.49 -> 257 MiB/s
  CHECK(u::format_throughput(270e6, u::ByteStyle::iec) == "257 MiB/s");
  CHECK(u::format_throughput(2048, u::ByteStyle::iec) == "2 KiB/s");
}

TEST_CASE("format_duration: us, ms, s below 2 min, min below 2 h, h below 2 d, then d") {
  CHECK(u::format_duration(640000) == "7.41 d");  // 640000 / 86400 = 7.407
  CHECK(u::format_duration(8280) == "2.3 h");     // 8280 / 3600 = 2.3
  CHECK(u::format_duration(0.35) == "350 ms");
  CHECK(u::format_duration(250e-6) == "250 us");
  CHECK(u::format_duration(90) == "90 s");
  CHECK(u::format_duration(119) == "119 s");
  CHECK(u::format_duration(120) == "2 min");
  CHECK(u::format_duration(5400) == "90 min");  // 5400 / 60
  CHECK(u::format_duration(7200) == "2 h");
  CHECK(u::format_duration(86400) == "24 h");
  CHECK(u::format_duration(172800) == "2 d");
  CHECK(u::format_duration(0.0009996) == "1 ms");  // 999.6 us rounds to 1000: one unit up
  CHECK(u::format_duration(0) == "0 s");
  CHECK(u::format_duration(INFINITY) == "inf");
}

TEST_CASE("format_duration: years from 365 days on") {
  CHECK(u::format_duration(31449600) == "364 d");     // 364 * 86,400: below a year nothing changes
  CHECK(u::format_duration(31536000) == "1 y");       // 365 * 86,400 = 31,536,000 s = 1 y
  CHECK(u::format_duration(107222400) == "3.4 y");    // 107,222,400 / 31,536,000 = 3.4
  CHECK(u::format_duration(394200000) == "12.5 y");   // 394,200,000 / 31,536,000 = 12.5
  CHECK(u::format_duration(11510640000) == "365 y");  // 365 * 31,536,000 = 11,510,640,000
  CHECK(u::format_duration(-107222400) == "-3.4 y");
  // 1,204.4 * 31,536,000 = 37,981,958,400 s: from 1000 y on, whole years with separators
  CHECK(u::format_duration(37981958400) == "1,204 y");
  CHECK(u::format_duration(1124983728000) == "35,673 y");  // 35,673 * 31,536,000
  // 999.7 y = 31,526,539,200 s: three digits round it to 1000, which prints as a count
  CHECK(u::format_duration(31526539200) == "1,000 y");
  // 10 PiB at 1 Mbps * 0.8: 10 * 2^50 * 8 bit / 8e5 bit/s = 112,589,990,684.3 s
  // = 1,303,125 d (once "1.3e+06 d") = 112,589,990,684.3 / 31,536,000 = 3,570.2 y
  CHECK(u::format_duration(112589990684.2624) == "3,570 y");
  CHECK(u::format_duration(6.3072e22) == "2e+15 y");  // 2e15 * 31,536,000: past 1e15, as a number
  CHECK(u::format_duration(-INFINITY) == "-inf");
}

TEST_CASE("format_count: thousands separators, three digits for fractions below 1000") {
  CHECK(u::format_count(80000) == "80,000");
  CHECK(u::format_count(2400) == "2,400");
  CHECK(u::format_count(1) == "1");
  CHECK(u::format_count(0) == "0");
  CHECK(u::format_count(123) == "123");
  CHECK(u::format_count(1234567) == "1,234,567");
  CHECK(u::format_count(28852443.2) == "28,852,443");  // GPU-hours: from 1000 on, the nearest whole
  CHECK(u::format_count(1000.6) == "1,001");
  CHECK(u::format_count(7.4074) == "7.41");  // below 1000, three significant digits
  CHECK(u::format_count(0.5) == "0.5");
  CHECK(u::format_count(999.4) == "999");
  CHECK(u::format_count(999.7) == "1,000");  // 999.7 at three digits is 1000: a count from there
  CHECK(u::format_count(-80000) == "-80,000");
  CHECK(u::format_count(-1234.6) == "-1,235");
  CHECK(u::format_count(-0.4) == "-0.4");
  CHECK(u::format_count(999999999999999) == "999,999,999,999,999");  // the largest below 1e15
  CHECK(u::format_count(1e15) == "1e+15");                           // as format_number
  CHECK(u::format_count(1.2e20) == "1.2e+20");
  CHECK(u::format_count(NAN) == "nan");
  CHECK(u::format_count(INFINITY) == "inf");
}

TEST_CASE("format_money, format_flop, format_flop_rate, format_mass, format_fraction") {
  CHECK(u::format_money(1.18e6) == "$1.18M");
  CHECK(u::format_money(450) == "$450");
  CHECK(u::format_money(12345) == "$12.3k");
  CHECK(u::format_money(0.12) == "$0.12");
  CHECK(u::format_money(2) == "$2");
  CHECK(u::format_money(2.5e9) == "$2.5B");
  CHECK(u::format_money(999.96) == "$1k");  // rounds to 1000 at three digits
  CHECK(u::format_money(0) == "$0");
  CHECK(u::format_money(-5) == "-$5");
  CHECK(u::format_flop(3.8e25) == "3.8e+25 FLOP");
  CHECK(u::format_flop(0) == "0 FLOP");
  CHECK(u::format_flop_rate(989e12) == "989 TFLOP/s");
  CHECK(u::format_flop_rate(2.25e15) == "2.25 PFLOP/s");
  CHECK(u::format_mass(42) == "42 kg");
  CHECK(u::format_mass(0.7) == "700 g");
  CHECK(u::format_fraction(0.4) == "40%");
  CHECK(u::format_fraction(1e-4) == "0.01%");
  CHECK(u::format_fraction(1e-10) == "1e-08%");
  CHECK(u::format_fraction(1) == "100%");
  CHECK(u::format_money(NAN) == "nan");
}

TEST_CASE("round trips: every formatted value parses back within 0.5%") {
  SUBCASE("size SI") {
    check_round_trip([](double v) { return u::format_size(v); }, u::parse_size, 0.1, 1e21);
  }
  SUBCASE("size IEC") {
    check_round_trip([](double v) { return u::format_size(v, u::ByteStyle::iec); }, u::parse_size,
                     0.1, 1e21);
  }
  SUBCASE("rate") {
    check_round_trip(u::format_rate, u::parse_rate_bps, 0.1, 1e18);
  }
  SUBCASE("throughput SI") {
    check_round_trip([](double v) { return u::format_throughput(v); }, u::parse_rate_Bps, 0.1,
                     1e18);
  }
  SUBCASE("throughput IEC") {
    check_round_trip([](double v) { return u::format_throughput(v, u::ByteStyle::iec); },
                     u::parse_rate_Bps, 0.1, 1e18);
  }
  SUBCASE("duration") {
    check_round_trip(u::format_duration, u::parse_duration, 1e-8, 1e10);
  }
  SUBCASE("money") {
    check_round_trip(u::format_money, u::parse_money, 1e-4, 1e14);
  }
  SUBCASE("negative money") {
    check_round_trip([](double v) { return u::format_money(-v); },
                     [](std::string_view t) { return -u::parse_money(t); }, 1e-2, 1e10);
  }
  SUBCASE("flop") {
    check_round_trip(u::format_flop, u::parse_flop, 1, 1e30);
  }
  SUBCASE("flop rate") {
    check_round_trip(u::format_flop_rate, u::parse_flop_rate, 1, 1e21);
  }
  SUBCASE("mass") {
    check_round_trip(u::format_mass, u::parse_mass, 1e-4, 1e6);
  }
  SUBCASE("fraction") {
    check_round_trip(u::format_fraction, u::parse_fraction, 1e-10, 0.1);
  }
  SUBCASE("count") {
    check_round_trip([](double v) { return u::format_number(v); }, u::parse_count, 1e-3, 1e20);
  }
}

TEST_CASE("errors: one suggestion per meaning when only case is wrong") {
  // "KBPS" equals kbps, Kbps (1e3 bit/s) and kBps, KBps (1e3 B/s) ignoring case: two meanings.
  const std::string m = error_of(u::parse_rate_bps, "1 KBPS");
  CHECK(contains(m, "(try \"1 kbps\" or \"1 kBps\"; B = byte, b = bit;"));
}
