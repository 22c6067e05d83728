// haul calibrate: reads a real iperf3 --json result (client side, TCP) and turns it into what the
// network model needs: the measured throughput, the mean RTT, the retransmits and the loss rate
// they imply, which congestion model explains the throughput, and the scenario settings that make
// haul's network match that link.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "../input/json.hpp"
#include "../output/report.hpp"

namespace haul {

struct Calibration {
  double rate_bps = 0;       // end.sum_received.bits_per_second: the goodput the receiver saw
  double sent_rate_bps = 0;  // end.sum_sent.bits_per_second
  double seconds = 0;        // end.sum_received.seconds (after any omitted start)
  double sent_bytes = 0;     // end.sum_sent.bytes
  double retransmits = -1;   // end.sum_sent.retransmits; -1 when iperf3 did not report them
  double mss_bytes = 1448;   // start.tcp_mss or .tcp_mss_default; 1448 (1500-byte MTU,
                             // timestamps) if absent or 0
  bool mss_assumed = true;
  double segments = 0;    // sent_bytes / mss: data segments sent once
  double loss = -1;       // retransmits / (segments + retransmits); -1 when unknown
  double rtt_s = -1;      // mean over streams of end.streams[].sender.mean_rtt; -1 when absent
  double min_rtt_s = -1;  // least end.streams[].sender.min_rtt
  double streams = 1;     // start.test_start.num_streams
  bool reverse = false;   // start.test_start.reverse: the client received (-R)
  std::string kernel_congestion;  // end.sender_tcp_congestion ("" when absent)

  // The network model's aggregate loss limit for each congestion code (reno, cubic, bbr) at the
  // measured RTT, loss, MSS and streams, and its ratio to the measured rate (model / measured).
  // Infinite for bbr and when there was no loss.
  std::array<double, 3> model_bps{};
  std::array<double, 3> ratio{};
  int congestion = 1;  // the code that best explains the measured rate
  std::string why;     // one sentence: why that one
};

// Reads an iperf3 --json document. Throws InputError naming the missing or malformed field: every
// number is checked for sense (finite, normal, within the range iperf3 can write), document text
// in a message goes through quote_text, and a UDP or --bidir run is refused.
Calibration calibrate(const json::Value& iperf3);
// The same from a file; errors start with the path ("run.json: line 3, column 14: ...").
Calibration calibrate_file(const std::string& path);

// One scenario setting that makes haul's network match the link: the key, its value for JSON
// (numbers stay numbers) and the text that follows `--set key=` (the same value as typed).
struct CalibratedSetting {
  std::string key;
  Scalar value;
  std::string text;
};
// network.measured_rate, .rtt (when measured), .loss (when known), .streams and .congestion:
// every one is a value `haul compare --set` accepts.
std::vector<CalibratedSetting> calibrated_settings(const Calibration& c);

// The report: numbers, the fit per congestion control and the --set lines, in every format. JSON:
// {"calibrate": {"rate_bps", "rtt_s", "retransmits", "loss", "congestion", ...},
//  "settings": {"network": {"rtt": "...", ...}}}.
Report report_calibrate(const Calibration& c, const std::string& source);

}  // namespace haul
