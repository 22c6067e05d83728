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

// What would let a window- or loss-bound network arrive by ship_s: the fewest streams, solved on
// the model at 1 Pbps (top), where the link never binds, and for a window-bound one also the
// smallest window (whole MiB) with the streams it has. Each is then tried on the scenario's own
// link (here): "on this link" when it arrives first there too, "on a faster link" when the link
// caps the rate short of it.
std::string what_would_help(const DataParams<double>& data, const NetworkParams<double>& here,
                            const NetworkParams<double>& top, double ship_s, bool window_bound) {
  using units::ByteStyle;
  auto on_link = [&](NetworkParams<double> net) {
    net.bandwidth_bps = here.bandwidth_bps;
    return network_model(data, net).time_s <= ship_s ? "on this link" : "on a faster link";
  };
  const std::string most = units::format_count(std::max(kMostStreamsSolved, top.streams));
  const std::string largest = units::format_size(kLargestWindowBytes, ByteStyle::iec);
  const std::optional<double> streams = streams_to_arrive_by(data, top, ship_s);
  std::string streams_text, streams_link;
  if (streams) {
    streams_text =
        units::format_count(*streams) + " streams (now " + units::format_count(top.streams) + ")";
    NetworkParams<double> more = top;
    more.streams = *streams;
    streams_link = on_link(more);
  }
  const std::string first = " would let it arrive first ";
  if (!window_bound)
    return streams ? streams_text + first + streams_link
                   : "even " + most + " streams would not let it arrive first";
  const std::optional<double> window = window_to_arrive_by(data, top, ship_s);
  std::string window_text, window_link;
  if (window) {
    window_text = "a " + units::format_size(*window, ByteStyle::iec) + " window (now " +
                  units::format_size(top.window_bytes, ByteStyle::iec) + ")";
    NetworkParams<double> wider = top;
    wider.window_bytes = *window;
    window_link = on_link(wider);
  }
  if (streams && window) {
    if (streams_link == window_link)
      return streams_text + " or " + window_text + first + streams_link;
    return streams_text + " " + streams_link + ", or " + window_text + " " + window_link + "," +
           first.substr(0, first.size() - 1);
  }
  if (streams)
    return streams_text + first + streams_link + "; no window up to " + largest + " would alone";
  if (window) return window_text + first + window_link + "; even " + most + " streams would not";
  return "neither " + most + " streams nor a " + largest + " window would let it arrive first";
}

}  // namespace

// Network first at the bandwidth solved for, the models' answer: the solve below, then a
// bisection within +-1e-10 of it; or, where the solve misses, the bisection over all bandwidths.
Breakeven breakeven_bandwidth(const Inputs<double>& in, bool with_help) {
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
  NetworkParams<double> top_net = in.network;
  top_net.bandwidth_bps = kHighBps;
  const NetworkResult<double> top = network_model(in.data, top_net);
  if (!(top.time_s <= ship_s)) {
    const std::string cap = units::format_rate(8.0 * top.rate_Bps);
    if (top.limit == static_cast<int>(Limit::window)) {
      return {std::nullopt,
              "the TCP window caps the network at " + cap + " at any bandwidth" +
                  (with_help ? "; " + what_would_help(in.data, in.network, top_net, ship_s, true)
                             : "")};
    }
    if (top.limit == static_cast<int>(Limit::loss)) {
      return {std::nullopt,
              "packet loss caps the network at " + cap + " at any bandwidth" +
                  (with_help ? "; " + what_would_help(in.data, in.network, top_net, ship_s, false)
                             : "")};
    }
    return {std::nullopt, "the drives arrive first even at 1 Pbps"};
  }
  // Solve: the time is fixed (handshake, per-file) + bytes / rate + slow start(rate), and slow
  // start grows only as the log of the rate, so rate = bytes / (ship - fixed - slow start(rate))
  // converges from below in a few rounds. Below the streams' cap the rate is the link's share of
  // the bandwidth (times BBR's factor), linear in it; the crossing is below the cap, since at
  // 1 Pbps the network is first.
  const NetworkParams<double>& net = in.network;
  const double fixed_s = top.handshake_s + top.per_file_s;
  double rate = top.bytes / (ship_s - fixed_s);
  for (int i = 0; i < 50 && rate > 0; ++i) {
    const double next = top.bytes / (ship_s - fixed_s -
                                     slow_start_s(top.bytes / net.streams, rate / net.streams,
                                                  net.rtt_s, net.mtu_bytes));
    const bool settled = std::abs(next - rate) <= 1e-15 * next;
    rate = next;
    if (settled) break;
  }
  const double streams_Bps = net.streams * std::min(top.window_Bps, top.loss_Bps);
  const double factor = top.rate_Bps / std::min(top.link_Bps, streams_Bps);
  const double bps = rate / factor / (top.link_Bps / kHighBps);
  if (std::isfinite(bps) && bps > kLowBps && bps < kHighBps) {
    const double below = bps * (1 - 1e-10), above = bps * (1 + 1e-10);
    if (!network_first(below) && network_first(above))
      return {log_bisect(below, above, network_first), ""};
  }
  return {log_bisect(kLowBps, kHighBps, network_first), ""};
}

