// The network model (MODEL.md section 4, "network"): how long and how much to push the data over a
// link of a given bandwidth, round-trip time and loss, with one or more TCP connections.
//
// Templated on the number type T: double for one scenario, Eigen::ArrayXd for a column of a sweep.
// Enumerations travel as numbers (codes below) so that a sweep can vary them too.
#pragma once

#include <optional>

#include "../model/num.hpp"

namespace haul {

// Codes for NetworkParams::congestion.
enum class Congestion : int { reno = 0, cubic = 1, bbr = 2 };
// Codes for NetworkResult::limit: which term bound the aggregate rate.
enum class Limit : int { link = 0, window = 1, loss = 2, measured = 3 };

template <class T>
struct DataParams {
  T size_bytes = num::init<T>(80e12);  // payload before compression
  T files = num::init<T>(1);           // number of files (per-file overhead)
  T compression = num::init<T>(1);     // original / compressed, >= 1
};

// A lease's month (MODEL.md: "USD/month" means 30 days).
inline constexpr double kLeaseMonthSeconds = 30 * 86400.0;

template <class T>
struct NetworkParams {
  T bandwidth_bps = num::init<T>(1e9);  // bottleneck line rate, bits per second
  T utilization = num::init<T>(1);      // share of the link this transfer may use, (0, 1]
  T efficiency = num::init<T>(0);       // payload share of line rate; 0 = auto from the MTU
  T mtu_bytes = num::init<T>(1500);
  T rtt_s = num::init<T>(0.1);
  T loss = num::init<T>(0);                      // packet loss probability [0, 1)
  T streams = num::init<T>(1);                   // parallel TCP connections
  T window_bytes = num::init<T>(4 * 1048576.0);  // largest window one connection reaches
  T congestion = num::init<T>(static_cast<int>(Congestion::cubic));
  T per_file_rtts = num::init<T>(0);  // round trips lost per file
  T egress_usd_per_byte = num::init<T>(0);
  T fixed_usd = num::init<T>(0);
  T measured_rate_bps = num::init<T>(0);  // goodput measured on the real link; 0 = model it
  T lease_usd_per_s = num::init<T>(0);    // a line rented by the month (MODEL.md v2), per second
};

template <class T>
struct NetworkResult {
  T bytes;       // bytes on the wire (after compression)
  T link_Bps;    // payload rate the link allows, bytes/s
  T window_Bps;  // per-stream window limit, bytes/s (inf when rtt = 0)
  T loss_Bps;    // per-stream loss limit, bytes/s (inf when loss = 0, rtt = 0 or bbr)
  T rate_Bps;    // aggregate payload rate at steady state, bytes/s
  T limit;       // a Limit code
  T handshake_s;
  T transfer_s;    // bytes / rate_Bps + slow_start_s
  T slow_start_s;  // time lost to the ramp from the initial window (0 when rtt = 0)
  T per_file_s;
  T time_s;
  T egress_usd;
  T fixed_usd;
  T lease_usd;  // per started 30 days of the data's journey
  T cost_usd;
};

// Payload share of the line rate for TCP over Ethernet: (mtu - 40) / (mtu + 38), RFC 6349 §3.3
// (40 B of IP + TCP headers inside the frame; 38 B of Ethernet framing, preamble and gap outside).
// Intermediates below are `auto`: plain numbers for double, and for columns Eigen expressions that
// fuse into the result fields they feed, one vectorised pass each (see num.hpp).
template <class T>
auto ethernet_efficiency(const T& mtu_bytes) {
  return (mtu_bytes - 40.0) / (mtu_bytes + 38.0);
}

// Linux's retransmission timeout once the RTT is steady: RTO = srtt + rttvar, with rttvar floored
// at tcp_rto_min = 200 ms (net/ipv4/tcp_input.c, tcp_set_rto; RFC 6298 with Linux's floor).
inline constexpr double kRtoFloorS = 0.2;
// Initial congestion window, in segments (RFC 6928; Linux's TCP_INIT_CWND).
inline constexpr double kInitialWindowSegments = 10.0;
// CUBIC under random loss. RFC 8312 §5.1 averages the window for a loss every 1/p packets; with
// random losses the mean is higher (Poojary & Sharma, "An Asymptotic Approximation of TCP CUBIC",
// arXiv:1510.08496). benchmarks/realnet/cubic_sim.py runs Linux's CUBIC rules (beta 0.7, C 0.4,
// fast convergence, the Reno-friendly window) round by round under Bernoulli loss: where the cubic
// term dominates, the mean window is 1.12 (1.11-1.14 over RTT 0.1-1 s, p 1e-6-1e-4) times
// RFC 8312's, and where the two terms are close the mean exceeds both (1.19x at 30 ms, 1e-5).
// W = hi * (1 + (lo / hi)^5)^(1/5) over {1.12 * cubic term, Reno-friendly term} follows the
// simulated means within 5 % across RTT 10-300 ms and p 1e-5-1e-2.
inline constexpr double kCubicRandomLoss = 1.12;
inline constexpr double kCubicBlend = 5.0;
// BBR (v1, Linux's tcp_bbr.c) paces at its estimate of the bottleneck rate whatever the loss, so it
// is not loss-limited; of what it sends, 1 - p arrives. Every bbr_min_rtt_win_sec = 10 s it drains
// to 4 packets in flight for bbr_probe_rtt_mode_ms = 200 ms and a round trip (ProbeRTT), so a share
// (0.2 + rtt) / (10 + 0.2 + rtt) of the time carries next to nothing (Cardwell et al., "BBR:
// Congestion-Based Congestion Control", ACM Queue 14(5), 2016; draft-cardwell-iccrg-bbr-congestion-
// control-00 §4.3.4). Flows sharing a bottleneck enter ProbeRTT together, so it applies to the sum.
inline constexpr double kBbrProbeRttEveryS = 10.0;
inline constexpr double kBbrProbeRttS = 0.2;

// Per-stream throughput limit from loss, bytes/s, for one congestion control (given as a code).
// Loss-based controls lose time two ways: the window halves (or shrinks by beta) on each loss, and
// some losses are only found by a retransmission timeout. Both are in the PFTK form (Padhye et al.,
// "Modeling TCP Throughput", SIGCOMM 1998), as RFC 3448 §3.1 writes it with b = 1 (Linux grows the
// window by acknowledged segments, so delayed ACKs do not slow it):
//   rate = MSS / (RTT / W + t_RTO * 3 * sqrt(3p/8) * p * (1 + 32 p^2)),
// where W is the control's mean window in packets between losses:
//   reno: W = sqrt(3 / (2p)) (Mathis et al. 1997; with no timeouts the form is Mathis exactly);
//   cubic: RFC 8312 §5.1 with C = 0.4, beta = 0.7 has W = max(1.054 * (RTT/p)^0.75, 1.2247/sqrt(p))
//   (RTT in seconds; the second term is the Reno-friendly region) for periodic loss; for random
//   loss haul takes the first term 1.12 times and blends the two (kCubicRandomLoss above).
// t_RTO = RTT + 200 ms (kRtoFloorS). The timeout term is negligible below about 1 % loss.
// bbr: model-based, not loss-limited (infinite here; network_model scales its rate instead).
template <class T>
T loss_limit_Bps(const T& congestion, const T& mtu_bytes, const T& rtt_s, const T& loss) {
  const auto limited = num::both(num::gt(loss, 0.0), num::gt(rtt_s, 0.0));
  // Where unused, p = rtt = 1 keep every term finite. Divisions and square roots are what a column
  // of these costs, so each is taken once.
  const T p = num::select(limited, loss, 1.0);
  const T rtt = num::select(num::gt(rtt_s, 0.0), rtt_s, 1.0);
  const T inv_sqrt_p = 1.0 / num::sqrt(p);
  const auto reno_w = std::sqrt(1.5) * inv_sqrt_p;
  // (rtt / p)^0.75 = x * sqrt(x) with x = sqrt(rtt / p): square roots vectorise, pow does not.
  const T root = num::sqrt(rtt) * inv_sqrt_p;
  const T cubic_term = (kCubicRandomLoss * 1.054) * root * num::sqrt(root);
  const T friendly = 1.2247 * inv_sqrt_p;
  const T hi = num::max(cubic_term, friendly);
  const T q = num::min(cubic_term, friendly) / hi;  // <= 1: no overflow at tiny p
  const T q2 = q * q;
  static_assert(kCubicBlend == 5.0, "the blend's root is num::fifth_root_1_to_2");
  const T cubic_w = hi * num::fifth_root_1_to_2(T(1.0 + q2 * q2 * q));
  const double reno_code = static_cast<int>(Congestion::reno);
  const double bbr_code = static_cast<int>(Congestion::bbr);
  const T window = num::select(num::eq(congestion, reno_code), reno_w, cubic_w);
  const auto timeouts = (rtt + kRtoFloorS) * (3.0 * std::sqrt(3.0 / 8.0)) * (p * inv_sqrt_p) * p *
                        (1.0 + 32.0 * p * p);
  const auto rate = (mtu_bytes - 40.0) / (rtt / window + timeouts);
  return num::select(num::both(limited, num::ne(congestion, bbr_code)), rate, num::inf);
}

// Time lost to slow start by one stream that moves stream_bytes and settles at stream_Bps: the
// window starts at kInitialWindowSegments segments (iw bytes) and doubles every round trip until it
// carries the steady rate, w = stream_Bps * rtt bytes a round trip. Taken as continuous growth,
// window(t) = iw * 2^(t / rtt), the ramp lasts rtt * log2(w / iw) and moves (w - iw) / ln 2 bytes;
// a transfer shorter than that ends inside it, after rtt * log2(stream_bytes * ln 2 / iw + 1).
// The result is that time less what the same bytes take at the steady rate: 0 when rtt = 0, and
// never negative, since the ramp is never faster than the steady rate. (The continuous form keeps
// the network time smooth and falling in the bandwidth, which the breakeven search needs.)
template <class T>
T slow_start_s(const T& stream_bytes, const T& stream_Bps, const T& rtt_s, const T& mtu_bytes) {
  const auto iw = kInitialWindowSegments * (mtu_bytes - 40.0);
  const T w = num::max(T(stream_Bps * rtt_s), iw);
  const double ln2 = std::log(2.0);
  const T ramp_bytes = (w - iw) * (1.0 / ln2);
  // Both cases are rtt * log2(x) - bytes / rate: choose x and the bytes first, take one logarithm.
  const auto inside = num::le(stream_bytes, ramp_bytes);
  const T x = num::select(inside, T(stream_bytes * ln2 / iw + 1.0), T(w / iw));
  const T at_full_rate = num::select(inside, stream_bytes, ramp_bytes) / stream_Bps;
  return num::max(T(rtt_s * num::log2(x) - at_full_rate), 0.0);
}

// Moves data.size_bytes / data.compression bytes over the link described by net.
template <class T>
NetworkResult<T> network_model(const DataParams<T>& data, const NetworkParams<T>& net) {
  NetworkResult<T> r;
  r.bytes = data.size_bytes / data.compression;
  const auto efficiency =
      num::select(num::gt(net.efficiency, 0.0), net.efficiency, ethernet_efficiency(net.mtu_bytes));
  r.link_Bps = net.bandwidth_bps * net.utilization * efficiency / 8.0;
  const auto has_rtt = num::gt(net.rtt_s, 0.0);
  r.window_Bps =
      num::select(has_rtt, net.window_bytes / num::select(has_rtt, net.rtt_s, 1.0), num::inf);
  r.loss_Bps = loss_limit_Bps(net.congestion, net.mtu_bytes, net.rtt_s, net.loss);
  const T streams_Bps = net.streams * num::min(r.window_Bps, r.loss_Bps);
  // BBR: 1 - p of what it sends arrives, and ProbeRTT idles it a share of the time (see above).
  const double bbr_code = static_cast<int>(Congestion::bbr);
  const T probe_rtt_share = num::select(
      has_rtt, (kBbrProbeRttS + net.rtt_s) / (kBbrProbeRttEveryS + kBbrProbeRttS + net.rtt_s), 0.0);
  const auto bbr_factor = num::select(num::eq(net.congestion, bbr_code),
                                      (1.0 - net.loss) * (1.0 - probe_rtt_share), 1.0);
  // A measured rate (haul calibrate) replaces the modelled one.
  const auto measured = num::gt(net.measured_rate_bps, 0.0);
  r.rate_Bps = num::select(measured, net.measured_rate_bps / 8.0,
                           num::min(r.link_Bps, streams_Bps) * bbr_factor);
  const double link = static_cast<int>(Limit::link), window = static_cast<int>(Limit::window),
               loss = static_cast<int>(Limit::loss),
               measured_code = static_cast<int>(Limit::measured);
  r.limit = num::select(measured, measured_code,
                        num::select(num::le(r.link_Bps, streams_Bps), link,
                                    num::select(num::le(r.window_Bps, r.loss_Bps), window, loss)));
  r.handshake_s = net.rtt_s;  // one round trip to open the connections (0 when rtt = 0)
  r.slow_start_s =
      slow_start_s(T(r.bytes / net.streams), T(r.rate_Bps / net.streams), net.rtt_s, net.mtu_bytes);
  r.transfer_s = r.bytes / r.rate_Bps + r.slow_start_s;
  r.per_file_s = data.files * net.per_file_rtts * net.rtt_s / net.streams;
  r.time_s = r.handshake_s + r.transfer_s + r.per_file_s;
  r.egress_usd = net.egress_usd_per_byte * r.bytes;
  r.fixed_usd = net.fixed_usd;
  // A lease (MODEL.md section 4, v2) is paid per started 30 days of the data's journey.
  // A journey of exactly 30 days is one month.
  r.lease_usd =
      net.lease_usd_per_s * kLeaseMonthSeconds * num::ceil_ratio(r.time_s, kLeaseMonthSeconds);
  r.cost_usd = r.egress_usd + r.fixed_usd + r.lease_usd;
  return r;
}

// The fewest whole streams whose per-stream limits reach the link: the least N with
// N * min(Rw, Rl) >= L, from which min(L, N * min(Rw, Rl)) is L (MODEL.md section 4's aggregate
// rate; BBR's factor scales both sides alike). ceil_ratio keeps a ratio that is whole on paper
// whole in binary (num.hpp): 7 streams of 64 KiB / 70 ms = 936,228.57 B/s fill a 6,553,600 B/s
// link exactly (and the model calls 7 of them link-bound), but the quotient is 7.000000000000001.
// 1 when no per-stream limit applies (rtt = 0; no loss, or bbr, with an infinite window).
// A measured rate (limit "measured") follows no stream count: callers do not ask then.
template <class T>
T streams_to_link(const NetworkResult<T>& r) {
  return num::max(T(num::ceil_ratio(r.link_Bps, T(num::min(r.window_Bps, r.loss_Bps)))), 1.0);
}

// The most streams, and the largest window, that the two solves below try. The streams key has no
// upper limit; a million connections is far past what one host opens (each is a socket and its
// buffers), so beyond that haul says "even 1,000,000 streams would not". TCP's window reaches at
// most 65,535 << 14 bytes, just under 1 GiB (window scale, RFC 7323 §2.3).
inline constexpr double kMostStreamsSolved = 1e6;
inline constexpr double kLargestWindowBytes = 1073741824.0;  // 1 GiB
inline constexpr double kWindowStepBytes = 1048576.0;        // windows are solved in whole MiB

// The fewest whole streams with which the network delivers the data by deadline_s, all else in
// net fixed: network_model's time <= deadline_s with N streams and not with N - 1. nullopt when
// even max(kMostStreamsSolved, net.streams) streams do not. Exact, not a scan: the time does not
// grow with the streams (see network.cpp), so the least N is found from a closed-form first guess
// by stepping and an integer bisection on the model itself.
std::optional<double> streams_to_arrive_by(const DataParams<double>& data,
                                           const NetworkParams<double>& net, double deadline_s);
// The smallest window, in whole MiB up to kLargestWindowBytes, with which the network delivers the
// data by deadline_s with net's streams, all else fixed; nullopt when none does (loss may cap each
// stream below what is needed whatever the window). Solved the same way.
std::optional<double> window_to_arrive_by(const DataParams<double>& data,
                                          const NetworkParams<double>& net, double deadline_s);

// The words for the codes, indexed by code; reports and sweep columns share them.
inline constexpr const char* kLimitNames[] = {"link", "window", "loss", "measured"};
inline constexpr const char* kCongestionNames[] = {"reno", "cubic", "bbr"};

// A Limit or Congestion code as its word (an unknown code reads as link / cubic).
const char* limit_name(double code);
const char* congestion_name(double code);

}  // namespace haul
