// Cross-field checks on model inputs: combinations of individually valid values that the models
// cannot use. Written once, templated like the models: build_scenario runs them on one scenario
// (and words the message), a sweep runs them on whole columns before it writes anything.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "../input/limits.hpp"
#include "../plan/plan.hpp"

namespace haul {

// Each member is 1 where the check fails, 0 where it passes.
template <class T>
struct CrossChecks {
  T window_below_mss;    // network.window smaller than one segment (mtu - 40)
  T too_few_drives;      // ship.drives given, below what the data and redundancy need
  T drives_not_whole;    // ship.drives given, not a whole number of copies or erasure sets
  T too_many_drives;     // the drives used (given, or auto from data.size and ship.capacity) over
                         // limits::kDrives
  T bag_too_small;       // auto per-courier count: the bag cannot hold one drive
  T too_few_devices;     // appliance.devices given, below what the data needs
  T too_many_devices;    // the appliances used over limits::kDrives
  T total_below_params;  // compute.total_params given and below compute.params
  T checkpoint_unknown;  // compute.failure_rate given, with no checkpoint_time and no parameter
                         // count to size the checkpoint
  T no_progress;         // compute.failure_rate so high that the derived goodput is 0
};

// The group that given drives must come in: k + m drives (erasure), N (copies), 1 (none).
template <class T>
T drive_group(const ShipParams<T>& s) {
  const double copies = static_cast<int>(Redundancy::copies);
  const double erasure = static_cast<int>(Redundancy::erasure);
  return num::select(
      num::eq(s.redundancy, erasure), T(s.erasure_k + s.erasure_m),
      num::select(num::eq(s.redundancy, copies), s.copies, num::constant(1.0, s.copies)));
}

template <class T>
CrossChecks<T> cross_checks(const Inputs<T>& in) {
  const T one = num::constant(1.0, in.data.size_bytes),
          zero = num::constant(0.0, in.data.size_bytes);
  CrossChecks<T> c;
  c.window_below_mss =
      num::select(num::lt(in.network.window_bytes, T(in.network.mtu_bytes - 40.0)), one, zero);
  const auto& s = in.ship;
  const T needed = drives_needed(T(in.data.size_bytes / in.data.compression), s);
  c.too_few_drives =
      num::select(num::both(num::gt(s.drives, 0.0), num::lt(s.drives, needed)), one, zero);
  const T group = drive_group(s);
  const T remainder = s.drives - group * num::floor(T(s.drives / group));
  c.drives_not_whole =
      num::select(num::both(num::gt(s.drives, 0.0), num::ne(remainder, 0.0)), one, zero);
  const T used = num::select(num::gt(s.drives, 0.0), s.drives, needed);
  c.too_many_drives = num::select(num::gt(used, limits::kDrives), one, zero);
  c.bag_too_small =
      num::select(num::both(num::both(num::gt(s.couriers, 0.0), num::eq(s.per_courier, 0.0)),
                            num::lt(num::floor_ratio(s.bag_kg, s.weight_kg), 1.0)),
                  one, zero);
  const auto& a = in.appliance;
  const T devices = devices_needed(T(in.data.size_bytes / in.data.compression), a);
  c.too_few_devices =
      num::select(num::both(num::gt(a.devices, 0.0), num::lt(a.devices, devices)), one, zero);
  c.too_many_devices = num::select(
      num::gt(num::select(num::gt(a.devices, 0.0), a.devices, devices), limits::kDrives), one,
      zero);
  const auto& p = in.compute;
  c.total_below_params =
      num::select(num::both(num::both(num::gt(p.total_params, 0.0), num::gt(p.params, 0.0)),
                            num::lt(p.total_params, p.params)),
                  one, zero);
  const auto has_failures = num::gt(p.failures_per_gpu_day, 0.0);
  c.checkpoint_unknown =
      num::select(num::both(num::both(has_failures, num::eq(p.checkpoint_s, 0.0)),
                            num::eq(model_params(p), 0.0)),
                  one, zero);
  // goodput <= 0 (or NaN, which the check above already names) leaves the training endless.
  c.no_progress = num::select(num::both(has_failures, num::eq(c.checkpoint_unknown, 0.0)),
                              num::select(num::gt(failures(p).goodput, 0.0), zero, one), zero);
  return c;
}

// For each route compared, the checks its plan depends on (the others 0): the job's checks and
// [network]'s window (the weights come back over that link, and lost drives' data too) for every
// route, and the checks of the route's own sections (its link's window, its drives, its
// appliances). The optimiser leaves out candidates route by route: a choice of too few drives
// spoils the ship route, not the link.
template <class T>
std::vector<CrossChecks<T>> route_checks(const Inputs<T>& in) {
  const CrossChecks<T> c = cross_checks(in);
  const T zero = num::constant(0.0, in.data.size_bytes);
  CrossChecks<T> common{zero, zero, zero, zero, zero, zero, zero, zero, zero, zero};
  common.window_below_mss = c.window_below_mss;
  common.total_below_params = c.total_below_params;
  common.checkpoint_unknown = c.checkpoint_unknown;
  common.no_progress = c.no_progress;
  auto add_drives = [](CrossChecks<T>& to, const CrossChecks<T>& from) {
    to.too_few_drives = from.too_few_drives;
    to.drives_not_whole = from.drives_not_whole;
    to.too_many_drives = from.too_many_drives;
    to.bag_too_small = from.bag_too_small;
  };
  std::vector<CrossChecks<T>> out;
  out.reserve(in.routes.size());
  for (const RouteParams<T>& route : in.routes) {
    CrossChecks<T> x = common;
    if (!route.own) {  // the network or ship route: its section, checked above
      if (route.kind == RouteKind::ship) add_drives(x, c);
      out.push_back(std::move(x));
      continue;
    }
    // A route holds the sections of its kind only (a sweep leaves the others empty).
    const bool link = route.kind == RouteKind::network || route.kind == RouteKind::hybrid;
    const bool drives = route.kind == RouteKind::ship || route.kind == RouteKind::hybrid;
    Inputs<T> probe;
    probe.data = in.data;
    probe.network = link ? route.network : in.network;
    probe.ship = drives ? route.ship : in.ship;
    probe.appliance = route.kind == RouteKind::appliance ? route.appliance : in.appliance;
    probe.compute = in.compute;
    const CrossChecks<T> r = cross_checks(probe);
    if (link) x.window_below_mss = x.window_below_mss + r.window_below_mss;
    if (drives) add_drives(x, r);
    if (route.kind == RouteKind::appliance) {
      x.too_few_devices = r.too_few_devices;
      x.too_many_devices = r.too_many_devices;
    }
    out.push_back(std::move(x));
  }
  return out;
}

// For each route compared, 1 or more where a check of route_checks fails, 0 where none does.
template <class T>
std::vector<T> route_failures(const Inputs<T>& in) {
  std::vector<T> out;
  for (const CrossChecks<T>& x : route_checks(in))
    out.push_back(x.window_below_mss + x.too_few_drives + x.drives_not_whole + x.too_many_drives +
                  x.bag_too_small + x.too_few_devices + x.too_many_devices + x.total_below_params +
                  x.checkpoint_unknown + x.no_progress);
  return out;
}

// The keys of the failing checks of one route's route_checks ("ship.drives", "network.window"),
// as its section names them.
inline std::vector<std::string> failing_keys(const CrossChecks<double>& x) {
  std::vector<std::string> keys;
  auto add = [&](double failed, const char* key) {
    if (failed > 0 && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  add(x.window_below_mss, "network.window");
  add(x.too_few_drives + x.drives_not_whole + x.too_many_drives, "ship.drives");
  add(x.bag_too_small, "ship.bag");
  add(x.too_few_devices + x.too_many_devices, "appliance.devices");
  add(x.total_below_params, "compute.total_params");
  add(x.checkpoint_unknown + x.no_progress, "compute.failure_rate");
  return keys;
}

}  // namespace haul
