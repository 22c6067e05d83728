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
#include "input/keys_detail.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "input/scenario.hpp"
#include "input/units.hpp"

namespace haul {

namespace {

using namespace keys_detail;

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

const std::vector<Field>& fields() {
  static const std::vector<Field> table = [] {
    std::vector<Field> t = {
        {"name",
         "free text",
         "none",
         Quantity::text,
         {},
         nullptr,
         [](S& s, const V& v) { s.name = text(v, "a string"); }},

        // [data]
        {"data.size", "a size > 0, e.g. \"80 TB\"", "\"80 TB\"", Quantity::size, above(0),
         [](Inputs<double>& in) -> double& { return in.data.size_bytes; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_size);
           s.in.data.size_bytes = check(x, x > 0, v, "a size > 0, e.g. \"80 TB\"");
         }},
        {"data.files", "an integer >= 1", "1", Quantity::count, whole_from(1),
         [](Inputs<double>& in) -> double& { return in.data.files; },
         [](S& s, const V& v) { s.in.data.files = whole(v, 1, "an integer >= 1"); }},
        {"data.compression", "a ratio >= 1 (original / compressed)", "1.0", Quantity::number,
         at_least(1), [](Inputs<double>& in) -> double& { return in.data.compression; },
         [](S& s, const V& v) {
           const double x = number(v, "a ratio >= 1");
           s.in.data.compression = check(x, x >= 1, v, "a ratio >= 1 (original / compressed)");
         }},

        // [network]
        {"network.bandwidth", "a rate > 0, e.g. \"1 Gbps\"", "\"1 Gbps\"", Quantity::rate, above(0),
         [](Inputs<double>& in) -> double& { return in.network.bandwidth_bps; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_rate_bps);
           s.in.network.bandwidth_bps = check(x, x > 0, v, "a rate > 0, e.g. \"1 Gbps\"");
         }},
        {"network.utilization", "a fraction in (0, 1]", "1.0", Quantity::fraction,
         between(0, 1, true, false),
         [](Inputs<double>& in) -> double& { return in.network.utilization; },
         [](S& s, const V& v) {
           s.in.network.utilization =
               fraction(v, true, false, "a fraction in (0, 1], e.g. 0.8 or \"80%\"");
         }},
        {"network.efficiency", "\"auto\" or a fraction in (0, 1]", "\"auto\"", Quantity::fraction,
         between(0, 1, true, false),
         [](Inputs<double>& in) -> double& { return in.network.efficiency; },
         [](S& s, const V& v) {
           s.in.network.efficiency =
               is_auto(v) ? 0.0 : fraction(v, true, false, "\"auto\" or a fraction in (0, 1]");
         }},
        {"network.mtu", "a size from 576 B to 64 KiB, e.g. \"1500 B\"", "\"1500 B\"",
         Quantity::size, whole_from(576, 65536),
         [](Inputs<double>& in) -> double& { return in.network.mtu_bytes; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_size);
           s.in.network.mtu_bytes =
               check(x, x >= 576 && x <= 65536 && x == std::floor(x), v,
                     "a whole number of bytes from 576 B to 64 KiB, e.g. \"1500 B\"");
         }},
        {"network.rtt", "a duration >= 0, e.g. \"100 ms\"", "\"100 ms\"", Quantity::duration,
         at_least(0), [](Inputs<double>& in) -> double& { return in.network.rtt_s; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_duration);
           s.in.network.rtt_s = check(x, x >= 0, v, "a duration >= 0, e.g. \"100 ms\"");
         }},
        {"network.loss", "a probability in [0, 1), e.g. 0.001 or \"0.1%\"", "0.0",
         Quantity::fraction, between(0, 1, false, true),
         [](Inputs<double>& in) -> double& { return in.network.loss; },
         [](S& s, const V& v) {
           s.in.network.loss =
               fraction(v, false, true, "a probability in [0, 1), e.g. 0.001 or \"0.1%\"");
         }},
        {"network.streams", "an integer >= 1", "1", Quantity::count, whole_from(1),
         [](Inputs<double>& in) -> double& { return in.network.streams; },
         [](S& s, const V& v) { s.in.network.streams = whole(v, 1, "an integer >= 1"); }},
        {"network.window", "a size > 0, e.g. \"4 MiB\"", "\"4 MiB\"", Quantity::size, above(0),
         [](Inputs<double>& in) -> double& { return in.network.window_bytes; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_size);
           s.in.network.window_bytes = check(x, x > 0, v, "a size > 0, e.g. \"4 MiB\"");
         }},
        {"network.congestion",
         "reno | cubic | bbr",
         "\"cubic\"",
         Quantity::text,
         {},
         [](Inputs<double>& in) -> double& { return in.network.congestion; },
         [](S& s, const V& v) { s.in.network.congestion = choice(v, words(kCongestionNames)); }},
        {"network.per_file_rtts", "a number >= 0", "0.0", Quantity::number, at_least(0),
         [](Inputs<double>& in) -> double& { return in.network.per_file_rtts; },
         [](S& s, const V& v) {
           const double x = number(v, "a number of round trips >= 0");
           s.in.network.per_file_rtts = check(x, x >= 0, v, "a number of round trips >= 0");
         }},
        {"network.egress_price", "a price per data >= 0, e.g. \"0.09 USD/GB\"", "\"0 USD/GB\"",
         Quantity::price_per_byte, at_least(0),
         [](Inputs<double>& in) -> double& { return in.network.egress_usd_per_byte; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_price_per_byte);
           s.in.network.egress_usd_per_byte =
               check(x, x >= 0, v, "a price >= 0, e.g. \"0.09 USD/GB\"");
         }},
        {"network.fixed_cost", "money >= 0, e.g. \"500 USD\"", "\"0 USD\"", Quantity::money,
         at_least(0), [](Inputs<double>& in) -> double& { return in.network.fixed_usd; },
         [](S& s, const V& v) {
           if (is_price_per_time(v))
             throw InputError(v.shown() +
                              " is a price per time; fixed_cost is paid once for the job (e.g. "
                              "\"500 USD\"). A line rented by the month is network.lease (e.g. "
                              "network.lease = \"15000 USD/month\")");
           const double x = with_unit(v, units::parse_money);
           s.in.network.fixed_usd = check(x, x >= 0, v, "money >= 0, e.g. \"500 USD\"");
         }},

        {"network.lease", "a price per month >= 0, e.g. \"15000 USD/month\"", "\"0 USD/month\"",
         Quantity::price_per_second, at_least(0),
         [](Inputs<double>& in) -> double& { return in.network.lease_usd_per_s; },
         [](S& s, const V& v) {
           // Paid per started 30 days of the data's journey (MODEL.md section 4, v2).
           const double x = with_unit(v, units::parse_price_per_second);
           s.in.network.lease_usd_per_s =
               check(x, x >= 0, v, "a price per month >= 0, e.g. \"15000 USD/month\"");
         }},
        {"network.measured_rate", "\"none\" or a rate > 0, e.g. \"740 Mbps\"", "\"none\"",
         Quantity::rate, above(0),
         [](Inputs<double>& in) -> double& { return in.network.measured_rate_bps; },
         [](S& s, const V& v) {
           const std::string expected =
               "\"none\" or a rate > 0 (haul calibrate), e.g. \"740 Mbps\"";
           if (is_word(v, "none")) {
             s.in.network.measured_rate_bps = 0.0;
             return;
           }
           const double x = with_unit(v, units::parse_rate_bps);
           s.in.network.measured_rate_bps = check(x, x > 0, v, expected);
         }},

        // [ship]
        {"ship.drive",
         "a drive preset (haul catalog)",
         "\"hdd-24tb\"",
         Quantity::text,
         {},
         nullptr,
         [](S& s, const V& v) { s.drive = text(v, "a drive preset name, e.g. \"hdd-24tb\""); }},
        {"ship.capacity", "a size > 0, e.g. \"24 TB\"", "from the preset", Quantity::size, above(0),
         [](Inputs<double>& in) -> double& { return in.ship.capacity_bytes; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_size);
           s.in.ship.capacity_bytes = check(x, x > 0, v, "a size > 0, e.g. \"24 TB\"");
         }},
        {"ship.write_rate", "a rate > 0, e.g. \"270 MB/s\"", "from the preset",
         Quantity::throughput, above(0),
         [](Inputs<double>& in) -> double& { return in.ship.write_Bps; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_rate_Bps);
           s.in.ship.write_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"270 MB/s\"");
         }},
        {"ship.read_rate", "a rate > 0, e.g. \"270 MB/s\"", "from the preset", Quantity::throughput,
         above(0), [](Inputs<double>& in) -> double& { return in.ship.read_Bps; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_rate_Bps);
           s.in.ship.read_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"270 MB/s\"");
         }},
        {"ship.price", "money >= 0 per drive, e.g. \"450 USD\"", "from the preset", Quantity::money,
         at_least(0), [](Inputs<double>& in) -> double& { return in.ship.price_usd; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_money);
           s.in.ship.price_usd = check(x, x >= 0, v, "money >= 0, e.g. \"450 USD\"");
         }},
        {"ship.weight", "a mass > 0 per drive, e.g. \"0.7 kg\"", "from the preset", Quantity::mass,
         above(0), [](Inputs<double>& in) -> double& { return in.ship.weight_kg; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_mass);
           s.in.ship.weight_kg = check(x, x > 0, v, "a mass > 0, e.g. \"0.7 kg\"");
         }},
        {"ship.drives", "\"auto\" or an integer >= 1", "\"auto\"", Quantity::count, whole_from(1),
         [](Inputs<double>& in) -> double& { return in.ship.drives; },
         [](S& s, const V& v) {
           s.in.ship.drives = is_auto(v) ? 0.0 : whole(v, 1, "\"auto\" or an integer >= 1");
         }},
        {"ship.redundancy",
         "\"none\" | \"Nx\" | \"k+m\"",
         "\"none\"",
         Quantity::text,
         {},
         nullptr,
         [](S& s, const V& v) { set_redundancy(s.in.ship, v); }},
        {"ship.verify",
         "true | false",
         "true",
         Quantity::text,
         {},
         [](Inputs<double>& in) -> double& { return in.ship.verify; },
         [](S& s, const V& v) { s.in.ship.verify = boolean(v) ? 1.0 : 0.0; }},
        {"ship.copy_slots", "an integer >= 1", "8", Quantity::count, whole_from(1),
         [](Inputs<double>& in) -> double& { return in.ship.copy_slots; },
         [](S& s, const V& v) { s.in.ship.copy_slots = whole(v, 1, "an integer >= 1"); }},
        {"ship.copy_limit", "a rate > 0, e.g. \"4 GB/s\"", "\"4 GB/s\"", Quantity::throughput,
         above(0), [](Inputs<double>& in) -> double& { return in.ship.copy_limit_Bps; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_rate_Bps);
           s.in.ship.copy_limit_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"4 GB/s\"");
         }},
        {"ship.ingest_slots", "an integer >= 1", "8", Quantity::count, whole_from(1),
         [](Inputs<double>& in) -> double& { return in.ship.ingest_slots; },
         [](S& s, const V& v) { s.in.ship.ingest_slots = whole(v, 1, "an integer >= 1"); }},
        {"ship.ingest_limit", "a rate > 0, e.g. \"4 GB/s\"", "\"4 GB/s\"", Quantity::throughput,
         above(0), [](Inputs<double>& in) -> double& { return in.ship.ingest_limit_Bps; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_rate_Bps);
           s.in.ship.ingest_limit_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"4 GB/s\"");
         }},
        {"ship.transit", "a duration >= 0, e.g. \"24 h\"", "\"24 h\"", Quantity::duration,
         at_least(0), [](Inputs<double>& in) -> double& { return in.ship.transit_s; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_duration);
           s.in.ship.transit_s = check(x, x >= 0, v, "a duration >= 0, e.g. \"24 h\"");
         }},
        {"ship.couriers", "an integer >= 0 (0 = freight)", "1", Quantity::count, whole_from(0),
         [](Inputs<double>& in) -> double& { return in.ship.couriers; },
         [](S& s, const V& v) {
           s.in.ship.couriers = whole(v, 0, "an integer >= 0 (0 = freight)");
         }},
        {"ship.per_courier", "\"auto\" or an integer >= 1", "\"auto\"", Quantity::count,
         whole_from(1), [](Inputs<double>& in) -> double& { return in.ship.per_courier; },
         [](S& s, const V& v) {
           s.in.ship.per_courier = is_auto(v) ? 0.0 : whole(v, 1, "\"auto\" or an integer >= 1");
         }},
        {"ship.bag", "a mass > 0, e.g. \"23 kg\"", "\"23 kg\"", Quantity::mass, above(0),
         [](Inputs<double>& in) -> double& { return in.ship.bag_kg; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_mass);
           s.in.ship.bag_kg = check(x, x > 0, v, "a mass > 0, e.g. \"23 kg\"");
         }},
        {"ship.trip_cost", "money >= 0, e.g. \"900 USD\"", "\"0 USD\"", Quantity::money,
         at_least(0), [](Inputs<double>& in) -> double& { return in.ship.trip_cost_usd; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_money);
           s.in.ship.trip_cost_usd = check(x, x >= 0, v, "money >= 0, e.g. \"900 USD\"");
         }},
        {"ship.per_diem", "money >= 0, e.g. \"150 USD\"", "\"0 USD\"", Quantity::money, at_least(0),
         [](Inputs<double>& in) -> double& { return in.ship.per_diem_usd; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_money);
           s.in.ship.per_diem_usd = check(x, x >= 0, v, "money >= 0, e.g. \"150 USD\"");
         }},
        {"ship.shipping_cost", "money >= 0, e.g. \"300 USD\"", "\"0 USD\"", Quantity::money,
         at_least(0), [](Inputs<double>& in) -> double& { return in.ship.shipping_cost_usd; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_money);
           s.in.ship.shipping_cost_usd = check(x, x >= 0, v, "money >= 0, e.g. \"300 USD\"");
         }},
        {"ship.drive_loss", "a probability in [0, 1]", "0.0", Quantity::fraction,
         between(0, 1, false, false),
         [](Inputs<double>& in) -> double& { return in.ship.drive_loss; },
         [](S& s, const V& v) {
           s.in.ship.drive_loss =
               fraction(v, false, false, "a probability in [0, 1], e.g. 0.002 or \"0.2%\"");
         }},
        {"ship.hold_probability", "a probability in [0, 1]", "0.0", Quantity::fraction,
         between(0, 1, false, false),
         [](Inputs<double>& in) -> double& { return in.ship.hold_probability; },
         [](S& s, const V& v) {
           s.in.ship.hold_probability =
               fraction(v, false, false, "a probability in [0, 1], e.g. 0.05 or \"5%\"");
         }},
        {"ship.hold", "a duration >= 0, e.g. \"48 h\"", "\"0 s\"", Quantity::duration, at_least(0),
         [](Inputs<double>& in) -> double& { return in.ship.hold_s; },
         [](S& s, const V& v) {
           const double x = with_unit(v, units::parse_duration);
           s.in.ship.hold_s = check(x, x >= 0, v, "a duration >= 0, e.g. \"48 h\"");
         }},
        {"ship.on_loss",
         "network | retrip | fail",
         "\"network\"",
         Quantity::text,
         {},
         [](Inputs<double>& in) -> double& { return in.ship.on_loss; },
         [](S& s, const V& v) { s.in.ship.on_loss = choice(v, words(kOnLossNames)); }},

    };
    std::vector<Field> routes = route_fields();  // [appliance] before [compute], [plan] after
    const auto plan = std::find_if(routes.begin(), routes.end(),
                                   [](const Field& f) { return f.key.rfind("plan.", 0) == 0; });
    for (auto f = routes.begin(); f != plan; ++f) t.push_back(std::move(*f));
    for (Field& f : compute_fields()) t.push_back(std::move(f));
    for (auto f = plan; f != routes.end(); ++f) t.push_back(std::move(*f));
    return t;
  }();
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
      out.push_back({f.key, f.form, f.default_value, f.quantity, slot, f.valid});
    }
    return out;
  }();
  return keys;
}

