// Uses the installed library as a user would: parses a size, runs the network model on it and
// prints both, for install_test.sh to check against figures worked out by hand.
#include <cstdio>
#include <haul/model/network.hpp>  // a header by its folder
#include <haul/units.hpp>          // and by MODEL.md section 14's flat name

int main() {
  const double bytes = haul::units::parse_size("80 TB");
  haul::DataParams<double> data;
  data.size_bytes = haul::units::parse_size("1 TB");
  haul::NetworkParams<double> net;
  net.bandwidth_bps = haul::units::parse_rate_bps("1 Gbps");
  net.rtt_s = 0;  // an ideal link: only the line rate and the Ethernet framing bind
  const auto r = haul::network_model(data, net);
  std::printf("%.0f bytes\n%.2f s\n", bytes, r.time_s);
  return 0;
}
