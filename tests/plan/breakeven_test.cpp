// The breakevens solved per regime against the scans they replaced: a copy of each scan, as it was,
// is the reference on a few thousand random rows (same reason, same value to the bisection's
// tolerance), and closed-form cases check both against hand arithmetic.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <random>
#include <string>

#include "plan/plan.hpp"

using haul::Breakeven;
using haul::Inputs;

namespace {

// ---- The scans, as they were (src/plan/plan.cpp before "Solve, don't scan") ----
constexpr double kLowBps = 1e3;
constexpr double kHighBps = 1e15;
constexpr double kLowBytes = 1e6;
constexpr double kHighBytes = 1e18;

template <class Pred>
double log_bisect(double lo, double hi, Pred pred) {
  for (int i = 0; i < 200 && hi / lo > 1.0 + 1e-12; ++i) {
    const double mid = std::sqrt(lo * hi);
    (pred(mid) ? hi : lo) = mid;
  }
  return hi;
}

std::optional<double> scan_bandwidth(const Inputs<double>& in) {
  if (in.network.measured_rate_bps > 0) return std::nullopt;
  const double ship_s = haul::ship_model(in.data, in.ship).time_s;
  auto network_first = [&](double bps) {
    haul::NetworkParams<double> net = in.network;
    net.bandwidth_bps = bps;
    return haul::network_model(in.data, net).time_s <= ship_s;
  };
  if (network_first(kLowBps) || !network_first(kHighBps)) return std::nullopt;
  return log_bisect(kLowBps, kHighBps, network_first);
}

bool ship_first_at(const Inputs<double>& in, double bytes) {
  haul::ShipParams<double> ship = in.ship;
  ship.drives = 0;
  haul::DataParams<double> data = in.data;
  data.size_bytes = bytes;
  return haul::ship_model(data, ship).time_s < haul::network_model(data, in.network).time_s;
}

double grid(int i) {
  return kLowBytes * std::pow(10.0, i / 50.0);
}

std::optional<double> scan_size(const Inputs<double>& in) {
  auto ship_first = [&](double bytes) { return ship_first_at(in, bytes); };
  if (ship_first(kLowBytes)) return std::nullopt;
  double previous = kLowBytes;
  for (int i = 1; i <= 600; ++i) {
    const double bytes = grid(i);
    if (ship_first(bytes)) return log_bisect(previous, bytes, ship_first);
    previous = bytes;
  }
  return std::nullopt;
}
// ---- end of the scans ----

double log_uniform(std::mt19937_64& rng, double lo, double hi) {
  return std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng));
}

// A row anywhere in the model's space: links from 10 Mbps to 400 Gbps with or without delay and
// loss, any congestion control, 1 to 256 streams; drives from 100 GB to 30 TB in any layout, by
// couriers or freight.
Inputs<double> random_row(std::mt19937_64& rng) {
  auto coin = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](int n) { return double(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
  Inputs<double> in;
  in.data.size_bytes = log_uniform(rng, 1e9, 1e16);
  in.data.files = coin(0.5) ? 1 : std::round(log_uniform(rng, 1, 1e7));
  in.data.compression = coin(0.7) ? 1 : log_uniform(rng, 1, 3);
  auto& n = in.network;
  n.bandwidth_bps = log_uniform(rng, 1e7, 4e11);
  n.utilization = coin(0.6) ? 1 : log_uniform(rng, 0.2, 1);
  n.efficiency = coin(0.7) ? 0 : log_uniform(rng, 0.5, 1);
  n.mtu_bytes = coin(0.7) ? 1500 : 9000;
  n.rtt_s = coin(0.15) ? 0 : log_uniform(rng, 1e-4, 0.5);
  n.loss = coin(0.3) ? 0 : log_uniform(rng, 1e-8, 1e-2);
  n.streams = std::round(log_uniform(rng, 1, 256));
  n.window_bytes = log_uniform(rng, 65536, 1 << 28);
  n.congestion = pick(3);
  n.per_file_rtts = coin(0.5) ? 0 : log_uniform(rng, 0.1, 3);
  n.measured_rate_bps = coin(0.05) ? log_uniform(rng, 1e7, 1e10) : 0;
  auto& s = in.ship;
  s.capacity_bytes = log_uniform(rng, 1e11, 3e13);
  s.write_Bps = log_uniform(rng, 1e8, 3e9);
  s.read_Bps = log_uniform(rng, 1e8, 3e9);
  s.redundancy = pick(3);
  s.copies = 1 + pick(3);
  s.erasure_k = 1 + pick(10);
  s.erasure_m = pick(5);
  s.verify = pick(2);
  s.copy_slots = 1 + pick(16);
  s.copy_limit_Bps = log_uniform(rng, 5e8, 3e10);
  s.ingest_slots = 1 + pick(16);
  s.ingest_limit_Bps = log_uniform(rng, 5e8, 3e10);
  s.transit_s = log_uniform(rng, 600, 1e6);
  s.couriers = pick(5);
  s.per_courier = coin(0.5) ? 0 : 1 + pick(40);
  s.bag_kg = log_uniform(rng, 5, 40);
  s.weight_kg = log_uniform(rng, 0.05, 1.5);
  s.drives = coin(0.5) ? 0 : 1 + pick(50);
  return in;
}

bool close(double a, double b) {
  return std::abs(a - b) <= 1.0000001e-12 * std::max(a, b);
}

}  // namespace

