// The streams and the window with which the network arrives by a deadline (streams_to_arrive_by,
// window_to_arrive_by in src/model/network.cpp): against hand arithmetic from MODEL.md section 4,
// at the edge where the deadline is met exactly, and against a plain count from 1 up on random
// links, which does not lean on the time falling with the streams as the solve does.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <random>

#include "model/network.hpp"
#include "support.hpp"

using haul::DataParams;
using haul::network_model;
using haul::NetworkParams;
using haul::streams_to_arrive_by;
using haul::window_to_arrive_by;
using haul::test::code;
using haul::test::data_of;

namespace {

constexpr double kMiB = 1048576.0;

// 80 TB in one file over a lossless link so fast (1 Pbps, efficiency 1) that only the window
// binds: 4 MiB / 0.1 s = 41,943,040 B/s a stream.
NetworkParams<double> window_bound() {
  NetworkParams<double> net;
  net.bandwidth_bps = 1e15;
  net.efficiency = 1.0;
  net.rtt_s = 0.1;
  net.window_bytes = 4 * kMiB;
  net.streams = 1;
  return net;
}

double time_with(const DataParams<double>& data, NetworkParams<double> net, double streams) {
  net.streams = streams;
  return network_model(data, net).time_s;
}

double log_uniform(std::mt19937_64& rng, double lo, double hi) {
  return std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng));
}

}  // namespace

TEST_CASE("streams to arrive by a deadline, solved by hand on a window-bound link") {
  // Each stream runs at s = 41,943,040 B/s whatever the count (far below the link), and carries
  // 8e13 / N B, far past its ramp, so its slow start is the same for any N: w = s * 0.1 =
  // 4,194,304 B, iw = 10 * 1460 = 14,600 B, ramp (w - iw) / ln 2 = 6,030,038.2 B, and
  // ss = 0.1 * log2(4,194,304 / 14,600) - 6,030,038.2 / s = 0.816632 - 0.143768 = 0.672865 s.
  // time(N) = 0.1 + 8e13 / (N s) + 0.672865 = 0.772865 + 1,907,348.63 / N.
  // By 100,000 s: N >= 1,907,348.63 / 99,999.227 = 19.0736, so 20 (time 95,368.20 s; 19 take
  // 100,387.54 s).
  const DataParams<double> data = data_of(8e13);
  const NetworkParams<double> net = window_bound();
  const std::optional<double> n = streams_to_arrive_by(data, net, 1e5);
  REQUIRE(n.has_value());
  CHECK(*n == 20);
  CHECK(time_with(data, net, 20) == doctest::Approx(95368.2045).epsilon(1e-9));
  CHECK(time_with(data, net, 19) == doctest::Approx(100387.5430).epsilon(1e-9));
  // More streams to start from change nothing: the count is of the whole.
  NetworkParams<double> more = net;
  more.streams = 12;
  CHECK(streams_to_arrive_by(data, more, 1e5) == 20);
}

TEST_CASE("streams to arrive by a deadline: met exactly counts, a hair less takes one more") {
  // The deadline is the time of 20 streams itself (the case above): 20 arrive by it (<=); at the
  // double just below it 20 do not, and 21 (0.772865 + 1,907,348.63 / 21 = 90,826.90 s) do.
  const DataParams<double> data = data_of(8e13);
  const NetworkParams<double> net = window_bound();
  const double t20 = time_with(data, net, 20);
  CHECK(streams_to_arrive_by(data, net, t20) == 20);
  CHECK(streams_to_arrive_by(data, net, std::nextafter(t20, 0.0)) == 21);
  CHECK(time_with(data, net, 21) == doctest::Approx(90826.8982).epsilon(1e-9));
}

TEST_CASE("streams to arrive by a deadline: none within a million, or within the handshake") {
  const NetworkParams<double> net = window_bound();
  // The handshake alone (one rtt, 0.1 s) is later than a 0.05 s deadline, whatever the streams.
  CHECK_FALSE(streams_to_arrive_by(data_of(8e13), net, 0.05).has_value());
  // 800 PB with 64 KiB windows (655,360 B/s a stream) by 100,000 s needs at least
  // 8e17 / (655,360 * 99,999.9) = 12.2 million streams, past the 1,000,000 the solve tries.
  NetworkParams<double> small = net;
  small.window_bytes = 65536;
  CHECK_FALSE(streams_to_arrive_by(data_of(8e17), small, 1e5).has_value());
  // With ss = 0.1045 s (a 65,536 B window is w, past iw = 14,600 B: 0.1 * log2(4.4888) - 50,936 /
  // ln 2 / 655,360 = 0.216632 - 0.112129), 80 PB needs 8e16 / (655,360 * 99,999.7955) =
  // 1,220,705.6: still none; 8 PB needs 122,070.56, so 122,071.
  CHECK_FALSE(streams_to_arrive_by(data_of(8e16), small, 1e5).has_value());
  CHECK(streams_to_arrive_by(data_of(8e15), small, 1e5).has_value());
}

