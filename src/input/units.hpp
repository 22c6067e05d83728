// Units at the edges: parsing human strings into base units and formatting base units for humans.
// Base units everywhere inside haul: bytes, seconds, bits per second (for line rates), bytes per
// second (for drive and host throughput), USD, FLOP, FLOP/s, kilograms. See MODEL.md section 2.
//
// Every parse_* function throws haul::InputError with a one-line message that quotes the bad text
// and shows the expected form, e.g.  "100 mss" is not a duration (try "100 ms")  or
// "80" has no unit (write "80 TB").  Callers prefix the key and the place.
#pragma once

#include <string>
#include <string_view>

namespace haul::units {

inline constexpr double kKB = 1e3, kMB = 1e6, kGB = 1e9, kTB = 1e12, kPB = 1e15, kEB = 1e18;
inline constexpr double kKiB = 1024.0, kMiB = kKiB * 1024, kGiB = kMiB * 1024, kTiB = kGiB * 1024,
                        kPiB = kTiB * 1024, kEiB = kPiB * 1024;
inline constexpr double kMinute = 60, kHour = 3600, kDay = 86400, kWeek = 7 * kDay;
inline constexpr double kMonth = 30 * kDay;  // MODEL.md: USD/month means 30 days
inline constexpr double kYear = 365 * kDay;  // MODEL.md: y = yr = 365 d = 31,536,000 s

enum class ByteStyle { si, iec };

// size: "80 TB", "72.8 TiB", "500GB", "10 Gb" (bits) -> bytes. SI powers of 1000 (KB == kB),
// IEC powers of 1024, and bit units (bit kb Mb Gb Tb Pb) divided by 8.
double parse_size(std::string_view text);
// line rate: "1 Gbps", "100 Mbit/s", "125 MB/s", "1 GiB/s" -> bits per second.
double parse_rate_bps(std::string_view text);
// throughput of a drive or host: the same strings as parse_rate_bps, returned in bytes per second.
double parse_rate_Bps(std::string_view text);
// duration: "100 ms", "24 h", "1.5 d", "2 weeks", "3.4 y", "90 s", "250 us" -> seconds (y = 365 d).
double parse_duration(std::string_view text);
// money: "$2", "2 USD", "$1,200", "$1.5k", "0.2M USD" (k = 1e3, M = 1e6 suffixes) -> USD.
double parse_money(std::string_view text);
// price per unit of data: "0.09 USD/GB", "$90/TB", "0.05 USD/GiB" -> USD per byte.
double parse_price_per_byte(std::string_view text);
// price per unit of time: "2 USD/h", "$2/h", "1500 USD/month" (30 d), "48 USD/d" -> USD per second.
double parse_price_per_second(std::string_view text);
// amount of compute: "3.8e25 FLOP", "1e21 FLOPs" -> FLOP.
double parse_flop(std::string_view text);
// compute rate: "989 TFLOPS", "989 TFLOP/s", "2.25 PFLOPS", "1e15 FLOP/s" -> FLOP/s.
double parse_flop_rate(std::string_view text);
// mass: "23 kg", "700 g", "50 lb" -> kg.
double parse_mass(std::string_view text);
// fraction: "0.01%" -> 1e-4, "40 %" -> 0.4, "0.4" -> 0.4. Must land in [0, 1].
double parse_fraction(std::string_view text);
// count with an optional decimal suffix: "7B" -> 7e9, "15T" -> 1.5e13, "70e9", "400M", "2k".
double parse_count(std::string_view text);

// Human formatting: three significant digits and one readable unit per value.
std::string format_number(double value, int significant = 3);            // "7.41", "950", "1.2e+20"
std::string format_size(double bytes, ByteStyle style = ByteStyle::si);  // "80 TB", "72.8 TiB"
std::string format_rate(double bits_per_second);                         // "950 Mbps", "1.2 Gbps"
std::string format_throughput(double bytes_per_second,
                              ByteStyle style = ByteStyle::si);  // "270 MB/s"
std::string format_duration(double seconds);      // "7.41 d", "2.3 h", "350 ms", "3.4 y", "1,204 y"
std::string format_money(double usd);             // "$1.18M", "$450", "$0.12"
std::string format_flop(double flop);             // "3.8e+25 FLOP"
std::string format_flop_rate(double flop_per_s);  // "989 TFLOP/s"
std::string format_mass(double kg);               // "42 kg", "700 g"
std::string format_fraction(double fraction);     // "40%", "0.01%", "1e-08%"
// A count with thousands separators: whole numbers in full ("80,000", "1"), other values from 1000
// on rounded to a whole number ("28,852,443"), below 1000 three significant digits ("7.41",
// "0.5"); from 1e15 on as format_number ("1.2e+20").
std::string format_count(double x);

}  // namespace haul::units
