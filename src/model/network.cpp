#include "model/network.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace haul {

// Both number types are instantiated here so that a formula that does not compile for one of them
// fails in the library, not later in a sweep.
template NetworkResult<double> network_model(const DataParams<double>&,
                                             const NetworkParams<double>&);
template NetworkResult<num::Array> network_model(const DataParams<num::Array>&,
                                                 const NetworkParams<num::Array>&);
template double streams_to_link(const NetworkResult<double>&);
template num::Array streams_to_link(const NetworkResult<num::Array>&);

namespace {

// The least whole n in (lo, cap] at which arrives(n) holds, for arrives false up to some n and true
// from there on, and false at lo (lo = 0 stands for "none" and is never asked); nullopt when
// arrives(cap) is false. From a first guess: when it holds and guess - 1 does not (the usual case,
// two models), that is the answer; otherwise steps of 1, 2, 4, ... up from a guess that fell
// short, then an integer bisection between the last n that fell short and the first that did not.
template <class Arrives>
std::optional<double> least_whole(double lo, double guess, double cap, Arrives arrives) {
  if (!(guess > lo)) guess = lo + 1;  // also a guess that is NaN
  guess = std::min(std::floor(guess), cap);
  double hi = guess;
  if (arrives(hi)) {
    if (hi - 1 <= lo) return hi;
    if (!arrives(hi - 1)) return hi;
    hi -= 1;  // the guess was high: the answer is in (lo, hi]
  } else {
    lo = hi;
    for (double step = 1;; step *= 2) {
      if (lo >= cap) return std::nullopt;
      hi = std::min(cap, lo + step);
      if (arrives(hi)) break;
      lo = hi;
    }
  }
  while (hi - lo > 1) {
    const double mid = std::floor(lo + (hi - lo) / 2);
    (arrives(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

// Why the time does not grow with the streams N (all else fixed), so that "arrives by the deadline"
// is false up to some N and true from there on. time(N) = rtt + bytes / R + ss + F / N, with
// R = min(L, N s) f (s = min(Rw, Rl), f BBR's factor or 1), F = files * per_file_rtts * rtt, and
// ss = slow_start_s(bytes / N, R / N, rtt, mtu):
// - below the link (N s < L) each stream runs at r = s f whatever N, and carries b = bytes / N.
//   Inside the ramp ss = rtt log2(b ln2 / iw + 1) - b / r, whose slope in b is
//   rtt / (iw + b ln2) - 1 / r >= 0 (iw + b ln2 <= w = r rtt there); past it ss is constant. So
//   ss does not grow as b falls, and bytes / R and F / N fall.
// - at the link (N s >= L) R = L f is fixed and each stream runs at R / N. Past the ramp
//   ss = rtt / ln2 * (ln(w / iw) - 1 + iw / w), w = R rtt / N, which rises with w (its slope is
//   rtt / ln2 * (w - iw) / w^2 >= 0), so falls with N; inside it ss = rtt log2(b ln2 / iw + 1) -
//   bytes / R falls with b = bytes / N. (w = iw: no ramp, ss = 0.)
// - the two meet at N s = L, where both give the same ss.
// The first guess comes from a lower bound on the time: ss >= 0 and R <= N s f give
// time(N) >= rtt + (bytes / (s f) + F) / N, so no N below (bytes / (s f) + F) / (deadline - rtt)
// arrives in time; slow start usually makes the answer that or one more.
std::optional<double> streams_to_arrive_by(const DataParams<double>& data,
                                           const NetworkParams<double>& net, double deadline_s) {
  const double cap = std::max(kMostStreamsSolved, std::floor(net.streams));
  auto arrives = [&](double streams) {
    NetworkParams<double> p = net;
    p.streams = streams;
    return network_model(data, p).time_s <= deadline_s;
  };
  const NetworkResult<double> now = network_model(data, net);
  const double per_stream_Bps = std::min(now.window_Bps, now.loss_Bps);
  // f as the model applied it: rate over the smaller of the link and the streams' sum.
  const double factor = now.rate_Bps / std::min(now.link_Bps, net.streams * per_stream_Bps);
  const double files_s = data.files * net.per_file_rtts * net.rtt_s;
  double guess = net.streams;
  if (net.measured_rate_bps <= 0) {
    const double bound =
        (now.bytes / (per_stream_Bps * factor) + files_s) / (deadline_s - now.handshake_s);
    if (std::isfinite(bound) && bound > 0) guess = std::ceil(bound);
  }
  return least_whole(0, guess, cap, arrives);
}

// The time does not grow with the window either: the window raises each stream's rate
// r = min(window / rtt, Rl) f (or leaves it, at the link), and a stream's own time, b / r + ss, is
// rtt log2(b ln2 / iw + 1) inside the ramp (not depending on r) and
// rtt log2(w / iw) + (b - ramp) / r past it (w = r rtt, ramp = (w - iw) / ln2), whose slope in r
// is (ramp - b) / r^2 <= 0 there; where ss is clipped at 0 it is b / r. The first guess, from the
// same lower bound: window / rtt >= bytes / (N f (deadline - rtt - F / N)).
std::optional<double> window_to_arrive_by(const DataParams<double>& data,
                                          const NetworkParams<double>& net, double deadline_s) {
  auto arrives = [&](double mib) {
    NetworkParams<double> p = net;
    p.window_bytes = mib * kWindowStepBytes;
    return network_model(data, p).time_s <= deadline_s;
  };
  const NetworkResult<double> now = network_model(data, net);
  const double factor =
      now.rate_Bps / std::min(now.link_Bps, net.streams * std::min(now.window_Bps, now.loss_Bps));
  const double files_s = data.files * net.per_file_rtts * net.rtt_s;
  const double window_bytes =
      net.rtt_s * now.bytes /
      (net.streams * factor * (deadline_s - now.handshake_s - files_s / net.streams));
  double guess = std::ceil(net.window_bytes / kWindowStepBytes);
  if (net.measured_rate_bps <= 0 && std::isfinite(window_bytes) && window_bytes > 0)
    guess = std::ceil(window_bytes / kWindowStepBytes);
  const std::optional<double> mib =
      least_whole(0, guess, kLargestWindowBytes / kWindowStepBytes, arrives);
  if (!mib) return std::nullopt;
  return *mib * kWindowStepBytes;
}

const char* limit_name(double code) {
  const int i = static_cast<int>(code);
  return i >= 0 && i < static_cast<int>(std::size(kLimitNames)) ? kLimitNames[i] : kLimitNames[0];
}

const char* congestion_name(double code) {
  const int i = static_cast<int>(code);
  return i >= 0 && i < static_cast<int>(std::size(kCongestionNames))
             ? kCongestionNames[i]
             : kCongestionNames[static_cast<int>(Congestion::cubic)];
}

}  // namespace haul