const std::vector<KeyInfo>& route_keys() {
  static const std::vector<KeyInfo> keys = [] {
    std::vector<KeyInfo> out = {
        {"route.NAME.kind", "\"network\" | \"ship\" | \"appliance\" | \"hybrid\"",
         "none (required)", Quantity::text, -1},
        {"route.NAME.split", "\"auto\" or a fraction in [0, 1] (share over the network)",
         "\"auto\"", Quantity::fraction, -1},
    };
    for (const auto& k : scenario_keys()) {
      const std::string section = k.key.substr(0, k.key.find('.'));
      if (section != "network" && section != "ship" && section != "appliance") continue;
      const std::string key = "route.NAME." + k.key.substr(k.key.find('.') + 1);
      // ship.transit and appliance.transit (and the like) are one route key: the first wins.
      if (std::none_of(out.begin(), out.end(), [&](const KeyInfo& o) { return o.key == key; }))
        out.push_back({key, k.form, "from [" + section + "]", k.quantity, k.slot, k.valid});
    }
    return out;
  }();
  return keys;
}

bool takes_distribution(const KeyInfo& key) {
  return key.slot >= 0 && key.quantity != Quantity::text;
}

std::string route_key_name(const std::string& key) {
  if (key.rfind("route.", 0) != 0) return "";
  const auto dot = key.rfind('.');
  if (dot <= 6) return "";
  return key.substr(6, dot - 6);
}

std::vector<std::string> route_sections(RouteKind kind) {
  switch (kind) {
    case RouteKind::network:
      return {"network"};
    case RouteKind::ship:
      return {"ship"};
    case RouteKind::appliance:
      return {"appliance"};
    default:
      return {"network", "ship"};
  }
}

std::string route_base_key(RouteKind kind, const std::string& field) {
  for (const std::string& section : route_sections(kind))
    if (find_key(section + "." + field)) return section + "." + field;
  return "";
}

std::string a_kind(const std::string& kinds) {
  return (kinds.front() == 'a' ? "an " : "a ") + kinds;
}

std::string a_kind(RouteKind kind) {
  return a_kind(std::string(kRouteKindNames[static_cast<int>(kind)]));
}

const KeyInfo* find_key(const std::string& key) {
  if (!route_key_name(key).empty()) {
    const std::string generic = "route.NAME" + key.substr(key.rfind('.'));
    for (const auto& k : route_keys())
      if (k.key == generic) return &k;
    return nullptr;
  }
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
    case Quantity::per_gpu_day:
      return "_per_gpu_day";
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
