#include "input/scenario.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include "input/checks.hpp"
#include "input/error.hpp"
#include "input/fields.hpp"
#include "input/toml_util.hpp"
#include "input/units.hpp"

namespace haul {

std::string Value::shown() const {
  switch (kind) {
    case Kind::boolean:
      return boolean ? "true" : "false";
    case Kind::string:
      return "\"" + text + "\"";
    default: {
      char buffer[64];
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
      return std::string(buffer, end);
    }
  }
}

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
  return v.text;
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
  if (t == "none") {
    ship.redundancy = static_cast<int>(Redundancy::none);
  } else if (!t.empty() && (t.back() == 'x' || t.back() == 'X')) {
    ship.redundancy = static_cast<int>(Redundancy::copies);
    ship.copies = read_int(std::string_view(t).substr(0, t.size() - 1), 1);
  } else if (const auto plus = t.find('+'); plus != std::string::npos) {
    ship.redundancy = static_cast<int>(Redundancy::erasure);
    ship.erasure_k = read_int(std::string_view(t).substr(0, plus), 1);
    ship.erasure_m = read_int(std::string_view(t).substr(plus + 1), 0);
  } else {
    throw InputError(v.shown() + " is not a redundancy (expected " + expected + ")");
  }
}

// ---- the table of every scenario key -----------------------------------------------------------

using S = Scenario;
using V = Value;

const std::vector<Field>& fields() {
  static const std::vector<Field> table = {
      {"name", "free text", "\"haul\"", Quantity::text, nullptr,
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
       [](S& s, const V& v) {
         s.in.network.congestion = choice(v, {"reno", "cubic", "bbr"});
       }},
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
       [](S& s, const V& v) {
         s.in.compute.weights = choice(v, {"network", "carry", "none"});
       }},
      {"compute.billing", "on-arrival | at-start", "\"on-arrival\"", Quantity::text,
       [](Inputs<double>& in) -> double& { return in.compute.billing; },
       [](S& s, const V& v) {
         s.in.compute.billing = choice(v, {"on-arrival", "at-start"});
       }},
  };
  return table;
}

const Field* find_field(const std::string& key) {
  for (const auto& f : fields())
    if (f.key == key) return &f;
  return nullptr;
}

[[noreturn]] void unknown_key(const std::string& where, const std::string& key) {
  std::vector<std::string> keys;
  for (const auto& f : fields()) keys.push_back(f.key);
  const std::string guess = closest(key, keys);
  throw at(where, key,
           "unknown key" + (guess.empty() ? std::string(" (see haul --help for the keys)")
                                          : " (did you mean " + guess + "?)"));
}

Value value_of(const toml::node& node, const std::string& where, const std::string& key) {
  try {
    return value_of_node(node);
  } catch (const InputError&) {
    const Field* field = find_field(key);
    throw at(where, key,
             "expected a single value (" + (field ? field->form : std::string("a value")) +
                 "), not a " +
                 (node.is_table()   ? "table"
                  : node.is_array() ? "list"
                                    : "date or time"));
  }
}

}  // namespace

