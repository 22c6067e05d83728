#include "input/calibrate.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <optional>

#include "input/error.hpp"
#include "input/quote.hpp"
#include "input/toml_util.hpp"
#include "input/units.hpp"
#include "model/network.hpp"

namespace haul {

namespace {

constexpr const char* kExpected = "an iperf3 --json result of a TCP test, client side";
constexpr double kFitTolerance = 1.5;  // a model within 1.5x of the measured rate explains it
constexpr double kInf = std::numeric_limits<double>::infinity();

// What a number read from the document must be to make sense. Every number must also be finite
// and normal (or exactly 0 where the range starts at 0): a subnormal is no measurement, and
// turns into infinities once divided.
struct Sense {
  double least, most;
  bool whole;
  const char* expected;  // the form, for the message
};

constexpr Sense kRate{1, 1e15, false,
                      "a throughput > 0 in bits per second, from 1 (1 bps) to 1e15 (1 Pbps)"};
// iperf3 measures time in microseconds.
// iperf3 caps a test at one day (-t 86400); a week leaves room for -n and -k runs.
constexpr Sense kSeconds{1e-6, 604800, false,
                         "a duration in seconds from 1e-6 (1 us) to 604800 (a week)"};
// A week at 1 Pbps, the top rate below, is 7.6e19 bytes.
constexpr Sense kBytes{1, 1e20, true, "a whole number of bytes from 1 to 1e20"};
// No upper bound: a count too large for the bytes sent makes the loss 1, which is refused there.
constexpr Sense kRetransmits{0, kInf, true, "a whole number >= 0"};
// tcp_info's RTT, in microseconds; iperf3 writes 0 when a stream took no sample, and anything
// beyond 100 s is not a round trip.
constexpr Sense kRtt{1, 1e8, false,
                     "a round-trip time in microseconds from 1 (1 us) to 1e8 (100 s), or 0 when "
                     "not measured"};
// Linux's least MSS is 88 bytes (TCP_MIN_MSS); TCP's MSS option has 16 bits.
constexpr Sense kMss{88, 65535, true,
                     "a whole number of bytes from 88 to 65535, or 0 when not known"};
constexpr Sense kStreams{1, 128, true, "a whole number of streams from 1 to 128 (iperf3 -P)"};

// A number as the document wrote it: whole numbers in full (-5000000, 1448000000), others as the
// shortest text that reads back the same (5e-324, 0.5, 1e+300).
std::string shown(double x) {
  char buf[32];
  if (x == std::floor(x) && std::fabs(x) < 9007199254740992.0) {  // 2^53: every integer exact
    std::snprintf(buf, sizeof buf, "%.0f", x);
    return buf;
  }
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : units::format_number(x);
}

// A value that is not a number, for a message: "\"12\"", true, an array.
std::string shown(const json::Value& v) {
  switch (v.kind) {
    case json::Value::Kind::number:
      return shown(v.number);
    case json::Value::Kind::string:
      return quote_text(v.text);
    case json::Value::Kind::boolean:
      return v.boolean ? "true" : "false";
    case json::Value::Kind::array:
      return "an array";
    case json::Value::Kind::object:
      return "an object";
    case json::Value::Kind::null:
      break;
  }
  return "null";
}

double sensible(double x, const std::string& field, const Sense& sense) {
  const bool ok = std::isfinite(x) && (x == 0 || std::isnormal(x)) && x >= sense.least &&
                  x <= sense.most && (!sense.whole || x == std::floor(x));
  if (!ok) throw InputError(field + ": " + shown(x) + " (expected " + sense.expected + ")");
  return x;
}

// The number a field holds, checked; nullopt when the field is absent or null. A field that is
// there but holds no number is an error naming it.
std::optional<double> optional(const json::Value* v, const std::string& field, const Sense& sense,
                               bool zero_is_absent = false) {
  if (!v || v->kind == json::Value::Kind::null) return std::nullopt;
  if (v->kind != json::Value::Kind::number)
    throw InputError(field + ": " + shown(*v) + " (expected " + sense.expected + ")");
  if (zero_is_absent && v->number == 0) return std::nullopt;
  return sensible(v->number, field, sense);
}

// A field that must be there.
double required(const json::Value& doc, std::initializer_list<std::string_view> path,
                const std::string& field, const Sense& sense) {
  const std::optional<double> x = optional(doc.at(path), field, sense);
  if (!x) throw InputError(field + " is missing or not a number (expected " + kExpected + ")");
  return *x;
}

// iperf3's 0/1 switches (test_start.reverse, .bidir); true and false read the same.
bool flag(const json::Value* v, const std::string& field) {
  if (!v || v->kind == json::Value::Kind::null) return false;
  if (v->kind == json::Value::Kind::boolean) return v->boolean;
  if (v->kind != json::Value::Kind::number || (v->number != 0 && v->number != 1))
    throw InputError(field + ": " + shown(*v) + " (expected 0 or 1)");
  return v->number == 1;
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

// A kernel's congestion control name, as printed in the report: Linux allows 15 bytes
// (TCP_CA_NAME_MAX, 16 with the NUL), 32 leaves room for other systems; letters, digits, '_', '-'
// and '.' cover every name Linux and the BSDs ship.
bool congestion_name_like(const std::string& name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-' && ch != '.')
      return false;
  return true;
}

// A --bidir run sends both ways at once; calibrate fits one direction and would mix the two: the
// streams of both directions, their RTTs averaged (and iperf3's first --bidir versions wrote the
// second direction's sums under the same names, sum_sent and sum_received).
[[noreturn]] void refuse_bidir(const std::string& field, const std::string& what) {
  throw InputError(field + ": " + what +
                   " (expected a one-way test: a --bidir run sends both ways at once and "
                   "calibrate fits one direction; run iperf3 without --bidir, with -R for the "
                   "other way)");
}

// iperf3 marks a --bidir run in start.test_start.bidir (recent versions), writes the second
// direction's sums as end.sum_sent_bidir_reverse and end.sum_received_bidir_reverse, and marks
// every stream, in the intervals and at the end, "sender": true or false as seen from the client.
// A one-way run has the same mark throughout: true, or false for -R.
void check_one_way(const json::Value& doc) {
  if (flag(doc.at({"start", "test_start", "bidir"}), "start.test_start.bidir"))
    refuse_bidir("start.test_start.bidir", "1");
  for (const char* key : {"sum_sent_bidir_reverse", "sum_received_bidir_reverse"})
    if (doc.at({"end", key})) refuse_bidir(std::string("end.") + key, "present");
  std::optional<bool> first;
  std::string first_field;
  auto check_streams = [&](const json::Value* streams, const std::string& where,
                           std::initializer_list<std::string_view> path) {
    if (!streams || streams->kind != json::Value::Kind::array) return;
    for (std::size_t i = 0; i < streams->items.size(); ++i) {
      const json::Value* sender = streams->items[i].at(path);
      if (!sender || sender->kind != json::Value::Kind::boolean) continue;
      std::string field = where + "[" + std::to_string(i) + "]";
      for (std::string_view step : path) field += "." + std::string(step);
      if (!first) {
        first = sender->boolean;
        first_field = field;
      } else if (*first != sender->boolean) {
        refuse_bidir(field, std::string(sender->boolean ? "true" : "false") + " where " +
                                first_field + " is " + (*first ? "true" : "false"));
      }
    }
  };
  check_streams(doc.at({"end", "streams"}), "end.streams", {"sender", "sender"});
  if (const json::Value* intervals = doc.at({"intervals"});
      intervals && intervals->kind == json::Value::Kind::array)
    for (std::size_t i = 0; i < intervals->items.size(); ++i)
      check_streams(intervals->items[i].at({"streams"}),
                    "intervals[" + std::to_string(i) + "].streams", {"sender"});
}

// "741.2Mbps": four significant digits and no space, so that it pastes into --set unquoted.
std::string rate_setting(double bps) {
  struct Unit {
    double scale;
    const char* name;
  };
  for (const Unit u : {Unit{1e15, "Pbps"}, Unit{1e12, "Tbps"}, Unit{1e9, "Gbps"}, Unit{1e6, "Mbps"},
                       Unit{1e3, "kbps"}})
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
    throw InputError("iperf3 reported an error, not a result: " + quote_text(error));
  if (const std::string protocol = text_at(doc, {"start", "test_start", "protocol"});
      !protocol.empty() && protocol != "TCP")
    throw InputError("start.test_start.protocol: " + quote_text(protocol) +
                     " (expected \"TCP\": calibrate fits TCP's congestion control; run iperf3 "
                     "without -u)");
  check_one_way(doc);

  Calibration c;
  c.rate_bps = required(doc, {"end", "sum_received", "bits_per_second"},
                        "end.sum_received.bits_per_second", kRate);
  c.seconds =
      required(doc, {"end", "sum_received", "seconds"}, "end.sum_received.seconds", kSeconds);
  c.sent_bytes = required(doc, {"end", "sum_sent", "bytes"}, "end.sum_sent.bytes", kBytes);
  c.sent_rate_bps =
      required(doc, {"end", "sum_sent", "bits_per_second"}, "end.sum_sent.bits_per_second", kRate);
  if (const auto r = optional(doc.at({"end", "sum_sent", "retransmits"}),
                              "end.sum_sent.retransmits", kRetransmits))
    c.retransmits = *r;
  // iperf3 writes tcp_mss when -M set it, tcp_mss_default otherwise: the control connection's
  // MSS, or 0 when getsockopt(TCP_MAXSEG) failed or gave a nonsense value.
  for (const char* key : {"tcp_mss", "tcp_mss_default"}) {
    if (const auto m = optional(doc.at({"start", key}), std::string("start.") + key, kMss, true)) {
      c.mss_bytes = *m;
      c.mss_assumed = false;
      break;
    }
  }
  if (const auto n = optional(doc.at({"start", "test_start", "num_streams"}),
                              "start.test_start.num_streams", kStreams))
    c.streams = *n;
  c.reverse = flag(doc.at({"start", "test_start", "reverse"}), "start.test_start.reverse");
  c.kernel_congestion = text_at(doc, {"end", "sender_tcp_congestion"});
  if (!c.kernel_congestion.empty() && !congestion_name_like(c.kernel_congestion))
    throw InputError("end.sender_tcp_congestion: " + quote_text(c.kernel_congestion) +
                     " (expected the name of a congestion control, e.g. \"cubic\")");

  // Each stream's sender side reports its RTT in microseconds (from the kernel's tcp_info). The
  // receiving side of a -R test took no samples and writes 0: no RTT, not a bad one.
  if (const json::Value* streams = doc.at({"end", "streams"});
      streams && streams->kind == json::Value::Kind::array) {
    double sum = 0, least = kInf;
    int counted = 0;
    for (std::size_t i = 0; i < streams->items.size(); ++i) {
      const json::Value& s = streams->items[i];
      const std::string field = "end.streams[" + std::to_string(i) + "].sender.";
      const auto mean = optional(s.at({"sender", "mean_rtt"}), field + "mean_rtt", kRtt, true);
      if (!mean) continue;
      sum += *mean;
      ++counted;
      if (const auto lo = optional(s.at({"sender", "min_rtt"}), field + "min_rtt", kRtt, true))
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
  if (c.retransmits >= 0) c.loss = c.retransmits / (c.segments + c.retransmits);
  if (!(c.loss < 1))  // so many retransmits that the segments sent once vanish beside them
    throw InputError("end.sum_sent.retransmits: " + shown(c.retransmits) +
                     " (expected a number the data sent can explain: with " +
                     units::format_count(c.segments) + " segments sent once, it makes the loss " +
                     "rate 1)");

  // Which control explains the rate: the network model's loss limit at this RTT, loss and MSS
  // (the model takes the MTU, mss + 40), times the streams.
  for (int cc = 0; cc < 3; ++cc) {
    double per_stream = kInf;
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
    c.why = c.loss == 0 ? "no retransmits: loss did not limit this run; the link or the window did"
                        : "iperf3 reported no retransmits, so no model can be fitted";
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
    throw InputError(printable(path, 300) + ": " + e.what() + " (expected " + kExpected + ")");
  }
  try {
    return calibrate(doc);
  } catch (const InputError& e) {
    throw InputError(printable(path, 300) + ": " + e.what());
  }
}

std::vector<CalibratedSetting> calibrated_settings(const Calibration& c) {
  std::vector<CalibratedSetting> settings;
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
  return settings;
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

  const std::vector<CalibratedSetting> settings = calibrated_settings(c);
  for (const CalibratedSetting& s : settings) rec.add("settings." + s.key, s.value);

  Table& t = r.table;
  t.title = "calibrate: " + printable(source, 300);
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
  for (const CalibratedSetting& s : settings) line += " --set " + s.key + "=" + s.text;
  t.notes.push_back(line);
  return r;
}

}  // namespace haul
