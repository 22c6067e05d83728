#include "plan/plan.hpp"

#include <cmath>

#include "input/units.hpp"
#include "model/fields.hpp"

namespace haul {

template Plan<double> plan_model(const Inputs<double>&, const PlanParts&, const EventSource*);
template Plan<num::Array> plan_model(const Inputs<num::Array>&, const PlanParts&,
                                     const EventSource*);

num::Array auto_splits(const DataParams<num::Array>& data, const NetworkParams<num::Array>& net,
                       const ShipParams<num::Array>& ship, const num::Array& split) {
  num::Array out = split;
  for (Eigen::Index k = 0; k < split.size(); ++k) {
    if (split[k] >= 0) continue;
    DataParams<double> d;
    NetworkParams<double> n;
    ShipParams<double> s;
#define HAUL_ROW_OF(section, member) section##_row.member = section.member[k];
    auto& data_row = d;
    auto& net_row = n;
    auto& ship_row = s;
    HAUL_DATA_FIELDS(HAUL_ROW_OF)
    HAUL_SHIP_FIELDS(HAUL_ROW_OF)
#undef HAUL_ROW_OF
#define HAUL_NET_ROW_OF(section, member) net_row.member = net.member[k];
    HAUL_NETWORK_FIELDS(HAUL_NET_ROW_OF)
#undef HAUL_NET_ROW_OF
    out[k] = best_split(d, n, s);
  }
  return out;
}

namespace {

constexpr double kLowBps = 1e3;      // 1 kbps
constexpr double kHighBps = 1e15;    // 1 Pbps
constexpr double kLowBytes = 1e6;    // 1 MB
constexpr double kHighBytes = 1e18;  // 1 EB

// Bisection on a log scale between lo (where pred is false) and hi (where it is true).
template <class Pred>
double log_bisect(double lo, double hi, Pred pred) {
  for (int i = 0; i < 200 && hi / lo > 1.0 + 1e-12; ++i) {
    const double mid = std::sqrt(lo * hi);
    (pred(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

Breakeven breakeven_bandwidth(const Inputs<double>& in) {
  if (in.network.measured_rate_bps > 0)
    return {std::nullopt, "network.measured_rate fixes the network's rate, whatever the bandwidth"};
  const double ship_s = ship_model(in.data, in.ship).time_s;
  auto network_at = [&](double bps) {
    NetworkParams<double> net = in.network;
    net.bandwidth_bps = bps;
    return network_model(in.data, net);
  };
  auto network_first = [&](double bps) { return network_at(bps).time_s <= ship_s; };
  if (network_first(kLowBps)) {
    return {std::nullopt, "the network arrives first even at 1 kbps"};
  }
  if (!network_first(kHighBps)) {
    const NetworkResult<double> top = network_at(kHighBps);
    const std::string cap = units::format_rate(8.0 * top.rate_Bps);
    if (top.limit == static_cast<int>(Limit::window)) {
      return {std::nullopt, "the TCP window caps the network at " + cap +
                                " at any bandwidth; more streams or a larger window would help"};
    }
    if (top.limit == static_cast<int>(Limit::loss)) {
      return {std::nullopt, "packet loss caps the network at " + cap +
                                " at any bandwidth; more streams would help"};
    }
    return {std::nullopt, "the drives arrive first even at 1 Pbps"};
  }
  return {log_bisect(kLowBps, kHighBps, network_first), ""};
}

Breakeven breakeven_size(const Inputs<double>& in) {
  ShipParams<double> ship = in.ship;
  ship.drives = 0;  // auto: the drive count follows the data
  auto ship_first = [&](double bytes) {
    DataParams<double> data = in.data;
    data.size_bytes = bytes;
    return ship_model(data, ship).time_s < network_model(data, in.network).time_s;
  };
  if (ship_first(kLowBytes)) return {std::nullopt, "the drives arrive first even for 1 MB"};
  // Ship time is a staircase (new waves and trips), so scan up the sizes for the first one at which
  // the drives win, then bisect inside that step: 50 points a decade.
  double previous = kLowBytes;
  const int steps = static_cast<int>(std::lround(50 * std::log10(kHighBytes / kLowBytes)));
  for (int i = 1; i <= steps; ++i) {
    const double bytes = kLowBytes * std::pow(10.0, i / 50.0);
    if (ship_first(bytes)) return {log_bisect(previous, bytes, ship_first), ""};
    previous = bytes;
  }
  return {std::nullopt, "the network arrives first at every size up to 1 EB"};
}

}  // namespace haul
