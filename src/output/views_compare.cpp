// `haul compare`: every route compared side by side (MODEL.md sections 4, 6 and 10), one column a
// route, the winner over all and each route's margin to it, and the network/ship breakevens.
#include <algorithm>
#include <cmath>

#include "output/views.hpp"
#include "output/views_detail.hpp"

namespace haul {

using namespace views_detail;

namespace {

const char* kind_name(RouteKind k) {
  return kRouteKindNames[static_cast<int>(k)];
}

// "leased (network)"; the network and ship routes are their own kind.
std::string route_label(const RouteInfo& r) {
  return r.name == kind_name(r.kind) ? r.name : r.name + " (" + kind_name(r.kind) + ")";
}

std::string appliance_line(const ApplianceParams<double>& a, const RouteInfo& info,
                           const ApplianceResult<double>& r, ByteStyle b) {
  // Each device fills at its own rate or its share of the origin's hosts, whichever is less.
  const double per_device = std::min(a.fill_Bps, a.copy_limit_Bps / r.devices);
  std::string line = route_label(info) + ": " + count(r.devices) + " x " +
                     drive_label(info.appliance, info.appliance_custom) + " (" +
                     units::format_size(a.capacity_bytes, b) + ", fill " +
                     units::format_throughput(per_device, b) +
                     (per_device < a.fill_Bps ? " by the copy limit" : "") + "), lead " +
                     units::format_duration(a.lead_time_s) + ", transit " +
                     units::format_duration(a.transit_s) + ", processing " +
                     units::format_duration(a.processing_s) + "; " +
                     units::format_money(a.job_fee_usd) + " a device";
  if (a.day_fee_usd > 0)
    line += ", " + count(a.included_days) + " days included, then " +
            units::format_money(a.day_fee_usd) + " a day";
  if (a.shipping_usd > 0) line += ", shipping " + units::format_money(a.shipping_usd);
  return line;
}

std::string hybrid_line(const RouteParams<double>& p, const RouteInfo& info,
                        const HybridResult<double>& h, ByteStyle b) {
  const std::string how = p.split < 0 ? "split auto" : "split given";
  std::string line = route_label(info) + ": ";
  if (h.split > 0)
    line += units::format_fraction(h.split) + " (" + units::format_size(h.network.bytes, b) +
            ") over " + units::format_rate(p.network.bandwidth_bps);
  if (h.split > 0 && h.split < 1) line += " while ";
  if (h.split < 1)
    line += units::format_fraction(1 - h.split) + " (" + units::format_size(h.ship.bytes, b) +
            ") travels on " + count(h.ship.drives) + " x " +
            drive_label(info.drive, info.drive_custom);
  return line + " (" + how + (h.split < 1 ? "; the fewest drives for its share" : "") + ")";
}

void add_appliance(Record& rec, const ApplianceResult<double>& a, const ApplianceParams<double>& p,
                   const std::string& at) {
  rec.add(at + "time_s", a.time_s);
  rec.add(at + "rate_bps", a.rate_bps);
  rec.add(at + "cost_usd", a.cost_usd);
  rec.add(at + "devices", a.devices);
  rec.add(at + "days", a.days);
  rec.add(at + "phases.lead_time_s", p.lead_time_s);
  rec.add(at + "phases.fill_s", a.fill_s);
  rec.add(at + "phases.transit_s", p.transit_s);
  rec.add(at + "phases.processing_s", p.processing_s);
  rec.add(at + "costs.job_usd", a.job_usd);
  rec.add(at + "costs.day_usd", a.day_usd);
  rec.add(at + "costs.shipping_usd", a.shipping_usd);
}

void add_hybrid(Record& rec, const RouteResult<double>& r, const std::string& at) {
  const HybridResult<double>& h = r.hybrid;
  rec.add(at + "time_s", h.time_s);
  rec.add(at + "rate_bps", r.rate_bps);
  rec.add(at + "cost_usd", h.cost_usd);
  rec.add(at + "split", h.split);
  rec.add(at + "network_s", h.network_s);
  rec.add(at + "ship_s", h.ship_s);
  rec.add(at + "pure_network_s", r.pure_network_s);
  rec.add(at + "pure_ship_s", r.pure_ship_s);
  rec.add(at + "gain_s", r.gain_s);
  // A leg with no bytes is not there (split 0 or 1): its model of nothing is not a result.
  if (h.split > 0) add_network(rec, h.network, at + "network.");
  if (h.split < 1) add_ship(rec, h.ship, at + "ship.");
}

// One column a route: a cell for each route, "-" where the route has nothing to show.
using Cell = std::function<std::string(std::size_t)>;

}  // namespace

Report report_compare(const Outcome& o, ByteStyle b) {
  const Scenario& sc = o.scenario;
  const Plan<double>& p = o.plan;
  const bool job = sc.has_job();
  const std::size_t n = p.routes.size();
  const int ni = sc.route_index("network"), si = sc.route_index("ship");
  Report r;
  begin(r, sc);
  Record& rec = r.record;
  // MODEL.md section 6: the network and ship sections and plans as they were, then every route.
  if (ni >= 0) add_network(rec, p.routes[ni].network, "network.");
  if (si >= 0) add_ship(rec, p.routes[si].ship, "ship.");
  if (job) add_compute(rec, sc, p.compute);
  if (ni >= 0) add_route(rec, "plan.network", p.routes[ni].plan);
  if (si >= 0) add_route(rec, "plan.ship", p.routes[si].plan);
  const auto tw = static_cast<std::size_t>(p.winner_time);
  const auto cw = static_cast<std::size_t>(p.winner_cost);
  for (std::size_t i = 0; i < n; ++i) {
    const RouteResult<double>& rr = p.routes[i];
    const std::string at = "routes." + sc.routes[i].name + ".";
    rec.add(at + "kind", std::string(kind_name(rr.kind)));
    switch (rr.kind) {
      case RouteKind::network:
        add_network(rec, rr.network, at);
        break;
      case RouteKind::ship:
        add_ship(rec, rr.ship, at);
        break;
      case RouteKind::appliance:
        add_appliance(rec, rr.appliance, sc.in.routes[i].appliance, at);
        break;
      case RouteKind::hybrid:
        add_hybrid(rec, rr, at);
        break;
    }
    add_route(rec, at + "plan", rr.plan);
    // How much sooner and cheaper the winners are (0 for a winner).
    rec.add(at + "behind_s", rr.plan.time_to_model_s - p.routes[tw].plan.time_to_model_s);
    rec.add(at + "above_usd", rr.plan.total_cost_usd - p.routes[cw].plan.total_cost_usd);
  }
  rec.add("winner.time", sc.routes[tw].name);
  rec.add("winner.cost", sc.routes[cw].name);
  add_breakeven(rec, "bandwidth_bps", *o.bandwidth);
  add_breakeven(rec, "size_bytes", *o.size);
  if (!o.bandwidth->value) rec.add("breakeven.bandwidth_reason", o.bandwidth->reason);
  if (!o.size->value) rec.add("breakeven.size_reason", o.size->reason);

  Table& t = r.table;
  t.subtitle = {data_line(sc, b)};
  for (std::size_t i = 0; i < n; ++i) {
    const RouteInfo& info = sc.routes[i];
    const RouteParams<double>& in = sc.in.routes[i];
    const RouteResult<double>& rr = p.routes[i];
    switch (rr.kind) {
      case RouteKind::network:
        t.subtitle.push_back(network_line(network_of(sc.in, in), route_label(info)));
        break;
      case RouteKind::ship:
        t.subtitle.push_back(ship_line(ship_of(sc.in, in),
                                       drive_label(info.drive, info.drive_custom), rr.ship, b,
                                       route_label(info)));
        break;
      case RouteKind::appliance:
        t.subtitle.push_back(appliance_line(in.appliance, info, rr.appliance, b));
        break;
      case RouteKind::hybrid:
        t.subtitle.push_back(hybrid_line(in, info, rr.hybrid, b));
        break;
    }
  }
  if (job) {
    t.subtitle.push_back(compute_line(sc, p.compute));
    if (const std::string m = model_line(sc, p.compute, b); !m.empty()) t.subtitle.push_back(m);
  }
  t.header = {""};
  for (const RouteInfo& info : sc.routes) t.header.push_back(info.name);

  auto has = [&](RouteKind k) {
    return std::any_of(p.routes.begin(), p.routes.end(),
                       [&](const RouteResult<double>& rr) { return rr.kind == k; });
  };
  const bool any_network = has(RouteKind::network), any_ship = has(RouteKind::ship),
             any_appliance = has(RouteKind::appliance), any_hybrid = has(RouteKind::hybrid);
  auto row = [&](const std::string& label, const Cell& cell) {
    std::vector<std::string> cells = {label};
    for (std::size_t i = 0; i < n; ++i) cells.push_back(cell(i));
    t.rows.push_back(std::move(cells));
  };
  auto of = [&](RouteKind k, const std::function<std::string(const RouteResult<double>&)>& f) {
    return [&, k, f](std::size_t i) { return p.routes[i].kind == k ? f(p.routes[i]) : dash(); };
  };
  const auto dur = units::format_duration;
  const auto usd = units::format_money;
  using RR = RouteResult<double>;

  // The network's steady rate and what binds it; other routes' bytes over their whole time.
  row("rate", [&](std::size_t i) { return units::format_rate(p.routes[i].rate_bps); });
  if (any_network) {
    row("  bound by", of(RouteKind::network,
                         [&](const RR& rr) { return std::string(limit_name(rr.network.limit)); }));
    row("  handshake",
        of(RouteKind::network, [&](const RR& rr) { return dur(rr.network.handshake_s); }));
    row("  transfer",
        of(RouteKind::network, [&](const RR& rr) { return dur(rr.network.transfer_s); }));
    row("  per-file",
        of(RouteKind::network, [&](const RR& rr) { return dur(rr.network.per_file_s); }));
  }
  if (any_appliance)
    row("  lead time", [&](std::size_t i) {
      return p.routes[i].kind == RouteKind::appliance ? dur(sc.in.routes[i].appliance.lead_time_s)
                                                      : dash();
    });
  if (any_ship) {
    row("  write", of(RouteKind::ship, [&](const RR& rr) { return dur(rr.ship.write_s); }));
    row("  verify", of(RouteKind::ship, [&](const RR& rr) { return dur(rr.ship.verify_s); }));
  }
  if (any_appliance)
    row("  fill", of(RouteKind::appliance, [&](const RR& rr) { return dur(rr.appliance.fill_s); }));
  if (any_ship || any_appliance)
    row("  transit", [&](std::size_t i) {
      const RR& rr = p.routes[i];
      if (rr.kind == RouteKind::appliance) return dur(sc.in.routes[i].appliance.transit_s);
      if (rr.kind != RouteKind::ship) return dash();
      return dur(rr.ship.transit_s) + " (" + count(rr.ship.trips) +
             (rr.ship.trips == 1 ? " trip)" : " trips)");
    });
  if (any_ship)
    row("  ingest", of(RouteKind::ship, [&](const RR& rr) { return dur(rr.ship.ingest_s); }));
  if (any_appliance)
    row("  processing", [&](std::size_t i) {
      return p.routes[i].kind == RouteKind::appliance ? dur(sc.in.routes[i].appliance.processing_s)
                                                      : dash();
    });
  if (any_hybrid) {
    row("  split", of(RouteKind::hybrid, [&](const RR& rr) {
          return units::format_fraction(rr.hybrid.split) + " net";
        }));
    row("  network leg",
        of(RouteKind::hybrid, [&](const RR& rr) { return dur(rr.hybrid.network_s); }));
    row("  ship leg", of(RouteKind::hybrid, [&](const RR& rr) { return dur(rr.hybrid.ship_s); }));
    row("  gain", of(RouteKind::hybrid, [&](const RR& rr) { return dur(rr.gain_s); }));
  }
  row("data arrives", [&](std::size_t i) { return dur(p.routes[i].plan.arrival_s); });
  if (job) {
    row("training", [&](std::size_t i) { return dur(p.routes[i].plan.train_s); });
    row("weights back", [&](std::size_t i) { return dur(p.routes[i].plan.weights_back_s); });
    row("time to model", [&](std::size_t i) { return dur(p.routes[i].plan.time_to_model_s); });
  }
  t.rows.push_back({""});
  // Cost rows: a hybrid's legs fill the network's and the ship's rows.
  auto net_of = [&](std::size_t i) -> const NetworkResult<double>* {
    const RR& rr = p.routes[i];
    if (rr.kind == RouteKind::network) return &rr.network;
    if (rr.kind == RouteKind::hybrid && rr.hybrid.split > 0) return &rr.hybrid.network;
    return nullptr;
  };
  auto ship_of = [&](std::size_t i) -> const ShipResult<double>* {
    const RR& rr = p.routes[i];
    if (rr.kind == RouteKind::ship) return &rr.ship;
    if (rr.kind == RouteKind::hybrid && rr.hybrid.split < 1) return &rr.hybrid.ship;
    return nullptr;
  };
  auto net_row = [&](const std::string& label, double NetworkResult<double>::*m) {
    row(label, [&, m](std::size_t i) {
      const auto* nr = net_of(i);
      return nr ? usd(nr->*m) : dash();
    });
  };
  if (any_network || any_hybrid) {
    net_row("  egress", &NetworkResult<double>::egress_usd);
    net_row("  fixed", &NetworkResult<double>::fixed_usd);
    const bool leased = std::any_of(sc.in.routes.begin(), sc.in.routes.end(), [&](const auto& rp) {
      return rp.kind != RouteKind::ship && rp.kind != RouteKind::appliance &&
             network_of(sc.in, rp).lease_usd_per_s > 0;
    });
    if (leased)
      row("  lease", [&](std::size_t i) {
        const auto* nr = net_of(i);
        const double monthly =
            network_of(sc.in, sc.in.routes[i]).lease_usd_per_s * kLeaseMonthSeconds;
        if (!nr) return dash();
        if (monthly <= 0) return usd(0);
        return usd(nr->lease_usd) + " (" + count(nr->lease_usd / monthly) + " mo)";
      });
  }
  if (any_ship || any_hybrid) {
    row("  drives", [&](std::size_t i) {
      const auto* s = ship_of(i);
      return s ? usd(s->drives_usd) + " (" + count(s->drives) + ")" : dash();
    });
    row("  travel", [&](std::size_t i) {
      const auto* s = ship_of(i);
      return s ? usd(s->travel_usd) : dash();
    });
  }
  if (any_appliance) {
    row("  job fees", of(RouteKind::appliance, [&](const RR& rr) {
          return usd(rr.appliance.job_usd) + " (" + count(rr.appliance.devices) + ")";
        }));
    row("  day fees", of(RouteKind::appliance, [&](const RR& rr) {
          return usd(rr.appliance.day_usd) + " (" + count(rr.appliance.days) + " d on hand)";
        }));
  }
  if (any_ship || any_hybrid || any_appliance)
    row("  shipping", [&](std::size_t i) {
      if (p.routes[i].kind == RouteKind::appliance) return usd(p.routes[i].appliance.shipping_usd);
      const auto* s = ship_of(i);
      return s ? usd(s->shipping_usd) : dash();
    });
  row("transfer cost", [&](std::size_t i) { return usd(p.routes[i].cost_usd); });
  if (job) {
    row("compute", [&](std::size_t) { return usd(p.compute.cost_usd); });
    row("idle GPUs", [&](std::size_t i) { return usd(p.routes[i].plan.idle_usd); });
    row("weights egress", [&](std::size_t i) { return usd(p.routes[i].plan.weights_egress_usd); });
    row("total cost", [&](std::size_t i) { return usd(p.routes[i].plan.total_cost_usd); });
  }
  if (any_ship || any_hybrid)
    row("p(data loss)", [&](std::size_t i) {
      const auto* s = ship_of(i);
      return s ? units::format_fraction(s->p_data_loss) : dash();
    });
  if (n > 2) {
    t.rows.push_back({""});
    row("slower by", [&](std::size_t i) {
      const double d = p.routes[i].plan.time_to_model_s - p.routes[tw].plan.time_to_model_s;
      return i == tw ? std::string("fastest") : d == 0 ? std::string("tie") : "+" + dur(d);
    });
    row("costlier by", [&](std::size_t i) {
      const double d = p.routes[i].plan.total_cost_usd - p.routes[cw].plan.total_cost_usd;
      return i == cw ? std::string("cheapest") : d == 0 ? std::string("tie") : "+" + usd(d);
    });
  }

  if (o.spread) add_uncertainty_rows(t, sc, *o.spread);

  // The winners, and their margins over the next best route.
  auto next_best = [&](std::size_t winner, auto value) {
    std::size_t best = winner == 0 ? 1 : 0;
    for (std::size_t i = 0; i < n; ++i)
      if (i != winner && value(i) < value(best)) best = i;
    return best;
  };
  const std::string goal = job ? "the trained model" : "the data";
  if (n >= 2) {
    const std::size_t tn =
        next_best(tw, [&](std::size_t i) { return p.routes[i].plan.time_to_model_s; });
    const std::size_t cn =
        next_best(cw, [&](std::size_t i) { return p.routes[i].plan.total_cost_usd; });
    const std::string than_time = n > 2 ? " than " + sc.routes[tn].name + ", the runner-up," : "";
    const std::string than_cost = n > 2 ? " than " + sc.routes[cn].name + ", the runner-up" : "";
    const double sooner = p.routes[tn].plan.time_to_model_s - p.routes[tw].plan.time_to_model_s;
    t.notes.push_back(
        "Winner on time: " + sc.routes[tw].name + ", " +
        (sooner > 0
             ? margin_time(p.routes[tw].plan.time_to_model_s, p.routes[tn].plan.time_to_model_s) +
                   than_time + " to " + goal
             : "tied with " + sc.routes[tn].name + " to " + goal + " (the first listed wins)") +
        ".");
    const double saved = p.routes[cn].plan.total_cost_usd - p.routes[cw].plan.total_cost_usd;
    t.notes.push_back("Winner on cost: " + sc.routes[cw].name + ", " +
                      (saved > 0 ? usd(saved) + " cheaper" + than_cost
                                 : "tied with " + sc.routes[cn].name + " (the first listed wins)") +
                      ".");
  } else {
    t.notes.push_back("One route compared: " + sc.routes[0].name + " ([plan] routes).");
  }
  if (o.spread) t.notes.push_back(uncertainty_note(sc, *o.spread));
  // How many streams would reach the link, for each network route that its streams bind.
  for (std::size_t i = 0; i < n; ++i) {
    if (p.routes[i].kind != RouteKind::network) continue;
    const std::string& name = sc.routes[i].name;
    const std::string s = streams_note(network_of(sc.in, sc.in.routes[i]), p.routes[i].network,
                                       name == "network" ? "the network" : "route " + name);
    if (!s.empty()) t.notes.push_back(s);
  }
  const std::string pair = n > 2 ? " of the network/ship pair" : "";
  if (ni < 0 || si < 0) {
    t.notes.push_back("Breakevens: none; " + o.bandwidth->reason + ".");
  } else if (o.bandwidth->value) {
    t.notes.push_back("Breakeven bandwidth" + pair + ": " +
                      units::format_rate(*o.bandwidth->value) +
                      " (above it the network delivers the data first).");
  } else {
    t.notes.push_back("Breakeven bandwidth" + pair + ": none; " + o.bandwidth->reason + ".");
  }
  if (ni < 0 || si < 0) {
    // said above
  } else if (o.size->value) {
    t.notes.push_back("Breakeven size" + pair + ": " + units::format_size(*o.size->value, b) +
                      " (from it on the drives arrive first; drives = auto).");
  } else {
    t.notes.push_back("Breakeven size" + pair + ": none; " + o.size->reason + ".");
  }
  if (job)
    for (std::string& note : compute_notes(sc, p.compute, b)) t.notes.push_back(std::move(note));
  // A route defined but left out of [plan] routes is read and checked, and said here.
  std::string left_out;
  for (const RouteInfo& d : sc.route_defs)
    if (sc.route_index(d.name) < 0) left_out += (left_out.empty() ? "" : ", ") + d.name;
  if (!left_out.empty())
    t.notes.push_back("Not compared: " + left_out + " (defined, but not in [plan] routes).");
  t.notes.push_back(bytes_note(b));
  check_finite(r.record, sc);
  if (o.spread) add_uncertainty(r.record, sc, *o.spread);
  add_inputs(r.record, sc);
  return r;
}

}  // namespace haul
