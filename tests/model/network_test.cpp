// The network model against hand arithmetic from MODEL.md section 4 ("network") and the published
// relations it rests on (RFC 6349 for framing and window/RTT, Mathis et al. 1997, RFC 8312 §5.1).
// Every expected number below is worked out in the comment beside it, never read off the program.
#include "model/network.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "support.hpp"

using haul::Congestion;
using haul::DataParams;
using haul::Limit;
using haul::network_model;
using haul::NetworkParams;
using haul::NetworkResult;

using haul::test::code;
using haul::test::data_of;

namespace {

// A link with no framing overhead, no RTT and no loss: the time is size * 8 / bandwidth exactly.
NetworkParams<double> ideal_link(double bandwidth_bps) {
  NetworkParams<double> net;
  net.bandwidth_bps = bandwidth_bps;
  net.utilization = 1.0;
  net.efficiency = 1.0;
  net.rtt_s = 0.0;
  net.loss = 0.0;
  net.streams = 1.0;
  return net;
}

}  // namespace

TEST_CASE("network: 80 TB over an ideal 1 Gbps link takes 640,000 s") {
  const NetworkResult<double> r = network_model(data_of(80e12), ideal_link(1e9));
  // 80 TB = 8e13 B; ideal 1 Gbps = 1e9 / 8 = 1.25e8 B/s; 8e13 / 1.25e8 = 640,000 s
  CHECK(r.bytes == doctest::Approx(8e13).epsilon(1e-15));
  CHECK(r.link_Bps == doctest::Approx(1.25e8).epsilon(1e-15));
  CHECK(r.rate_Bps == doctest::Approx(1.25e8).epsilon(1e-15));
  CHECK(r.transfer_s == doctest::Approx(640000).epsilon(1e-12));
  CHECK(r.time_s == doctest::Approx(640000).epsilon(1e-12));
  // rtt = 0: no handshake, no window or loss limit, so the link binds.
  CHECK(r.handshake_s == 0.0);
  CHECK(r.per_file_s == 0.0);
  CHECK(std::isinf(r.window_Bps));
  CHECK(std::isinf(r.loss_Bps));
  CHECK(r.limit == code(Limit::link));
  CHECK(r.cost_usd == 0.0);
}

TEST_CASE("network: efficiency auto is (mtu - 40) / (mtu + 38), RFC 6349 §3.3") {
  // RFC 6349 §3.3: a 1500-byte MTU carries 1460 B of TCP payload in 1538 B on the wire
  // (8 preamble + 14 header + 4 FCS + 12 gap = 38 B of framing), i.e. 94.9% of the line rate.
  // 1460 / 1538 = 0.949284785...
  CHECK(haul::ethernet_efficiency(1500.0) == doctest::Approx(1460.0 / 1538.0).epsilon(1e-15));
  CHECK(haul::ethernet_efficiency(1500.0) == doctest::Approx(0.949).epsilon(5e-4));
  // Jumbo frames: (9000 - 40) / (9000 + 38) = 8960 / 9038 = 0.991369772...
  CHECK(haul::ethernet_efficiency(9000.0) == doctest::Approx(8960.0 / 9038.0).epsilon(1e-15));

  NetworkParams<double> net = ideal_link(1e9);
  net.efficiency = 0.0;  // auto
  const NetworkResult<double> r = network_model(data_of(80e12), net);
  // L = 1e9 * 1 * (1460/1538) / 8 = 118,660,598.18 B/s
  CHECK(r.link_Bps == doctest::Approx(118660598.18).epsilon(1e-10));
  // 8e13 / 118,660,598.18 = 8e13 * 8 * 1538 / (1e9 * 1460) = 674,191.78 s (rtt 0: no handshake)
  CHECK(r.time_s == doctest::Approx(8e13 * 8.0 * 1538.0 / (1e9 * 1460.0)).epsilon(1e-12));
  CHECK(r.time_s == doctest::Approx(674191.78).epsilon(1e-8));
}

TEST_CASE("network: utilization scales the link") {
  NetworkParams<double> net = ideal_link(1e9);
  net.utilization = 0.25;
  const NetworkResult<double> r = network_model(data_of(80e12), net);
  // L = 1e9 * 0.25 * 1 / 8 = 3.125e7 B/s; 8e13 / 3.125e7 = 2,560,000 s
  CHECK(r.link_Bps == doctest::Approx(3.125e7).epsilon(1e-15));
  CHECK(r.time_s == doctest::Approx(2560000).epsilon(1e-12));
  CHECK(r.limit == code(Limit::link));
}

