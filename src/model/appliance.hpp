// A rented transfer appliance (MODEL.md section 10, kind "appliance"): devices the destination's
// provider sends (Azure Data Box, AWS Snowball Edge, Google Transfer Appliance), filled at the
// origin all at once, shipped back and uploaded by the provider. Templated on the number type like
// the other models.
#pragma once

#include "../model/network.hpp"  // DataParams
#include "../model/num.hpp"

namespace haul {

template <class T>
struct ApplianceParams {
  T capacity_bytes = num::init<T>(80e12);  // usable bytes per device
  T fill_Bps = num::init<T>(1e9);          // the rate one device is filled at
  T devices = num::init<T>(0);             // 0 = auto: the fewest that hold the data
  T copy_limit_Bps = num::init<T>(4e9);    // aggregate limit of the origin hosts
  T lead_time_s = num::init<T>(0);         // order to delivered at the origin
  T transit_s = num::init<T>(0);           // origin to the provider's data centre
  T processing_s = num::init<T>(0);        // upload at the provider
  T job_fee_usd = num::init<T>(0);         // per device
  T included_days = num::init<T>(0);
  T day_fee_usd = num::init<T>(0);   // per device per day after the included ones
  T shipping_usd = num::init<T>(0);  // per device, both ways
};

template <class T>
struct ApplianceResult {
  T bytes;     // after compression
  T devices;   // used (given, or auto)
  T fill_s;    // all devices filled at once
  T time_s;    // lead_time + fill + transit + processing
  T rate_bps;  // 8 * bytes / time
  T days;      // on hand, billed: ceil((fill + transit) / 1 d)
  T job_usd;
  T day_usd;
  T shipping_usd;
  T cost_usd;
};

// The fewest devices that hold `bytes` (a relative slack of 1e-12, as for drives).
template <class T>
T devices_needed(const T& bytes, const ApplianceParams<T>& a) {
  return num::max(num::ceil_ratio(bytes, a.capacity_bytes), 1.0);
}

template <class T>
ApplianceResult<T> appliance_model(const DataParams<T>& data, const ApplianceParams<T>& a) {
  constexpr double day_s = 86400.0;
  ApplianceResult<T> r;
  r.bytes = data.size_bytes / data.compression;
  r.devices = num::select(num::gt(a.devices, 0.0), a.devices, devices_needed(r.bytes, a));
  // Every device is filled at once, each at its own rate or its share of the hosts' limit.
  r.fill_s = (r.bytes / r.devices) / num::min(a.fill_Bps, T(a.copy_limit_Bps / r.devices));
  r.time_s = a.lead_time_s + r.fill_s + a.transit_s + a.processing_s;
  r.rate_bps = 8.0 * r.bytes / r.time_s;
  // Billed from delivery at the origin until the provider receives it back.
  r.days = num::ceil_ratio(T(r.fill_s + a.transit_s), day_s);
  r.job_usd = r.devices * a.job_fee_usd;
  r.day_usd = r.devices * a.day_fee_usd * num::max(T(r.days - a.included_days), 0.0);
  r.shipping_usd = r.devices * a.shipping_usd;
  r.cost_usd = r.job_usd + r.day_usd + r.shipping_usd;
  return r;
}

}  // namespace haul
