#include "run/columns.hpp"

#include <cmath>
#include <limits>
#include <tuple>

#include "input/keys.hpp"  // a_kind
#include "input/quote.hpp"

namespace haul {

namespace {

using A = num::Array;
using P = Plan<A>;
using R = std::size_t;

constexpr const char* kFitNames[] = {"false", "true"};

// The least time to model (or total cost) over the routes other than the winner, less the
// winner's: how much the winner gains over the next best route.
template <class Get>
A next_best_margin(const P& p, const A& winner, Get get) {
  const A best = get(p.routes[0]);
  A won = best, next = A::Constant(best.size(), std::numeric_limits<double>::infinity());
  for (std::size_t r = 0; r < p.routes.size(); ++r) {
    const A v = get(p.routes[r]);
    const auto is_winner = num::eq(winner, double(r));
    won = num::select(is_winner, v, won);
    next = num::select(is_winner, next, num::min(next, v));
  }
  // One route compared: no runner-up, no margin (an empty cell).
  return num::select(num::lt(next, std::numeric_limits<double>::infinity()), A(next - won),
                     num::constant(std::nan(""), won));
}

A time_margin(const P& p, R) {
  return next_best_margin(p, p.winner_time,
                          [](const RouteResult<A>& r) -> A { return r.plan.time_to_model_s; });
}

A cost_margin(const P& p, R) {
  return next_best_margin(p, p.winner_cost,
                          [](const RouteResult<A>& r) -> A { return r.plan.total_cost_usd; });
}

template <class Get>
A behind(const P& p, R r, const A& winner, Get get) {
  A best = get(p.routes[0]);
  for (std::size_t i = 0; i < p.routes.size(); ++i)
    best = num::select(num::eq(winner, double(i)), get(p.routes[i]), best);
  return get(p.routes[r]) - best;
}

// ---- a row's Monte Carlo spread

template <Quantiles RouteSpread::*metric, double Quantiles::*stat>
double drawn_quantile(const Spread& s, R r) {
  return (s.routes[r].*metric).*stat;
}

template <double RouteSpread::*chance>
double drawn_chance(const Spread& s, R r) {
  return s.routes[r].*chance;
}

// A chance is a share of every sample; a quantile is over the samples that did not fail, and
// when every one failed it is not known (NaN): an empty cell.
ResultColumn drawn_column(const std::string& name, Scope scope, Show show,
                          double (*get)(const Spread&, R)) {
  ResultColumn c{name, scope, show};
  c.drawn = get;
  c.unknown_ok = show != Show::fraction;
  return c;
}

template <Quantiles RouteSpread::*metric>
void add_quantiles(std::vector<ResultColumn>& out, const std::string& name, Show show) {
  out.push_back(drawn_column(name + ".mean", Scope::spread_route, show,
                             drawn_quantile<metric, &Quantiles::mean>));
  out.push_back(drawn_column(name + ".p10", Scope::spread_route, show,
                             drawn_quantile<metric, &Quantiles::p10>));
  out.push_back(drawn_column(name + ".p50", Scope::spread_route, show,
                             drawn_quantile<metric, &Quantiles::p50>));
  out.push_back(drawn_column(name + ".p90", Scope::spread_route, show,
                             drawn_quantile<metric, &Quantiles::p90>));
}

// The plan's columns and then the spread's (MODEL.md section 6's "uncertainty" object).
std::vector<ResultColumn> with_spread(std::vector<ResultColumn> out) {
  add_quantiles<&RouteSpread::arrival_s>(out, "arrival_s", Show::duration);
  add_quantiles<&RouteSpread::time_to_model_s>(out, "time_to_model_s", Show::duration);
  add_quantiles<&RouteSpread::total_cost_usd>(out, "total_cost_usd", Show::money);
  out.push_back(drawn_column("p_fail", Scope::spread_route, Show::fraction,
                             drawn_chance<&RouteSpread::p_fail>));
  out.push_back(drawn_column("p_loss", Scope::spread_route, Show::fraction,
                             drawn_chance<&RouteSpread::p_loss>));
  out.push_back(drawn_column("p_held", Scope::spread_route, Show::fraction,
                             drawn_chance<&RouteSpread::p_held>));
  out.push_back(drawn_column("p_win_time", Scope::spread_win, Show::fraction,
                             [](const Spread& s, R r) { return s.p_win_time[r]; }));
  out.push_back(drawn_column("p_win_cost", Scope::spread_win, Show::fraction,
                             [](const Spread& s, R r) { return s.p_win_cost[r]; }));
  out.push_back(drawn_column("p_no_winner", Scope::spread, Show::fraction,
                             [](const Spread& s, R) { return s.p_no_winner; }));
  return out;
}

}  // namespace

const std::vector<ResultColumn>& result_columns() {
  static const std::vector<ResultColumn> columns = with_spread({
      {"time_s", Scope::network, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.time_s; }},
      {"rate_bps", Scope::network, Show::rate, nullptr,
       [](const P& p, R r) -> A { return 8.0 * p.routes[r].network.rate_Bps; }},
      {"limit", Scope::network, Show::code, kLimitNames,
       [](const P& p, R r) -> A { return p.routes[r].network.limit; }},
      {"cost_usd", Scope::network, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.cost_usd; }},
      {"phases.handshake_s", Scope::network, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.handshake_s; }},
      {"phases.transfer_s", Scope::network, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.transfer_s; }},
      {"slow_start_s", Scope::network, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.slow_start_s; }},
      {"phases.per_file_s", Scope::network, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.per_file_s; }},
      {"costs.egress_usd", Scope::network, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.egress_usd; }},
      {"costs.lease_usd", Scope::network, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.lease_usd; }},
      {"costs.fixed_usd", Scope::network, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].network.fixed_usd; }},
      {"time_s", Scope::ship, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.time_s; }},
      {"rate_bps", Scope::ship, Show::rate, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.rate_bps; }},
      {"cost_usd", Scope::ship, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.cost_usd; }},
      {"drives", Scope::ship, Show::count, nullptr, [](const P& p, R r) -> A { return p.routes[r].ship.drives; }},
      {"trips", Scope::ship, Show::count, nullptr, [](const P& p, R r) -> A { return p.routes[r].ship.trips; }},
      {"p_data_loss", Scope::ship, Show::fraction, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.p_data_loss; }},
      {"phases.write_s", Scope::ship, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.write_s; }},
      {"phases.verify_s", Scope::ship, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.verify_s; }},
      {"phases.transit_s", Scope::ship, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.transit_s; }},
      {"phases.ingest_s", Scope::ship, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.ingest_s; }},
      {"costs.drives_usd", Scope::ship, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.drives_usd; }},
      {"costs.travel_usd", Scope::ship, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.travel_usd; }},
      {"costs.shipping_usd", Scope::ship, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].ship.shipping_usd; }},
      {"flops", Scope::compute, Show::flop, nullptr,
       [](const P& p, R) -> A { return p.compute.flops; }},
      {"train_time_s", Scope::compute, Show::duration, nullptr,
       [](const P& p, R) -> A { return p.compute.train_time_s; }},
      {"gpu_hours", Scope::compute, Show::number, nullptr,
       [](const P& p, R) -> A { return p.compute.gpu_hours; }},
      {"cost_usd", Scope::compute, Show::money, nullptr,
       [](const P& p, R) -> A { return p.compute.cost_usd; }},
      {"weights_bytes", Scope::compute, Show::size, nullptr,
       [](const P& p, R) -> A { return p.compute.weights_bytes; }},
      {"flops_6n", Scope::compute, Show::flop, nullptr,
       [](const P& p, R) -> A { return p.compute.flops_6n; }, nullptr, Show::number, false, true},
      {"tokens", Scope::compute, Show::number, nullptr,
       [](const P& p, R) -> A { return p.compute.tokens; }, nullptr, Show::number, false, true},
      {"memory_per_gpu_bytes", Scope::compute, Show::size, nullptr,
       [](const P& p, R) -> A { return p.compute.memory_per_gpu_bytes; }, nullptr, Show::number, false,
       true},
      {"memory_bytes", Scope::compute, Show::size, nullptr,
       [](const P& p, R) -> A { return p.compute.memory_bytes; }},
      {"fits", Scope::compute, Show::code, kFitNames,
       [](const P& p, R) -> A { return p.compute.fits; }, nullptr, Show::number, false, true},
      {"min_gpus", Scope::compute, Show::count, nullptr,
       [](const P& p, R) -> A { return p.compute.min_gpus; }, nullptr, Show::number, false, true},
      {"goodput", Scope::compute, Show::number, nullptr,
       [](const P& p, R) -> A { return p.compute.goodput; }},
      {"checkpoint_interval_s", Scope::compute, Show::duration, nullptr,
       [](const P& p, R) -> A { return p.compute.checkpoint_interval_s; }, nullptr, Show::number,
       false, true},
      {"interruptions", Scope::compute, Show::number, nullptr,
       [](const P& p, R) -> A { return p.compute.interruptions; }, nullptr, Show::number, false, true},
      // an appliance route's
      {"time_s", Scope::appliance, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.time_s; }},
      {"rate_bps", Scope::appliance, Show::rate, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.rate_bps; }},
      {"cost_usd", Scope::appliance, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.cost_usd; }},
      {"devices", Scope::appliance, Show::count, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.devices; }},
      {"days", Scope::appliance, Show::count, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.days; }},
      {"phases.fill_s", Scope::appliance, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.fill_s; }},
      {"costs.job_usd", Scope::appliance, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.job_usd; }},
      {"costs.day_usd", Scope::appliance, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.day_usd; }},
      {"costs.shipping_usd", Scope::appliance, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].appliance.shipping_usd; }},
      // a hybrid route's
      {"split", Scope::hybrid, Show::fraction, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].hybrid.split; }},
      {"network_s", Scope::hybrid, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].hybrid.network_s; }},
      {"ship_s", Scope::hybrid, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].hybrid.ship_s; }},
      {"pure_network_s", Scope::hybrid, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].pure_network_s; }},
      {"pure_ship_s", Scope::hybrid, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].pure_ship_s; }},
      {"gain_s", Scope::hybrid, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].gain_s; }},
      // every route's
      {"time_s", Scope::route, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].time_s; }},
      {"cost_usd", Scope::route, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].cost_usd; }},
      {"rate_bps", Scope::route, Show::rate, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].rate_bps; }},
      {"kind", Scope::route, Show::code, kRouteKindNames,
       [](const P& p, R r) -> A {
         return A::Constant(p.routes[r].time_s.size(), static_cast<int>(p.routes[r].kind));
       }},
      {"behind_s", Scope::route, Show::duration, nullptr,
       [](const P& p, R r) -> A {
         return behind(p, r, p.winner_time,
                       [](const RouteResult<A>& x) -> A { return x.plan.time_to_model_s; });
       }},
      {"above_usd", Scope::route, Show::money, nullptr,
       [](const P& p, R r) -> A {
         return behind(p, r, p.winner_cost,
                       [](const RouteResult<A>& x) -> A { return x.plan.total_cost_usd; });
       }},
      // a route's plan
      {"arrival_s", Scope::plan, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].plan.arrival_s; }},
      {"weights_back_s", Scope::plan, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].plan.weights_back_s; }},
      {"idle_usd", Scope::plan, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].plan.idle_usd; }},
      {"time_to_model_s", Scope::plan, Show::duration, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].plan.time_to_model_s; }},
      {"total_cost_usd", Scope::plan, Show::money, nullptr,
       [](const P& p, R r) -> A { return p.routes[r].plan.total_cost_usd; }},
      // over every route
      {"time", Scope::winner, Show::code, nullptr, [](const P& p, R) -> A { return p.winner_time; },
       time_margin, Show::duration, false, false, true},
      {"cost", Scope::winner, Show::code, nullptr, [](const P& p, R) -> A { return p.winner_cost; },
       cost_margin, Show::money, false, false, true},
      {"time_margin_s", Scope::winner, Show::duration, nullptr, time_margin, nullptr, Show::number,
       false, true},
      {"cost_margin_usd", Scope::winner, Show::money, nullptr, cost_margin, nullptr, Show::number,
       false, true},
      {"bandwidth_bps", Scope::breakeven, Show::rate, nullptr, nullptr, nullptr, Show::number,
       true},
      {"size_bytes", Scope::breakeven, Show::size, nullptr, nullptr, nullptr, Show::number, true},
  });
  return columns;
}