TEST_CASE("network: a 64 KiB window at 100 ms caps one stream at 5.24 Mbit/s") {
  NetworkParams<double> net;  // 1 Gbps, efficiency auto, cubic, loss 0
  net.rtt_s = 0.1;
  net.window_bytes = 65536;
  const NetworkResult<double> r = network_model(data_of(1e9), net);
  // RFC 6349 §3.3.1: throughput <= window / RTT. 65536 B / 0.1 s = 655,360 B/s
  CHECK(r.window_Bps == doctest::Approx(655360).epsilon(1e-15));
  // 655,360 B/s * 8 = 5,242,880 bit/s = 5.24 Mbit/s
  CHECK(8.0 * r.rate_Bps == doctest::Approx(5242880).epsilon(1e-15));
  // p = 0: no loss limit
  CHECK(std::isinf(r.loss_Bps));
  CHECK(r.limit == code(Limit::window));
  // Slow start (RFC 6928 initial window of 10 segments, iw = 14,600 B, doubling each RTT up to
  // w = 655,360 B/s * 0.1 s = 65,536 B a round trip): the ramp lasts 0.1 * log2(65,536 / 14,600)
  // = 0.1 * 2.1663193 = 0.21663193 s and moves (65,536 - 14,600) / ln 2 = 73,485.11 B, which take
  // 0.11212939 s at the full rate: 0.21663193 - 0.11212939 = 0.10450254 s lost.
  CHECK(r.slow_start_s == doctest::Approx(0.1045025388).epsilon(1e-9));
  // time = rtt + bytes / R + ramp = 0.1 + 1e9 / 655,360 + 0.1045025 = 1526.0834087888 s
  CHECK(r.handshake_s == doctest::Approx(0.1).epsilon(1e-15));
  CHECK(r.time_s == doctest::Approx(1526.0834087888).epsilon(1e-12));
}

TEST_CASE("network: reno at MSS 1460, RTT 100 ms, loss 1e-4 gives 14.3 Mbit/s per stream") {
  NetworkParams<double> net;  // 1 Gbps, mtu 1500 -> mss 1460, window 4 MiB
  net.congestion = code(Congestion::reno);
  net.rtt_s = 0.1;
  net.loss = 1e-4;
  const NetworkResult<double> r = network_model(data_of(80e12), net);
  // Mathis: (1460 / 0.1) * sqrt(1.5) / sqrt(1e-4) = 14,600 * 1.22474487 / 0.01 = 1,788,127.512 B/s,
  // i.e. 1460 B every RTT / W = 0.1 / 122.474487 = 8.16496581e-4 s.
  // PFTK / RFC 3448 adds timeouts: t_RTO * 3 sqrt(3p/8) * p * (1 + 32 p^2) with t_RTO = 0.1 + 0.2:
  //   0.3 * 3 * sqrt(3e-4 / 8) * 1e-4 * (1 + 3.2e-7) = 0.3 * 0.0183712 * 1e-4 = 5.5113537e-7 s;
  //   1460 / (8.16496581e-4 + 5.5113537e-7) = 1,786,921.340 B/s (0.07 % below Mathis)
  CHECK(r.loss_Bps == doctest::Approx(1786921.340).epsilon(1e-9));
  // * 8 = 14,295,370.72 bit/s = 14.3 Mbit/s
  CHECK(8.0 * r.rate_Bps == doctest::Approx(14295370.72).epsilon(1e-9));
  // window 4 MiB / 0.1 s = 41,943,040 B/s > 1,786,921 B/s, link 118.66e6 B/s > both: loss binds
  CHECK(r.window_Bps == doctest::Approx(41943040).epsilon(1e-15));
  CHECK(r.limit == code(Limit::loss));
  // slow start up to w = 1,786,921.34 * 0.1 = 178,692.1 B a round trip from iw = 14,600 B:
  //   0.1 * log2(12.239186) - (178,692.1 - 14,600) / ln 2 / 1,786,921.34 = 0.361344 - 0.132482
  //   = 0.228862 s
  CHECK(r.slow_start_s == doctest::Approx(0.2288615882).epsilon(1e-9));
  // time = 0.1 + 8e13 / 1,786,921.34 + 0.228862 = 44,769,738.208 s
  CHECK(r.time_s == doctest::Approx(44769738.208).epsilon(1e-10));
}

