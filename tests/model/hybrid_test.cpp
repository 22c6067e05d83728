// The hybrid route (MODEL.md section 10): a closed-form crossing by hand, the pure routes at the
// ends, and the property that split = "auto" is never slower than either pure route or than any
// split on a fine grid, over random scenarios.
#include "model/hybrid.hpp"

#include <doctest/doctest.h>

#include <random>

#include "input/fields.hpp"
#include "support.hpp"

using haul::best_split;
using haul::DataParams;
using haul::hybrid_model;
using haul::HybridResult;
using haul::NetworkParams;
using haul::ShipParams;

using haul::test::data_of;

namespace {

// An ideal 1 Gbps link: 1.25e8 B/s, no rtt, no loss, no framing.
NetworkParams<double> ideal_gbps() {
  NetworkParams<double> n;
  n.bandwidth_bps = 1e9;
  n.utilization = 1;
  n.efficiency = 1;
  n.rtt_s = 0;
  n.loss = 0;
  return n;
}

}  // namespace

TEST_CASE("hybrid: the legs cross where network and drives arrive together (by hand)") {
  // 80 TB. Network: s x 8e13 / 1.25e8 = 640,000 s. Ship: 4 given drives of 24 TB (the defaults:
  // 270 MB/s, 8 slots, 4 GB/s), one wave each way: write, verify and ingest each
  // (1 - s) x 8e13 / 4 / 2.7e8 = (1 - s) x 74,074.07 s, plus 86,400 s of transit:
  // S = 86,400 + (1 - s) x 222,222.2. They cross at 640,000 s = 86,400 + 222,222.2 (1 - s):
  // s = 308,622.2 / 862,222.2 = 0.357938, arrival 640,000 x 0.357938 = 229,080.4 s.
  ShipParams<double> ship;
  ship.drives = 4;
  const DataParams<double> data = data_of(80e12);
  const double s = best_split(data, ideal_gbps(), ship);
  CHECK(s == doctest::Approx(308622.222 / 862222.222).epsilon(1e-6));
  const HybridResult<double> h = hybrid_model(data, ideal_gbps(), ship, s);
  CHECK(h.time_s == doctest::Approx(229080.4).epsilon(1e-6));
  // The pure routes: ship 308,622.2 s, network 640,000 s; the hybrid gains 79,541.8 s on the ship.
  CHECK(hybrid_model(data, ideal_gbps(), ship, 0.0).time_s ==
        doctest::Approx(308622.222).epsilon(1e-9));
  CHECK(hybrid_model(data, ideal_gbps(), ship, 1.0).time_s ==
        doctest::Approx(640000).epsilon(1e-12));
}

TEST_CASE("hybrid: a leg with no bytes takes no time and costs nothing") {
  NetworkParams<double> net = ideal_gbps();
  net.rtt_s = 0.1;  // a handshake the empty leg must not pay
  net.fixed_usd = 500;
  ShipParams<double> ship;
  ship.price_usd = 450;
  const DataParams<double> data = data_of(10e12);
  const HybridResult<double> all_ship = hybrid_model(data, net, ship, 0.0);
  const auto pure_ship = haul::ship_model(data, ship);
  CHECK(all_ship.network_s == 0);
  CHECK(all_ship.time_s == pure_ship.time_s);
  CHECK(all_ship.cost_usd == pure_ship.cost_usd);  // no $500 for a link that carried nothing
  const HybridResult<double> all_network = hybrid_model(data, net, ship, 1.0);
  const auto pure_network = haul::network_model(data, net);
  CHECK(all_network.ship_s == 0);
  CHECK(all_network.time_s == pure_network.time_s);
  CHECK(all_network.cost_usd == pure_network.cost_usd);  // no drives bought for nothing
}