TEST_CASE("breakeven size equals the scan on random rows, or finds the window the scan missed") {
  std::mt19937_64 rng(14);
  int rows = 0, values = 0, agree = 0, missed = 0, nulls = 0;
  for (int i = 0; i < 4000; ++i) {
    const Inputs<double> in = random_row(rng);
    const std::optional<double> old = scan_size(in);
    const Breakeven now = haul::breakeven_size(in);
    ++rows;
    if (old && now.value && close(*old, *now.value)) {
      ++values;
      ++agree;
      continue;
    }
    if (!old && !now.value) {
      ++nulls;
      continue;
    }
    // Otherwise the solve must have found an earlier crossing that falls between the scan's grid
    // points: the drives win from there, not just below, and at no grid point up to it.
    INFO("row " << i);
    REQUIRE(now.value.has_value());
    const double x = *now.value;
    if (old) CHECK(x < *old);
    CHECK(ship_first_at(in, x));
    CHECK_FALSE(ship_first_at(in, x / (1 + 2e-12)));
    for (int g = 0; g <= 600 && grid(g) <= x; ++g) CHECK_FALSE(ship_first_at(in, grid(g)));
    ++missed;
    ++values;
  }
  MESSAGE("breakeven size: " << rows << " rows, " << values << " with a value (" << agree
                             << " equal to the scan, " << missed << " where the scan missed a "
                             << "narrower window), " << nulls << " without");
  CHECK(agree > rows / 4);
  CHECK(nulls > rows / 20);
  CHECK(missed < rows / 50);
}

TEST_CASE("breakeven size keeps the reasons") {
  std::mt19937_64 rng(41);
  int checked = 0;
  for (int i = 0; i < 1000; ++i) {
    const Inputs<double> in = random_row(rng);
    const std::optional<double> old = scan_size(in);
    const Breakeven now = haul::breakeven_size(in);
    if (old || now.value) continue;
    ++checked;
    if (ship_first_at(in, kLowBytes))
      CHECK(now.reason == "the drives arrive first even for 1 MB");
    else
      CHECK(now.reason == "the network arrives first at every size up to 1 EB");
  }
  CHECK(checked > 50);
}

TEST_CASE("breakeven bandwidth equals the bisection on random rows") {
  std::mt19937_64 rng(1414);
  int rows = 0, values = 0;
  for (int i = 0; i < 4000; ++i) {
    const Inputs<double> in = random_row(rng);
    const std::optional<double> old = scan_bandwidth(in);
    const Breakeven now = haul::breakeven_bandwidth(in);
    ++rows;
    INFO("row " << i);
    REQUIRE(old.has_value() == now.value.has_value());
    if (!old) continue;
    CHECK(close(*old, *now.value));
    ++values;
  }
  MESSAGE("breakeven bandwidth: " << rows << " rows, " << values << " with a value");
  CHECK(values > rows / 4);
}

TEST_CASE("breakeven size, solved by hand across a drive step") {
  // 1 Gbps ideal link (efficiency 1, rtt 0): network 8e-9 s per byte. Default drives (24 TB,
  // 270 MB/s write and read, verify on, 8 slots, 4 GB/s hosts), one courier, 24 h transit.
  // One drive (S <= 24 TB): 3 S / 2.7e8 + 86,400 = 1.111e-8 S + 86,400, slower per byte than the
  // link, so the drives never win there. Two drives: each S / 2 three times,
  // 1.5 S / 2.7e8 + 86,400 = 5.556e-9 S + 86,400. Equal at S = 86,400 / (8e-9 - 5.556e-9)
  // = 86,400 * 9 / 22e-9 = 3.534545454545e13 B, inside (24 TB, 48 TB].
  Inputs<double> in;
  in.network.bandwidth_bps = 1e9;
  in.network.efficiency = 1.0;
  in.network.rtt_s = 0.0;
  const Breakeven b = haul::breakeven_size(in);
  REQUIRE(b.value.has_value());
  CHECK(*b.value == doctest::Approx(3.534545454545e13).epsilon(1e-11));
  CHECK(close(*b.value, *scan_size(in)));

  // At 800 Mbps (1e-8 s per byte) one drive still loses, and two win as soon as the second drive
  // is needed: 5.556e-9 * 24e12 + 86,400 = 219,733 s < 1e-8 * 24e12 = 240,000 s. The breakeven is
  // the step itself, 24 TB.
  in.network.bandwidth_bps = 8e8;
  const Breakeven step = haul::breakeven_size(in);
  REQUIRE(step.value.has_value());
  CHECK(*step.value == doctest::Approx(24e12).epsilon(1e-11));
  CHECK(close(*step.value, *scan_size(in)));
}