Value value_of_node(const toml::node& node) {
  Value v;
  if (const auto* i = node.as_integer()) {
    v.kind = Value::Kind::integer;
    v.number = static_cast<double>(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    v.kind = Value::Kind::floating;
    v.number = f->get();
  } else if (const auto* b = node.as_boolean()) {
    v.kind = Value::Kind::boolean;
    v.boolean = b->get();
  } else if (const auto* s = node.as_string()) {
    v.kind = Value::Kind::string;
    v.text = s->get();
  } else {
    throw InputError("expected a number, a boolean or a string");
  }
  return v;
}

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

std::vector<Assignment> read_scenario_text(std::string_view text, const std::string& source,
                                           const std::vector<std::string>& extra_tables) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(where_of(source, e.source()) + ": " + std::string(e.description()));
  }
  std::vector<Assignment> out;
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    const std::string where = where_of(source, node.source());
    if (std::find(extra_tables.begin(), extra_tables.end(), name) != extra_tables.end()) continue;
    if (const toml::table* section = node.as_table()) {
      if (name != "data" && name != "network" && name != "ship" && name != "compute") {
        std::vector<std::string> sections = {"data", "network", "ship", "compute"};
        sections.insert(sections.end(), extra_tables.begin(), extra_tables.end());
        const std::string guess = closest(name, sections);
        throw at(
            where, "[" + name + "]",
            "unknown section" + (guess.empty() ? "; sections: [data] [network] [ship] [compute]"
                                               : " (did you mean [" + guess + "]?)"));
      }
      for (const auto& [inner, value] : *section) {
        const std::string path = name + "." + std::string(inner.str());
        const std::string inner_where = where_of(source, value.source());
        if (!find_field(path)) unknown_key(inner_where, path);
        out.push_back({path, value_of(value, inner_where, path), inner_where});
      }
    } else {
      if (!find_field(name)) unknown_key(where, name);
      out.push_back({name, value_of(node, where, name), where});
    }
  }
  // toml++ keeps keys sorted; report them in file order so the first error is the first in the
  // file.
  std::stable_sort(out.begin(), out.end(), [](const Assignment& a, const Assignment& b) {
    auto line_col = [](const std::string& w) {
      const auto last = w.rfind(':'), mid = w.rfind(':', last - 1);
      return std::pair{std::stol(w.substr(mid + 1, last - mid - 1)), std::stol(w.substr(last + 1))};
    };
    return line_col(a.where) < line_col(b.where);
  });
  return out;
}

std::string read_input_file(const std::string& path, const std::string& what) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw InputError(path + ": cannot read the " + what + " (" + std::strerror(errno) + ")");
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

std::vector<Assignment> read_scenario_file(const std::string& path,
                                           const std::vector<std::string>& extra_tables) {
  return read_scenario_text(read_input_file(path, "scenario file"), path, extra_tables);
}

Value parse_value_text(const std::string& text) {
  try {
    const toml::table t = toml::parse("v = " + text);
    if (const toml::node* node = t.get("v"); node && t.size() == 1 && !node->is_table() &&
                                             !node->is_array() && !node->is_date() &&
                                             !node->is_time() && !node->is_date_time()) {
      return value_of(*node, "", "");
    }
  } catch (const toml::parse_error&) {
    // not a TOML value: a plain string
  }
  Value v;
  v.kind = Value::Kind::string;
  v.text = text;
  return v;
}

Assignment parse_set(const std::string& arg, const std::string& where) {
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(where + ": \"" + arg +
                     "\" is not an assignment (write section.key=value, e.g. network.rtt=100ms)");
  std::string key = arg.substr(0, eq);
  while (!key.empty() && key.back() == ' ') key.pop_back();
  if (!find_field(key)) unknown_key(where, key);
  std::string value = arg.substr(eq + 1);
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  return {key, parse_value_text(value), where};
}

