// haul calibrate on iperf3 --json documents: a hand-made one whose every number is worked out in
// the comments, and the two real runs from benchmarks/realnet shipped in tests/data.
#include "input/calibrate.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/scenario.hpp"
#include "input/units.hpp"
#include "model/network.hpp"
#include "output/views.hpp"

using haul::calibrate;
using haul::json::parse;

namespace {

// The shape of iperf3 3.12's client-side --json output, with only the fields calibrate reads.
std::string iperf3_doc(double received_bps, const std::string& congestion = "cubic") {
  return R"({
  "start": {"tcp_mss_default": 1448,
            "test_start": {"protocol": "TCP", "num_streams": 4, "omit": 5, "duration": 120}},
  "intervals": [],
  "end": {
    "streams": [
      {"sender": {"bytes": 724000000, "retransmits": 500, "min_rtt": 50100, "mean_rtt": 50000}},
      {"sender": {"bytes": 724000000, "retransmits": 500, "min_rtt": 50050, "mean_rtt": 52000}}],
    "sum_sent": {"seconds": 120, "bytes": 1448000000, "bits_per_second": 100000000,
                 "retransmits": 1000},
    "sum_received": {"seconds": 120.05, "bytes": 1447000000, "bits_per_second": )" +
         std::to_string(received_bps) + R"(},
    "sender_tcp_congestion": ")" +
         congestion + R"(", "receiver_tcp_congestion": ")" + congestion + R"("}
})";
}

