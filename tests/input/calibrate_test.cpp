// haul calibrate on iperf3 --json documents: a hand-made one whose every number is worked out in
// the comments, and the two real runs from benchmarks/realnet shipped in tests/data.
#include "input/calibrate.hpp"

#include <doctest/doctest.h>

#include <string>

#include "input/error.hpp"
#include "model/network.hpp"

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
  CHECK(error(R"({"error": "unable to connect to server"})") ==
        "iperf3 reported an error, not a result: unable to connect to server");
  CHECK(error(R"({"start": {"test_start": {"protocol": "UDP"}}})") ==
        "start.test_start.protocol: UDP (expected a TCP test)");
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

  // An RTT of 1e300 us is not one (it would overflow the mean): ignored.
  doc = iperf3_doc(33e6);
  swap(doc, "\"mean_rtt\": 52000", "\"mean_rtt\": 1e300");
  c = calibrate(parse(doc));
  CHECK(c.rtt_s == doctest::Approx(0.05).epsilon(1e-15));  // the other stream's 50,000 us

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