namespace {

// The scan, as it was before the solve below: 50 sizes a decade, then a bisection inside the first
// step at which the drives win. It stays as the fallback for rows the solve does not cover.
Breakeven breakeven_size_scan(const Inputs<double>& in) {
  ShipParams<double> ship = in.ship;
  ship.drives = 0;
  auto ship_first = [&](double bytes) {
    DataParams<double> data = in.data;
    data.size_bytes = bytes;
    return ship_model(data, ship).time_s < network_model(data, in.network).time_s;
  };
  if (ship_first(kLowBytes)) return {std::nullopt, "the drives arrive first even for 1 MB"};
  double previous = kLowBytes;
  const int steps = static_cast<int>(std::lround(50 * std::log10(kHighBytes / kLowBytes)));
  for (int i = 1; i <= steps; ++i) {
    const double bytes = kLowBytes * std::pow(10.0, i / 50.0);
    if (ship_first(bytes)) return {log_bisect(previous, bytes, ship_first), ""};
    previous = bytes;
  }
  return {std::nullopt, "the network arrives first at every size up to 1 EB"};
}

// The network's time as a function of the data size s, all else fixed (the network model with its
// rate, which does not depend on the size): t(s) = handshake + per-file + bytes / rate + slow
// start. Slow start makes it rtt * log2(bytes ln 2 / (streams iw) + 1) plus a constant while the
// ramp lasts and affine after, with the same slope where they meet, so t is concave in s.
struct NetworkCurve {
  DataParams<double> data;
  NetworkParams<double> net;
  double rate_Bps = 0, iw = 0, ramp_size = 0;

  double time_s(double size) const {
    const double bytes = size / data.compression;
    const double transfer =
        bytes / rate_Bps +
        slow_start_s(bytes / net.streams, rate_Bps / net.streams, net.rtt_s, net.mtu_bytes);
    return net.rtt_s + transfer + data.files * net.per_file_rtts * net.rtt_s / net.streams;
  }
  double slope(double size) const {  // dt/ds
    if (size <= ramp_size)
      return net.rtt_s / (data.compression * net.streams * iw + size * std::log(2.0));
    return 1.0 / (data.compression * rate_Bps);
  }
};

// The first size in [lo, hi] at which tau + k * s < t(s) (t concave, so where it holds is one
// interval), from the left to about 1e-14; NaN when there is none. Newton's steps from the left
// stay left of the root on a concave, rising difference.
double first_below(const NetworkCurve& c, double tau, double k, double lo, double hi) {
  auto gap = [&](double s) { return c.time_s(s) - (tau + k * s); };
  if (gap(lo) > 0) return lo;
  double peak = hi;  // where the gap is largest
  if (k > 1.0 / (c.data.compression * c.rate_Bps)) {
    peak = (c.net.rtt_s / k - c.data.compression * c.net.streams * c.iw) / std::log(2.0);
    if (!(peak > lo)) return std::nan("");
    peak = std::min(peak, hi);
  }
  if (!(gap(peak) > 0)) return std::nan("");
  double a = lo;
  for (int i = 0; i < 100; ++i) {
    const double rise = c.slope(a) - k;
    if (!(rise > 0)) break;
    double x = a - gap(a) / rise;
    if (!(x > a)) break;
    if (x >= peak || gap(x) > 0) return std::min(x, peak);
    const bool small = x - a <= 1e-14 * x;
    a = x;
    if (small) break;
  }
  return a;
}

}  // namespace