namespace {

const ResultColumn* in_scope(Scope scope, const std::string& name) {
  for (const auto& c : result_columns())
    if (c.scope == scope && c.name == name) return &c;
  return nullptr;
}

Scope scope_of(RouteKind kind) {
  switch (kind) {
    case RouteKind::network:
      return Scope::network;
    case RouteKind::ship:
      return Scope::ship;
    case RouteKind::appliance:
      return Scope::appliance;
    default:
      return Scope::hybrid;
  }
}

// A route's own path (after "routes.NAME."): its kind's model, any route's, or its plan.
const ResultColumn* route_column(RouteKind kind, const std::string& rest) {
  if (rest.rfind("plan.", 0) == 0) return in_scope(Scope::plan, rest.substr(5));
  if (const ResultColumn* c = in_scope(scope_of(kind), rest)) return c;
  return in_scope(Scope::route, rest);
}

}  // namespace

BoundResult find_result(const std::string& path, const std::vector<std::string>& names,
                        const std::vector<RouteKind>& kinds) {
  BoundResult b;
  const auto dot = path.find('.');
  if (dot == std::string::npos) return b;
  const std::string head = path.substr(0, dot), rest = path.substr(dot + 1);
  auto route_of = [&](const std::string& name) -> int {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i);
    return -1;
  };
  auto bind = [&](const ResultColumn* c, const std::string& route) {
    if (!c) return;
    b.column = c;
    b.route = route_of(route);
    if (b.route < 0)
      b.error = "the " + route + " route is not compared (add it to [plan] routes)";
  };
  // The routes compared, for a message.
  auto compared = [&] {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    return list;
  };
  // A spread's route: one compared, or a message naming the routes that are.
  auto spread_bind = [&](const ResultColumn* c, const std::string& route) {
    if (!c) return;
    b.column = c;
    b.route = route_of(route);
    if (b.route < 0)
      b.error = "no route named " + quote_text(route, 64) +
                " is compared (the routes: " + compared() + "; [plan] routes picks them)";
  };
  if (head == "compute" || head == "winner" || head == "breakeven") {
    b.column = in_scope(head == "compute"  ? Scope::compute
                        : head == "winner" ? Scope::winner
                                           : Scope::breakeven,
                        rest);
    if (b.column && head == "breakeven" &&
        (route_of("network") < 0 || route_of("ship") < 0))
      b.error = "the breakevens are the network and ship routes', and they are not both compared";
  } else if (head == "network" || head == "ship") {
    bind(in_scope(head == "network" ? Scope::network : Scope::ship, rest), head);
  } else if (head == "plan") {
    const auto second = rest.find('.');
    if (second != std::string::npos) {
      const std::string route = rest.substr(0, second);
      if (route == "network" || route == "ship")
        bind(in_scope(Scope::plan, rest.substr(second + 1)), route);
    }
  } else if (head == "uncertainty") {
    // uncertainty.routes.NAME.X, uncertainty.p_win_time.NAME, uncertainty.p_no_winner
    const auto second = rest.find('.');
    const std::string first = rest.substr(0, second);
    if (second == std::string::npos) {
      b.column = in_scope(Scope::spread, rest);
    } else if (first == "routes") {
      const std::string tail = rest.substr(second + 1);
      const auto third = tail.find('.');
      if (third == std::string::npos) return b;
      spread_bind(in_scope(Scope::spread_route, tail.substr(third + 1)), tail.substr(0, third));
    } else {
      spread_bind(in_scope(Scope::spread_win, first), rest.substr(second + 1));
    }
  } else if (head == "routes") {
    const auto second = rest.find('.');
    if (second == std::string::npos) return b;
    const std::string route = rest.substr(0, second), field = rest.substr(second + 1);
    const int r = route_of(route);
    if (r < 0) {
      // A path of some kind's route: name the problem, not "unknown column".
      for (RouteKind k : {RouteKind::network, RouteKind::ship, RouteKind::appliance,
                          RouteKind::hybrid})
        if (route_column(k, field)) {
          b.column = route_column(k, field);
          b.error = "no route named " + quote_text(route, 64) +
                    " is compared (the routes: " + compared() + "; [plan] routes picks them)";
          return b;
        }
      return b;
    }
    b.column = route_column(kinds[static_cast<std::size_t>(r)], field);
    b.route = r;
    // A hybrid's legs: routes.mix.network.X and routes.mix.ship.X, as a network or ship route's X.
    if (!b.column && kinds[static_cast<std::size_t>(r)] == RouteKind::hybrid) {
      for (const auto& [leg, prefix, scope] :
           {std::tuple{Leg::network, std::string("network."), Scope::network},
            std::tuple{Leg::ship, std::string("ship."), Scope::ship}})
        if (field.rfind(prefix, 0) == 0)
          if (const ResultColumn* c = in_scope(scope, field.substr(prefix.size()))) {
            b.column = c;
            b.leg = leg;
            return b;
          }
    }
    if (!b.column) {
      for (RouteKind k : {RouteKind::network, RouteKind::ship, RouteKind::appliance,
                          RouteKind::hybrid})
        if (const ResultColumn* c = route_column(k, field)) {
          b.column = c;
          const RouteKind mine = kinds[static_cast<std::size_t>(r)];
          b.error = "not a result of " + a_kind(mine) + " route (" + route + "); it is one of " +
                    a_kind(k) + " route";
          return b;
        }
    }
  }
  return b;
}

