// A hybrid route (MODEL.md section 10, kind "hybrid"): part of the data over the network while the
// rest travels on drives. `split` is the share of the bytes sent over the network; the data is
// there when both legs are: arrival = max(network(split * bytes), ship((1 - split) * bytes)). Costs
// add; a leg with no bytes takes no time and costs nothing, so split 1 is the network route and 0
// the ship route. Templated on the number type like the other models.
#pragma once

#include "../model/network.hpp"
#include "../model/ship.hpp"

namespace haul {

template <class T>
struct HybridResult {
  T split;                   // share of the bytes over the network, [0, 1]
  NetworkResult<T> network;  // the network leg (its time 0 and cost 0 when split = 0)
  ShipResult<T> ship;        // the ship leg (its time 0 and cost 0 when split = 1)
  T network_s;
  T ship_s;
  T time_s;  // max of the legs
  T cost_usd;
};

// A share of the data: its bytes and its files (a leg pays the per-file round trips of the files it
// carries), compressed alike.
template <class T>
DataParams<T> share_of(const DataParams<T>& data, const T& share) {
  return {T(data.size_bytes * share), T(data.files * share), data.compression};
}

template <class T>
HybridResult<T> hybrid_model(const DataParams<T>& data, const NetworkParams<T>& net,
                             const ShipParams<T>& ship, const T& split) {
  HybridResult<T> r;
  r.split = split;
  const T zero = num::constant(0.0, data.size_bytes);
  // Each leg carries its share of the bytes; the network leg its share of the files (per-file
  // round trips are paid by the files it sends).
  const DataParams<T> over_network = share_of(data, split);
  const DataParams<T> on_drives = share_of(data, T(1.0 - split));
  r.network = network_model(over_network, net);
  r.ship = ship_model(on_drives, ship);
  const auto network_used = num::gt(split, 0.0);
  const auto ship_used = num::lt(split, 1.0);
  r.network_s = num::select(network_used, r.network.time_s, zero);
  r.ship_s = num::select(ship_used, r.ship.time_s, zero);
  r.time_s = num::max(r.network_s, r.ship_s);
  r.cost_usd = num::select(network_used, r.network.cost_usd, zero) +
               num::select(ship_used, r.ship.cost_usd, zero);
  return r;
}

// split = "auto": the share that minimises the arrival (ties to the smaller share). The network
// leg's time rises with its share; the ship leg's is a sawtooth in its bytes (it falls as bytes
// leave it and jumps up where a drive, a wave or a trip is saved), so the search splits [0, 1] at
// the ship leg's steps and takes, in each piece, the crossing of the legs (bisection) or the end
// where one leg is last throughout, skipping pieces that cannot beat the best so far; both pure
// routes are checked too (and a grid of 2,047 shares when the steps are too many to search).
double best_split(const DataParams<double>& data, const NetworkParams<double>& net,
                  const ShipParams<double>& ship);

}  // namespace haul