TEST_CASE("hybrid: auto is never slower than a pure route or any split on a fine grid") {
  std::mt19937 rng(20261130u);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto log_uniform = [&](double lo, double hi) { return std::pow(10.0, uniform(lo, hi)); };
  int checked = 0, strictly_better = 0;
  for (int trial = 0; trial < 400; ++trial) {
    DataParams<double> data = data_of(log_uniform(11, 15.5));  // 100 GB .. 3 PB
    data.files = std::floor(log_uniform(0, 6));
    NetworkParams<double> net;
    net.bandwidth_bps = log_uniform(7, 11);
    net.rtt_s = uniform(0, 0.2);
    net.loss = uniform(0, 1) < 0.5 ? 0.0 : log_uniform(-6, -2);
    net.streams = std::floor(uniform(1, 64));
    net.per_file_rtts = uniform(0, 1) < 0.5 ? 0.0 : 1.0;
    ShipParams<double> ship;
    ship.capacity_bytes = std::vector<double>{2e12, 8e12, 24e12}[trial % 3];
    ship.write_Bps = uniform(1e8, 1.5e9);
    ship.read_Bps = uniform(1e8, 1.5e9);
    ship.copy_slots = std::floor(uniform(1, 30));
    ship.ingest_slots = std::floor(uniform(1, 30));
    ship.transit_s = uniform(3600, 5 * 86400);
    ship.couriers = std::floor(uniform(0, 4));
    ship.per_courier = std::floor(uniform(1, 40));
    // Layouts: none, 2 copies, 4+1 erasure sets; a given drive count on some draws.
    const int layout = trial % 5;
    if (layout == 1) {
      ship.redundancy = static_cast<int>(haul::Redundancy::copies);
      ship.copies = 2;
    } else if (layout == 2) {
      ship.redundancy = static_cast<int>(haul::Redundancy::erasure);
      ship.erasure_k = 4;
      ship.erasure_m = 1;
    } else if (layout == 3) {
      ship.drives = haul::drives_needed(data.size_bytes, ship) + std::floor(uniform(0, 10));
    }
    const double s = best_split(data, net, ship);
    const double t = hybrid_model(data, net, ship, s).time_s;
    const double slack = 1 + 1e-12;
    CHECK(t <= hybrid_model(data, net, ship, 0.0).time_s * slack);
    CHECK(t <= hybrid_model(data, net, ship, 1.0).time_s * slack);
    // A grid of 997 shares (prime, so that it shares no point with the search's own grid).
    double grid_best = 1e300;
    for (int i = 0; i <= 997; ++i)
      grid_best = std::min(grid_best, hybrid_model(data, net, ship, i / 997.0).time_s);
    CAPTURE(trial);
    CHECK(t <= grid_best * slack);
    ++checked;
    if (t < std::min(hybrid_model(data, net, ship, 0.0).time_s,
                     hybrid_model(data, net, ship, 1.0).time_s) *
                (1 - 1e-6))
      ++strictly_better;
  }
  CHECK(checked == 400);
  // The test means something: many of the draws gain from splitting.
  CHECK(strictly_better > 30);
}

TEST_CASE("hybrid: the same formulas on a column (Eigen::ArrayXd)") {
  using A = haul::num::Array;
  ShipParams<double> ship;
  ship.drives = 4;
  const DataParams<double> data = data_of(80e12);
  const NetworkParams<double> net = ideal_gbps();
  const A splits = (A(4) << 0.0, 0.25, 0.357938, 1.0).finished();
  // Columns of four rows with the same scenario and four splits.
  haul::Inputs<double> in;
  in.data = data;
  in.network = net;
  in.ship = ship;
  haul::Inputs<A> cols;
  haul::zip_fields(cols, in, [](std::size_t, A& c, const double& v) { c = A::Constant(4, v); });
  const DataParams<A>& d = cols.data;
  const NetworkParams<A>& n = cols.network;
  const ShipParams<A>& sp = cols.ship;
  const HybridResult<A> batch = hybrid_model(d, n, sp, splits);
  for (Eigen::Index i = 0; i < 4; ++i) {
    const HybridResult<double> one = hybrid_model(data, net, ship, splits[i]);
    CHECK(batch.time_s[i] == one.time_s);
    CHECK(batch.cost_usd[i] == one.cost_usd);
    CHECK(batch.network_s[i] == one.network_s);
    CHECK(batch.ship_s[i] == one.ship_s);
  }
}