std::vector<std::string> result_paths(const std::vector<std::string>& names,
                                      const std::vector<RouteKind>& kinds) {
  std::vector<std::string> out;
  for (const auto& c : result_columns()) {
    switch (c.scope) {
      case Scope::compute:
        out.push_back("compute." + c.name);
        break;
      case Scope::winner:
        out.push_back("winner." + c.name);
        break;
      case Scope::breakeven:
        out.push_back("breakeven." + c.name);
        break;
      case Scope::network:
        out.push_back("network." + c.name);
        break;
      case Scope::ship:
        out.push_back("ship." + c.name);
        break;
      case Scope::plan:
        out.push_back("plan.network." + c.name);
        out.push_back("plan.ship." + c.name);
        break;
      case Scope::spread:
        out.push_back("uncertainty." + c.name);
        break;
      default:
        break;
    }
  }
  for (std::size_t r = 0; r < names.size(); ++r)
    for (const auto& c : result_columns()) {
      const bool mine = c.scope == scope_of(kinds[r]) || c.scope == Scope::route;
      if (mine) out.push_back("routes." + names[r] + "." + c.name);
      if (c.scope == Scope::plan) out.push_back("routes." + names[r] + ".plan." + c.name);
      if (kinds[r] == RouteKind::hybrid && c.scope == Scope::network)
        out.push_back("routes." + names[r] + ".network." + c.name);
      if (kinds[r] == RouteKind::hybrid && c.scope == Scope::ship)
        out.push_back("routes." + names[r] + ".ship." + c.name);
      if (c.scope == Scope::spread_route)
        out.push_back("uncertainty.routes." + names[r] + "." + c.name);
      if (c.scope == Scope::spread_win) out.push_back("uncertainty." + c.name + "." + names[r]);
    }
  return out;
}

std::string show_human(Show show, double v, units::ByteStyle bytes, const char* const* names) {
  if (std::isnan(v)) return "-";
  switch (show) {
    case Show::duration:
      return units::format_duration(v);
    case Show::rate:
      return units::format_rate(v);
    case Show::throughput:
      return units::format_throughput(v, bytes);
    case Show::money:
      return units::format_money(v);
    case Show::size:
      return units::format_size(v, bytes);
    case Show::count:
      return units::format_count(v);
    case Show::fraction:
      return units::format_fraction(v);
    case Show::flop:
      return units::format_flop(v);
    case Show::flop_rate:
      return units::format_flop_rate(v);
    case Show::mass:
      return units::format_mass(v);
    case Show::price_per_byte:
      return units::format_money(v * 1e9) + "/GB";
    case Show::price_per_second:
      return units::format_money(v * 3600) + "/h";
    case Show::code:
      return names ? names[static_cast<int>(v)] : units::format_number(v);
    default:
      return units::format_number(v);
  }
}

}  // namespace haul
