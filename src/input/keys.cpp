// The table of every scenario key: its expected form, its default, what it measures, the model
// input it sets and how a value is read into it. Keys, --help, `haul keys`, sweeps and the
// effective scenario all read this one table.
#include "input/keys.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "input/scenario.hpp"
#include "input/units.hpp"

namespace haul {

namespace {

using Setter = std::function<void(Scenario&, const Value&)>;

struct Field {
  std::string key;
  std::string form;                  // the expected form, as the user writes it
  std::string default_value;         // as shown in MODEL.md section 3
  Quantity quantity;                 // what its value measures (how sweeps make and show values)
  double& (*slot)(Inputs<double>&);  // the model input it sets; nullptr for names and layouts
  Setter set;
};

// ---- reading one value -------------------------------------------------------------------------

// A value that needs a unit goes through its unit parser; a bare number gets the parser's
// "has no unit (write ...)" message because the parser sees the number without a unit.
double with_unit(const Value& v, double (*parse)(std::string_view)) {
  switch (v.kind) {
    case Value::Kind::string:
      return parse(v.text);
    case Value::Kind::boolean:
      throw InputError(v.shown() + " is a boolean; " + "expected a number with a unit");
    default: {
      const std::string shown = v.shown();
      return parse(shown);  // throws: no unit
    }
  }
}

double number(const Value& v, const std::string& expected) {
  if (v.kind == Value::Kind::integer || v.kind == Value::Kind::floating) {
    if (!std::isfinite(v.number))
      throw InputError(v.shown() + " is not finite (expected " + expected + ")");
    return v.number;
  }
  throw InputError(v.shown() + " is not a number (expected " + expected + ")");
}

double check(double x, bool ok, const Value& v, const std::string& expected) {
  if (!ok || !std::isfinite(x))
    throw InputError(v.shown() + " is out of range (expected " + expected + ")");
  return x;
}

// A count: an integer, or a string with a decimal suffix ("80k", "7B").
double whole(const Value& v, double least, const std::string& expected) {
  double x;
  if (v.kind == Value::Kind::string) {
    x = units::parse_count(v.text);
  } else {
    x = number(v, expected);
  }
  if (x != std::floor(x))
    throw InputError(v.shown() + " is not a whole number (expected " + expected + ")");
  return check(x, x >= least, v, expected);
}

// A dimensionless amount that may be large: a number or a count string ("7B", "15T").
double amount(const Value& v, const std::string& expected) {
  const double x = v.kind == Value::Kind::string ? units::parse_count(v.text) : number(v, expected);
  return check(x, x > 0, v, expected);
}

// A fraction: a bare number or a percent string, within [lo, hi] with optional open ends.
double fraction(const Value& v, bool open_low, bool open_high, const std::string& expected) {
  double x;
  if (v.kind == Value::Kind::string) {
    try {
      x = units::parse_fraction(v.text);
    } catch (const InputError&) {
      throw InputError(v.shown() + " is not a fraction (expected " + expected + ")");
    }
  } else {
    x = number(v, expected);
  }
  const bool ok = (open_low ? x > 0 : x >= 0) && (open_high ? x < 1 : x <= 1);
  return check(x, ok, v, expected);
}

bool boolean(const Value& v) {
  if (v.kind != Value::Kind::boolean)
    throw InputError(v.shown() + " is not a boolean (expected true or false)");
  return v.boolean;
}

std::string text(const Value& v, const std::string& expected) {
  if (v.kind != Value::Kind::string)
    throw InputError(v.shown() + " is not a string (expected " + expected + ")");
  // Reports and `haul scenario` repeat it: it must be text (TOML files are UTF-8 by rule; --set
  // values need the check).
  if (!valid_utf8(v.text))
    throw InputError("the text is not valid UTF-8 (expected " + expected + ")");
  return v.text;
}

// The words of a code table (kCongestionNames, ...), for choice.
template <std::size_t N>
std::vector<std::string> words(const char* const (&names)[N]) {
  return {std::begin(names), std::end(names)};
}

// One of a few words; returns its index.
int choice(const Value& v, const std::vector<std::string>& words) {
  std::string expected;
  for (const auto& w : words) expected += (expected.empty() ? "" : " | ") + w;
  const std::string word = text(v, expected);
  for (size_t i = 0; i < words.size(); ++i)
    if (word == words[i]) return static_cast<int>(i);
  const std::string guess = closest(word, words);
  throw InputError(v.shown() + " is not one of " + expected +
                   (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
}

// A string that reads as a price per unit of time ("15000 USD/month", "$2/h").
bool is_price_per_time(const Value& v) {
  if (v.kind != Value::Kind::string) return false;
  try {
    units::parse_price_per_second(v.text);
    return true;
  } catch (const InputError&) {
    return false;
  }
}

// A string value that is this word ("auto", "none").
bool is_word(const Value& v, std::string_view word) {
  return v.kind == Value::Kind::string && v.text == word;
}
bool is_auto(const Value& v) {
  return is_word(v, "auto");
}

// "none" | "Nx" | "k+m"
void set_redundancy(ShipParams<double>& ship, const Value& v) {
  const std::string expected =
      "\"none\", \"Nx\" (N copies, e.g. \"2x\") or \"k+m\" (e.g. \"10+2\")";
  const std::string t = text(v, expected);
  auto read_int = [&](std::string_view s, int least) {
    int n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n < least)
      throw InputError(v.shown() + " is not a redundancy (expected " + expected + ")");
    return n;
  };
  // Each layout starts from the neutral fields, so that a scenario holds one layout only.
  ship.copies = 1;
  ship.erasure_k = 1;
  ship.erasure_m = 0;
  if (t == "none") {
    ship.redundancy = static_cast<int>(Redundancy::none);
  } else if (!t.empty() && (t.back() == 'x' || t.back() == 'X')) {
    ship.redundancy = static_cast<int>(Redundancy::copies);
    ship.copies = read_int(std::string_view(t).substr(0, t.size() - 1), 1);
  } else if (const auto plus = t.find('+'); plus != std::string::npos) {
    ship.redundancy = static_cast<int>(Redundancy::erasure);
    ship.erasure_k = read_int(std::string_view(t).substr(0, plus), 1);
    ship.erasure_m = read_int(std::string_view(t).substr(plus + 1), 0);
    // The loss model sums a term per data drive of a set, for every scenario and sweep row.
    if (ship.erasure_k + ship.erasure_m > limits::kErasureSetDrives)
      throw InputError(v.shown() + " is a set of " +
                       units::format_count(ship.erasure_k + ship.erasure_m) +
                       " drives, over the limit of " +
                       units::format_count(limits::kErasureSetDrives) + " drives a set");
  } else {
    throw InputError(v.shown() + " is not a redundancy (expected " + expected + ")");
  }
}

// ---- the table of every scenario key -----------------------------------------------------------

using S = Scenario;
using V = Value;

const std::vector<Field>& fields() {
  static const std::vector<Field> table = {
      {"name", "free text", "none", Quantity::text, nullptr,
       [](S& s, const V& v) { s.name = text(v, "a string"); }},

      // [data]
      {"data.size", "a size > 0, e.g. \"80 TB\"", "\"80 TB\"", Quantity::size,
       [](Inputs<double>& in) -> double& { return in.data.size_bytes; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_size);
         s.in.data.size_bytes = check(x, x > 0, v, "a size > 0, e.g. \"80 TB\"");
       }},
      {"data.files", "an integer >= 1", "1", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.data.files; },
       [](S& s, const V& v) { s.in.data.files = whole(v, 1, "an integer >= 1"); }},
      {"data.compression", "a ratio >= 1 (original / compressed)", "1.0", Quantity::number,
       [](Inputs<double>& in) -> double& { return in.data.compression; },
       [](S& s, const V& v) {
         const double x = number(v, "a ratio >= 1");
         s.in.data.compression = check(x, x >= 1, v, "a ratio >= 1 (original / compressed)");
       }},

      // [network]
      {"network.bandwidth", "a rate > 0, e.g. \"1 Gbps\"", "\"1 Gbps\"", Quantity::rate,
       [](Inputs<double>& in) -> double& { return in.network.bandwidth_bps; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_rate_bps);
         s.in.network.bandwidth_bps = check(x, x > 0, v, "a rate > 0, e.g. \"1 Gbps\"");
       }},
      {"network.utilization", "a fraction in (0, 1]", "1.0", Quantity::fraction,
       [](Inputs<double>& in) -> double& { return in.network.utilization; },
       [](S& s, const V& v) {
         s.in.network.utilization =
             fraction(v, true, false, "a fraction in (0, 1], e.g. 0.8 or \"80%\"");
       }},
      {"network.efficiency", "\"auto\" or a fraction in (0, 1]", "\"auto\"", Quantity::fraction,
       [](Inputs<double>& in) -> double& { return in.network.efficiency; },
       [](S& s, const V& v) {
         s.in.network.efficiency =
             is_auto(v) ? 0.0 : fraction(v, true, false, "\"auto\" or a fraction in (0, 1]");
       }},
      {"network.mtu", "a size from 576 B to 64 KiB, e.g. \"1500 B\"", "\"1500 B\"", Quantity::size,
       [](Inputs<double>& in) -> double& { return in.network.mtu_bytes; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_size);
         s.in.network.mtu_bytes =
             check(x, x >= 576 && x <= 65536 && x == std::floor(x), v,
                   "a whole number of bytes from 576 B to 64 KiB, e.g. \"1500 B\"");
       }},
      {"network.rtt", "a duration >= 0, e.g. \"100 ms\"", "\"100 ms\"", Quantity::duration,
       [](Inputs<double>& in) -> double& { return in.network.rtt_s; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_duration);
         s.in.network.rtt_s = check(x, x >= 0, v, "a duration >= 0, e.g. \"100 ms\"");
       }},
      {"network.loss", "a probability in [0, 1), e.g. 0.001 or \"0.1%\"", "0.0", Quantity::fraction,
       [](Inputs<double>& in) -> double& { return in.network.loss; },
       [](S& s, const V& v) {
         s.in.network.loss =
             fraction(v, false, true, "a probability in [0, 1), e.g. 0.001 or \"0.1%\"");
       }},
      {"network.streams", "an integer >= 1", "1", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.network.streams; },
       [](S& s, const V& v) { s.in.network.streams = whole(v, 1, "an integer >= 1"); }},
      {"network.window", "a size > 0, e.g. \"4 MiB\"", "\"4 MiB\"", Quantity::size,
       [](Inputs<double>& in) -> double& { return in.network.window_bytes; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_size);
         s.in.network.window_bytes = check(x, x > 0, v, "a size > 0, e.g. \"4 MiB\"");
       }},
      {"network.congestion", "reno | cubic | bbr", "\"cubic\"", Quantity::text,
       [](Inputs<double>& in) -> double& { return in.network.congestion; },
       [](S& s, const V& v) { s.in.network.congestion = choice(v, words(kCongestionNames)); }},
      {"network.per_file_rtts", "a number >= 0", "0.0", Quantity::number,
       [](Inputs<double>& in) -> double& { return in.network.per_file_rtts; },
       [](S& s, const V& v) {
         const double x = number(v, "a number of round trips >= 0");
         s.in.network.per_file_rtts = check(x, x >= 0, v, "a number of round trips >= 0");
       }},
      {"network.egress_price", "a price per data >= 0, e.g. \"0.09 USD/GB\"", "\"0 USD/GB\"",
       Quantity::price_per_byte,
       [](Inputs<double>& in) -> double& { return in.network.egress_usd_per_byte; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_price_per_byte);
         s.in.network.egress_usd_per_byte =
             check(x, x >= 0, v, "a price >= 0, e.g. \"0.09 USD/GB\"");
       }},
      {"network.fixed_cost", "money >= 0, e.g. \"500 USD\"", "\"0 USD\"", Quantity::money,
       [](Inputs<double>& in) -> double& { return in.network.fixed_usd; },
       [](S& s, const V& v) {
         if (is_price_per_time(v))
           throw InputError(v.shown() +
                            " is a price per time; fixed_cost is paid once for the job (e.g. "
                            "\"500 USD\"). A line rented by the month is network.lease (MODEL.md "
                            "section 4), which haul does not model yet: give fixed_cost the months "
                            "the job needs times the monthly price");
         const double x = with_unit(v, units::parse_money);
         s.in.network.fixed_usd = check(x, x >= 0, v, "money >= 0, e.g. \"500 USD\"");
       }},

      {"network.measured_rate", "\"none\" or a rate > 0, e.g. \"740 Mbps\"", "\"none\"",
       Quantity::rate, [](Inputs<double>& in) -> double& { return in.network.measured_rate_bps; },
       [](S& s, const V& v) {
         const std::string expected = "\"none\" or a rate > 0 (haul calibrate), e.g. \"740 Mbps\"";
         if (is_word(v, "none")) {
           s.in.network.measured_rate_bps = 0.0;
           return;
         }
         const double x = with_unit(v, units::parse_rate_bps);
         s.in.network.measured_rate_bps = check(x, x > 0, v, expected);
       }},

      // [ship]
      {"ship.drive", "a drive preset (haul catalog)", "\"hdd-24tb\"", Quantity::text, nullptr,
       [](S& s, const V& v) { s.drive = text(v, "a drive preset name, e.g. \"hdd-24tb\""); }},
      {"ship.capacity", "a size > 0, e.g. \"24 TB\"", "from the preset", Quantity::size,
       [](Inputs<double>& in) -> double& { return in.ship.capacity_bytes; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_size);
         s.in.ship.capacity_bytes = check(x, x > 0, v, "a size > 0, e.g. \"24 TB\"");
       }},
      {"ship.write_rate", "a rate > 0, e.g. \"270 MB/s\"", "from the preset", Quantity::throughput,
       [](Inputs<double>& in) -> double& { return in.ship.write_Bps; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_rate_Bps);
         s.in.ship.write_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"270 MB/s\"");
       }},
      {"ship.read_rate", "a rate > 0, e.g. \"270 MB/s\"", "from the preset", Quantity::throughput,
       [](Inputs<double>& in) -> double& { return in.ship.read_Bps; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_rate_Bps);
         s.in.ship.read_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"270 MB/s\"");
       }},
      {"ship.price", "money >= 0 per drive, e.g. \"450 USD\"", "from the preset", Quantity::money,
       [](Inputs<double>& in) -> double& { return in.ship.price_usd; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_money);
         s.in.ship.price_usd = check(x, x >= 0, v, "money >= 0, e.g. \"450 USD\"");
       }},
      {"ship.weight", "a mass > 0 per drive, e.g. \"0.7 kg\"", "from the preset", Quantity::mass,
       [](Inputs<double>& in) -> double& { return in.ship.weight_kg; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_mass);
         s.in.ship.weight_kg = check(x, x > 0, v, "a mass > 0, e.g. \"0.7 kg\"");
       }},
      {"ship.drives", "\"auto\" or an integer >= 1", "\"auto\"", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.ship.drives; },
       [](S& s, const V& v) {
         s.in.ship.drives = is_auto(v) ? 0.0 : whole(v, 1, "\"auto\" or an integer >= 1");
       }},
      {"ship.redundancy", "\"none\" | \"Nx\" | \"k+m\"", "\"none\"", Quantity::text, nullptr,
       [](S& s, const V& v) { set_redundancy(s.in.ship, v); }},
      {"ship.verify", "true | false", "true", Quantity::text,
       [](Inputs<double>& in) -> double& { return in.ship.verify; },
       [](S& s, const V& v) { s.in.ship.verify = boolean(v) ? 1.0 : 0.0; }},
      {"ship.copy_slots", "an integer >= 1", "8", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.ship.copy_slots; },
       [](S& s, const V& v) { s.in.ship.copy_slots = whole(v, 1, "an integer >= 1"); }},
      {"ship.copy_limit", "a rate > 0, e.g. \"4 GB/s\"", "\"4 GB/s\"", Quantity::throughput,
       [](Inputs<double>& in) -> double& { return in.ship.copy_limit_Bps; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_rate_Bps);
         s.in.ship.copy_limit_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"4 GB/s\"");
       }},
      {"ship.ingest_slots", "an integer >= 1", "8", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.ship.ingest_slots; },
       [](S& s, const V& v) { s.in.ship.ingest_slots = whole(v, 1, "an integer >= 1"); }},
      {"ship.ingest_limit", "a rate > 0, e.g. \"4 GB/s\"", "\"4 GB/s\"", Quantity::throughput,
       [](Inputs<double>& in) -> double& { return in.ship.ingest_limit_Bps; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_rate_Bps);
         s.in.ship.ingest_limit_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"4 GB/s\"");
       }},
      {"ship.transit", "a duration >= 0, e.g. \"24 h\"", "\"24 h\"", Quantity::duration,
       [](Inputs<double>& in) -> double& { return in.ship.transit_s; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_duration);
         s.in.ship.transit_s = check(x, x >= 0, v, "a duration >= 0, e.g. \"24 h\"");
       }},
      {"ship.couriers", "an integer >= 0 (0 = freight)", "1", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.ship.couriers; },
       [](S& s, const V& v) { s.in.ship.couriers = whole(v, 0, "an integer >= 0 (0 = freight)"); }},
      {"ship.per_courier", "\"auto\" or an integer >= 1", "\"auto\"", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.ship.per_courier; },
       [](S& s, const V& v) {
         s.in.ship.per_courier = is_auto(v) ? 0.0 : whole(v, 1, "\"auto\" or an integer >= 1");
       }},
      {"ship.bag", "a mass > 0, e.g. \"23 kg\"", "\"23 kg\"", Quantity::mass,
       [](Inputs<double>& in) -> double& { return in.ship.bag_kg; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_mass);
         s.in.ship.bag_kg = check(x, x > 0, v, "a mass > 0, e.g. \"23 kg\"");
       }},
      {"ship.trip_cost", "money >= 0, e.g. \"900 USD\"", "\"0 USD\"", Quantity::money,
       [](Inputs<double>& in) -> double& { return in.ship.trip_cost_usd; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_money);
         s.in.ship.trip_cost_usd = check(x, x >= 0, v, "money >= 0, e.g. \"900 USD\"");
       }},
      {"ship.per_diem", "money >= 0, e.g. \"150 USD\"", "\"0 USD\"", Quantity::money,
       [](Inputs<double>& in) -> double& { return in.ship.per_diem_usd; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_money);
         s.in.ship.per_diem_usd = check(x, x >= 0, v, "money >= 0, e.g. \"150 USD\"");
       }},
      {"ship.shipping_cost", "money >= 0, e.g. \"300 USD\"", "\"0 USD\"", Quantity::money,
       [](Inputs<double>& in) -> double& { return in.ship.shipping_cost_usd; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_money);
         s.in.ship.shipping_cost_usd = check(x, x >= 0, v, "money >= 0, e.g. \"300 USD\"");
       }},
      {"ship.drive_loss", "a probability in [0, 1]", "0.0", Quantity::fraction,
       [](Inputs<double>& in) -> double& { return in.ship.drive_loss; },
       [](S& s, const V& v) {
         s.in.ship.drive_loss =
             fraction(v, false, false, "a probability in [0, 1], e.g. 0.002 or \"0.2%\"");
       }},

      // [compute]
      {"compute.gpu", "a GPU preset (haul catalog)", "\"h100-sxm\"", Quantity::text, nullptr,
       [](S& s, const V& v) { s.gpu = text(v, "a GPU preset name, e.g. \"h100-sxm\""); }},
      {"compute.peak", "a compute rate > 0, e.g. \"989 TFLOPS\"", "from the preset",
       Quantity::flop_rate, [](Inputs<double>& in) -> double& { return in.compute.peak_flops; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_flop_rate);
         s.in.compute.peak_flops = check(x, x > 0, v, "a compute rate > 0, e.g. \"989 TFLOPS\"");
       }},
      {"compute.gpus", "an integer >= 1", "8", Quantity::count,
       [](Inputs<double>& in) -> double& { return in.compute.gpus; },
       [](S& s, const V& v) { s.in.compute.gpus = whole(v, 1, "an integer >= 1"); }},
      {"compute.price", "a price per GPU-hour >= 0, e.g. \"2 USD/h\"", "\"2 USD/h\"",
       Quantity::price_per_second,
       [](Inputs<double>& in) -> double& { return in.compute.price_usd_per_gpu_s; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_price_per_second);
         s.in.compute.price_usd_per_gpu_s = check(x, x >= 0, v, "a price >= 0, e.g. \"2 USD/h\"");
       }},
      {"compute.mfu", "a fraction in (0, 1]", "0.4", Quantity::fraction,
       [](Inputs<double>& in) -> double& { return in.compute.mfu; },
       [](S& s, const V& v) {
         s.in.compute.mfu = fraction(v, true, false, "a fraction in (0, 1], e.g. 0.4");
       }},
      {"compute.goodput", "a fraction in (0, 1]", "0.9", Quantity::fraction,
       [](Inputs<double>& in) -> double& { return in.compute.goodput; },
       [](S& s, const V& v) {
         s.in.compute.goodput = fraction(v, true, false, "a fraction in (0, 1], e.g. 0.9");
       }},
      {"compute.gpu_hours", "a number of GPU-hours > 0", "none", Quantity::number,
       [](Inputs<double>& in) -> double& { return in.compute.gpu_hours; },
       [](S& s, const V& v) {
         s.in.compute.gpu_hours = amount(v, "a number of GPU-hours > 0, e.g. 1.2e6");
       }},
      {"compute.flops", "a FLOP count > 0, e.g. \"3.8e25 FLOP\"", "none", Quantity::flop,
       [](Inputs<double>& in) -> double& { return in.compute.flops; },
       [](S& s, const V& v) {
         const double x =
             v.kind == V::Kind::string ? units::parse_flop(v.text) : number(v, "a FLOP count > 0");
         s.in.compute.flops = check(x, x > 0, v, "a FLOP count > 0, e.g. \"3.8e25 FLOP\"");
       }},
      {"compute.params", "a parameter count > 0, e.g. 7e9 or \"7B\"", "none", Quantity::number,
       [](Inputs<double>& in) -> double& { return in.compute.params; },
       [](S& s, const V& v) {
         s.in.compute.params = amount(v, "a parameter count > 0, e.g. 7e9 or \"7B\"");
       }},
      {"compute.tokens", "a token count > 0, e.g. 2e12 or \"2T\"", "none", Quantity::number,
       [](Inputs<double>& in) -> double& { return in.compute.tokens; },
       [](S& s, const V& v) {
         s.in.compute.tokens = amount(v, "a token count > 0, e.g. 2e12 or \"2T\"");
       }},
      {"compute.total_params", "a parameter count >= params", "params", Quantity::number,
       [](Inputs<double>& in) -> double& { return in.compute.total_params; },
       [](S& s, const V& v) {
         s.in.compute.total_params = amount(v, "a parameter count > 0, e.g. 7e9 or \"7B\"");
       }},
      {"compute.weight_bytes", "bytes per parameter > 0, e.g. 2", "2", Quantity::number,
       [](Inputs<double>& in) -> double& { return in.compute.weight_bytes; },
       [](S& s, const V& v) {
         const double x = number(v, "bytes per parameter > 0, e.g. 2 (bf16)");
         s.in.compute.weight_bytes = check(x, x > 0, v, "bytes per parameter > 0, e.g. 2 (bf16)");
       }},
      {"compute.weights", "network | carry | none", "\"network\"", Quantity::text,
       [](Inputs<double>& in) -> double& { return in.compute.weights; },
       [](S& s, const V& v) { s.in.compute.weights = choice(v, words(kWeightsNames)); }},
      {"compute.billing", "on-arrival | at-start", "\"on-arrival\"", Quantity::text,
       [](Inputs<double>& in) -> double& { return in.compute.billing; },
       [](S& s, const V& v) { s.in.compute.billing = choice(v, words(kBillingNames)); }},
  };
  return table;
}