TEST_CASE("window to arrive by a deadline, solved by hand, in whole MiB") {
  // Four streams of 80 TB by 100,000 s need, leaving the handshake and a slow start near 0.9 s,
  // 8e13 / (4 * 99,999) = 200,002 kB/s a stream: a window of at least 0.1 * that = 19.07 MiB.
  // 19 MiB: r = 19 * 1,048,576 / 0.1 = 199,229,440 B/s, ss = 0.1 * log2(19,922,944 / 14,600)
  // - (19,922,944 - 14,600) / ln 2 / r = 1.041425 - 0.144164 = 0.897261 s, time 0.1 + 100,386.770
  // + 0.897 = 100,387.77 s: late. 20 MiB: r = 209,715,200 B/s, 95,367.432 + 0.1 + 0.904656
  // = 95,368.44 s: in time.
  const DataParams<double> data = data_of(8e13);
  NetworkParams<double> net = window_bound();
  net.streams = 4;
  const std::optional<double> w = window_to_arrive_by(data, net, 1e5);
  REQUIRE(w.has_value());
  CHECK(*w == 20 * kMiB);
  net.window_bytes = 19 * kMiB;
  CHECK(network_model(data, net).time_s == doctest::Approx(100387.767).epsilon(1e-8));
  net.window_bytes = 20 * kMiB;
  CHECK(network_model(data, net).time_s == doctest::Approx(95368.436).epsilon(1e-8));

  // Loss caps each stream whatever the window: reno at 1e-4 and 100 ms, 1,786,921.34 B/s a stream
  // (PFTK), 4 streams 7,147,685 B/s, 80 TB in 11.2 million s: no window makes 100,000 s.
  net.window_bytes = 4 * kMiB;
  net.congestion = code(haul::Congestion::reno);
  net.loss = 1e-4;
  CHECK_FALSE(window_to_arrive_by(data, net, 1e5).has_value());
}

TEST_CASE("streams and window to arrive by: the least, by counting up from 1 on random links") {
  // A count from 1 (streams) or 1 MiB (window) to the answer: every smaller one is late and the
  // answer is in time. Deadlines are a share of the time the link takes now, so more is needed.
  std::mt19937_64 rng(314);
  auto coin = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  int streams_checked = 0, windows_checked = 0, nones = 0;
  for (int i = 0; i < 600; ++i) {
    DataParams<double> data = data_of(log_uniform(rng, 1e8, 1e14));
    data.files = coin(0.5) ? 1 : std::round(log_uniform(rng, 1, 1e6));
    NetworkParams<double> net;
    net.bandwidth_bps = log_uniform(rng, 1e8, 1e15);
    net.utilization = coin(0.5) ? 1 : log_uniform(rng, 0.2, 1);
    net.mtu_bytes = coin(0.7) ? 1500 : 9000;
    net.rtt_s = log_uniform(rng, 1e-3, 0.5);
    net.loss = coin(0.4) ? 0 : log_uniform(rng, 1e-7, 1e-2);
    net.streams = std::round(log_uniform(rng, 1, 64));
    net.window_bytes = log_uniform(rng, 65536, 64 * kMiB);
    net.congestion = double(std::uniform_int_distribution<int>(0, 2)(rng));  // reno, cubic, bbr
    net.per_file_rtts = coin(0.5) ? 0 : log_uniform(rng, 0.1, 3);
    const double deadline = network_model(data, net).time_s * log_uniform(rng, 0.01, 1.0);
    INFO("row " << i);

    const std::optional<double> n = streams_to_arrive_by(data, net, deadline);
    if (!n) {
      CHECK(time_with(data, net, haul::kMostStreamsSolved) > deadline);
      ++nones;
    } else if (*n <= 3000) {
      CHECK(time_with(data, net, *n) <= deadline);
      bool early = false;
      for (double k = 1; k < *n; ++k) early = early || time_with(data, net, k) <= deadline;
      CHECK_FALSE(early);
      ++streams_checked;
    }

    const std::optional<double> w = window_to_arrive_by(data, net, deadline);
    auto window_time = [&](double bytes) {
      NetworkParams<double> p = net;
      p.window_bytes = bytes;
      return network_model(data, p).time_s;
    };
    if (!w) {
      CHECK(window_time(haul::kLargestWindowBytes) > deadline);
    } else {
      CHECK(std::fmod(*w, kMiB) == 0);
      CHECK(window_time(*w) <= deadline);
      bool early = false;
      for (double m = kMiB; m < *w; m += kMiB) early = early || window_time(m) <= deadline;
      CHECK_FALSE(early);
      ++windows_checked;
    }
  }
  MESSAGE("streams: " << streams_checked << " counted, " << nones
                      << " none; windows: " << windows_checked << " counted");
  CHECK(streams_checked > 200);
  CHECK(windows_checked > 50);
  CHECK(nones > 5);
}