// The document with one piece of text replaced (the piece must be there).
void swap(std::string& doc, const std::string& from, const std::string& to) {
  const auto at = doc.find(from);
  REQUIRE(at != std::string::npos);
  doc.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("calibrate: the numbers come straight from the iperf3 fields") {
  const haul::Calibration c = calibrate(parse(iperf3_doc(33e6)));
  CHECK(c.rate_bps == 33e6);  // end.sum_received.bits_per_second, as written
  CHECK(c.sent_rate_bps == 1e8);
  CHECK(c.seconds == 120.05);
  CHECK(c.mss_bytes == 1448);
  CHECK_FALSE(c.mss_assumed);
  CHECK(c.streams == 4);
  // mean of the streams' mean_rtt: (50,000 + 52,000) / 2 = 51,000 us = 0.051 s
  CHECK(c.rtt_s == doctest::Approx(0.051).epsilon(1e-15));
  // least min_rtt: 50,050 us
  CHECK(c.min_rtt_s == doctest::Approx(0.05005).epsilon(1e-15));
  CHECK(c.retransmits == 1000);
  // 1,448,000,000 B / 1448 B = 1,000,000 segments sent once; with 1000 sent again,
  // p = 1000 / 1,001,000 = 9.99000999e-4
  CHECK(c.segments == doctest::Approx(1e6).epsilon(1e-15));
  CHECK(c.loss == doctest::Approx(1000.0 / 1001000.0).epsilon(1e-15));
  CHECK(c.kernel_congestion == "cubic");
}

TEST_CASE("calibrate: the model's loss limit at the measured RTT and loss picks the control") {
  // Per stream, PFTK with W the control's mean window (network.hpp), mss 1448, rtt 0.051,
  // p = 9.99000999e-4:
  //   reno W = sqrt(1.5 / p) = 38.7492 packets;
  //   cubic: 1.12 * 1.054 (rtt/p)^0.75 = 1.18048 * 51.051^0.75 = 22.5456 and the Reno-friendly
  //     1.2247 / sqrt(p) = 38.7478, blended: q = 0.581855, W = 38.7478 * (1 + q^5)^(1/5)
  //     = 38.7478 * 1.0130060 = 39.2513;
  //   timeout term = (0.051 + 0.2) * 3 sqrt(3/8) * sqrt(p) * p * (1 + 32 p^2) = 1.45604e-5 s;
  //   rate = 1448 / (0.051 / W + 1.45604e-5) B/s; * 8 bit * 4 streams:
  //   reno 34.8203 Mbit/s, cubic 35.2666 Mbit/s.
  SUBCASE("33 Mbit/s: both fit (ratios 1.055, 1.069); the kernel ran cubic, so cubic") {
    const haul::Calibration c = calibrate(parse(iperf3_doc(33e6)));
    CHECK(c.model_bps[0] == doctest::Approx(34.8203e6).epsilon(1e-5));
    CHECK(c.model_bps[1] == doctest::Approx(35.2666e6).epsilon(1e-5));
    CHECK(c.ratio[0] == doctest::Approx(34.8203 / 33).epsilon(1e-5));
    CHECK(c.congestion == static_cast<int>(haul::Congestion::cubic));
  }
  SUBCASE("the same with reno in the kernel: reno") {
    const haul::Calibration c = calibrate(parse(iperf3_doc(33e6, "reno")));
    CHECK(c.congestion == static_cast<int>(haul::Congestion::reno));
  }
  SUBCASE("96.5 Mbit/s is 2.8x what reno or cubic allow at this loss: bbr") {
    const haul::Calibration c = calibrate(parse(iperf3_doc(96.5e6)));
    CHECK(c.ratio[1] == doctest::Approx(35.2666 / 96.5).epsilon(1e-5));
    CHECK(c.congestion == static_cast<int>(haul::Congestion::bbr));
  }
  SUBCASE("5 Mbit/s is far below the loss limit: the link bound it; the kernel's control") {
    const haul::Calibration c = calibrate(parse(iperf3_doc(5e6, "reno")));
    CHECK(c.congestion == static_cast<int>(haul::Congestion::reno));
    CHECK(c.why.find("link or the window") != std::string::npos);
  }
}

TEST_CASE("calibrate: the report's JSON has the contract's keys and the settings") {
  const haul::Report r = haul::report_calibrate(calibrate(parse(iperf3_doc(33e6))), "x.json");
  const std::string json = haul::render(r, haul::Format::json);
  for (const char* key : {"\"rate_bps\": 33000000", "\"rtt_s\": 0.051", "\"retransmits\": 1000",
                          "\"loss\": 0.000999000999000999", "\"congestion\": \"cubic\"",
                          "\"measured_rate\": \"33Mbps\"", "\"rtt\": \"51ms\"",
                          "\"loss\": 0.000999", "\"streams\": 4"})
    CHECK_MESSAGE(json.find(key) != std::string::npos, key);
  const std::string text = haul::render(r, haul::Format::table);
  CHECK(text.find("--set network.measured_rate=33Mbps --set network.rtt=51ms --set "
                  "network.loss=0.000999 --set network.streams=4 --set network.congestion=cubic") !=
        std::string::npos);
}

TEST_CASE("calibrate: documents that are not a TCP result are refused, naming the field") {
  auto error = [](const std::string& text) {
    try {
      calibrate(parse(text));
    } catch (const haul::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error("[]").find("not a JSON object") != std::string::npos);
  // Text from the document is quoted (quote_text), so that it stays one line.
  CHECK(error(R"({"error": "unable to connect to server"})") ==
        "iperf3 reported an error, not a result: \"unable to connect to server\"");
  CHECK(error(R"({"start": {"test_start": {"protocol": "UDP"}}})") ==
        "start.test_start.protocol: \"UDP\" (expected \"TCP\": calibrate fits TCP's congestion "
        "control; run iperf3 without -u)");
  CHECK(error(R"({"end": {}})").find("end.sum_received.bits_per_second is missing") == 0);
  CHECK(error(R"({"end": {"sum_received": {"bits_per_second": 0}}})")
            .find("expected a throughput > 0") != std::string::npos);
  // Counts must be whole: half a retransmit (or 1e-303 of one) is not iperf3's output.
  std::string doc = iperf3_doc(33e6);
  swap(doc, "\"retransmits\": 1000", "\"retransmits\": 0.5");
  CHECK(error(doc) == "end.sum_sent.retransmits: 0.5 (expected a whole number >= 0)");
}

TEST_CASE("calibrate: -M's tcp_mss, -R, absurd RTTs and a loss that rounds to 1") {
  // -M 1000 makes iperf3 write start.tcp_mss instead of tcp_mss_default
  std::string doc = iperf3_doc(33e6);
  swap(doc, "\"tcp_mss_default\": 1448", "\"tcp_mss\": 1000");
  haul::Calibration c = calibrate(parse(doc));
  CHECK(c.mss_bytes == 1000);
  // 1,448,000,000 B / 1000 B = 1,448,000 segments; p = 1000 / 1,449,000
  CHECK(c.loss == doctest::Approx(1000.0 / 1449000.0).epsilon(1e-15));

  // A reverse test is named, and its missing RTT explained.
  doc = iperf3_doc(33e6);
  swap(doc, "\"omit\": 5", "\"reverse\": 1");
  for (const char* rtt : {"\"mean_rtt\": 50000", "\"mean_rtt\": 52000"}) swap(doc, rtt, "\"x\": 0");
  c = calibrate(parse(doc));
  CHECK(c.reverse);
  CHECK(c.rtt_s < 0);
  CHECK(c.why.find("reverse") != std::string::npos);

  // An RTT of 1e300 us is not one (it would overflow the mean): refused, naming the stream. (It
  // used to be skipped, which moved the mean RTT to the other stream's without a word.)
  doc = iperf3_doc(33e6);
  swap(doc, "\"mean_rtt\": 52000", "\"mean_rtt\": 1e300");
  CHECK_THROWS_WITH_AS(calibrate(parse(doc)),
                       doctest::Contains("end.streams[1].sender.mean_rtt: 1e+300 (expected"),
                       haul::InputError);

  // 1e12 retransmits of 1e6 segments: p = 1e12 / (1e12 + 1e6) = 0.999999, which three digits
  // would round to 1; the --set line says 0.999 (haul takes a loss below 1).
  doc = iperf3_doc(33e6);
  swap(doc, "\"retransmits\": 1000", "\"retransmits\": 1000000000000");
  const std::string text =
      haul::render(haul::report_calibrate(calibrate(parse(doc)), "x.json"), haul::Format::table);
  CHECK(text.find("network.loss=0.999 ") != std::string::npos);
}

// Real runs from benchmarks/realnet (iperf3 3.12, Linux 6.18, through the link emulator at
// 100 Mbit/s): the numbers below are read off the files with a text editor.
TEST_CASE(
    "calibrate: reno, 2 streams, 50 ms, 0.1 % loss (tests/data/iperf3-reno-50ms-0.1pct.json)") {
  const haul::Calibration c = haul::calibrate_file(HAUL_TEST_DATA "/iperf3-reno-50ms-0.1pct.json");
  // end.sum_received.bits_per_second is 17102513.655721493: the throughput, exactly
  CHECK(c.rate_bps == 17102513.655721493);
  // end.sum_sent: bytes 21563240, retransmits 16; start.tcp_mss_default 1448:
  // 21,563,240 / 1448 = 14,891.7403 segments; p = 16 / (14,891.7403 + 16) = 1.0732680e-3
  // (the emulator was set to drop 1e-3 of the packets at random)
  CHECK(c.retransmits == 16);
  CHECK(c.loss == doctest::Approx(1.0732680e-3).epsilon(1e-7));
  // end.streams[].sender.mean_rtt: 50661 and 50523 us -> 50.592 ms (the emulated RTT is 50 ms)
  CHECK(c.rtt_s == doctest::Approx(0.050592).epsilon(1e-12));
  CHECK(c.streams == 2);
  CHECK(c.kernel_congestion == "reno");
  // reno: W = sqrt(1.5 / p) = 37.3845 packets; timeouts (0.050592 + 0.2) * 3 sqrt(3p/8) p
  // (1 + 32 p^2) = 1.61876e-5 s; 1448 / (0.050592 / 37.3845 + 1.61876e-5) * 8 * 2
  // = 16.9174 Mbit/s, 0.989 of the measured rate: reno fits
  CHECK(c.model_bps[0] == doctest::Approx(16.91742e6).epsilon(1e-5));
  CHECK(c.ratio[0] == doctest::Approx(0.98918).epsilon(1e-4));
  CHECK(c.congestion == static_cast<int>(haul::Congestion::reno));
}

TEST_CASE("calibrate: bbr, 2 streams, 100 ms, 1 % loss (tests/data/iperf3-bbr-100ms-1pct.json)") {
  const haul::Calibration c = haul::calibrate_file(HAUL_TEST_DATA "/iperf3-bbr-100ms-1pct.json");
  // end.sum_received.bits_per_second is 94554045.36696504
  CHECK(c.rate_bps == 94554045.36696504);
  // bytes 119275520 / 1448 = 82,372.5967 segments; 2738 retransmits:
  // p = 2738 / 85,110.5967 = 0.0321699. More than the 1 % the emulator dropped at random: two BBR
  // flows keep about two bandwidth-delay products in flight and overflow its one-BDP queue.
  CHECK(c.retransmits == 2738);
  CHECK(c.loss == doctest::Approx(0.0321699).epsilon(1e-5));
  // mean_rtt 166618 and 166272 us -> 166.445 ms: 100 ms of path and a standing queue
  CHECK(c.rtt_s == doctest::Approx(0.166445).epsilon(1e-12));
  // reno at that loss and RTT: W = sqrt(1.5 / 0.0321699) = 6.8284 packets; timeouts
  // (0.166445 + 0.2) * 3 sqrt(3p/8) p (1 + 32 p^2) = 4.01301e-3 s;
  // 1448 / (0.166445 / 6.8284 + 4.01301e-3) * 8 * 2 = 816.1 kbit/s: 0.0086 of the measured rate,
  // so only a control that ignores loss explains it
  CHECK(c.model_bps[0] == doctest::Approx(816110.6).epsilon(1e-5));
  CHECK(c.congestion == static_cast<int>(haul::Congestion::bbr));
  CHECK(c.kernel_congestion == "bbr");
}

namespace {

// The message calibrate refuses a document with, or "no error".
std::string refusal(const std::string& text) {
  try {
    calibrate(parse(text));
  } catch (const haul::InputError& e) {
    return e.what();
  }
  return "no error";
}

// iperf3_doc(33e6) with pieces replaced, in order.
std::string doc_with(std::initializer_list<std::pair<std::string, std::string>> swaps) {
  std::string doc = iperf3_doc(33e6);
  for (const auto& [from, to] : swaps) swap(doc, from, to);
  return doc;
}

// iperf3_doc writes the received rate with std::to_string: 33000000.000000.
const std::string kReceived = "\"bits_per_second\": 33000000.000000";
const std::string kSent = "\"bits_per_second\": 100000000";

// The --set lines calibrate prints for a document, applied the way `haul compare --set ...` does:
// parsed as assignments on the defaults, evaluated with the breakevens, rendered. Returns the
// error, or "" when compare would exit 0.
std::string compare_error(const haul::Calibration& c) {
  try {
    std::vector<haul::Assignment> set;
    for (const haul::CalibratedSetting& s : haul::calibrated_settings(c))
      set.push_back(haul::parse_set(s.key + "=" + s.text));
    const haul::Scenario scenario = haul::load_scenario({}, set, haul::builtin_catalog());
    (void)haul::render(
        haul::report_compare(haul::evaluate(scenario, true), haul::units::ByteStyle::si),
        haul::Format::table);
  } catch (const haul::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE(
    "calibrate: every number is checked for sense, naming the field, the value and the form") {
  const std::string rate =
      " (expected a throughput > 0 in bits per second, from 1 (1 bps) to "
      "1e15 (1 Pbps))";
  // A subnormal rate used to print "(infx)" and a measured_rate that compare refused.
  CHECK(refusal(doc_with({{kReceived, "\"bits_per_second\": 5e-324"}})) ==
        "end.sum_received.bits_per_second: 5e-324" + rate);
  CHECK(refusal(doc_with({{kReceived, "\"bits_per_second\": -5e6"}})) ==
        "end.sum_received.bits_per_second: -5000000" + rate);
  CHECK(refusal(doc_with({{kReceived, "\"bits_per_second\": 0.5"}})) ==
        "end.sum_received.bits_per_second: 0.5" + rate);
  // 2e15 bit/s is twice the 1 Pbps bound: whole, so shown in full
  CHECK(refusal(doc_with({{kReceived, "\"bits_per_second\": 2e15"}})) ==
        "end.sum_received.bits_per_second: 2000000000000000" + rate);
  // The sent rate used to print "-5 Mbps" in the table.
  CHECK(refusal(doc_with({{kSent, "\"bits_per_second\": -5e6"}})) ==
        "end.sum_sent.bits_per_second: -5000000" + rate);
  CHECK(refusal(doc_with({{kSent, "\"bits_per_second\": 1e-310"}})) ==
        "end.sum_sent.bits_per_second: 1e-310" + rate);

  const std::string seconds =
      " (expected a duration in seconds from 1e-6 (1 us) to 604800 (a week))";
  CHECK(refusal(doc_with({{"\"seconds\": 120.05", "\"seconds\": 0"}})) ==
        "end.sum_received.seconds: 0" + seconds);
  CHECK(refusal(doc_with({{"\"seconds\": 120.05", "\"seconds\": -3"}})) ==
        "end.sum_received.seconds: -3" + seconds);
  CHECK(refusal(doc_with({{"\"seconds\": 120.05", "\"seconds\": 1e-310"}})) ==
        "end.sum_received.seconds: 1e-310" + seconds);

  // A run longer than a week, or more bytes than a week at 1 Pbps (7.6e19), no iperf3 wrote.
  CHECK(refusal(doc_with({{"\"seconds\": 120.05", "\"seconds\": 1e300"}})) ==
        "end.sum_received.seconds: 1e+300" + seconds);
  const std::string bytes = " (expected a whole number of bytes from 1 to 1e20)";
  CHECK(refusal(doc_with({{"\"bytes\": 1448000000", "\"bytes\": 1e300"}})) ==
        "end.sum_sent.bytes: 1e+300" + bytes);
  CHECK(refusal(doc_with({{"\"bytes\": 1448000000", "\"bytes\": 0"}})) ==
        "end.sum_sent.bytes: 0" + bytes);
  CHECK(refusal(doc_with({{"\"bytes\": 1448000000", "\"bytes\": 1448.5"}})) ==
        "end.sum_sent.bytes: 1448.5" + bytes);
  CHECK(refusal(doc_with({{"\"bytes\": 1448000000", "\"bytes\": -1448"}})) ==
        "end.sum_sent.bytes: -1448" + bytes);

  const std::string count = " (expected a whole number >= 0)";
  CHECK(refusal(doc_with({{"\"retransmits\": 1000", "\"retransmits\": -1"}})) ==
        "end.sum_sent.retransmits: -1" + count);
  CHECK(refusal(doc_with({{"\"retransmits\": 1000", "\"retransmits\": 5e-324"}})) ==
        "end.sum_sent.retransmits: 5e-324" + count);
  // a number written as text is not one; the text is quoted
  CHECK(refusal(doc_with({{"\"retransmits\": 1000", "\"retransmits\": \"12\""}})) ==
        "end.sum_sent.retransmits: \"12\"" + count);
  // 1e30 retransmits beside 1,448,000,000 / 1448 = 1,000,000 segments: in doubles
  // 1e30 / (1e6 + 1e30) is exactly 1 (1e6 is below half of 1e30's spacing, 2^47 = 1.4e14)
  CHECK(refusal(doc_with({{"\"retransmits\": 1000", "\"retransmits\": 1e30"}})) ==
        "end.sum_sent.retransmits: 1e+30 (expected a number the data sent can explain: with "
        "1,000,000 segments sent once, it makes the loss rate 1)");

  const std::string rtt =
      " (expected a round-trip time in microseconds from 1 (1 us) to 1e8 "
      "(100 s), or 0 when not measured)";
  CHECK(refusal(doc_with({{"\"mean_rtt\": 50000", "\"mean_rtt\": -50000"}})) ==
        "end.streams[0].sender.mean_rtt: -50000" + rtt);
  CHECK(refusal(doc_with({{"\"mean_rtt\": 52000", "\"mean_rtt\": 5e-324"}})) ==
        "end.streams[1].sender.mean_rtt: 5e-324" + rtt);
  CHECK(refusal(doc_with({{"\"mean_rtt\": 50000", "\"mean_rtt\": 0.5"}})) ==
        "end.streams[0].sender.mean_rtt: 0.5" + rtt);
  CHECK(refusal(doc_with({{"\"min_rtt\": 50050", "\"min_rtt\": 200000000"}})) ==
        "end.streams[1].sender.min_rtt: 200000000" + rtt);

  const std::string mss =
      " (expected a whole number of bytes from 88 to 65535, or 0 when not "
      "known)";
  CHECK(refusal(doc_with({{"\"tcp_mss_default\": 1448", "\"tcp_mss_default\": 40"}})) ==
        "start.tcp_mss_default: 40" + mss);
  CHECK(refusal(doc_with({{"\"tcp_mss_default\": 1448", "\"tcp_mss_default\": 70000"}})) ==
        "start.tcp_mss_default: 70000" + mss);
  CHECK(refusal(doc_with({{"\"tcp_mss_default\": 1448", "\"tcp_mss\": 1448.5"}})) ==
        "start.tcp_mss: 1448.5" + mss);

  const std::string streams = " (expected a whole number of streams from 1 to 128 (iperf3 -P))";
  CHECK(refusal(doc_with({{"\"num_streams\": 4", "\"num_streams\": 0"}})) ==
        "start.test_start.num_streams: 0" + streams);
  CHECK(refusal(doc_with({{"\"num_streams\": 4", "\"num_streams\": 129"}})) ==
        "start.test_start.num_streams: 129" + streams);
  CHECK(refusal(doc_with({{"\"num_streams\": 4", "\"num_streams\": 2.5"}})) ==
        "start.test_start.num_streams: 2.5" + streams);

  CHECK(refusal(doc_with({{"\"omit\": 5", "\"reverse\": 2"}})) ==
        "start.test_start.reverse: 2 (expected 0 or 1)");
}

TEST_CASE("calibrate: 0 is iperf3's 'not measured' for an RTT and an MSS; null is absent") {
  // tcp_mss_default 0 (iperf3 could not read it): assumed 1448, as when it is missing
  haul::Calibration c =
      calibrate(parse(doc_with({{"\"tcp_mss_default\": 1448", "\"tcp_mss_default\": 0"}})));
  CHECK(c.mss_assumed);
  CHECK(c.mss_bytes == 1448);
  // one stream without samples: the mean is the other stream's 52,000 us
  c = calibrate(parse(doc_with({{"\"mean_rtt\": 50000", "\"mean_rtt\": 0"}})));
  CHECK(c.rtt_s == doctest::Approx(0.052).epsilon(1e-15));
  // no retransmits reported: loss unknown
  c = calibrate(parse(doc_with({{"\"retransmits\": 1000", "\"retransmits\": null"}})));
  CHECK(c.retransmits == -1);
  CHECK(c.loss == -1);
}

TEST_CASE("calibrate: a --bidir run is refused with one line, however iperf3 marked it") {
  const std::string one_way =
      " (expected a one-way test: a --bidir run sends both ways at once and calibrate fits one "
      "direction; run iperf3 without --bidir, with -R for the other way)";
  // recent iperf3: start.test_start.bidir
  CHECK(refusal(doc_with({{"\"omit\": 5", "\"bidir\": 1"}})) ==
        "start.test_start.bidir: 1" + one_way);
  CHECK(refusal(doc_with({{"\"omit\": 5", "\"bidir\": 0"}})) == "no error");
  // the second direction's sums
  CHECK(refusal(doc_with(
            {{"\"sender_tcp_congestion\"",
              "\"sum_sent_bidir_reverse\": {\"bytes\": 1}, \"sender_tcp_congestion\""}})) ==
        "end.sum_sent_bidir_reverse: present" + one_way);
  CHECK(refusal(doc_with({{"\"sender_tcp_congestion\"",
                           "\"sum_received_bidir_reverse\": {}, \"sender_tcp_congestion\""}})) ==
        "end.sum_received_bidir_reverse: present" + one_way);
  // streams of both directions: the client's (sender true) and the server's (sender false)
  CHECK(refusal(doc_with({{"\"mean_rtt\": 50000}", "\"mean_rtt\": 50000, \"sender\": true}"},
                          {"\"mean_rtt\": 52000}", "\"mean_rtt\": 52000, \"sender\": false}"}})) ==
        "end.streams[1].sender.sender: false where end.streams[0].sender.sender is true" + one_way);
  CHECK(refusal(doc_with({{"\"intervals\": []",
                           R"("intervals": [{"streams": [{"sender": true}]},
                                            {"streams": [{"sender": true}, {"sender": false}]}])"}})) ==
        "intervals[1].streams[1].sender: false where intervals[0].streams[0].sender is true" +
            one_way);
  // The shape iperf3 3.12 writes for --bidir (tests/data/calibrate-bidir.json: the reno fixture
  // with the server's streams added, sender false, and the *_bidir_reverse sums).
  CHECK_THROWS_WITH_AS(
      haul::calibrate_file(HAUL_TEST_DATA "/calibrate-bidir.json"),
      doctest::Contains("calibrate-bidir.json: end.sum_sent_bidir_reverse: present (expected a "
                        "one-way test"),
      haul::InputError);
}

TEST_CASE("calibrate: a reverse run (-R) is read from the receiving client's side") {
  // With -R the client receives. iperf3 still writes end.sum_sent (the server's bytes and
  // retransmits, sent over at the end) and marks every stream "sender": false; the client took no
  // RTT samples, so mean_rtt and min_rtt are 0.
  const std::string doc = doc_with({{"\"omit\": 5", "\"reverse\": 1"},
                                    {"\"min_rtt\": 50100, \"mean_rtt\": 50000",
                                     "\"min_rtt\": 0, \"mean_rtt\": 0, \"sender\": false"},
                                    {"\"min_rtt\": 50050, \"mean_rtt\": 52000",
                                     "\"min_rtt\": 0, \"mean_rtt\": 0, \"sender\": false"}});
  const haul::Calibration c = calibrate(parse(doc));
  CHECK(c.reverse);
  CHECK(c.rate_bps == 33e6);
  CHECK(c.retransmits == 1000);
  CHECK(c.loss == doctest::Approx(1000.0 / 1001000.0).epsilon(1e-15));  // as in the first case
  CHECK(c.rtt_s < 0);
  CHECK(c.why.find("a reverse test (-R)") == 0);
  CHECK(c.congestion == static_cast<int>(haul::Congestion::cubic));  // the kernel's, unfitted
  // no RTT setting: compare keeps its own
  for (const haul::CalibratedSetting& s : haul::calibrated_settings(c))
    CHECK(s.key != "network.rtt");

  // tests/data/calibrate-reverse.json: the reno fixture as the client of -R writes it
  const haul::Calibration f = haul::calibrate_file(HAUL_TEST_DATA "/calibrate-reverse.json");
  CHECK(f.reverse);
  CHECK(f.rate_bps == 17102513.655721493);
  CHECK(f.retransmits == 16);
  CHECK(f.rtt_s < 0);
  CHECK(compare_error(f) == "");
}

TEST_CASE("calibrate: text from the document reaches the message quoted, on one line") {
  // JSON's \n and \u001b become a newline and an ESC in the string; the message shows them as
  // \n and \x1b
  CHECK(refusal(R"({"error": "unable to connect\n\u001b[31mto server"})") ==
        R"(iperf3 reported an error, not a result: "unable to connect\n\x1b[31mto server")");
  CHECK(refusal(R"({"start": {"test_start": {"protocol": "U\u001b]0;pwned\u0007DP"}}})")
            .find(R"(start.test_start.protocol: "U\x1b]0;pwned\x07DP" (expected "TCP")") == 0);
  // a raw byte that is not UTF-8 (the JSON reader passes it through)
  CHECK(refusal("{\"error\": \"bad \xFF byte\"}") ==
        R"(iperf3 reported an error, not a result: "bad \xff byte")");
  // 300 characters: the first 200, then "…"
  CHECK(refusal("{\"error\": \"" + std::string(300, 'e') + "\"}") ==
        "iperf3 reported an error, not a result: \"" + std::string(200, 'e') + "\xE2\x80\xA6\"");
  // the kernel's congestion control is printed in the report: a name, or refused
  CHECK(
      refusal(doc_with({{"\"sender_tcp_congestion\": \"cubic\"",
                         R"("sender_tcp_congestion": "\u001b[31mcubic")"}})) ==
      R"(end.sender_tcp_congestion: "\x1b[31mcubic" (expected the name of a congestion control, e.g. "cubic"))");
}

TEST_CASE("calibrate: every setting it prints is accepted by compare, at the edges too") {
  struct Edge {
    const char* what;
    std::string doc;
  };
  const std::vector<Edge> edges = {
      {"the hand-made run", iperf3_doc(33e6)},
      {"1 bps, the least rate", doc_with({{kReceived, "\"bits_per_second\": 1"}})},
      {"1 Pbps, the most", doc_with({{kReceived, "\"bits_per_second\": 1e15"}})},
      {"RTTs of 1 us",
       doc_with({{"\"min_rtt\": 50100, \"mean_rtt\": 50000", "\"min_rtt\": 1, \"mean_rtt\": 1"},
                 {"\"min_rtt\": 50050, \"mean_rtt\": 52000", "\"min_rtt\": 1, \"mean_rtt\": 1"}})},
      {"RTTs of 100 s",
       doc_with(
           {{"\"min_rtt\": 50100, \"mean_rtt\": 50000", "\"min_rtt\": 1e8, \"mean_rtt\": 1e8"},
            {"\"min_rtt\": 50050, \"mean_rtt\": 52000", "\"min_rtt\": 1e8, \"mean_rtt\": 1e8"}})},
      {"a loss of 0.999999",
       doc_with({{"\"retransmits\": 1000", "\"retransmits\": 1000000000000"}})},
      {"no loss", doc_with({{"\"retransmits\": 1000", "\"retransmits\": 0"}})},
      {"loss unknown", doc_with({{"\"retransmits\": 1000", "\"retransmits\": null"}})},
      {"one retransmit in 2^63 bytes",
       doc_with({{"\"bytes\": 1448000000", "\"bytes\": 9223372036854775807"},
                 {"\"retransmits\": 1000", "\"retransmits\": 1"}})},
      {"128 streams, MSS 88", doc_with({{"\"num_streams\": 4", "\"num_streams\": 128"},
                                        {"\"tcp_mss_default\": 1448", "\"tcp_mss\": 88"}})},
      {"MSS 65535", doc_with({{"\"tcp_mss_default\": 1448", "\"tcp_mss_default\": 65535"}})},
  };
  for (const Edge& e : edges) {
    CAPTURE(e.what);
    const haul::Calibration c = calibrate(parse(e.doc));
    CHECK(compare_error(c) == "");
  }
  // The measured rate keeps four significant digits and a unit up to Pbps: within 0.05 %.
  const haul::Calibration top =
      calibrate(parse(doc_with({{kReceived, "\"bits_per_second\": 1e15"}})));
  CHECK(haul::calibrated_settings(top)[0].text == "1Pbps");
  const haul::Calibration low = calibrate(parse(doc_with({{kReceived, "\"bits_per_second\": 1"}})));
  CHECK(haul::calibrated_settings(low)[0].text == "1bps");
  for (const char* fixture : {"/iperf3-reno-50ms-0.1pct.json", "/iperf3-bbr-100ms-1pct.json"}) {
    const haul::Calibration c = haul::calibrate_file(std::string(HAUL_TEST_DATA) + fixture);
    CHECK(compare_error(c) == "");
    const double printed = haul::units::parse_rate_bps(haul::calibrated_settings(c)[0].text);
    CHECK(std::abs(printed / c.rate_bps - 1) < 5e-4);
  }
}
