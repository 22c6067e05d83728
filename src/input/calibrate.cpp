#include "input/calibrate.hpp"

#include <cmath>
#include <iterator>
#include <limits>

#include "input/error.hpp"
#include "input/toml_util.hpp"
#include "input/units.hpp"
#include "model/network.hpp"

namespace haul {

namespace {

constexpr const char* kExpected = "an iperf3 --json result of a TCP test, client side";
constexpr double kFitTolerance = 1.5;  // a model within 1.5x of the measured rate explains it

// A field that must be there: a number, else an error naming the field.
double required(const json::Value& doc, std::initializer_list<std::string_view> path,
                const std::string& name) {
  const double* x = doc.number_at(path);
  if (!x) throw InputError(name + " is missing or not a number (expected " + kExpected + ")");
  return *x;
}

std::string text_at(const json::Value& doc, std::initializer_list<std::string_view> path) {
  const json::Value* v = doc.at(path);
  return v && v->kind == json::Value::Kind::string ? v->text : std::string();
}

// The code of a congestion control's name, or -1.
int congestion_code(const std::string& name) {
  for (int code = 0; code < static_cast<int>(std::size(kCongestionNames)); ++code)
    if (name == kCongestionNames[code]) return code;
  return -1;
}

// "741.2Mbps": four significant digits and no space, so that it pastes into --set unquoted.
std::string rate_setting(double bps) {
  struct Unit {
    double scale;
    const char* name;
  };
  for (const Unit u : {Unit{1e9, "Gbps"}, Unit{1e6, "Mbps"}, Unit{1e3, "kbps"}})
    if (bps >= u.scale) return units::format_number(bps / u.scale, 4) + u.name;
  return units::format_number(bps, 4) + "bps";
}

std::string rtt_setting(double seconds) {
  return units::format_number(seconds * 1e3, 4) + "ms";
}

}  // namespace

Calibration calibrate(const json::Value& doc) {
  if (doc.kind != json::Value::Kind::object)
    throw InputError(std::string("the document is not a JSON object (expected ") + kExpected + ")");
  if (const std::string error = text_at(doc, {"error"}); !error.empty())
    throw InputError("iperf3 reported an error, not a result: " + error);
  if (const std::string protocol = text_at(doc, {"start", "test_start", "protocol"});
      !protocol.empty() && protocol != "TCP")
    throw InputError("start.test_start.protocol: " + protocol + " (expected a TCP test)");

  Calibration c;
  c.rate_bps =
      required(doc, {"end", "sum_received", "bits_per_second"}, "end.sum_received.bits_per_second");
  if (!(c.rate_bps > 0) || !std::isfinite(c.rate_bps))
    throw InputError("end.sum_received.bits_per_second: " + units::format_number(c.rate_bps) +
                     " (expected a throughput > 0: did the test move any data?)");
  c.seconds = required(doc, {"end", "sum_received", "seconds"}, "end.sum_received.seconds");
  c.sent_bytes = required(doc, {"end", "sum_sent", "bytes"}, "end.sum_sent.bytes");
  c.sent_rate_bps =
      required(doc, {"end", "sum_sent", "bits_per_second"}, "end.sum_sent.bits_per_second");
  auto whole = [](double x) { return std::isfinite(x) && x >= 0 && x == std::floor(x); };
  if (!whole(c.sent_bytes))
    throw InputError("end.sum_sent.bytes: " + units::format_number(c.sent_bytes) +
                     " (expected a whole number of bytes >= 0)");
  if (!(c.seconds > 0) || !std::isfinite(c.seconds))
    throw InputError("end.sum_received.seconds: " + units::format_number(c.seconds) +
                     " (expected a duration > 0)");
  if (const double* r = doc.number_at({"end", "sum_sent", "retransmits"})) {
    if (!whole(*r))
      throw InputError("end.sum_sent.retransmits: " + units::format_number(*r) +
                       " (expected a whole number >= 0)");
    c.retransmits = *r;
  }
  // iperf3 writes tcp_mss when -M set it, tcp_mss_default otherwise.
  for (const char* key : {"tcp_mss", "tcp_mss_default"}) {
    const double* m = doc.number_at({"start", key});
    if (m && *m >= 88 && *m <= 65535 && *m == std::floor(*m)) {
      c.mss_bytes = *m;
      c.mss_assumed = false;
      break;
    }
  }
  // iperf3 runs 1 to 128 streams (-P).
  if (const double* n = doc.number_at({"start", "test_start", "num_streams"});
      n && *n >= 1 && *n <= 128)
    c.streams = std::floor(*n);
  if (const double* r = doc.number_at({"start", "test_start", "reverse"}); r && *r != 0)
    c.reverse = true;
  c.kernel_congestion = text_at(doc, {"end", "sender_tcp_congestion"});

  // Each stream's sender side reports its RTT in microseconds (from the kernel's tcp_info).
  if (const json::Value* streams = doc.at({"end", "streams"});
      streams && streams->kind == json::Value::Kind::array) {
    double sum = 0, least = std::numeric_limits<double>::infinity();
    int counted = 0;
    for (const json::Value& s : streams->items) {
      // In microseconds; anything beyond 100 s is not an RTT (and would overflow the sum).
      const double* mean = s.number_at({"sender", "mean_rtt"});
      if (!mean || !(*mean > 0) || !(*mean <= 1e8)) continue;
      sum += *mean;
      ++counted;
      if (const double* lo = s.number_at({"sender", "min_rtt"}); lo && *lo > 0 && *lo <= 1e8)
        least = std::min(least, *lo);
    }
    if (counted > 0) {
      c.rtt_s = sum / counted / 1e6;
      c.min_rtt_s = std::isfinite(least) ? least / 1e6 : c.rtt_s;
    }
  }

  // Every retransmission is a segment sent again; with random loss each transmission is lost with
  // the same probability, so p = retransmits / (segments sent once + retransmits).
  c.segments = c.sent_bytes / c.mss_bytes;
  if (c.retransmits >= 0 && c.segments > 0) c.loss = c.retransmits / (c.segments + c.retransmits);

  // Which control explains the rate: the network model's loss limit at this RTT, loss and MSS
  // (the model takes the MTU, mss + 40), times the streams.
  const double inf = std::numeric_limits<double>::infinity();
  for (int cc = 0; cc < 3; ++cc) {
    double per_stream = inf;
    if (c.loss > 0 && c.rtt_s > 0)
      per_stream = loss_limit_Bps<double>(cc, c.mss_bytes + 40.0, c.rtt_s, c.loss);
    c.model_bps[static_cast<std::size_t>(cc)] = 8.0 * per_stream * c.streams;
    c.ratio[static_cast<std::size_t>(cc)] = c.model_bps[static_cast<std::size_t>(cc)] / c.rate_bps;
  }
  const int kernel = congestion_code(c.kernel_congestion);
  const int fallback = kernel >= 0 ? kernel : static_cast<int>(Congestion::cubic);
  const double reno = c.ratio[0], cubic = c.ratio[1];
  if (c.rtt_s <= 0) {
    c.congestion = fallback;
    c.why = c.reverse ? "a reverse test (-R): the client's file has no sender RTT, so no model can "
                        "be fitted; run the test from the sending side"
                      : "iperf3 reported no RTT, so no model can be fitted";
  } else if (!(c.loss > 0)) {
    c.congestion = fallback;
    c.why = c.loss == 0         ? "no retransmits: loss did not limit this run; the link or the "
                                  "window did"
            : c.retransmits < 0 ? "iperf3 reported no retransmits, so no model can be fitted"
                                : "no bytes sent, so no loss rate can be worked out";
  } else {
    // Closer in log ratio wins; where both explain the rate (cubic's Reno-friendly region gives
    // the same number), the control the kernel ran is the answer.
    const bool both_fit =
        std::max(std::abs(std::log(reno)), std::abs(std::log(cubic))) <= std::log(kFitTolerance);
    const int reno_code = static_cast<int>(Congestion::reno);
    const int cubic_code = static_cast<int>(Congestion::cubic);
    const int best_code = both_fit && (kernel == reno_code || kernel == cubic_code) ? kernel
                          : std::abs(std::log(reno)) < std::abs(std::log(cubic))    ? reno_code
                                                                                    : cubic_code;
    const auto best = static_cast<std::size_t>(best_code);
    if (std::abs(std::log(c.ratio[best])) <= std::log(kFitTolerance)) {
      c.congestion = best_code;
      c.why = std::string(congestion_name(best_code)) + "'s loss limit at this loss and RTT is " +
              units::format_rate(c.model_bps[best]) + ", " +
              units::format_number(c.ratio[best], 3) + "x the measured rate";
    } else if (reno < 1 && cubic < 1) {
      c.congestion = static_cast<int>(Congestion::bbr);
      c.why =
          "faster than reno or cubic can go at this loss: a control that does not back off on "
          "loss (bbr)";
    } else {
      c.congestion = fallback;
      c.why = "slower than the loss allows: the link or the window bound this run, not the loss";
    }
  }
  return c;
}

Calibration calibrate_file(const std::string& path) {
  const std::string text = read_input_file(path, "iperf3 result");
  json::Value doc;
  try {
    doc = json::parse(text);
  } catch (const json::ParseError& e) {
    throw InputError(path + ": " + e.what() + " (expected " + kExpected + ")");
  }
  try {
    return calibrate(doc);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
}

Report report_calibrate(const Calibration& c, const std::string& source) {
  Report r;
  Record& rec = r.record;
  auto or_null = [](double x, bool known) -> Scalar {
    if (!known) return Null{};
    return x;
  };
  rec.add("calibrate.rate_bps", c.rate_bps);
  rec.add("calibrate.rtt_s", or_null(c.rtt_s, c.rtt_s > 0));
  rec.add("calibrate.retransmits", or_null(c.retransmits, c.retransmits >= 0));
  rec.add("calibrate.loss", or_null(c.loss, c.loss >= 0));
  rec.add("calibrate.congestion", std::string(congestion_name(c.congestion)));
  rec.add("calibrate.why", c.why);
  rec.add("calibrate.kernel_congestion", c.kernel_congestion);
  rec.add("calibrate.streams", c.streams);
  rec.add("calibrate.reverse", c.reverse);
  rec.add("calibrate.min_rtt_s", or_null(c.min_rtt_s, c.min_rtt_s > 0));
  rec.add("calibrate.sent_rate_bps", c.sent_rate_bps);
  rec.add("calibrate.sent_bytes", c.sent_bytes);
  rec.add("calibrate.seconds", c.seconds);
  rec.add("calibrate.mss_bytes", c.mss_bytes);
  for (int cc = 0; cc < 3; ++cc) {
    const auto k = static_cast<std::size_t>(cc);
    const std::string name = congestion_name(cc);
    const bool finite = std::isfinite(c.model_bps[k]);
    rec.add("calibrate.model." + name + ".rate_bps", or_null(c.model_bps[k], finite));
    rec.add("calibrate.model." + name + ".ratio", or_null(c.ratio[k], finite));
  }

  // The settings, as scenario keys (JSON) and --set lines (table, Markdown).
  // Numbers stay numbers in JSON; the --set text is the same value as typed.
  struct Setting {
    std::string key;
    Scalar value;
    std::string text;
  };
  std::vector<Setting> settings;
  const std::string rate = rate_setting(c.rate_bps);
  settings.push_back({"network.measured_rate", rate, rate});
  if (c.rtt_s > 0) {
    const std::string rtt = rtt_setting(c.rtt_s);
    settings.push_back({"network.rtt", rtt, rtt});
  }
  if (c.loss >= 0) {
    // Three digits, but never rounded up to 1 (haul takes a loss below 1). JSON keeps every digit.
    std::string loss = units::format_number(c.loss, 3);
    if (c.loss >= 0.9995) loss = "0.999";
    settings.push_back({"network.loss", c.loss, loss});
  }
  settings.push_back({"network.streams", c.streams, units::format_number(c.streams, 12)});
  const std::string cc = congestion_name(c.congestion);
  settings.push_back({"network.congestion", cc, cc});
  for (const Setting& s : settings) rec.add("settings." + s.key, s.value);

  Table& t = r.table;
  t.title = "calibrate: " + source;
  t.subtitle = {"iperf3, TCP, " + units::format_number(c.streams, 12) +
                (c.streams == 1 ? " stream" : " streams") +
                (c.kernel_congestion.empty() ? "" : " of " + c.kernel_congestion) +
                (c.reverse ? ", reverse (-R)" : "") + ", " + units::format_duration(c.seconds) +
                " measured"};
  t.header = {"", "measured"};
  auto known = [](bool k, const std::string& text) { return k ? text : std::string("unknown"); };
  t.rows = {
      {"throughput (received)", units::format_rate(c.rate_bps)},
      {"throughput (sent)", units::format_rate(c.sent_rate_bps)},
      {"mean RTT", known(c.rtt_s > 0, units::format_duration(c.rtt_s))},
      {"least RTT", known(c.min_rtt_s > 0, units::format_duration(c.min_rtt_s))},
      {"retransmits",
       known(c.retransmits >= 0, units::format_count(c.retransmits) + " of " +
                                     units::format_count(std::round(c.segments)) + " segments")},
      {"implied loss", known(c.loss >= 0, units::format_fraction(c.loss))},
      {""},
  };
  for (int code = 0; code < 3; ++code) {
    const auto k = static_cast<std::size_t>(code);
    t.rows.push_back({std::string(congestion_name(code)) + " model",
                      std::isfinite(c.model_bps[k]) ? units::format_rate(c.model_bps[k]) + " (" +
                                                          units::format_number(c.ratio[k], 3) + "x)"
                                                    : std::string("not loss-limited")});
  }
  t.rows.push_back({"fits", congestion_name(c.congestion)});
  t.notes.push_back(c.why + ".");
  if (c.mss_assumed)
    t.notes.push_back("No MSS in the file: assumed 1448 B (1500-byte MTU with TCP timestamps).");
  t.notes.push_back("Settings that make haul's network match this link:");
  std::string line;
  for (const Setting& s : settings) line += " --set " + s.key + "=" + s.text;
  t.notes.push_back(line);
  return r;
}

}  // namespace haul