TEST_CASE("network: at 2 % loss retransmission timeouts take reno well below Mathis (PFTK)") {
  NetworkParams<double> net;
  net.congestion = code(Congestion::reno);
  net.rtt_s = 0.1;
  net.loss = 0.02;
  const NetworkResult<double> r = network_model(data_of(1e9), net);
  // Mathis: 1460 / (0.1 * sqrt(2 * 0.02 / 3)) = 1460 / (0.1 * 0.115470054) = 126,439.71 B/s
  // Timeouts (RFC 3448 §3.1, b = 1, t_RTO = 0.1 + 0.2 = 0.3 s):
  //   0.3 * 3 * sqrt(3 * 0.02 / 8) * 0.02 * (1 + 32 * 0.0004)
  //   = 0.3 * 3 * 0.0866025 * 0.02 * 1.0128 = 1.57876e-3 s
  //   1460 / (0.0115470054 + 0.00157876) = 1460 / 0.0131257654 = 111,231.3 B/s (12 % below)
  CHECK(r.loss_Bps == doctest::Approx(111231.3).epsilon(1e-6));
  CHECK(r.loss_Bps < 0.89 * 126439.71);
}

TEST_CASE("network: cubic, the CUBIC term of W wins at long RTT") {
  NetworkParams<double> net;
  net.congestion = code(Congestion::cubic);
  net.rtt_s = 0.1;
  net.loss = 1e-4;
  const NetworkResult<double> r = network_model(data_of(80e12), net);
  // RFC 8312: W1 = 1.054 * 0.1^0.75 / (1e-4)^0.75 = 1.054 * (0.1 / 1e-4)^0.75 = 1.054 * 1000^0.75
  //    = 1.054 * 177.827941 = 187.430650 packets (periodic loss)
  // random loss: 1.12 * 187.430650 = 209.922328 packets
  // W2 = 1.2247 / sqrt(1e-4) = 122.47 packets; the CUBIC term dominates
  // blend: q = 122.47 / 209.922328 = 0.583406, q^5 = 0.0675858,
  //   W = 209.922328 * 1.0675858^(1/5) = 209.922328 * 1.0131659 = 212.686141 packets
  // PFTK: timeout term (0.1 + 0.2) * 3 sqrt(3e-4 / 8) * 1e-4 * (1 + 3.2e-7) = 5.5113537e-7 s;
  // 1460 / (0.1 / 212.686141 + 5.5113537e-7) = 1460 / 4.7072752e-4 = 3,101,582.015 B/s
  // (24.8 Mbit/s; RFC 8312 without timeouts would say 2,736,487 B/s)
  CHECK(r.loss_Bps == doctest::Approx(3101582.015).epsilon(1e-9));
  CHECK(r.rate_Bps == doctest::Approx(3101582.015).epsilon(1e-9));
  CHECK(r.limit == code(Limit::loss));
}

TEST_CASE("network: cubic, the Reno-friendly term of W wins at short RTT") {
  NetworkParams<double> net;
  net.congestion = code(Congestion::cubic);
  net.rtt_s = 0.01;
  net.loss = 1e-4;
  const NetworkResult<double> r = network_model(data_of(80e12), net);
  // W1 = 1.12 * 1.054 * (0.01 / 1e-4)^0.75 = 1.18048 * 31.6227766 = 37.330055 packets
  // W2 = 1.2247 / 0.01 = 122.47 packets; the Reno-friendly term dominates
  // blend: q = 37.330055 / 122.47 = 0.304810, q^5 = 0.00263114,
  //   W = 122.47 * 1.00263114^(1/5) = 122.47 * 1.00052565 = 122.534380 packets
  // Without timeouts, Rl = 122.534380 * 1460 / 0.01 = 17,890,019 B/s (= 143.1 Mbit/s); with them
  // ((0.01 + 0.2) * 3 sqrt(3e-4 / 8) * 1e-4 * (1 + 3.2e-7) = 3.8579476e-7 s):
  // 1460 / (0.01 / 122.534380 + 3.8579476e-7) = 1460 / 8.1995544e-5 = 17,805,845.62 B/s
  CHECK(r.loss_Bps == doctest::Approx(17805845.62).epsilon(1e-9));
  // window 4 MiB / 0.01 = 419,430,400 B/s; link 118,660,598 B/s; so the loss term binds
  CHECK(r.rate_Bps == doctest::Approx(17805845.62).epsilon(1e-9));
  CHECK(r.limit == code(Limit::loss));
}