TEST_CASE("breakeven size: the first window, where the scan stepped over it") {
  // Freight (one trip), default drives (24 TB, 270 MB/s, verify on, 8 slots at both ends, hosts at
  // 4 GB/s > 8 * 270 MB/s), 24 h, on an ideal 4.34487 Gbps link: network 8 S / 4.34487e9
  // = 1.841252e-9 S. Eight drives make one wave: 3 * (S / 8) / 2.7e8 + 86,400
  // = 1.388889e-9 S + 86,400, below the network from S = 86,400 / 4.52363e-10 = 1.909970e14 B to
  // the eighth drive's end, 192 TB. A ninth drive is a second wave of one drive:
  // 6 * (S / 9) / 2.7e8 = 2.469e-9 S, slower than the link, and the drives win again only from the
  // 15th drive on (1.4815e-9 S + 86,400 < 1.841252e-9 S from 2.40e14 B, within (336, 360] TB).
  // The scan's grid has 1.9055e14 and 1.9953e14 on either side of (1.90997e14, 1.92e14]: it
  // stepped over the first window.
  Inputs<double> in;
  in.network.bandwidth_bps = 4.34487e9;
  in.network.efficiency = 1.0;
  in.network.rtt_s = 0.0;
  in.ship.couriers = 0;
  const Breakeven b = haul::breakeven_size(in);
  REQUIRE(b.value.has_value());
  CHECK(*b.value == doctest::Approx(1.909970e14).epsilon(1e-6));
  const std::optional<double> old = scan_size(in);
  REQUIRE(old.has_value());
  CHECK(*old > 336e12);
  CHECK(*old <= 360e12);
}

TEST_CASE("breakeven size: no win below the solved size on a grid 100 times finer than the scan") {
  // Independent of both: 5,000 sizes a decade from 1 MB to the answer (or 1 EB) on a sample of
  // rows.
  std::mt19937_64 rng(14);
  int checked = 0;
  for (int i = 0; i < 4000; ++i) {
    const Inputs<double> in = random_row(rng);
    if (i % 40 != 0) continue;
    const Breakeven now = haul::breakeven_size(in);
    if (!now.value && ship_first_at(in, kLowBytes)) continue;
    const double end = now.value ? *now.value : kHighBytes;
    INFO("row " << i);
    bool early = false;
    for (int g = 0; g <= 60000; ++g) {
      const double bytes = kLowBytes * std::pow(10.0, g / 5000.0);
      if (bytes >= end / (1 + 2e-12)) break;
      early = early || ship_first_at(in, bytes);
    }
    CHECK_FALSE(early);
    ++checked;
  }
  CHECK(checked > 50);
}

