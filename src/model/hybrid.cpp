#include "model/hybrid.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace haul {

template HybridResult<double> hybrid_model(const DataParams<double>&, const NetworkParams<double>&,
                                           const ShipParams<double>&, const double&);
template HybridResult<num::Array> hybrid_model(const DataParams<num::Array>&,
                                               const NetworkParams<num::Array>&,
                                               const ShipParams<num::Array>&, const num::Array&);

double best_split(const DataParams<double>& data, const NetworkParams<double>& net,
                  const ShipParams<double>& ship) {
  auto at = [&](double s) { return hybrid_model(data, net, ship, s); };
  double best = 0, best_time = at(0.0).time_s;
  auto consider = [&](double s) {
    if (!(s >= 0 && s <= 1)) return;
    const double t = at(s).time_s;
    if (t < best_time || (t == best_time && s < best)) best = s, best_time = t;
  };
  consider(1.0);
  // Narrows [lo, hi] around where the network leg becomes the last to arrive (it is not at lo,
  // it is at hi).
  auto crossing = [&](double& lo, double& hi) {
    for (int i = 0; i < 100 && hi - lo > 1e-15; ++i) {
      const double mid = 0.5 * (lo + hi);
      const HybridResult<double> h = at(mid);
      (h.network_s >= h.ship_s ? hi : lo) = mid;
    }
  };
  // The ship leg's steps: with drives = auto its drive count (and so its waves and trips) changes
  // where its bytes pass a whole number j of drives, at share s_j = 1 - j * capacity / bytes.
  // Between steps the leg's time falls steadily as the share grows, and the network leg's rises.
  const double bytes = data.size_bytes / data.compression;  // the ship leg's bytes at s = 0
  std::vector<double> edges = {0.0, 1.0};
  if (ship.drives == 0) {
    const double steps = std::floor(bytes / ship.capacity_bytes);
    constexpr double kMostSteps = 20000;  // beyond, the steps nearest the crossing (below)
    double first = 1, last = std::min(steps, kMostSteps);
    if (steps > kMostSteps) {
      // Steps outside the window are not searched one by one: a grid of shares covers them.
      constexpr int kGrid = 2048;
      for (int i = 1; i < kGrid; ++i) consider(static_cast<double>(i) / kGrid);
      // Centre the window on the crossing of the legs (bisection on the whole range).
      double lo = 0, hi = 1;
      crossing(lo, hi);
      const double j = std::floor(bytes * (1 - lo) / ship.capacity_bytes);
      first = std::max(1.0, j - kMostSteps / 2);
      last = std::min(steps, j + kMostSteps / 2);
    }
    for (double j = first; j <= last; ++j) {
      const double s = 1 - j * ship.capacity_bytes / bytes;
      if (s > 0 && s < 1) edges.push_back(s);
    }
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  // In each piece [a, b): the best is where the legs cross, or an end of it when one leg is
  // last throughout. The ship leg's step is at b (its count drops there), so the piece's right
  // end is taken a hair to the left
  for (std::size_t k = 0; k + 1 < edges.size(); ++k) {
    const double a = edges[k];
    // (1e-9 of the piece, and at least 3e-12 of the leg's bytes: the drive count's own 1e-12
    // slack must not see the step yet, or the piece's least ship time would be taken past it.)
    const double edge = edges[k + 1];
    const double b =
        k + 2 == edges.size()
            ? edge
            : std::max(a, edge - std::max((edge - a) * 1e-9, (1 - edge) * 3e-12));
    const HybridResult<double> left = at(a);
    if (left.network_s > best_time) break;  // the network leg only grows from here
    if (left.network_s >= left.ship_s) {
      consider(a);
      continue;
    }
    const HybridResult<double> right = at(b);
    // Nothing in the piece beats the best so far: the network leg is least at a, the ship leg
    // at b.
    if (std::max(left.network_s, right.ship_s) > best_time) continue;
    if (right.network_s <= right.ship_s) {
      consider(b);
      continue;
    }
    double lo = a, hi = b;
    crossing(lo, hi);
    consider(lo);
    consider(hi);
  }
  return best;
}

}  // namespace haul
