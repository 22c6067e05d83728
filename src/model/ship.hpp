// The ship model (MODEL.md section 4, "ship"): fill drives at the origin, verify them, carry them
// (couriers or freight, as many trips as it takes), and read one copy of the data at the
// destination. Templated on the number type like the network model.
#pragma once

#include "model/network.hpp"
#include "model/num.hpp"

namespace haul {

// Codes for ShipParams::redundancy.
enum class Redundancy : int { none = 0, copies = 1, erasure = 2 };

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

  // Origin: drives are filled copy_slots at a time; each gets its share of the hosts' limit.
  const T write_waves = num::ceil(T(r.drives / s.copy_slots));
  const T copy_share = s.copy_limit_Bps / num::min(s.copy_slots, r.drives);
  r.write_s = write_waves * r.per_drive_bytes / num::min(s.write_Bps, copy_share);
  r.verify_s = s.verify * write_waves * r.per_drive_bytes / num::min(s.read_Bps, copy_share);

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
  const T read_drives = num::select(
      num::eq(s.redundancy, copies_code), num::ceil_ratio(r.drives, s.copies),
      num::select(num::eq(s.redundancy, erasure_code),
                  num::ceil_ratio(T(r.drives * s.erasure_k), T(s.erasure_k + s.erasure_m)),
                  r.drives));
  const T ingest_waves = num::ceil(T(read_drives / s.ingest_slots));
  const T ingest_share = s.ingest_limit_Bps / num::min(s.ingest_slots, read_drives);
  r.ingest_s = ingest_waves * (r.bytes / read_drives) / num::min(s.read_Bps, ingest_share);

  r.time_s = r.write_s + r.verify_s + r.transit_s + r.ingest_s;
  r.rate_bps = 8.0 * r.bytes / r.time_s;

  r.drives_usd = r.drives * s.price_usd;
  const T days_away = num::ceil(T((2.0 * s.transit_s + r.ingest_s) / 86400.0));
  r.travel_usd = s.couriers * r.trips * (s.trip_cost_usd + s.per_diem_usd * days_away);
  r.shipping_usd = r.trips * s.shipping_cost_usd;
  r.cost_usd = r.drives_usd + r.travel_usd + r.shipping_usd;

  // Risk that some data cannot be read at the destination, q = drive_loss per drive. Each layout is
  // 1 - (1 - x)^n: none x = q over all drives; Nx x = q^N (every copy of a drive lost) over the
  // data drives; k+m x = P(more than m of a set lost) over the sets. Choosing x and n first leaves
  // one such power per scenario.
  const T& q = s.drive_loss;
  const auto copies = num::eq(s.redundancy, copies_code);
  const auto erasure = num::eq(s.redundancy, erasure_code);
  const T p_set =
      num::map(erasure_set_loss, s.redundancy, T(s.erasure_k + s.erasure_m), s.erasure_m, q);
  const T x = num::select(erasure, p_set, num::select(copies, T(num::pow(q, s.copies)), q));
  const T n = num::select(erasure, T(r.drives / (s.erasure_k + s.erasure_m)),
                          num::select(copies, r.data_drives, r.drives));
  r.p_data_loss = num::one_minus_pow_complement(x, n);
  return r;
}

}  // namespace haul