const Field* find_field(const std::string& key) {
  for (const auto& f : fields())
    if (f.key == key) return &f;
  return nullptr;
}

}  // namespace

const std::vector<KeyInfo>& scenario_keys() {
  static const std::vector<KeyInfo> keys = [] {
    std::vector<KeyInfo> out;
    for (const auto& f : fields()) {
      int slot = -1;
      if (f.slot) {
        Inputs<double> probe;
        const double* target = &f.slot(probe);
        for_each_field(probe, [&](std::size_t i, const double& x) {
          if (&x == target) slot = static_cast<int>(i);
        });
      }
      out.push_back({f.key, f.form, f.default_value, f.quantity, slot});
    }
    return out;
  }();
  return keys;
}

const KeyInfo* find_key(const std::string& key) {
  for (const auto& k : scenario_keys())
    if (k.key == key) return &k;
  return nullptr;
}

std::vector<std::string> key_names() {
  std::vector<std::string> names;
  for (const auto& k : scenario_keys()) names.push_back(k.key);
  return names;
}

const char* base_unit(Quantity q) {
  switch (q) {
    case Quantity::size:
      return "B";
    case Quantity::rate:
      return "bps";
    case Quantity::throughput:
      return "B/s";
    case Quantity::duration:
      return "s";
    case Quantity::money:
      return "USD";
    case Quantity::price_per_byte:
      return "USD/B";
    case Quantity::price_per_second:
      return "USD/s";
    case Quantity::flop:
      return "FLOP";
    case Quantity::flop_rate:
      return "FLOP/s";
    case Quantity::mass:
      return "kg";
    default:
      return "";
  }
}

const char* column_suffix(Quantity q) {
  switch (q) {
    case Quantity::size:
      return "_bytes";
    case Quantity::rate:
      return "_bps";
    case Quantity::throughput:
      return "_Bps";
    case Quantity::duration:
      return "_s";
    case Quantity::money:
      return "_usd";
    case Quantity::price_per_byte:
      return "_usd_per_byte";
    case Quantity::price_per_second:
      return "_usd_per_s";
    case Quantity::flop_rate:
      return "_flops";
    case Quantity::mass:
      return "_kg";
    default:
      return "";
  }
}
void set_key(Scenario& scenario, const std::string& key, const Value& value) {
  const Field* f = find_field(key);
  if (!f) throw InputError("unknown key");
  f->set(scenario, value);
}

}  // namespace haul
