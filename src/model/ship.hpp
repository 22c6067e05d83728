// The ship model (MODEL.md v2 section 4, "ship"): fill drives at the origin, verify them, carry
// them (couriers or freight, as many trips as it takes), and read one copy of the data at the
// destination. Templated on the number type like the network model.
#pragma once

#include "../model/network.hpp"
#include "../model/num.hpp"

namespace haul {

// Codes for ShipParams::redundancy.
enum class Redundancy : int { none = 0, copies = 1, erasure = 2 };
// Codes for ShipParams::on_loss (MODEL.md v2 section 11): what happens to data the layout cannot
// rebuild after drives are lost, under uncertainty.
enum class OnLoss : int { network = 0, retrip = 1, fail = 2 };
inline constexpr const char* kOnLossNames[] = {"network", "retrip", "fail"};

template <class T>
struct ShipParams {
  T capacity_bytes = num::init<T>(24e12);
  T write_Bps = num::init<T>(270e6);  // sustained sequential write, per drive
  T read_Bps = num::init<T>(270e6);
  T price_usd = num::init<T>(450);  // per drive
  T weight_kg = num::init<T>(0.7);  // per drive
  T drives = num::init<T>(0);       // 0 = auto: the fewest that hold the data with redundancy
  T redundancy = num::init<T>(static_cast<int>(Redundancy::none));
  T copies = num::init<T>(1);     // N of "Nx"
  T erasure_k = num::init<T>(1);  // k + m: data drives per set
  T erasure_m = num::init<T>(0);  //        parity drives per set
  T verify = num::init<T>(1);     // 1: read every drive back once after writing
  T copy_slots = num::init<T>(8);
  T copy_limit_Bps = num::init<T>(4e9);
  T ingest_slots = num::init<T>(8);
  T ingest_limit_Bps = num::init<T>(4e9);
  T transit_s = num::init<T>(86400);  // door to door, one way
  T couriers = num::init<T>(1);       // 0 = freight (no per-courier limit, one trip)
  T per_courier = num::init<T>(0);    // 0 = auto: floor(bag / weight)
  T bag_kg = num::init<T>(23);
  T trip_cost_usd = num::init<T>(0);      // per courier round trip
  T per_diem_usd = num::init<T>(0);       // per courier per day away
  T shipping_cost_usd = num::init<T>(0);  // per trip
  T drive_loss = num::init<T>(0);         // probability one drive is lost or unreadable on arrival
  // v2 events (section 11), drawn only under uncertainty (plan/uncertainty.hpp); a point result
  // has no hold and no loss.
  T hold_probability = num::init<T>(0);  // chance a trip is held at customs
  T hold_s = num::init<T>(0);            // how long a held trip waits
  T on_loss = num::init<T>(static_cast<int>(OnLoss::network));
};

template <class T>
struct ShipResult {
  T bytes;          // payload after compression
  T stored_bytes;   // bytes written including redundancy
  T data_drives;    // drives one copy needs
  T needed_drives;  // the fewest drives for the layout
  T drives;         // drives used
  T per_drive_bytes;
  T per_courier;  // drives one courier carries
  T trips;
  T write_s;
  T verify_s;
  T transit_s;  // on the critical path: (2 trips - 1) one-way legs
  T ingest_s;
  T time_s;
  T rate_bps;  // effective end-to-end rate, bits per second
  T drives_usd;
  T travel_usd;
  T shipping_usd;
  T cost_usd;
  T p_data_loss;
};

// P(X > m) for X ~ Binomial(n, q): the chance an erasure set of n drives loses more than its m
// parity drives. Summed from the top with exact terms; n is small (a set is tens of drives).
double binomial_tail_above(double n, double m, double q);
// The same for a layout given by its Redundancy code: 0 unless it is erasure (the loop is skipped
// for the other layouts, which sweeps evaluate by the million).
double erasure_set_loss(double redundancy, double n, double m, double q);

// Redundancy factor r: stored = bytes * r (MODEL.md: 1, N, (k + m) / k).
template <class T>
T redundancy_factor(const ShipParams<T>& s) {
  const double copies = static_cast<int>(Redundancy::copies);
  const double erasure = static_cast<int>(Redundancy::erasure);
  return num::select(
      num::eq(s.redundancy, copies), s.copies,
      num::select(num::eq(s.redundancy, erasure), T((s.erasure_k + s.erasure_m) / s.erasure_k),
                  num::constant(1.0, s.copies)));
}

// The fewest drives that hold `bytes` in the chosen layout.
template <class T>
T drives_needed(const T& bytes, const ShipParams<T>& s) {
  const T data_drives = num::ceil_ratio(bytes, s.capacity_bytes);
  const double copies = static_cast<int>(Redundancy::copies);
  const double erasure = static_cast<int>(Redundancy::erasure);
  const T sets = num::ceil(T(data_drives / s.erasure_k));
  return num::select(num::eq(s.redundancy, copies), T(s.copies * data_drives),
                     num::select(num::eq(s.redundancy, erasure),
                                 T(sets * (s.erasure_k + s.erasure_m)), data_drives));
}

// Time to process `drives` drives of `bytes_each` bytes each, `slots` at a time, a wave of n drives
// each at min(rate, limit / n) (MODEL.md v2 section 4, ship): floor(drives / used) full waves of
// used = min(slots, drives) drives, then the rest, if any, as one last wave at its own, higher
// share of the limit (v1 counted that wave as full). Write, verify and ingest all take this form.
// Counts are whole numbers stored as doubles: their quotient is either exact or at least 1 / used
// short of the next whole number, so floor_ratio (used for ratios throughout) gives full exactly
// and rest stays whole; its 1e-12 slack cannot lift a real fraction below 10^12 drives.
template <class T>
T wave_time(const T& drives, const T& bytes_each, const T& slots, const T& rate, const T& limit) {
  const T used = num::min(slots, drives);
  const T full = num::floor_ratio(drives, used);
  // Expressions from here on (see num.hpp): one fused loop over a column, no temporaries. With
  // rest = 0 the last term is bytes / rate (limit / 0 = inf), which the select drops.
  const auto rest = drives - full * used;
  const auto full_s = full * bytes_each / num::min(rate, limit / used);
  const auto rest_s =
      num::select(num::gt(rest, 0.0), bytes_each / num::min(rate, limit / rest), 0.0);
  return full_s + rest_s;
}

// The units a layout loses data by, each lost independently with probability x (q = drive_loss):
// none, x = q over all drives; Nx, x = q^N (every copy of a drive lost) over the data drives; k+m,
// x = P(more than m of a set lost) over the sets. A lost unit takes its share of the data, 1 / n:
// the drive's bytes, or the set's. ship_model's p_data_loss is 1 - (1 - x)^n; under uncertainty
// (plan/uncertainty.cpp) the units lost are drawn from Binomial(n, x).
template <class T>
struct LossUnits {
  T x;  // chance a unit is lost
  T n;  // units
};

template <class T>
LossUnits<T> loss_units(const ShipParams<T>& s, const ShipResult<T>& r) {
  const double copies_code = static_cast<int>(Redundancy::copies);
  const double erasure_code = static_cast<int>(Redundancy::erasure);
  const T& q = s.drive_loss;
  const auto copies = num::eq(s.redundancy, copies_code);
  const auto erasure = num::eq(s.redundancy, erasure_code);
  const T p_set =
      num::map(erasure_set_loss, s.redundancy, T(s.erasure_k + s.erasure_m), s.erasure_m, q);
  LossUnits<T> u;
  u.x = num::select(erasure, p_set, num::select(copies, T(num::pow(q, s.copies)), q));
  u.n = num::select(erasure, T(r.drives / (s.erasure_k + s.erasure_m)),
                    num::select(copies, r.data_drives, r.drives));
  return u;
}

template <class T>
ShipResult<T> ship_model(const DataParams<T>& data, const ShipParams<T>& s) {
  ShipResult<T> r;
  const double copies_code = static_cast<int>(Redundancy::copies);
  const double erasure_code = static_cast<int>(Redundancy::erasure);
  r.bytes = data.size_bytes / data.compression;
  const T factor = redundancy_factor(s);
  r.stored_bytes = r.bytes * factor;
  r.data_drives = num::ceil_ratio(r.bytes, s.capacity_bytes);
  r.needed_drives = drives_needed(r.bytes, s);
  r.drives = num::select(num::gt(s.drives, 0.0), s.drives, r.needed_drives);
  r.per_drive_bytes = r.stored_bytes / r.drives;

  // Origin: drives are filled copy_slots at a time, each with its share of the hosts' limit, then
  // read back once the same way when verify is on.
  r.write_s = wave_time(r.drives, r.per_drive_bytes, s.copy_slots, s.write_Bps, s.copy_limit_Bps);
  r.verify_s =
      s.verify * wave_time(r.drives, r.per_drive_bytes, s.copy_slots, s.read_Bps, s.copy_limit_Bps);

  // Carrying: couriers * per_courier drives a trip; freight (couriers = 0) takes one trip.
  r.per_courier = num::select(num::gt(s.per_courier, 0.0), s.per_courier,
                              num::floor_ratio(s.bag_kg, s.weight_kg));
  const T per_trip = s.couriers * r.per_courier;
  r.trips = num::select(num::gt(s.couriers, 0.0), num::ceil(T(r.drives / per_trip)),
                        num::constant(1.0, s.couriers));
  // Every trip but the last also comes back for the next load.
  r.transit_s = (2.0 * r.trips - 1.0) * s.transit_s;

  // Destination reads one copy: all drives (none), one copy (Nx), the k data drives of each set.
  // drives / r, computed so that whole answers stay whole: (k + m) / k is rarely exact in binary.
  // Those drives are read ingest_slots at a time under the destination's limit, waved as above.
  const T read_drives = num::select(
      num::eq(s.redundancy, copies_code), num::ceil_ratio(r.drives, s.copies),
      num::select(num::eq(s.redundancy, erasure_code),
                  num::ceil_ratio(T(r.drives * s.erasure_k), T(s.erasure_k + s.erasure_m)),
                  r.drives));
  r.ingest_s = wave_time(read_drives, T(r.bytes / read_drives), s.ingest_slots, s.read_Bps,
                         s.ingest_limit_Bps);

  r.time_s = r.write_s + r.verify_s + r.transit_s + r.ingest_s;
  r.rate_bps = 8.0 * r.bytes / r.time_s;

  r.drives_usd = r.drives * s.price_usd;
  const T days_away = num::ceil(T((2.0 * s.transit_s + r.ingest_s) / 86400.0));
  r.travel_usd = s.couriers * r.trips * (s.trip_cost_usd + s.per_diem_usd * days_away);
  r.shipping_usd = r.trips * s.shipping_cost_usd;
  r.cost_usd = r.drives_usd + r.travel_usd + r.shipping_usd;

  // Risk that some data cannot be read at the destination: 1 - (1 - x)^n over the layout's units.
  const LossUnits<T> units = loss_units(s, r);
  r.p_data_loss = num::one_minus_pow_complement(units.x, units.n);
  return r;
}

}  // namespace haul