// The size from which the drives arrive first, solved step by step instead of scanned. With the
// drive count auto, ship time is affine in the size between the sizes where the data drives change
// (capacity * compression apart): tau + k * s, tau the trips' transit. The network's time is
// concave in the size (NetworkCurve), so in each step the drives win on one interval, found by
// Newton. Steps are skipped in bulk with a bound that holds for all larger sizes: tau never falls
// (trips only grow) and k is at least the layout's stored bytes over the fastest rate the hosts
// allow (every wave of n drives moves at most min(slots * rate, limit)). The crossing found is then
// bisected on the models themselves, inside +-1e-10 of it, as the scan did inside its step.
//
// The scan could miss a window narrower than its grid (10^(1/50), 4.7 %) where the drives win and
// then report a later crossing or none; the solve finds the first. Example: tests/plan/
// breakeven_test.cpp, "breakeven size: the first window, where the scan stepped over it".
Breakeven breakeven_size(const Inputs<double>& in) {
  ShipParams<double> ship = in.ship;
  ship.drives = 0;  // auto: the drive count follows the data
  auto ship_first = [&](double bytes) {
    DataParams<double> data = in.data;
    data.size_bytes = bytes;
    return ship_model(data, ship).time_s < network_model(data, in.network).time_s;
  };
  if (ship_first(kLowBytes)) return {std::nullopt, "the drives arrive first even for 1 MB"};

  const double c = in.data.compression, cap = ship.capacity_bytes;
  const double factor = redundancy_factor(ship);
  const double k_floor =
      (factor / std::min(ship.copy_slots * ship.write_Bps, ship.copy_limit_Bps) +
       ship.verify * factor / std::min(ship.copy_slots * ship.read_Bps, ship.copy_limit_Bps) +
       1.0 / std::min(ship.ingest_slots * ship.read_Bps, ship.ingest_limit_Bps)) /
      c * (1.0 - 1e-9);
  NetworkCurve curve{in.data, in.network};
  DataParams<double> at_low = in.data;
  at_low.size_bytes = kLowBytes;
  curve.rate_Bps = network_model(at_low, in.network).rate_Bps;
  curve.iw = kInitialWindowSegments * (in.network.mtu_bytes - 40.0);
  const double w = std::max(curve.rate_Bps / in.network.streams * in.network.rtt_s, curve.iw);
  curve.ramp_size = (w - curve.iw) / std::log(2.0) * in.network.streams * c;
  const bool solvable = std::isfinite(k_floor) && k_floor > 0 && c > 0 && cap > 0 &&
                        ship.transit_s >= 0 && ship.verify >= 0 && std::isfinite(curve.rate_Bps) &&
                        curve.rate_Bps > 0 && std::isfinite(curve.ramp_size) &&
                        std::isfinite(in.network.rtt_s) && in.network.rtt_s >= 0;
  if (!solvable) return breakeven_size_scan(in);

  const double step_size = cap * c;
  DataParams<double> data = in.data;
  double lo = kLowBytes;
  double step = std::ceil(lo / step_size);
  // A bound is almost always tight within a few steps; a row that walks this many is left to the
  // scan.
  for (int i = 0; i < 100000; ++i) {
    if (lo > kHighBytes)
      return {std::nullopt, "the network arrives first at every size up to 1 EB"};
    data.size_bytes = (step - 0.5) * step_size;
    const ShipResult<double> s = ship_model(data, ship);
    const double tau = s.transit_s, k = (s.time_s - tau) / data.size_bytes;
    if (!std::isfinite(tau) || !std::isfinite(k) || !(k >= k_floor)) return breakeven_size_scan(in);
    const double first = first_below(curve, tau, k_floor, lo, kHighBytes);
    if (std::isnan(first))  // not even the bound falls below the network from here on
      return {std::nullopt, "the network arrives first at every size up to 1 EB"};
    const double hi = std::min(step * step_size, kHighBytes);
    if (first > hi) {
      step = std::max(step + 1, std::ceil(first * (1 - 1e-9) / step_size));
      lo = (step - 1) * step_size;
      continue;
    }
    const double x = first_below(curve, tau, k, lo, hi);
    if (!std::isnan(x)) {
      const double below = x * (1 - 1e-10), above = x * (1 + 1e-10);
      if (ship_first(below) || !ship_first(above)) return breakeven_size_scan(in);
      return {log_bisect(below, above, ship_first), ""};
    }
    step += 1;
    lo = hi;
  }
  return breakeven_size_scan(in);
}

}  // namespace haul