TEST_CASE("network: bbr is not loss-limited; 1 - p of it arrives and ProbeRTT idles it") {
  NetworkParams<double> net;
  net.congestion = code(Congestion::bbr);
  net.bandwidth_bps = 10e9;
  net.efficiency = 1.0;
  net.rtt_s = 0.1;
  net.loss = 0.01;
  const NetworkResult<double> r = network_model(data_of(80e12), net);
  CHECK(std::isinf(r.loss_Bps));
  // window 4 MiB / 0.1 = 4,194,304 / 0.1 = 41,943,040 B/s; link 10e9 / 8 = 1.25e9 B/s is larger,
  // so the window binds. * (1 - 0.01) = 41,523,609.6 B/s arrive; ProbeRTT every 10 s for
  // 0.2 s + one 0.1 s round trip: 1 - 0.3 / 10.3 = 0.9708738; 41,523,609.6 * 0.9708738
  // = 40,314,184.08 B/s
  CHECK(r.rate_Bps == doctest::Approx(40314184.08).epsilon(1e-10));
  CHECK(r.limit == code(Limit::window));

  SUBCASE("link-bound bbr") {
    net.bandwidth_bps = 1e9;
    net.rtt_s = 0.01;
    const NetworkResult<double> s = network_model(data_of(80e12), net);
    // stream window 4,194,304 / 0.01 = 419,430,400 B/s > link 1e9 / 8 = 1.25e8 B/s: the link binds
    // 1.25e8 * 0.99 * (1 - 0.21 / 10.21) = 1.2375e8 * 0.97943193 = 121,204,701.27 B/s
    CHECK(s.rate_Bps == doctest::Approx(121204701.27).epsilon(1e-10));
    CHECK(s.limit == code(Limit::link));
    // slow start up to w = 121,204,701.27 * 0.01 = 1,212,047 B a round trip from 14,600 B:
    // 0.01 * log2(83.0169) - (1,212,047 - 14,600) / ln 2 / 121,204,701 = 0.0637533 - 0.0142532
    // = 0.0495002 s; time = 0.01 + 8e13 / 121,204,701.27 + 0.0495002 = 660,040.4635405 s
    CHECK(s.slow_start_s == doctest::Approx(0.0495001676).epsilon(1e-8));
    CHECK(s.time_s == doctest::Approx(660040.4635405).epsilon(1e-12));
  }
  SUBCASE("rtt = 0: no ProbeRTT, only the loss") {
    net.bandwidth_bps = 1e9;
    net.rtt_s = 0.0;
    const NetworkResult<double> s = network_model(data_of(80e12), net);
    // 1.25e8 * 0.99 = 1.2375e8 B/s
    CHECK(s.rate_Bps == doctest::Approx(1.2375e8).epsilon(1e-15));
  }
}

TEST_CASE("network: p = 0 means no loss limit for reno and cubic") {
  for (double cc : {code(Congestion::reno), code(Congestion::cubic)}) {
    NetworkParams<double> net;
    net.congestion = cc;
    net.rtt_s = 0.1;
    net.loss = 0.0;
    const NetworkResult<double> r = network_model(data_of(80e12), net);
    CHECK(std::isinf(r.loss_Bps));
    // 4 MiB / 0.1 s = 41,943,040 B/s < link 118,660,598 B/s: the window binds
    CHECK(r.rate_Bps == doctest::Approx(41943040).epsilon(1e-15));
    CHECK(r.limit == code(Limit::window));
  }
}

TEST_CASE("network: rtt = 0 means no handshake, no window and no loss limit") {
  NetworkParams<double> net = ideal_link(1e9);
  net.congestion = code(Congestion::reno);
  net.loss = 0.01;  // would be a loss limit at any rtt > 0
  net.window_bytes = 65536;
  net.per_file_rtts = 3;
  DataParams<double> data = data_of(80e12);
  data.files = 1000;
  const NetworkResult<double> r = network_model(data, net);
  CHECK(std::isinf(r.window_Bps));
  CHECK(std::isinf(r.loss_Bps));
  CHECK(r.handshake_s == 0.0);
  CHECK(r.per_file_s == 0.0);  // 1000 * 3 * 0 / 1
  CHECK(r.limit == code(Limit::link));
  // 8e13 / 1.25e8 = 640,000 s
  CHECK(r.time_s == doctest::Approx(640000).epsilon(1e-12));
}

