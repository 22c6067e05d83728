#include "output/views.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>

#include "input/effective.hpp"
#include "input/error.hpp"
#include "input/examples.hpp"
#include "input/quote.hpp"
#include "output/views_detail.hpp"

namespace haul {

namespace views_detail {

std::string count(double n) {
  return units::format_count(n);  // one thousands style everywhere: 80,000
}

std::string bytes_note(ByteStyle style) {
  return style == ByteStyle::si
             ? "Sizes in SI units (1 TB = 10^12 bytes; --iec for TiB); rates in bits per second."
             : "Sizes in IEC units (1 TiB = 2^40 bytes); rates in bits per second.";
}

std::string redundancy_text(const ShipParams<double>& s) {
  switch (static_cast<int>(s.redundancy)) {
    case static_cast<int>(Redundancy::copies):
      return count(s.copies) + " copies";
    case static_cast<int>(Redundancy::erasure):
      return "erasure " + count(s.erasure_k) + "+" + count(s.erasure_m);
    default:
      return "no redundancy";
  }
}

// ---- subtitles: what was assumed, in one line per model ----

std::string data_line(const Scenario& s, ByteStyle b) {
  const auto& d = s.in.data;
  std::string line = "data: " + units::format_size(d.size_bytes, b) + " in " + count(d.files) +
                     (d.files == 1 ? " file" : " files");
  if (d.compression > 1)
    line += ", compressed " + units::format_number(d.compression) + "x to " +
            units::format_size(d.size_bytes / d.compression, b);
  return line;
}

std::string network_line(const NetworkParams<double>& n, const std::string& label) {
  std::string line = label + ": " + units::format_rate(n.bandwidth_bps);
  if (n.utilization < 1) line += " x " + units::format_fraction(n.utilization);
  line += ", rtt " + units::format_duration(n.rtt_s) + ", loss " + units::format_fraction(n.loss) +
          ", " + count(n.streams) + (n.streams == 1 ? " stream" : " streams") + " of " +
          congestion_name(n.congestion) + ", window " +
          units::format_size(n.window_bytes, ByteStyle::iec);
  if (n.measured_rate_bps > 0) line += ", measured " + units::format_rate(n.measured_rate_bps);
  if (n.lease_usd_per_s > 0)
    line += ", leased at " + units::format_money(n.lease_usd_per_s * kLeaseMonthSeconds) + "/month";
  return line;
}

std::string streams_note(const NetworkParams<double>& net, const NetworkResult<double>& r,
                         const std::string& who) {
  if (r.limit != static_cast<int>(Limit::window) && r.limit != static_cast<int>(Limit::loss))
    return "";
  // The per-stream limit and the link as `haul network` shows them (before BBR's factor, which
  // scales both): N of the one reach the other.
  return "Streams: " + who + " is " + limit_name(r.limit) + "-bound at " +
         units::format_rate(8 * r.rate_Bps) + " (" +
         units::format_rate(8 * std::min(r.window_Bps, r.loss_Bps)) + " a stream); " +
         count(streams_to_link(r)) + " streams (now " + count(net.streams) +
         ") would reach the link's payload rate, " + units::format_rate(8 * r.link_Bps) + ".";
}

std::string ship_line(const ShipParams<double>& p, const std::string& drive,
                      const ShipResult<double>& r, ByteStyle b, const std::string& label) {
  std::string line = label + ": " + count(r.drives) + " x " + drive + " (" +
                     units::format_size(p.capacity_bytes, b) + ", write " +
                     units::format_throughput(p.write_Bps, b) + ", read " +
                     units::format_throughput(p.read_Bps, b) + "), " + redundancy_text(p) + ", ";
  line += p.couriers > 0 ? count(p.couriers) + (p.couriers == 1 ? " courier" : " couriers") +
                               " (up to " + count(r.per_courier) + " drives each)"
                         : std::string("freight");
  return line + ", transit " + units::format_duration(p.transit_s);
}

std::string drive_label(const std::string& drive, bool custom) {
  // A preset whose figures the scenario changes is no longer that preset.
  return custom ? "custom, based on " + drive : drive;
}

// ---- records: MODEL.md section 6, names and units fixed ----

void add_network(Record& rec, const NetworkResult<double>& n, const std::string& at) {
  rec.add(at + "time_s", n.time_s);
  rec.add(at + "rate_bps", 8.0 * n.rate_Bps);
  rec.add(at + "limit", std::string(limit_name(n.limit)));
  rec.add(at + "cost_usd", n.cost_usd);
  rec.add(at + "slow_start_s", n.slow_start_s);  // part of phases.transfer_s
  // The fewest streams that reach the link (null under a measured rate, which no count changes).
  if (n.limit == static_cast<int>(Limit::measured))
    rec.add(at + "streams_to_link", Null{});
  else
    rec.add(at + "streams_to_link", streams_to_link(n));
  rec.add(at + "phases.handshake_s", n.handshake_s);
  rec.add(at + "phases.transfer_s", n.transfer_s);
  rec.add(at + "phases.per_file_s", n.per_file_s);
  rec.add(at + "costs.egress_usd", n.egress_usd);
  rec.add(at + "costs.fixed_usd", n.fixed_usd);
  rec.add(at + "costs.lease_usd", n.lease_usd);
}

void add_ship(Record& rec, const ShipResult<double>& s, const std::string& at) {
  rec.add(at + "time_s", s.time_s);
  rec.add(at + "rate_bps", s.rate_bps);
  rec.add(at + "cost_usd", s.cost_usd);
  rec.add(at + "drives", s.drives);
  rec.add(at + "trips", s.trips);
  rec.add(at + "p_data_loss", s.p_data_loss);
  rec.add(at + "phases.write_s", s.write_s);
  rec.add(at + "phases.verify_s", s.verify_s);
  rec.add(at + "phases.transit_s", s.transit_s);
  rec.add(at + "phases.ingest_s", s.ingest_s);
  rec.add(at + "costs.drives_usd", s.drives_usd);
  rec.add(at + "costs.travel_usd", s.travel_usd);
  rec.add(at + "costs.shipping_usd", s.shipping_usd);
}

void add_route(Record& rec, const std::string& prefix, const RoutePlan<double>& r) {
  rec.add(prefix + ".arrival_s", r.arrival_s);
  rec.add(prefix + ".weights_back_s", r.weights_back_s);
  rec.add(prefix + ".idle_usd", r.idle_usd);
  rec.add(prefix + ".time_to_model_s", r.time_to_model_s);
  rec.add(prefix + ".total_cost_usd", r.total_cost_usd);
}

void add_breakeven(Record& rec, const std::string& key, const Breakeven& b) {
  if (b.value) {
    rec.add("breakeven." + key, *b.value);
  } else {
    rec.add("breakeven." + key, Null{});
  }
}

// What every scenario report starts with: the base (MODEL.md section 3.0) and the name.
void begin(Report& r, const Scenario& s) {
  r.record.add("base", s.base.label());
  r.record.add("name", s.name);
  // One entry a key (the last setting wins, as it does in the scenario), grouped by section so
  // that each section is one JSON object.
  std::map<std::string, std::string> set_by;
  for (const Assignment& a : s.overrides) set_by[a.key] = a.where;
  for (const auto& [key, where] : set_by) r.record.add("overrides." + key, where);
  r.table.base = base_line(s);
  r.table.title = printable(s.name);  // one line on a terminal, whatever the name holds
}

// What every scenario report ends with in JSON and CSV: every effective input, in base units
// with the unit in the name, or its word.
void add_input(Record& rec, const std::string& path, const EffectiveValue& v) {
  switch (v.kind) {
    case EffectiveValue::Kind::number:
      rec.add(path, v.number);
      break;
    case EffectiveValue::Kind::word:
      rec.add(path, v.word);
      break;
    case EffectiveValue::Kind::boolean:
      rec.add(path, v.boolean);
      break;
    case EffectiveValue::Kind::dist:  // {"dist": "lognormal", "p50": 86400, "p90": 259200}
      rec.add(path + ".dist", v.word);
      for (const auto& [name, x] : v.params) rec.add(path + "." + name, x);
      break;
    default:
      rec.add(path, Null{});
  }
}

void add_inputs(Record& rec, const Scenario& s) {
  for (const auto& [key, v] : effective_keys(s)) {
    if (key->key == "name") continue;  // the report's own "name"
    // One name per key whatever its value: "measured_rate_bps" holds a rate or "none".
    add_input(rec, "inputs." + key->key + column_suffix(key->quantity), v);
  }
  // Each named route compared: its kind and every key of its kind's sections, as it has them.
  for (std::size_t i = 0; i < s.routes.size(); ++i) {
    const RouteParams<double>& p = s.in.routes[i];
    if (!p.own) continue;  // the network and ship routes are their sections, above
    const RouteInfo& info = s.routes[i];
    const std::string at = "inputs.route." + info.name + ".";
    rec.add(at + "kind", std::string(kRouteKindNames[static_cast<int>(p.kind)]));
    Scenario route = s;
    route.in.network = p.network;
    route.in.ship = p.ship;
    route.in.appliance = p.appliance;
    route.drive = info.drive;
    route.appliance = info.appliance;
    view_as_route(route, info.name);
    const bool network = p.kind == RouteKind::network || p.kind == RouteKind::hybrid;
    const bool ship = p.kind == RouteKind::ship || p.kind == RouteKind::hybrid;
    for (const auto& [key, v] : effective_keys(route)) {
      const std::string section = key->key.substr(0, key->key.find('.'));
      const bool mine = (section == "network" && network) || (section == "ship" && ship) ||
                        (section == "appliance" && p.kind == RouteKind::appliance);
      if (!mine || (p.kind == RouteKind::hybrid && key->key == "ship.drives")) continue;
      add_input(rec, at + key->key.substr(section.size() + 1) + column_suffix(key->quantity), v);
    }
    if (p.kind == RouteKind::hybrid) {
      if (p.split < 0) {
        rec.add(at + "split", std::string("auto"));
      } else {
        rec.add(at + "split", p.split);
      }
    }
  }
}

// A "how much sooner" phrase: "100 d sooner (6.5x)".
std::string margin_time(double winner_s, double loser_s) {
  std::string s = units::format_duration(loser_s - winner_s) + " sooner";
  if (winner_s > 0) s += " (" + units::format_number(loser_s / winner_s) + "x as fast)";
  return s;
}

std::string dash() {
  return "-";
}

// Results that are not finite (an overflow, 0/0) are never printed: they are bad input, and the
// message names the result and the inputs the user gave to the models it comes from.
void check_finite(const Record& record, const Scenario& s) {
  for (const auto& [path, value] : record.items) {
    const double* x = std::get_if<double>(&value);
    if (!x || std::isfinite(*x)) continue;
    const std::string section = path.substr(0, path.find('.'));
    std::vector<std::string> sources;
    // A route's own keys first: they are what its results came from.
    if (section == "routes") {
      const std::string rest = path.substr(path.find('.') + 1);
      const std::string name = rest.substr(0, rest.find('.'));
      for (const RouteInfo& info : s.routes)
        if (info.name == name)
          for (const Assignment& a : info.keys) sources.push_back(a.key + " (" + a.where + ")");
    }
    for (const auto& [key, where] : s.where) {
      const std::string key_section = key.substr(0, key.find('.'));
      const bool feeds = section == "plan" || section == "winner" || section == "routes" ||
                         key_section == section ||
                         (key_section == "data" && (section == "network" || section == "ship"));
      if (feeds) sources.push_back(key + " (" + where + ")");
    }
    std::string from;
    for (size_t i = 0; i < sources.size() && i < 6; ++i) from += (i ? ", " : "") + sources[i];
    if (sources.size() > 6) from += ", ...";
    throw InputError(path + " is " + (std::isnan(*x) ? "not a number" : "infinite") +
                     ": the inputs overflow the model" + (from.empty() ? "" : "; check " + from));
  }
}

}  // namespace views_detail

using namespace views_detail;

Outcome evaluate(const Scenario& scenario, bool with_breakevens, unsigned threads) {
  Outcome o{scenario,
            plan_model(scenario.in),
            network_model(scenario.in.data, scenario.in.network),
            ship_model(scenario.in.data, scenario.in.ship),
            std::nullopt,
            std::nullopt,
            std::nullopt};
  // The breakevens are the network/ship pair's (MODEL.md section 10).
  if (with_breakevens) {
    const bool pair = scenario.route_index("network") >= 0 && scenario.route_index("ship") >= 0;
    const std::string why = "the network and ship routes are not both compared ([plan] routes)";
    o.bandwidth = pair ? breakeven_bandwidth(scenario.in) : Breakeven{std::nullopt, why};
    o.size = pair ? breakeven_size(scenario.in) : Breakeven{std::nullopt, why};
    if (has_uncertainty(scenario.in, scenario.uncertainty))
      o.spread = monte_carlo(
          scenario.in, scenario.uncertainty,
          static_cast<int>(threads ? threads : std::max(1u, std::thread::hardware_concurrency())));
  }
  return o;
}

Report report_network(const Outcome& o, ByteStyle b) {
  const auto& n = o.network;
  Report r;
  begin(r, o.scenario);
  add_network(r.record, n, "network.");
  Table& t = r.table;
  t.subtitle = {data_line(o.scenario, b), network_line(o.scenario.in.network, "network")};
  t.header = {"", "network"};
  const std::string per_stream = " per stream";
  t.rows = {
      {"bytes on the wire", units::format_size(n.bytes, b)},
      {"link payload rate", units::format_rate(8 * n.link_Bps)},
      {"window limit",
       std::isfinite(n.window_Bps) ? units::format_rate(8 * n.window_Bps) + per_stream : "none"},
      {"loss limit",
       std::isfinite(n.loss_Bps) ? units::format_rate(8 * n.loss_Bps) + per_stream : "none"},
      {"rate", units::format_rate(8 * n.rate_Bps)},
      {"bound by", limit_name(n.limit)},
      {""},
      {"handshake", units::format_duration(n.handshake_s)},
      {"transfer", units::format_duration(n.transfer_s)},
      {"  of it slow start", units::format_duration(n.slow_start_s)},
      {"per-file overhead", units::format_duration(n.per_file_s)},
      {"time", units::format_duration(n.time_s)},
      {""},
      {"egress", units::format_money(n.egress_usd)},
      {"fixed", units::format_money(n.fixed_usd)},
  };
  if (o.scenario.in.network.lease_usd_per_s > 0)
    t.rows.push_back({"lease", units::format_money(n.lease_usd)});
  t.rows.push_back({"cost", units::format_money(n.cost_usd)});
  if (const std::string s = streams_note(o.scenario.in.network, n, "the network"); !s.empty())
    t.notes.push_back(s);
  t.notes.push_back(bytes_note(b));
  check_finite(r.record, o.scenario);
  add_inputs(r.record, o.scenario);
  return r;
}

Report report_ship(const Outcome& o, ByteStyle b) {
  const auto& s = o.ship;
  Report r;
  begin(r, o.scenario);
  add_ship(r.record, s, "ship.");
  Table& t = r.table;
  t.subtitle = {data_line(o.scenario, b),
                ship_line(o.scenario.in.ship,
                          drive_label(o.scenario.drive, o.scenario.drive_custom), s, b, "ship")};
  t.header = {"", "ship"};
  t.rows = {
      {"drives", count(s.drives) + " (" + count(s.needed_drives) + " needed)"},
      {"per drive", units::format_size(s.per_drive_bytes, b)},
      {"trips", count(s.trips)},
      {""},
      {"write", units::format_duration(s.write_s)},
      {"verify", units::format_duration(s.verify_s)},
      {"transit", units::format_duration(s.transit_s)},
      {"ingest", units::format_duration(s.ingest_s)},
      {"time", units::format_duration(s.time_s)},
      {"effective rate", units::format_rate(s.rate_bps)},
      {""},
      {"drives", units::format_money(s.drives_usd)},
      {"travel", units::format_money(s.travel_usd)},
      {"shipping", units::format_money(s.shipping_usd)},
      {"cost", units::format_money(s.cost_usd)},
      {"p(data loss)", units::format_fraction(s.p_data_loss)},
  };
  t.notes = {bytes_note(b)};
  check_finite(r.record, o.scenario);
  add_inputs(r.record, o.scenario);
  return r;
}

namespace {

// One preset: in JSON as KIND.NAME.FIELD, in CSV as a row under the report's csv_header (kind,
// name, the fields by column name, empty where the kind has none, the description).
void add_preset(Report& r, const std::string& kind, const std::string& name,
                const std::vector<std::pair<std::string, double>>& fields,
                const std::string& description) {
  const std::string path = kind + "." + name + ".";
  for (const auto& [key, value] : fields) r.record.add(path + key, value);
  r.record.add(path + "description", description);
  std::vector<Scalar> row = {kind, name};
  for (std::size_t c = 2; c + 1 < r.csv_header.size(); ++c) {
    Scalar cell = Null{};
    for (const auto& [key, value] : fields)
      if (key == r.csv_header[c]) cell = value;
    row.push_back(std::move(cell));
  }
  row.push_back(description);
  r.csv_rows.push_back(std::move(row));
}

}  // namespace

Report report_catalog(const Catalog& catalog, ByteStyle b) {
  Report r;
  Table& t = r.table;
  t.title = "haul catalog";
  t.subtitle = {
      "Drive, GPU and appliance presets: ship.drive = \"NAME\", compute.gpu = \"NAME\"; keys in a "
      "scenario override their fields. Appliances (rented from the provider; MODEL.md section "
      "10) are listed for routes, which come with the routes issue."};
  t.header = {"preset", "capacity / peak", "write / fill", "read",
              "price",  "weight / memory", "description"};
  t.align = "lrrrrrl";
  r.csv_header = {"kind",        "name",         "capacity_bytes", "write_Bps",    "read_Bps",
                  "price_usd",   "weight_kg",    "peak_flops",     "memory_bytes", "fill_Bps",
                  "lead_time_s", "transit_s",    "processing_s",   "job_fee_usd",  "included_days",
                  "day_fee_usd", "shipping_usd", "description"};
  const Scalar none = Null{};
  for (const auto& d : catalog.drives) {
    t.rows.push_back({d.name, units::format_size(d.capacity_bytes, b),
                      units::format_throughput(d.write_Bps, b),
                      units::format_throughput(d.read_Bps, b), units::format_money(d.price_usd),
                      units::format_mass(d.weight_kg), d.description});
    add_preset(r, "drive", d.name,
               {{"capacity_bytes", d.capacity_bytes},
                {"write_Bps", d.write_Bps},
                {"read_Bps", d.read_Bps},
                {"price_usd", d.price_usd},
                {"weight_kg", d.weight_kg}},
               d.description);
  }
  for (const auto& g : catalog.gpus) {
    t.rows.push_back({g.name, units::format_flop_rate(g.peak_flops), dash(), dash(), dash(),
                      units::format_size(g.memory_bytes, b), g.description});
    add_preset(r, "gpu", g.name, {{"peak_flops", g.peak_flops}, {"memory_bytes", g.memory_bytes}},
               g.description);
  }
  for (const auto& a : catalog.appliances) {
    const auto dur = units::format_duration;
    t.rows.push_back(
        {a.name, units::format_size(a.capacity_bytes, b), units::format_throughput(a.fill_Bps, b),
         dash(), units::format_money(a.job_fee_usd), dash(),
         a.description + " (lead " + dur(a.lead_time_s) + ", transit " + dur(a.transit_s) +
             ", processing " + dur(a.processing_s) + "; " + count(a.included_days) +
             " days included, then " + units::format_money(a.day_fee_usd) + " a day; shipping " +
             units::format_money(a.shipping_usd) + ")"});
    add_preset(r, "appliance", a.name,
               {{"capacity_bytes", a.capacity_bytes},
                {"fill_Bps", a.fill_Bps},
                {"lead_time_s", a.lead_time_s},
                {"transit_s", a.transit_s},
                {"processing_s", a.processing_s},
                {"job_fee_usd", a.job_fee_usd},
                {"included_days", a.included_days},
                {"day_fee_usd", a.day_fee_usd},
                {"shipping_usd", a.shipping_usd}},
               a.description);
  }
  t.notes = {
      "GPU peaks are dense BF16; datasheets print the sparse figure (twice as high), which would "
      "halve every MFU.",
      b == ByteStyle::si
          ? "Sizes and drive rates in SI units (1 TB = 10^12 bytes, 1 MB/s = 10^6 bytes a "
            "second; --iec for TiB and MiB/s); prices and weights per drive; an appliance's price "
            "is its job fee per device."
          : "Sizes and drive rates in IEC units (1 TiB = 2^40 bytes, 1 MiB/s = 2^20 bytes a "
            "second); prices and weights per drive; an appliance's price is its job fee per "
            "device."};
  return r;
}

Report report_keys() {
  Report r;
  Table& t = r.table;
  t.title = "haul scenario keys";
  t.subtitle = {
      "Set them in a scenario file ([section] key = value) or with --set section.key=value."};
  t.header = {"key", "expected", "default"};
  t.align = "lll";
  r.csv_header = {"key", "expected", "default"};
  for (const auto& k : scenario_keys()) {
    t.rows.push_back({k.key, k.form, k.default_value});
    r.record.add("keys." + k.key + ".expected", k.form);
    r.record.add("keys." + k.key + ".default", k.default_value);
    r.csv_rows.push_back({k.key, k.form, k.default_value});
  }
  // A named route's keys (MODEL.md section 10): its kind, a hybrid's split, and its kind's keys.
  for (const auto& k : route_keys()) {
    if (k.key != "route.NAME.kind" && k.key != "route.NAME.split") continue;
    t.rows.push_back({k.key, k.form, k.default_value});
    r.record.add("keys." + k.key + ".expected", k.form);
    r.record.add("keys." + k.key + ".default", k.default_value);
    r.csv_rows.push_back({k.key, k.form, k.default_value});
  }
  const std::string any = "a key of its kind's section: network.KEY, ship.KEY, appliance.KEY";
  const std::string from = "that section's value";
  t.rows.push_back({"route.NAME.KEY", any, from});
  r.record.add("keys.route.NAME.KEY.expected", any);
  r.record.add("keys.route.NAME.KEY.default", from);
  r.csv_rows.push_back({"route.NAME.KEY", any, from});
  t.notes = {
      "A [route.NAME] of kind network takes [network]'s keys, ship [ship]'s, appliance "
      "[appliance]'s, hybrid [network]'s and [ship]'s (drives excepted) and split; a key it "
      "does not set comes from that section."};
  return r;
}

Report report_examples() {
  Report r;
  Table& t = r.table;
  t.title = "haul examples";
  t.subtitle = {
      "Built-in scenarios: haul compare --example NAME (or any scenario command); haul scenario "
      "--example NAME prints one as TOML to start your own from."};
  t.header = {"example", "file", "what it is"};
  t.align = "lll";
  r.csv_header = {"name", "file", "title"};
  for (const Example& e : builtin_examples()) {
    t.rows.push_back({e.name, "configs/" + e.file, e.title});
    r.record.add("examples." + e.name + ".file", "configs/" + e.file);
    r.record.add("examples." + e.name + ".title", e.title);
    r.csv_rows.push_back({e.name, "configs/" + e.file, e.title});
  }
  t.notes = {
      "Without a FILE or --example, every command starts from the defaults of haul keys; "
      "haul compare with no input at all shows the example seed."};
  return r;
}

}  // namespace haul