Scenario build_scenario(const std::vector<Assignment>& assignments, const Catalog& catalog) {
  Scenario s;
  auto apply = [&](const Assignment& a) {
    const Field* f = find_field(a.key);
    if (!f) unknown_key(a.where, a.key);
    try {
      f->set(s, a.value);
    } catch (const InputError& e) {
      throw at(a.where, a.key, e.what());
    }
    s.where[a.key] = a.where;
  };
  // Presets first, so that explicit keys override their fields wherever they stand.
  for (const auto& a : assignments)
    if (a.key == "ship.drive" || a.key == "compute.gpu") apply(a);
  try {
    const DrivePreset& d = catalog.drive(s.drive);
    s.in.ship.capacity_bytes = d.capacity_bytes;
    s.in.ship.write_Bps = d.write_Bps;
    s.in.ship.read_Bps = d.read_Bps;
    s.in.ship.price_usd = d.price_usd;
    s.in.ship.weight_kg = d.weight_kg;
  } catch (const InputError& e) {
    throw at(s.where.count("ship.drive") ? s.where["ship.drive"] : "", "ship.drive", e.what());
  }
  try {
    s.in.compute.peak_flops = catalog.gpu(s.gpu).peak_flops;
  } catch (const InputError& e) {
    throw at(s.where.count("compute.gpu") ? s.where["compute.gpu"] : "", "compute.gpu", e.what());
  }
  for (const auto& a : assignments)
    if (a.key != "ship.drive" && a.key != "compute.gpu") apply(a);

  // ---- cross-field checks, each naming the key the user can change ----
  auto fail = [&](const std::string& key, const std::string& what) -> InputError {
    const auto it = s.where.find(key);
    return at(it == s.where.end() ? "" : it->second, key, what);
  };
  auto& c = s.in.compute;
  const bool has_params = s.where.count("compute.params"),
             has_tokens = s.where.count("compute.tokens");
  if (s.where.count("compute.gpu_hours")) {
    c.job = static_cast<int>(Job::gpu_hours);
  } else if (s.where.count("compute.flops")) {
    c.job = static_cast<int>(Job::flops);
  } else if (has_params && has_tokens) {
    c.job = static_cast<int>(Job::params_tokens);
  } else if (has_params != has_tokens) {
    throw fail(has_params ? "compute.params" : "compute.tokens",
               std::string("given without compute.") + (has_params ? "tokens" : "params") +
                   " (flops = 6 * params * tokens needs both; or give compute.flops or "
                   "compute.gpu_hours)");
  }

  const CrossChecks<double> checks = cross_checks(s.in);
  const auto& net = s.in.network;
  if (checks.window_below_mss > 0)
    throw fail("network.window", units::format_size(net.window_bytes, units::ByteStyle::iec) +
                                     " is smaller than one segment (mss = mtu - 40 = " +
                                     units::format_number(net.mtu_bytes - 40) + " B)");
  const auto& ship = s.in.ship;
  const std::string drives = units::format_number(ship.drives, 12);
  const std::string sets =
      units::format_number(ship.erasure_k, 12) + "+" + units::format_number(ship.erasure_m, 12);
  const bool erasure = ship.redundancy == static_cast<int>(Redundancy::erasure);
  const bool copies = ship.redundancy == static_cast<int>(Redundancy::copies);
  if (checks.too_few_drives > 0) {
    const double bytes = s.in.data.size_bytes / s.in.data.compression;
    const std::string layout = erasure  ? sets + " erasure sets"
                               : copies ? units::format_number(ship.copies, 12) + " copies"
                                        : "no redundancy";
    throw fail("ship.drives", drives + " drives of " + units::format_size(ship.capacity_bytes) +
                                  " cannot hold " + units::format_size(bytes) + " with " + layout +
                                  " (needs " +
                                  units::format_number(drives_needed(bytes, ship), 12) + ")");
  }
  if (checks.drives_not_whole > 0) {
    const std::string g = units::format_number(drive_group(ship), 12);
    throw fail("ship.drives", erasure ? drives + " drives do not make whole " + sets +
                                            " sets (use a multiple of " + g + " or \"auto\")"
                                      : drives + " drives do not split evenly into " + g +
                                            " copies (use a multiple of " + g + " or \"auto\")");
  }
  if (checks.bag_too_small > 0)
    throw fail("ship.bag", units::format_mass(ship.bag_kg) + " cannot hold one drive of " +
                               units::format_mass(ship.weight_kg) +
                               " (raise ship.bag or set ship.per_courier)");
  if (checks.total_below_params > 0)
    throw fail("compute.total_params",
               units::format_number(c.total_params) + " is less than compute.params (" +
                   units::format_number(c.params) + "); total parameters include the active ones");
  return s;
}

}  // namespace haul