TEST_CASE("network: streams multiply the per-stream rate up to the link") {
  NetworkParams<double> net;  // 1 Gbps, efficiency auto: link 118,660,598.18 B/s
  net.rtt_s = 0.1;
  net.window_bytes = 65536;  // 655,360 B/s per stream
  net.streams = 10;
  const NetworkResult<double> ten = network_model(data_of(1e12), net);
  // 10 * 655,360 = 6,553,600 B/s, below the link
  CHECK(ten.rate_Bps == doctest::Approx(6553600).epsilon(1e-15));
  CHECK(ten.limit == code(Limit::window));

  net.streams = 200;
  const NetworkResult<double> many = network_model(data_of(1e12), net);
  // 200 * 655,360 = 131,072,000 B/s > 118,660,598.18 B/s: the link binds
  CHECK(many.rate_Bps == doctest::Approx(118660598.18).epsilon(1e-10));
  CHECK(many.limit == code(Limit::link));

  // loss-limited streams multiply the same way: reno at 1e-4, 100 ms: 1,786,921.34 B/s per stream
  // (PFTK, worked out in the reno test above)
  net.window_bytes = 4 * 1048576.0;
  net.congestion = code(Congestion::reno);
  net.loss = 1e-4;
  net.streams = 8;
  const NetworkResult<double> lossy = network_model(data_of(1e12), net);
  // 8 * 1,786,921.34 = 14,295,370.72 B/s
  CHECK(lossy.rate_Bps == doctest::Approx(14295370.72).epsilon(1e-9));
  CHECK(lossy.limit == code(Limit::loss));
}

TEST_CASE("network: per-file overhead is files * per_file_rtts * rtt / streams") {
  NetworkParams<double> net = ideal_link(1e9);
  net.rtt_s = 0.1;
  net.window_bytes = 1e12;  // window 1e13 B/s per stream: far above the link
  net.per_file_rtts = 2;
  net.streams = 4;
  DataParams<double> data = data_of(80e12);
  data.files = 1000;
  const NetworkResult<double> r = network_model(data, net);
  // 1000 * 2 * 0.1 / 4 = 50 s
  CHECK(r.per_file_s == doctest::Approx(50).epsilon(1e-15));
  // Slow start per stream: 1.25e8 / 4 = 3.125e7 B/s, w = 3.125e6 B a round trip, iw = 14,600 B:
  //   0.1 * log2(214.041) - (3.125e6 - 14,600) / ln 2 / 3.125e7 = 0.774174 - 0.143595 = 0.630579 s
  CHECK(r.slow_start_s == doctest::Approx(0.6305789241).epsilon(1e-9));
  // time = 0.1 (handshake) + 8e13 / 1.25e8 (= 640,000) + 0.630579 + 50 = 640,050.730579 s
  CHECK(r.time_s == doctest::Approx(640050.7305789).epsilon(1e-12));
}

TEST_CASE("network: compression shrinks the bytes moved and charged") {
  NetworkParams<double> net = ideal_link(1e9);
  net.egress_usd_per_byte = 0.09e-9;  // 0.09 USD/GB
  DataParams<double> data = data_of(80e12);
  data.compression = 2.0;
  const NetworkResult<double> r = network_model(data, net);
  // 8e13 / 2 = 4e13 B; 4e13 / 1.25e8 = 320,000 s
  CHECK(r.bytes == doctest::Approx(4e13).epsilon(1e-15));
  CHECK(r.time_s == doctest::Approx(320000).epsilon(1e-12));
  // 4e13 B = 40,000 GB * 0.09 USD/GB = 3,600 USD
  CHECK(r.egress_usd == doctest::Approx(3600).epsilon(1e-12));
}

TEST_CASE("network: cost is egress on the bytes plus the fixed cost") {
  NetworkParams<double> net = ideal_link(1e9);
  net.egress_usd_per_byte = 0.09e-9;  // 0.09 USD/GB
  net.fixed_usd = 500;
  const NetworkResult<double> r = network_model(data_of(80e12), net);
  // 8e13 B = 80,000 GB * 0.09 = 7,200 USD; + 500 fixed = 7,700 USD
  CHECK(r.egress_usd == doctest::Approx(7200).epsilon(1e-12));
  CHECK(r.fixed_usd == doctest::Approx(500).epsilon(1e-15));
  CHECK(r.cost_usd == doctest::Approx(7700).epsilon(1e-12));
}

