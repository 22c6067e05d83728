#include "run/columns.hpp"

#include <cmath>

namespace haul {

namespace {

using A = num::Array;
using P = Plan<A>;

constexpr const char* kWinnerNames[] = {"network", "ship"};
constexpr const char* kFitNames[] = {"false", "true"};

}  // namespace

const std::vector<ResultColumn>& result_columns() {
  static const std::vector<ResultColumn> columns = {
      {"network.time_s", kNetwork, Show::duration, nullptr,
       [](const P& p) -> A { return p.network.time_s; }},
      {"network.rate_bps", kNetwork, Show::rate, nullptr,
       [](const P& p) -> A { return 8.0 * p.network.rate_Bps; }},
      {"network.limit", kNetwork, Show::code, kLimitNames,
       [](const P& p) -> A { return p.network.limit; }},
      {"network.cost_usd", kNetwork, Show::money, nullptr,
       [](const P& p) -> A { return p.network.cost_usd; }},
      {"network.phases.handshake_s", kNetwork, Show::duration, nullptr,
       [](const P& p) -> A { return p.network.handshake_s; }},
      {"network.phases.transfer_s", kNetwork, Show::duration, nullptr,
       [](const P& p) -> A { return p.network.transfer_s; }},
      {"network.slow_start_s", kNetwork, Show::duration, nullptr,
       [](const P& p) -> A { return p.network.slow_start_s; }},
      {"network.phases.per_file_s", kNetwork, Show::duration, nullptr,
       [](const P& p) -> A { return p.network.per_file_s; }},
      {"network.costs.egress_usd", kNetwork, Show::money, nullptr,
       [](const P& p) -> A { return p.network.egress_usd; }},
      {"network.costs.lease_usd", kNetwork, Show::money, nullptr,
       [](const P& p) -> A { return p.network.lease_usd; }},
      {"network.costs.fixed_usd", kNetwork, Show::money, nullptr,
       [](const P& p) -> A { return p.network.fixed_usd; }},
      {"ship.time_s", kShip, Show::duration, nullptr,
       [](const P& p) -> A { return p.ship.time_s; }},
      {"ship.rate_bps", kShip, Show::rate, nullptr,
       [](const P& p) -> A { return p.ship.rate_bps; }},
      {"ship.cost_usd", kShip, Show::money, nullptr,
       [](const P& p) -> A { return p.ship.cost_usd; }},
      {"ship.drives", kShip, Show::count, nullptr, [](const P& p) -> A { return p.ship.drives; }},
      {"ship.trips", kShip, Show::count, nullptr, [](const P& p) -> A { return p.ship.trips; }},
      {"ship.p_data_loss", kShip, Show::fraction, nullptr,
       [](const P& p) -> A { return p.ship.p_data_loss; }},
      {"ship.phases.write_s", kShip, Show::duration, nullptr,
       [](const P& p) -> A { return p.ship.write_s; }},
      {"ship.phases.verify_s", kShip, Show::duration, nullptr,
       [](const P& p) -> A { return p.ship.verify_s; }},
      {"ship.phases.transit_s", kShip, Show::duration, nullptr,
       [](const P& p) -> A { return p.ship.transit_s; }},
      {"ship.phases.ingest_s", kShip, Show::duration, nullptr,
       [](const P& p) -> A { return p.ship.ingest_s; }},
      {"ship.costs.drives_usd", kShip, Show::money, nullptr,
       [](const P& p) -> A { return p.ship.drives_usd; }},
      {"ship.costs.travel_usd", kShip, Show::money, nullptr,
       [](const P& p) -> A { return p.ship.travel_usd; }},
      {"ship.costs.shipping_usd", kShip, Show::money, nullptr,
       [](const P& p) -> A { return p.ship.shipping_usd; }},
      {"compute.flops", kCompute, Show::flop, nullptr,
       [](const P& p) -> A { return p.compute.flops; }},
      {"compute.train_time_s", kCompute, Show::duration, nullptr,
       [](const P& p) -> A { return p.compute.train_time_s; }},
      {"compute.gpu_hours", kCompute, Show::number, nullptr,
       [](const P& p) -> A { return p.compute.gpu_hours; }},
      {"compute.cost_usd", kCompute, Show::money, nullptr,
       [](const P& p) -> A { return p.compute.cost_usd; }},
      {"compute.weights_bytes", kCompute, Show::size, nullptr,
       [](const P& p) -> A { return p.compute.weights_bytes; }},
      {"compute.flops_6n", kCompute, Show::flop, nullptr,
       [](const P& p) -> A { return p.compute.flops_6n; }, nullptr, Show::number, false, true},
      {"compute.tokens", kCompute, Show::number, nullptr,
       [](const P& p) -> A { return p.compute.tokens; }, nullptr, Show::number, false, true},
      {"compute.memory_per_gpu_bytes", kCompute, Show::size, nullptr,
       [](const P& p) -> A { return p.compute.memory_per_gpu_bytes; }, nullptr, Show::number, false,
       true},
      {"compute.memory_bytes", kCompute, Show::size, nullptr,
       [](const P& p) -> A { return p.compute.memory_bytes; }},
      {"compute.fits", kCompute, Show::code, kFitNames,
       [](const P& p) -> A { return p.compute.fits; }, nullptr, Show::number, false, true},
      {"compute.min_gpus", kCompute, Show::count, nullptr,
       [](const P& p) -> A { return p.compute.min_gpus; }, nullptr, Show::number, false, true},
      {"compute.goodput", kCompute, Show::number, nullptr,
       [](const P& p) -> A { return p.compute.goodput; }},
      {"compute.checkpoint_interval_s", kCompute, Show::duration, nullptr,
       [](const P& p) -> A { return p.compute.checkpoint_interval_s; }, nullptr, Show::number,
       false, true},
      {"compute.interruptions", kCompute, Show::number, nullptr,
       [](const P& p) -> A { return p.compute.interruptions; }, nullptr, Show::number, false, true},
      {"plan.network.arrival_s", kRoutes, Show::duration, nullptr,
       [](const P& p) -> A { return p.via_network.arrival_s; }},
      {"plan.network.weights_back_s", kRoutes, Show::duration, nullptr,
       [](const P& p) -> A { return p.via_network.weights_back_s; }},
      {"plan.network.idle_usd", kRoutes, Show::money, nullptr,
       [](const P& p) -> A { return p.via_network.idle_usd; }},
      {"plan.network.time_to_model_s", kRoutes, Show::duration, nullptr,
       [](const P& p) -> A { return p.via_network.time_to_model_s; }},
      {"plan.network.total_cost_usd", kRoutes, Show::money, nullptr,
       [](const P& p) -> A { return p.via_network.total_cost_usd; }},
      {"plan.ship.arrival_s", kRoutes, Show::duration, nullptr,
       [](const P& p) -> A { return p.via_ship.arrival_s; }},
      {"plan.ship.weights_back_s", kRoutes, Show::duration, nullptr,
       [](const P& p) -> A { return p.via_ship.weights_back_s; }},
      {"plan.ship.idle_usd", kRoutes, Show::money, nullptr,
       [](const P& p) -> A { return p.via_ship.idle_usd; }},
      {"plan.ship.time_to_model_s", kRoutes, Show::duration, nullptr,
       [](const P& p) -> A { return p.via_ship.time_to_model_s; }},
      {"plan.ship.total_cost_usd", kRoutes, Show::money, nullptr,
       [](const P& p) -> A { return p.via_ship.total_cost_usd; }},
      {"winner.time", kRoutes, Show::code, kWinnerNames,
       [](const P& p) -> A { return p.ship_wins_time; },
       [](const P& p) -> A {
         return (p.via_network.time_to_model_s - p.via_ship.time_to_model_s).abs();
       },
       Show::duration},
      {"winner.cost", kRoutes, Show::code, kWinnerNames,
       [](const P& p) -> A { return p.ship_wins_cost; },
       [](const P& p) -> A {
         return (p.via_network.total_cost_usd - p.via_ship.total_cost_usd).abs();
       },
       Show::money},
      {"winner.time_margin_s", kRoutes, Show::duration, nullptr,
       [](const P& p)
           -> A { return (p.via_network.time_to_model_s - p.via_ship.time_to_model_s).abs(); }},
      {"winner.cost_margin_usd", kRoutes, Show::money, nullptr,
       [](const P& p)
           -> A { return (p.via_network.total_cost_usd - p.via_ship.total_cost_usd).abs(); }},
      {"breakeven.bandwidth_bps", kNetwork | kShip, Show::rate, nullptr, nullptr, nullptr,
       Show::number, true},
      {"breakeven.size_bytes", kNetwork | kShip, Show::size, nullptr, nullptr, nullptr,
       Show::number, true},
  };
  return columns;
}

const ResultColumn* find_result(const std::string& name) {
  for (const auto& c : result_columns())
    if (c.name == name) return &c;
  return nullptr;
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
