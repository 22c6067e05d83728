// The cross-field checks of a scenario's sections (input/checks.hpp), worded for people: each names
// the key to change, the value that does not fit and what would.
#include <cmath>

#include "input/checks.hpp"
#include "input/limits.hpp"
#include "input/scenario_detail.hpp"
#include "input/units.hpp"

namespace haul {

void check_inputs(const Scenario& s, const Fail& fail, bool check_appliance) {
  const auto& c = s.in.compute;
  const CrossChecks<double> checks = cross_checks(s.in);
  const auto& net = s.in.network;
  if (checks.window_below_mss > 0)
    throw fail("network.window", units::format_size(net.window_bytes, units::ByteStyle::iec) +
                                     " is smaller than one segment (mss = mtu - 40 = " +
                                     units::format_number(net.mtu_bytes - 40) + " B)");
  const auto& ship = s.in.ship;
  const std::string drives = units::format_count(ship.drives);
  const std::string sets =
      units::format_number(ship.erasure_k, 12) + "+" + units::format_number(ship.erasure_m, 12);
  const bool erasure = ship.redundancy == static_cast<int>(Redundancy::erasure);
  const bool copies = ship.redundancy == static_cast<int>(Redundancy::copies);
  if (checks.too_few_drives > 0) {
    const double bytes = s.in.data.size_bytes / s.in.data.compression;
    const std::string layout = erasure  ? sets + " erasure sets"
                               : copies ? units::format_number(ship.copies, 12) + " copies"
                                        : "no redundancy";
    throw fail("ship.drives", drives + " drives of " + units::format_size(ship.capacity_bytes) +
                                  " cannot hold " + units::format_size(bytes) + " with " + layout +
                                  " (needs " + units::format_count(drives_needed(bytes, ship)) +
                                  "; --drives auto lets the count follow the data)");
  }
  if (checks.drives_not_whole > 0) {
    const std::string g = units::format_number(drive_group(ship), 12);
    throw fail("ship.drives", erasure ? drives + " drives do not make whole " + sets +
                                            " sets (use a multiple of " + g + " or \"auto\")"
                                      : drives + " drives do not split evenly into " + g +
                                            " copies (use a multiple of " + g + " or \"auto\")");
  }
  if (checks.too_many_drives > 0) {
    const std::string limit = units::format_count(limits::kDrives);
    if (ship.drives > 0)
      throw fail("ship.drives", drives + " drives is over the limit of " + limit);
    // drives = "auto": the count follows data.size over ship.capacity and the layout. Name the
    // one of those the command line (else the file) set last, and say all three.
    const double bytes = s.in.data.size_bytes / s.in.data.compression;
    std::string key = "ship.capacity";
    for (const char* k : {"ship.drive", "ship.capacity", "data.size", "ship.redundancy"})
      if (const auto it = s.where.find(k); it != s.where.end() && it->second.rfind("--", 0) == 0)
        key = k;
    if (key == "ship.capacity" && !s.where.count("ship.capacity") && s.where.count("ship.drive"))
      key = "ship.drive";
    const double needed = drives_needed(bytes, ship);
    const std::string layout =
        erasure  ? " in " + sets + " erasure sets (ship.redundancy)"
        : copies ? " as " + units::format_count(ship.copies) + " copies (ship.redundancy)"
                 : "";
    const bool countable = std::isfinite(needed) && needed < 1e15;
    throw fail(
        key, "drives of " + units::format_size(ship.capacity_bytes) + " need " +
                 (countable ? units::format_count(needed) : "more") + " drives for " +
                 units::format_size(bytes) +
                 (s.in.data.compression == 1 ? " (data.size)" : " (data.size / data.compression)") +
                 layout + (countable ? ", over the limit of " : " than the limit of ") + limit +
                 " (use larger drives, less redundancy or less data)");
  }
  const auto& a = s.in.appliance;
  if (check_appliance && (checks.too_few_devices > 0 || checks.too_many_devices > 0)) {
    const double bytes = s.in.data.size_bytes / s.in.data.compression;
    const double needed = devices_needed(bytes, a);
    const std::string of = units::format_size(a.capacity_bytes);
    if (checks.too_few_devices > 0)
      throw fail("appliance.devices",
                 units::format_count(a.devices) + (a.devices == 1 ? " device" : " devices") +
                     " of " + of + " cannot hold " + units::format_size(bytes) + " (needs " +
                     units::format_count(needed) + "; \"auto\" lets the count follow the data)");
    throw fail(a.devices > 0 ? "appliance.devices" : "appliance.capacity",
               "devices of " + of + " for " + units::format_size(bytes) +
                   " are over the limit of " + units::format_count(limits::kDrives) +
                   " (use larger devices or less data)");
  }
  if (checks.bag_too_small > 0)
    throw fail("ship.bag", units::format_mass(ship.bag_kg) + " cannot hold one drive of " +
                               units::format_mass(ship.weight_kg) +
                               " (raise ship.bag or set ship.per_courier)");
  if (checks.total_below_params > 0)
    throw fail("compute.total_params",
               units::format_number(c.total_params) + " is less than compute.params (" +
                   units::format_number(c.params) + "); total parameters include the active ones");
  if (checks.checkpoint_unknown > 0)
    throw fail("compute.failure_rate",
               "needs the checkpoint's cost: give compute.checkpoint_time, or compute.params "
               "(or total_params) so that checkpoint_time = state bytes / checkpoint_rate");
  if (checks.no_progress > 0) {
    const Failures<double> f = failures(c);
    // Name the key the command line changed (else the file's failure_rate): the one to look at.
    std::string key = "compute.failure_rate";
    for (const char* k :
         {"compute.failure_rate", "compute.gpus", "compute.params", "compute.total_params",
          "compute.state_bytes_per_param", "compute.checkpoint_rate", "compute.checkpoint_time",
          "compute.restart_time"})
      if (const auto it = s.where.find(k); it != s.where.end() && it->second.rfind("--", 0) == 0)
        key = k;
    throw fail(key, units::format_number(c.failures_per_gpu_day) +
                        " interruptions per GPU-day (compute.failure_rate) on " +
                        units::format_count(c.gpus) + " GPUs stop the job every " +
                        units::format_duration(f.mtbi_s) + ", too often to make progress with " +
                        units::format_duration(f.checkpoint_s) + " checkpoints and " +
                        units::format_duration(c.restart_s) +
                        " restarts (goodput 0; fewer GPUs, faster checkpoints or restarts, or "
                        "fewer failures would help)");
  }
}

}  // namespace haul