TEST_CASE("network: limit and congestion names") {
  CHECK(std::strcmp(haul::limit_name(code(Limit::link)), "link") == 0);
  CHECK(std::strcmp(haul::limit_name(code(Limit::window)), "window") == 0);
  CHECK(std::strcmp(haul::limit_name(code(Limit::loss)), "loss") == 0);
  CHECK(std::strcmp(haul::congestion_name(code(Congestion::reno)), "reno") == 0);
  CHECK(std::strcmp(haul::congestion_name(code(Congestion::cubic)), "cubic") == 0);
  CHECK(std::strcmp(haul::congestion_name(code(Congestion::bbr)), "bbr") == 0);
}

TEST_CASE("network: the same formulas on a column (Eigen::ArrayXd)") {
  using A = haul::num::Array;
  // Params<ArrayXd> have no usable default member initializers (T(1e9) is Eigen's size
  // constructor), so every field is given.
  const DataParams<A> data{.size_bytes = A::Constant(2, 80e12),
                           .files = A::Constant(2, 1.0),
                           .compression = A::Constant(2, 1.0)};
  const NetworkParams<A> net{.bandwidth_bps = A::Constant(2, 1e9),
                             .utilization = A::Constant(2, 1.0),
                             .efficiency = A::Constant(2, 1.0),
                             .mtu_bytes = A::Constant(2, 1500.0),
                             .rtt_s = (A(2) << 0.0, 0.1).finished(),
                             .loss = (A(2) << 0.0, 1e-4).finished(),
                             .streams = A::Constant(2, 1.0),
                             .window_bytes = A::Constant(2, 4 * 1048576.0),
                             .congestion = A::Constant(2, code(Congestion::reno)),
                             .per_file_rtts = A::Constant(2, 0.0),
                             .egress_usd_per_byte = A::Constant(2, 0.0),
                             .fixed_usd = A::Constant(2, 0.0),
                             .measured_rate_bps = A::Constant(2, 0.0),
                             .lease_usd_per_s = A::Constant(2, 0.0)};
  const NetworkResult<A> r = network_model(data, net);
  // row 0: ideal, 8e13 / 1.25e8 = 640,000 s
  CHECK(r.time_s[0] == doctest::Approx(640000).epsilon(1e-12));
  CHECK(r.limit[0] == code(Limit::link));
  // row 1: reno with timeouts, 1,786,921.340 B/s (the reno test above)
  CHECK(r.rate_Bps[1] == doctest::Approx(1786921.340).epsilon(1e-9));
  CHECK(r.limit[1] == code(Limit::loss));
}

TEST_CASE("network: a measured rate replaces the modelled one") {
  NetworkParams<double> net = ideal_link(1e9);
  net.measured_rate_bps = 5e8;  // half the line rate, as iperf3 saw it
  const NetworkResult<double> r = network_model(data_of(1e9), net);
  // 5e8 / 8 = 6.25e7 B/s; rtt 0: 1e9 / 6.25e7 = 16 s
  CHECK(r.rate_Bps == 6.25e7);
  CHECK(r.time_s == 16.0);
  CHECK(r.limit == code(Limit::measured));
  CHECK(std::strcmp(haul::limit_name(r.limit), "measured") == 0);
  // The link, window and loss limits are still reported, but do not bind.
  CHECK(r.link_Bps == 1.25e8);
}

TEST_CASE("network: a short transfer ends inside slow start") {
  NetworkParams<double> net = ideal_link(1e9);
  net.rtt_s = 0.2;
  net.window_bytes = 1e12;  // far above what the link needs
  const NetworkResult<double> r = network_model(data_of(100e6), net);
  // 100 MB over 200 ms at 1.25e8 B/s: the steady window would be 1.25e8 * 0.2 = 2.5e7 B, and the
  // ramp from 14,600 B would move (2.5e7 - 14,600) / ln 2 = 3.6046e7 B, less than 1e8: the ramp
  // completes. It lasts 0.2 * log2(2.5e7 / 14,600) = 0.2 * 10.741744 = 2.148349 s, and the rest,
  // (1e8 - 3.6046313e7) / 1.25e8 = 0.511629 s, goes at full rate: 2.659978 s in all, against
  // 0.8 s at full speed from the start: 1.859978 s lost.
  CHECK(r.slow_start_s == doctest::Approx(1.859978).epsilon(1e-6));
  CHECK(r.transfer_s == doctest::Approx(2.659978).epsilon(1e-6));

  // 1 MB ends inside the ramp: rtt * log2(1e6 * ln 2 / 14,600 + 1) = 0.2 * log2(48.47583)
  // = 0.2 * 5.599194 = 1.119839 s, against 1e6 / 1.25e8 = 0.008 s at full speed.
  const NetworkResult<double> small = network_model(data_of(1e6), net);
  CHECK(small.transfer_s == doctest::Approx(1.119839).epsilon(1e-6));
  CHECK(small.slow_start_s == doctest::Approx(1.111839).epsilon(1e-6));
}