namespace {

// 80 TB in one file; the default ship (4 x hdd-24tb, verify on, one courier, 24 h):
// 3 * (2e13 / 2.7e8) + 86,400 = 308,622.222 s. An ideal link (efficiency 1) at 100 ms whose
// streams bind at any bandwidth.
Inputs<double> stream_bound() {
  Inputs<double> in;
  in.data.size_bytes = 80e12;
  in.network.efficiency = 1.0;
  in.network.rtt_s = 0.1;
  in.network.streams = 1;
  return in;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The network's time at 1 Pbps with `streams` (and `window_bytes` when > 0), all else as in `in`.
double time_at_top(const Inputs<double>& in, double streams, double window_bytes = 0) {
  haul::NetworkParams<double> net = in.network;
  net.bandwidth_bps = kHighBps;
  net.streams = streams;
  if (window_bytes > 0) net.window_bytes = window_bytes;
  return haul::network_model(in.data, net).time_s;
}

}  // namespace

TEST_CASE("breakeven bandwidth: how many streams a loss-bound network needs, solved by hand") {
  // reno at 1e-4 and 100 ms: 1,786,921.34 B/s a stream (PFTK: 1460 / (0.1 / 122.474 +
  // 0.3 * 3 * sqrt(3e-4 / 8) * 1e-4 * (1 + 3.2e-7)) = 1460 / 0.000817048); the window (1e12 B)
  // never binds. Each stream's share (80 TB / N) is far past its ramp, so its slow start is the
  // same for any N: w = 178,692.13 B, ramp (w - 14,600) / ln 2 = 236,734.9 B,
  // ss = 0.1 * log2(w / 14,600) - 236,734.9 / 1,786,921.34 = 0.361348 - 0.132482 = 0.228862 s.
  // In time when 0.1 + 8e13 / (N * 1,786,921.34) + 0.228862 <= 308,622.222:
  // N >= 8e13 / (1,786,921.34 * 308,621.893) = 145.063, so 146.
  Inputs<double> in = stream_bound();
  in.network.window_bytes = 1e12;
  in.network.congestion = static_cast<int>(haul::Congestion::reno);
  in.network.loss = 1e-4;
  const Breakeven b = haul::breakeven_bandwidth(in);
  REQUIRE_FALSE(b.value.has_value());
  CHECK(b.reason ==
        "packet loss caps the network at 14.3 Mbps at any bandwidth; 146 streams (now 1) would "
        "let it arrive first on a faster link");
  // The least: with 146 the network is first (by 1,980 s), with 145 it is not (135 s late). The
  // scenario's own link, 1 Gbps (1.25e8 B/s), takes 640,000 s for 80 TB: a faster link is needed.
  const double ship_s = haul::ship_model(in.data, in.ship).time_s;
  CHECK(time_at_top(in, 146) <= ship_s);
  CHECK(time_at_top(in, 145) > ship_s);
  // Without the help (a sweep's column reads only the value): the cap alone, the same null value.
  const Breakeven brief = haul::breakeven_bandwidth(in, false);
  CHECK_FALSE(brief.value.has_value());
  CHECK(brief.reason == "packet loss caps the network at 14.3 Mbps at any bandwidth");
}

TEST_CASE("breakeven bandwidth: streams or a window for a window-bound network, solved by hand") {
  // 4 MiB / 0.1 s = 41,943,040 B/s a stream, slow start 0.672865 s for any N (streams_test.cpp):
  // N >= 8e13 / (41,943,040 * (308,622.222 - 0.1 - 0.672865)) = 6.180, so 7. With one stream, a
  // window of m MiB runs at m * 10,485,760 B/s: 24 MiB take 317,891.4 s + 0.1 + 0.93 (late),
  // 25 MiB take 305,175.8 s + 0.1 + 0.94 (in time), so 25 MiB.
  const Inputs<double> in = stream_bound();
  const Breakeven b = haul::breakeven_bandwidth(in);
  REQUIRE_FALSE(b.value.has_value());
  CHECK(b.reason ==
        "the TCP window caps the network at 336 Mbps at any bandwidth; 7 streams (now 1) or a "
        "25 MiB window (now 4 MiB) would let it arrive first on a faster link");
  const double ship_s = haul::ship_model(in.data, in.ship).time_s;
  CHECK(time_at_top(in, 7) <= ship_s);
  CHECK(time_at_top(in, 6) > ship_s);
  CHECK(time_at_top(in, 1, 25 * 1048576.0) <= ship_s);
  CHECK(time_at_top(in, 1, 24 * 1048576.0) > ship_s);

  // A 64 KiB window (655,360 B/s a stream) under reno's 1e-4 loss (1,786,921.34 B/s a stream):
  // window-bound, and no window helps past the loss limit, 80 TB / 1.79 MB/s = 44.8 million s.
  // Streams: each runs at 655,360 B/s, 65,536 B a round trip, so ss = 0.104503 s for any N
  // (streams_test.cpp), and N >= 8e13 / (655,360 * (308,622.222 - 0.1 - 0.104503)) = 395.53: 396.
  Inputs<double> lossy = stream_bound();
  lossy.network.window_bytes = 65536;
  lossy.network.congestion = static_cast<int>(haul::Congestion::reno);
  lossy.network.loss = 1e-4;
  const Breakeven w = haul::breakeven_bandwidth(lossy);
  REQUIRE_FALSE(w.value.has_value());
  CHECK(w.reason ==
        "the TCP window caps the network at 5.24 Mbps at any bandwidth; 396 streams (now 1) would "
        "let it arrive first on a faster link; no window up to 1 GiB would alone");
  CHECK(time_at_top(lossy, 396) <= ship_s);
  CHECK(time_at_top(lossy, 395) > ship_s);
}

TEST_CASE("breakeven bandwidth: more streams or a wider window, on this link or a faster one") {
  // As the window-bound case above, with 100,000 files at one round trip each (F = 10,000 s over
  // the streams). Streams: N >= (1,907,348.63 + 10,000) / (308,622.222 - 0.1 - 0.672865) = 6.213,
  // so 7. Window, one stream: 8e13 / (308,622.222 - 0.1 - 10,000 - ~0.94) = 267.9 MB/s, a window
  // of 0.1 s * that = 25.55 MiB, so 26 MiB (25 MiB: 6,555 s late; 26 MiB: 5,183 s early).
  Inputs<double> in = stream_bound();
  in.data.files = 100000;
  in.network.per_file_rtts = 1;
  const double ship_s = haul::ship_model(in.data, in.ship).time_s;
  CHECK(time_at_top(in, 1, 26 * 1048576.0) <= ship_s);
  CHECK(time_at_top(in, 1, 25 * 1048576.0) > ship_s);
  // At 10 Gbps (1.25e9 B/s) the link never binds either: both arrive first on this link.
  in.network.bandwidth_bps = 1e10;
  CHECK(haul::breakeven_bandwidth(in).reason ==
        "the TCP window caps the network at 336 Mbps at any bandwidth; 7 streams (now 1) or a "
        "26 MiB window (now 4 MiB) would let it arrive first on this link");
  // At 2.112 Gbps (264,000,000 B/s), 7 streams (up to 293.6 MB/s) run at the link's 264 MB/s:
  // 0.1 + 303,030.3 + 1,428.6 + ss < 308,622.2, in time; one stream with 26 MiB runs at the same
  // 264 MB/s but pays all 10,000 s of per-file round trips: 313,030 s, late.
  in.network.bandwidth_bps = 2.112e9;
  CHECK(haul::breakeven_bandwidth(in).reason ==
        "the TCP window caps the network at 336 Mbps at any bandwidth; 7 streams (now 1) on this "
        "link, or a 26 MiB window (now 4 MiB) on a faster link, would let it arrive first");
}

TEST_CASE("breakeven bandwidth: when no number of streams would do") {
  // Drives in 0.04 s (2e13 / 1e15 to write, the same to read, no transit, no verify): the
  // handshake alone, 0.1 s, is later, whatever the streams or the window.
  Inputs<double> in = stream_bound();
  in.ship.transit_s = 0;
  in.ship.verify = 0;
  in.ship.write_Bps = 1e15;
  in.ship.read_Bps = 1e15;
  in.ship.copy_limit_Bps = 1e18;
  in.ship.ingest_limit_Bps = 1e18;
  const Breakeven window = haul::breakeven_bandwidth(in);
  CHECK(window.reason ==
        "the TCP window caps the network at 336 Mbps at any bandwidth; neither 1,000,000 streams "
        "nor a 1 GiB window would let it arrive first");
  in.network.window_bytes = 1e12;
  in.network.congestion = static_cast<int>(haul::Congestion::reno);
  in.network.loss = 1e-4;
  const Breakeven loss = haul::breakeven_bandwidth(in);
  CHECK(loss.reason ==
        "packet loss caps the network at 14.3 Mbps at any bandwidth; even 1,000,000 streams would "
        "not let it arrive first");
}

TEST_CASE("breakeven bandwidth: the streams a reason names are the least, on random rows") {
  // Wherever the reason counts streams, that many arrive first at 1 Pbps and one fewer do not,
  // checked on the model itself.
  std::mt19937_64 rng(2718);
  int counted = 0, none = 0;
  for (int i = 0; i < 4000; ++i) {
    const Inputs<double> in = random_row(rng);
    const Breakeven b = haul::breakeven_bandwidth(in);
    if (b.value || !has(b.reason, "caps the network")) continue;
    INFO("row " << i << ": " << b.reason);
    const double ship_s = haul::ship_model(in.data, in.ship).time_s;
    const std::size_t at = b.reason.find(" streams (now ");
    if (at == std::string::npos) {
      CHECK(time_at_top(in, 1e6) > ship_s);
      ++none;
      continue;
    }
    std::string digits;
    for (std::size_t k = b.reason.rfind(' ', at - 1) + 1; k < at; ++k)
      if (b.reason[k] != ',') digits += b.reason[k];
    const double n = std::stod(digits);
    CHECK(n > in.network.streams);
    CHECK(time_at_top(in, n) <= ship_s);
    CHECK(time_at_top(in, n - 1) > ship_s);
    ++counted;
  }
  MESSAGE("streams in the reason: " << counted << " counted, " << none << " none");
  CHECK(counted > 100);
}