TEST_CASE("num: the fifth root of the CUBIC blend, against std::pow, alone and in a column") {
  // 1^(1/5) = 1, 2^(1/5) = 1.148698354997035, 1.5^(1/5) = 1.084471771197698
  CHECK(haul::num::fifth_root_1_to_2(1.0) == doctest::Approx(1.0).epsilon(1e-15));
  CHECK(haul::num::fifth_root_1_to_2(2.0) == doctest::Approx(1.148698354997035).epsilon(1e-15));
  CHECK(haul::num::fifth_root_1_to_2(1.5) == doctest::Approx(1.084471771197698).epsilon(1e-15));
  haul::num::Array column(101);
  for (Eigen::Index i = 0; i <= 100; ++i) column[i] = 1.0 + static_cast<double>(i) / 100.0;
  const haul::num::Array roots = haul::num::fifth_root_1_to_2(column);
  for (Eigen::Index i = 0; i <= 100; ++i) {
    CHECK(roots[i] == doctest::Approx(std::pow(column[i], 0.2)).epsilon(4e-16));
    CHECK(roots[i] == haul::num::fifth_root_1_to_2(column[i]));  // the same bits
  }
}

TEST_CASE("network: a lease is paid per started 30 days of the data's journey (MODEL.md v2)") {
  NetworkParams<double> net = ideal_link(1e9);
  net.lease_usd_per_s = 15000.0 / (30 * 86400.0);  // "15000 USD/month", a month being 30 days
  auto lease = [&](double bytes) { return network_model(data_of(bytes), net).lease_usd; };
  // 40 TB at 1.25e8 B/s: 320,000 s = 3.7 d -> one started month, $15,000
  CHECK(lease(40e12) == doctest::Approx(15000).epsilon(1e-12));
  // 324 TB: 2,592,000 s = exactly 30 d -> still one month (not two)
  CHECK(lease(324e12) == doctest::Approx(15000).epsilon(1e-12));
  // 325 TB: 2,600,000 s = 30.09 d -> a second month, $30,000
  CHECK(lease(325e12) == doctest::Approx(30000).epsilon(1e-12));
  // 1 PB: 8,000,000 s = 92.6 d -> four months, $60,000
  CHECK(lease(1e15) == doctest::Approx(60000).epsilon(1e-12));
  // The lease is part of the cost, beside egress (0) and the fixed cost.
  net.fixed_usd = 500;
  const NetworkResult<double> r = network_model(data_of(1e15), net);
  CHECK(r.cost_usd == doctest::Approx(60500).epsilon(1e-12));
  // No lease, no charge.
  net.lease_usd_per_s = 0;
  CHECK(network_model(data_of(1e15), net).lease_usd == 0.0);
}

TEST_CASE("network: streams to the link are ceil(link / per-stream limit)") {
  // The default 1 Gbps link, efficiency auto: 1e9 * 1460 / 1538 / 8 = 118,660,598.18 B/s.
  NetworkParams<double> net;
  net.rtt_s = 0.1;
  net.window_bytes = 65536;  // 65,536 / 0.1 = 655,360 B/s a stream
  net.streams = 10;
  // 118,660,598.18 / 655,360 = 181.06: 181 streams carry 118,620,160 B/s, short of the link by
  // 40,438 B/s; 182 carry 119,275,520 B/s.
  const NetworkResult<double> window = network_model(data_of(1e12), net);
  CHECK(window.limit == code(Limit::window));
  CHECK(haul::streams_to_link(window) == 182);
  net.streams = 181;
  CHECK(network_model(data_of(1e12), net).limit == code(Limit::window));
  net.streams = 182;
  CHECK(network_model(data_of(1e12), net).limit == code(Limit::link));

  // Loss-bound: reno at 1e-4 and 100 ms, 1,786,921.34 B/s a stream (PFTK, the reno test above),
  // on an ideal 1 Gbps link (1.25e8 B/s): 1.25e8 / 1,786,921.34 = 69.953, so 70.
  NetworkParams<double> lossy = ideal_link(1e9);
  lossy.rtt_s = 0.1;
  lossy.window_bytes = 1e12;
  lossy.congestion = code(Congestion::reno);
  lossy.loss = 1e-4;
  lossy.streams = 8;
  const NetworkResult<double> loss = network_model(data_of(1e12), lossy);
  CHECK(loss.limit == code(Limit::loss));
  CHECK(haul::streams_to_link(loss) == 70);

  // The seed's link: 1 Gbps x 0.8 x 1460 / 1538 / 8 = 94,928,478.54 B/s; cubic at 0.1 % loss and
  // 100 ms, 633,393.09 B/s a stream: W = hi * (1 + (lo / hi)^5)^(1/5) over
  // a = 1.12 * 1.054 * (0.1 / 0.001)^0.75 = 37.3301 and b = 1.2247 / sqrt(0.001) = 38.7284,
  // W = 38.7284 * 1.832041^(1/5) = 43.71362; 0.1 / W = 0.00228762, timeouts
  // 0.3 * 3 * sqrt(3e-3 / 8) * 1e-3 * (1 + 3.2e-5) = 0.00001743, 1460 / 0.00230505 = 633,393.09.
  // 94,928,478.54 / 633,393.09 = 149.87, so 150.
  NetworkParams<double> seed;
  seed.utilization = 0.8;
  seed.rtt_s = 0.1;
  seed.loss = 0.001;
  seed.streams = 16;
  const NetworkResult<double> s = network_model(data_of(80e12), seed);
  CHECK(s.loss_Bps == doctest::Approx(633393.09).epsilon(1e-8));
  CHECK(haul::streams_to_link(s) == 150);

  // No per-stream limit (rtt = 0): one stream reaches the link.
  CHECK(haul::streams_to_link(network_model(data_of(1e12), ideal_link(1e9))) == 1);
}

TEST_CASE("network: streams to the link at a whole ratio, on paper and in binary") {
  // 4 MiB / 0.1 s = 41,943,040 B/s a stream (exact in binary); an ideal 1,342,177,280 bit/s link
  // carries 167,772,160 B/s = 4 * 41,943,040: four streams fill it exactly, not five.
  NetworkParams<double> net = ideal_link(1342177280.0);
  net.rtt_s = 0.1;
  net.window_bytes = 4 * 1048576.0;
  net.streams = 1;
  CHECK(haul::streams_to_link(network_model(data_of(1e12), net)) == 4);
  net.streams = 4;
  CHECK(network_model(data_of(1e12), net).limit == code(Limit::link));
  net.streams = 3;
  CHECK(network_model(data_of(1e12), net).limit == code(Limit::window));
  // One bit/s more and four fall short by 1/8 B/s: five.
  net.bandwidth_bps = 1342177281.0;
  CHECK(haul::streams_to_link(network_model(data_of(1e12), net)) == 5);

  // 64 KiB / 0.07 s = 936,228.571... B/s a stream, and an ideal 52,428,800 bit/s link carries
  // 6,553,600 B/s = 7 * 65,536 / 0.07 on paper; in binary the quotient is 7.000000000000001, and a
  // plain ceil would say 8. The model itself finds 7 streams link-bound.
  NetworkParams<double> odd = ideal_link(52428800.0);
  odd.rtt_s = 0.07;
  odd.window_bytes = 65536;
  odd.streams = 1;
  const NetworkResult<double> r = network_model(data_of(1e12), odd);
  CHECK(r.link_Bps / r.window_Bps > 7.0);  // the binary quotient, above the whole number
  CHECK(haul::streams_to_link(r) == 7);
  odd.streams = 7;
  CHECK(network_model(data_of(1e12), odd).limit == code(Limit::link));
}

TEST_CASE("network: streams to the link on a column equal the scalar") {
  using A = haul::num::Array;
  // Rows: the 182-stream window case, the 70-stream reno case and an ideal link (1), as above.
  NetworkResult<A> r;
  r.link_Bps = (A(3) << 1e9 * 1460.0 / 1538.0 / 8.0, 1.25e8, 1.25e8).finished();
  r.window_Bps = (A(3) << 655360.0, 1e13, haul::num::inf).finished();
  r.loss_Bps = (A(3) << haul::num::inf, 1786921.34, haul::num::inf).finished();
  const A n = haul::streams_to_link(r);
  CHECK(n[0] == 182);
  CHECK(n[1] == 70);
  CHECK(n[2] == 1);
}
