// The ship model against hand arithmetic from MODEL.md v2 section 4 ("ship"). Unless a case says
// otherwise the drive is the hdd-24tb preset as ShipParams defaults it: 24 TB, 270 MB/s write and
// read, $450, 0.7 kg; copy and ingest 8 slots at 4 GB/s; transit 24 h; one courier, 23 kg bag.
// Every expected number is worked out in the comment beside it, never read off the program.
// Waves (v2): with used = min(slots, drives), floor(drives / used) full waves of `used` drives each
// at min(rate, limit / used), then the rest = drives - full * used, if any, as one last wave at
// min(rate, limit / rest).
#include "model/ship.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "support.hpp"

using haul::DataParams;
using haul::Redundancy;
using haul::ship_model;
using haul::ShipParams;
using haul::ShipResult;

using haul::test::code;
using haul::test::data_of;

namespace {

ShipParams<double> copies(double n) {
  ShipParams<double> s;
  s.redundancy = code(Redundancy::copies);
  s.copies = n;
  return s;
}

ShipParams<double> erasure(double k, double m) {
  ShipParams<double> s;
  s.redundancy = code(Redundancy::erasure);
  s.erasure_k = k;
  s.erasure_m = m;
  return s;
}

// The nvme-4tb preset (MODEL.md section 8): 4 TB, 1.5 GB/s write and read after the cache, $300,
// 0.01 kg. Fast enough that 8 slots under the 4 GB/s default limit (5e8 B/s a drive) are
// host-bound, so a last wave of fewer drives runs faster than a full one.
ShipParams<double> nvme(ShipParams<double> s = {}) {
  s.capacity_bytes = 4e12;
  s.write_Bps = 1.5e9;
  s.read_Bps = 1.5e9;
  s.price_usd = 300;
  s.weight_kg = 0.01;
  return s;
}

}  // namespace

TEST_CASE("ship: no redundancy, 80 TB on 24 TB drives, every phase") {
  const ShipResult<double> r = ship_model(data_of(80e12), ShipParams<double>{});
  // data_drives = ceil(80 / 24) = ceil(3.33) = 4; none: 4 drives; stored = 8e13 * 1
  CHECK(r.data_drives == 4);
  CHECK(r.needed_drives == 4);
  CHECK(r.drives == 4);
  CHECK(r.stored_bytes == doctest::Approx(8e13).epsilon(1e-15));
  // b = 8e13 / 4 = 2e13 B per drive
  CHECK(r.per_drive_bytes == doctest::Approx(2e13).epsilon(1e-15));
  // used = min(8, 4) = 4; floor(4 / 4) = 1 full wave, rest 0; share = 4e9 / 4 = 1e9 B/s;
  // min(270e6, 1e9) = 270e6; write = 1 * 2e13 / 2.7e8 = 74,074.074 s; verify the same, read 270e6
  CHECK(r.write_s == doctest::Approx(2e13 / 2.7e8).epsilon(1e-12));
  CHECK(r.write_s == doctest::Approx(74074.074074).epsilon(1e-10));
  CHECK(r.verify_s == doctest::Approx(74074.074074).epsilon(1e-10));
  // per_courier = floor(23 / 0.7) = floor(32.86) = 32; trips = ceil(4 / (1 * 32)) = 1
  CHECK(r.per_courier == 32);
  CHECK(r.trips == 1);
  // transit = (2 * 1 - 1) * 86,400 = 86,400 s
  CHECK(r.transit_s == doctest::Approx(86400).epsilon(1e-15));
  // read_drives = ceil(4 / 1) = 4; one full wave of 4, rest 0; 8e13 / 4 = 2e13 B each;
  // share 4e9 / 4 = 1e9; min(270e6, 1e9) = 270e6; ingest = 2e13 / 2.7e8 = 74,074.074 s
  CHECK(r.ingest_s == doctest::Approx(74074.074074).epsilon(1e-10));
  // time = 3 * 74,074.074 + 86,400 = 308,622.222 s
  CHECK(r.time_s == doctest::Approx(308622.222222).epsilon(1e-10));
  // rate = 8 * 8e13 / 308,622.222 = 2,073,732,718.9 bit/s
  CHECK(r.rate_bps == doctest::Approx(2073732718.9).epsilon(1e-9));
  // 4 drives * $450 = $1,800; no trip, per diem or shipping costs by default
  CHECK(r.drives_usd == doctest::Approx(1800).epsilon(1e-15));
  CHECK(r.travel_usd == 0.0);
  CHECK(r.shipping_usd == 0.0);
  CHECK(r.cost_usd == doctest::Approx(1800).epsilon(1e-15));
  CHECK(r.p_data_loss == 0.0);
}

TEST_CASE("ship: a 10+2 erasure layout of 24 TB drives for 1 PB needs 60 drives") {
  const ShipResult<double> r = ship_model(data_of(1e15), erasure(10, 2));
  // data_drives = ceil(1e15 / 24e12) = ceil(41.67) = 42; sets = ceil(42 / 10) = 5; 5 * 12 = 60
  CHECK(r.data_drives == 42);
  CHECK(r.needed_drives == 60);
  CHECK(r.drives == 60);
  CHECK(haul::drives_needed(1e15, erasure(10, 2)) == 60);
  // r = 12 / 10 = 1.2; stored = 1.2e15; per drive = 1.2e15 / 60 = 2e13
  CHECK(haul::redundancy_factor(erasure(10, 2)) == doctest::Approx(1.2).epsilon(1e-15));
  CHECK(r.stored_bytes == doctest::Approx(1.2e15).epsilon(1e-15));
  CHECK(r.per_drive_bytes == doctest::Approx(2e13).epsilon(1e-15));
  // used = min(8, 60) = 8; full = floor(60 / 8) = 7 waves at min(270e6, 4e9 / 8 = 5e8) = 270e6;
  // rest = 60 - 56 = 4 drives at min(270e6, 4e9 / 4 = 1e9) = 270e6 too (the drive binds both)
  // write = 7 * 2e13 / 2.7e8 + 2e13 / 2.7e8 = 8 * 2e13 / 2.7e8 = 592,592.593 s; verify the same
  CHECK(r.write_s == doctest::Approx(592592.592593).epsilon(1e-10));
  CHECK(r.verify_s == doctest::Approx(592592.592593).epsilon(1e-10));
  // trips = ceil(60 / 32) = 2; transit = (2 * 2 - 1) * 86,400 = 259,200 s
  CHECK(r.trips == 2);
  CHECK(r.transit_s == doctest::Approx(259200).epsilon(1e-15));
  // read_drives = ceil(60 / 1.2) = 50 (the 10 data drives of each of 5 sets);
  // 1e15 / 50 = 2e13 B each: floor(50 / 8) = 6 full waves at min(270e6, 4e9 / 8) = 270e6, and
  // a last wave of 50 - 48 = 2 at min(270e6, 4e9 / 2) = 270e6
  // ingest = 6 * 2e13 / 2.7e8 + 2e13 / 2.7e8 = 7 * 2e13 / 2.7e8 = 518,518.519 s
  CHECK(r.ingest_s == doctest::Approx(518518.518519).epsilon(1e-10));
  // time = 2 * 592,592.593 + 259,200 + 518,518.519 = 1,962,903.704 s
  CHECK(r.time_s == doctest::Approx(1962903.703704).epsilon(1e-10));
  // 60 * $450 = $27,000
  CHECK(r.drives_usd == doctest::Approx(27000).epsilon(1e-15));
}

TEST_CASE("ship: k+m ingest reads exactly the k data drives of each set (10+4, 3 sets)") {
  // 720 TB / 24 TB = 30 data drives exactly; sets = ceil(30 / 10) = 3; drives = 3 * 14 = 42
  const ShipResult<double> r = ship_model(data_of(720e12), erasure(10, 4));
  CHECK(r.drives == 42);
  // read_drives = 42 / (14 / 10) = 30 (3 sets * 10 data drives) of 720e12 / 30 = 24e12 B:
  // floor(30 / 8) = 3 full waves at min(270e6, 4e9 / 8 = 5e8) = 270e6 B/s and a last wave of
  // 30 - 24 = 6 at min(270e6, 4e9 / 6 = 6.67e8) = 270e6 B/s
  // ingest = 3 * 24e12 / 2.7e8 + 24e12 / 2.7e8 = 4 * 24e12 / 2.7e8 = 355,555.556 s
  // (42 / 1.4 evaluates to 30.000000000000004 in doubles; a ceil of that reads 31 drives and gives
  // 4 * (720e12 / 31) / 2.7e8 = 344,086.0 s instead.)
  CHECK(r.ingest_s == doctest::Approx(355555.555556).epsilon(1e-10));
}

TEST_CASE("ship: N copies multiply the drives and ingest reads one copy") {
  const ShipResult<double> r = ship_model(data_of(80e12), copies(2));
  // data_drives = 4; 2x: 8 drives; stored = 2 * 8e13 = 1.6e14; per drive 1.6e14 / 8 = 2e13
  CHECK(r.data_drives == 4);
  CHECK(r.drives == 8);
  CHECK(r.stored_bytes == doctest::Approx(1.6e14).epsilon(1e-15));
  CHECK(r.per_drive_bytes == doctest::Approx(2e13).epsilon(1e-15));
  // one full wave of 8, rest 0; share = 4e9 / 8 = 5e8 > 270e6; write = 2e13 / 2.7e8 = 74,074.074 s
  CHECK(r.write_s == doctest::Approx(74074.074074).epsilon(1e-10));
  // read_drives = ceil(8 / 2) = 4; 1 wave of 8e13 / 4 = 2e13 B at min(270e6, 4e9 / 4) = 270e6
  CHECK(r.ingest_s == doctest::Approx(74074.074074).epsilon(1e-10));
  // 8 * $450 = $3,600
  CHECK(r.drives_usd == doctest::Approx(3600).epsilon(1e-15));

  // 9 drives given for 2 copies: read_drives = ceil(9 / 2) = 5; one full wave (used = 5) of
  // 8e13 / 5 = 1.6e13 B at min(270e6, 4e9 / 5 = 8e8) = 270e6 B/s;
  // ingest = 1.6e13 / 2.7e8 = 59,259.259 s
  ShipParams<double> nine = copies(2);
  nine.drives = 9;
  const ShipResult<double> r9 = ship_model(data_of(80e12), nine);
  CHECK(r9.per_drive_bytes == doctest::Approx(1.6e14 / 9).epsilon(1e-15));
  CHECK(r9.ingest_s == doctest::Approx(59259.259259).epsilon(1e-10));
}

TEST_CASE("ship: drives given above the need spread the data thinner") {
  ShipParams<double> s;
  s.drives = 10;
  const ShipResult<double> r = ship_model(data_of(80e12), s);
  CHECK(r.needed_drives == 4);
  CHECK(r.drives == 10);
  // per drive = 8e13 / 10 = 8e12
  CHECK(r.per_drive_bytes == doctest::Approx(8e12).epsilon(1e-15));
  // one full wave of 8 at min(270e6, 4e9 / 8 = 5e8) = 270e6, and a last wave of 10 - 8 = 2 at
  // min(270e6, 4e9 / 2 = 2e9) = 270e6: write = 8e12 / 2.7e8 + 8e12 / 2.7e8 = 59,259.259 s
  CHECK(r.write_s == doctest::Approx(59259.259259).epsilon(1e-10));
}

TEST_CASE("ship: write waves bound by the drive or by the hosts' copy_limit") {
  SUBCASE("drive-bound, with different write and read rates") {
    ShipParams<double> s;
    s.write_Bps = 160e6;
    s.read_Bps = 500e6;
    const ShipResult<double> r = ship_model(data_of(80e12), s);
    // 4 drives of 2e13 B in one wave; share = 4e9 / min(8, 4) = 1e9 B/s above both drive rates
    // write = 2e13 / 1.6e8 = 125,000 s; verify = 2e13 / 5e8 = 40,000 s
    CHECK(r.write_s == doctest::Approx(125000).epsilon(1e-12));
    CHECK(r.verify_s == doctest::Approx(40000).epsilon(1e-12));
    // ingest = 2e13 / min(5e8, 4e9 / 4 = 1e9) = 40,000 s
    CHECK(r.ingest_s == doctest::Approx(40000).epsilon(1e-12));
    // 125,000 + 40,000 + 86,400 + 40,000 = 291,400 s
    CHECK(r.time_s == doctest::Approx(291400).epsilon(1e-12));
  }
  SUBCASE("host-bound") {
    ShipParams<double> s;
    s.drives = 20;
    s.read_Bps = 500e6;
    s.copy_limit_Bps = 1e9;
    s.ingest_limit_Bps = 2e9;
    const ShipResult<double> r = ship_model(data_of(80e12), s);
    // per drive 8e13 / 20 = 4e12; floor(20 / 8) = 2 full waves, rest 20 - 16 = 4
    // full-wave share = 1e9 / 8 = 1.25e8 < 270e6 (write) and < 500e6 (read);
    // last-wave share = 1e9 / 4 = 2.5e8, still below both drive rates
    // write = 2 * 4e12 / 1.25e8 + 4e12 / 2.5e8 = 64,000 + 16,000 = 80,000 s; verify the same
    // (v1 counted three full waves: 3 * 4e12 / 1.25e8 = 96,000 s)
    CHECK(r.write_s == doctest::Approx(80000).epsilon(1e-12));
    CHECK(r.verify_s == doctest::Approx(80000).epsilon(1e-12));
    // read_drives = 20 of 8e13 / 20 = 4e12 B: 2 full waves at min(500e6, 2e9 / 8 = 2.5e8) = 2.5e8
    // and a last wave of 4 at min(500e6, 2e9 / 4 = 5e8) = 5e8
    // ingest = 2 * 4e12 / 2.5e8 + 4e12 / 5e8 = 32,000 + 8,000 = 40,000 s (v1: 3 * 16,000 = 48,000)
    CHECK(r.ingest_s == doctest::Approx(40000).epsilon(1e-12));
  }
}

TEST_CASE("ship: verify off skips the read-back") {
  ShipParams<double> s;
  s.verify = 0;
  const ShipResult<double> r = ship_model(data_of(80e12), s);
  CHECK(r.verify_s == 0.0);
  // 74,074.074 (write) + 86,400 + 74,074.074 (ingest) = 234,548.148 s
  CHECK(r.time_s == doctest::Approx(234548.148148).epsilon(1e-10));
}

TEST_CASE("ship: trips from couriers * per_courier, freight is one trip") {
  ShipParams<double> s;
  s.couriers = 4;
  s.per_courier = 15;
  s.drives = 60;
  // cap = 4 * 15 = 60; trips = ceil(60 / 60) = 1; transit = 1 * 86,400
  ShipResult<double> r = ship_model(data_of(80e12), s);
  CHECK(r.per_courier == 15);
  CHECK(r.trips == 1);
  CHECK(r.transit_s == doctest::Approx(86400).epsilon(1e-15));

  s.drives = 61;
  // trips = ceil(61 / 60) = 2; transit = (2 * 2 - 1) * 86,400 = 259,200 s
  r = ship_model(data_of(80e12), s);
  CHECK(r.trips == 2);
  CHECK(r.transit_s == doctest::Approx(259200).epsilon(1e-15));

  s.per_courier = 0;  // auto
  s.bag_kg = 10;
  // per_courier = floor(10 / 0.7) = floor(14.29) = 14; cap = 4 * 14 = 56; trips = ceil(61 / 56) = 2
  r = ship_model(data_of(80e12), s);
  CHECK(r.per_courier == 14);
  CHECK(r.trips == 2);

  s.couriers = 1;
  s.transit_s = 3600;
  // cap = 1 * 14; trips = ceil(61 / 14) = ceil(4.36) = 5; transit = (2 * 5 - 1) * 3,600 = 32,400 s
  r = ship_model(data_of(80e12), s);
  CHECK(r.trips == 5);
  CHECK(r.transit_s == doctest::Approx(32400).epsilon(1e-15));

  s.couriers = 0;  // freight
  s.drives = 1000;
  s.trip_cost_usd = 1200;
  s.per_diem_usd = 100;
  s.shipping_cost_usd = 300;
  // one trip whatever the count; no couriers travel: 0 * ... = $0; shipping 1 * $300
  r = ship_model(data_of(80e12), s);
  CHECK(r.trips == 1);
  CHECK(r.transit_s == doctest::Approx(3600).epsilon(1e-15));
  CHECK(r.travel_usd == 0.0);
  CHECK(r.shipping_usd == doctest::Approx(300).epsilon(1e-15));
}

TEST_CASE("ship: per_courier auto is floor(bag / weight) when the ratio is a whole number") {
  ShipParams<double> s;
  s.bag_kg = 14;
  s.weight_kg = 0.14;  // e.g. a 2.5" portable drive
  s.drives = 100;
  const ShipResult<double> r = ship_model(data_of(80e12), s);
  // 14 kg / 0.14 kg = 100 drives exactly; one courier carries all 100 in ceil(100 / 100) = 1 trip
  // (14 / 0.14 evaluates to 99.99999999999999 in doubles; a plain floor of that gives 99 and
  // ceil(100 / 99) = 2 trips, i.e. 3 transits instead of 1.)
  CHECK(r.per_courier == 100);
  CHECK(r.trips == 1);
  CHECK(r.transit_s == doctest::Approx(86400).epsilon(1e-15));
}

TEST_CASE("ship: drive, travel (per diem in whole days) and shipping costs") {
  // The default scenario's shape: 4 couriers * 15 drives = 60 drives of 80 TB / 60.
  ShipParams<double> s;
  s.couriers = 4;
  s.per_courier = 15;
  s.drives = 60;
  s.trip_cost_usd = 1200;
  s.per_diem_usd = 100;
  s.shipping_cost_usd = 50;
  ShipResult<double> r = ship_model(data_of(80e12), s);
  // ingest: 60 drives of 8e13 / 60 = 1.3333e12 B, 7 full waves at min(270e6, 4e9 / 8) = 270e6 and
  //   a last wave of 4 at min(270e6, 4e9 / 4) = 270e6: 8 * 1.3333e12 / 2.7e8 = 39,506.173 s
  CHECK(r.ingest_s == doctest::Approx(39506.172840).epsilon(1e-10));
  // days away = ceil((2 * 86,400 + 39,506.17) / 86,400) = ceil(2.457) = 3
  // travel = 4 couriers * 1 trip * ($1,200 + $100 * 3) = 4 * 1,500 = $6,000
  CHECK(r.travel_usd == doctest::Approx(6000).epsilon(1e-15));
  // drives 60 * $450 = $27,000; shipping 1 trip * $50 = $50; total $33,050
  CHECK(r.drives_usd == doctest::Approx(27000).epsilon(1e-15));
  CHECK(r.shipping_usd == doctest::Approx(50).epsilon(1e-15));
  CHECK(r.cost_usd == doctest::Approx(33050).epsilon(1e-15));

  s.drives = 61;
  r = ship_model(data_of(80e12), s);
  // 2 trips; ingest = (7 full waves + a last wave of 5, all at 270e6) * (8e13 / 61) / 2.7e8
  //   = 8 * 1.3115e12 / 2.7e8 = 38,858.53 s
  // days = ceil((172,800 + 38,858.53) / 86,400) = ceil(2.45) = 3
  // travel = 4 * 2 * ($1,200 + $100 * 3) = 8 * 1,500 = $12,000; shipping 2 * $50 = $100
  // drives 61 * $450 = $27,450; total $39,550
  CHECK(r.trips == 2);
  CHECK(r.travel_usd == doctest::Approx(12000).epsilon(1e-15));
  CHECK(r.shipping_usd == doctest::Approx(100).epsilon(1e-15));
  CHECK(r.cost_usd == doctest::Approx(39550).epsilon(1e-15));

  s.drives = 60;
  s.transit_s = 86400 + 3600;
  r = ship_model(data_of(80e12), s);
  // days = ceil((2 * 90,000 + 39,506.17) / 86,400) = ceil(2.54) = 3 still
  CHECK(r.travel_usd == doctest::Approx(6000).epsilon(1e-15));
  s.transit_s = 2 * 86400.0;
  r = ship_model(data_of(80e12), s);
  // days = ceil((345,600 + 39,506.17) / 86,400) = ceil(4.457) = 5;
  // travel = 4 * 1 * (1,200 + 100 * 5) = $6,800
  CHECK(r.travel_usd == doctest::Approx(6800).epsilon(1e-15));
}

TEST_CASE("ship: p_data_loss for none, Nx and k+m") {
  SUBCASE("none: 1 - (1 - q)^drives") {
    ShipParams<double> s;
    s.drive_loss = 0.01;
    const ShipResult<double> r = ship_model(data_of(80e12), s);
    // 4 drives: 1 - 0.99^4 = 1 - 0.96059601 = 0.03940399
    CHECK(r.p_data_loss == doctest::Approx(0.03940399).epsilon(1e-12));
  }
  SUBCASE("Nx: 1 - (1 - q^N)^data_drives") {
    ShipParams<double> s = copies(2);
    s.drive_loss = 0.01;
    const ShipResult<double> r = ship_model(data_of(80e12), s);
    // q^2 = 1e-4; data_drives 4: 1 - 0.9999^4 = 4e-4 - 6e-8 + 4e-12 - 1e-16 = 3.99940004e-4
    CHECK(r.p_data_loss == doctest::Approx(3.99940004e-4).epsilon(1e-9));
  }
  SUBCASE("k+m: 1 - (1 - P(Binomial(k+m, q) > m))^sets") {
    ShipParams<double> s = erasure(2, 1);
    s.drive_loss = 0.1;
    const ShipResult<double> r = ship_model(data_of(80e12), s);
    // data_drives 4; sets = ceil(4 / 2) = 2; drives = 2 * 3 = 6
    CHECK(r.drives == 6);
    // Ps = P(X > 1), X ~ B(3, 0.1) = 3 * 0.1^2 * 0.9 + 0.1^3 = 0.027 + 0.001 = 0.028
    // P = 1 - 0.972^2 = 1 - 0.944784 = 0.055216
    CHECK(r.p_data_loss == doctest::Approx(0.055216).epsilon(1e-12));
  }
  SUBCASE("tiny q does not cancel to zero") {
    ShipParams<double> s;
    s.drive_loss = 1e-12;
    s.drives = 60;
    const ShipResult<double> r = ship_model(data_of(80e12), s);
    // 1 - (1 - 1e-12)^60 = 60e-12 - C(60,2) 1e-24 + ... = 6e-11 (to 1e-11 relative)
    CHECK(r.p_data_loss == doctest::Approx(6e-11).epsilon(1e-9));
  }
}

TEST_CASE("ship: binomial_tail_above") {
  // B(3, 0.1): P(X > 1) = P(2) + P(3) = 3 * 0.01 * 0.9 + 0.001 = 0.027 + 0.001 = 0.028
  CHECK(haul::binomial_tail_above(3, 1, 0.1) == doctest::Approx(0.028).epsilon(1e-12));
  // B(4, 0.5): P(X > 1) = 1 - (C(4,0) + C(4,1)) / 16 = 1 - 5 / 16 = 11 / 16 = 0.6875
  CHECK(haul::binomial_tail_above(4, 1, 0.5) == doctest::Approx(0.6875).epsilon(1e-12));
  // B(1, q): P(X > 0) = q
  CHECK(haul::binomial_tail_above(1, 0, 0.3) == doctest::Approx(0.3).epsilon(1e-12));
  // B(12, 1e-6): P(X > 2) = C(12,3) q^3 (1-q)^9 + C(12,4) q^4 (1-q)^8 + ...
  //   = 220e-18 * (1 - 9e-6) + 495e-24 * (1 - 8e-6) + O(1e-27)
  //   = 2.1999802e-16 + 0.0000049e-16 = 2.1999851e-16
  CHECK(haul::binomial_tail_above(12, 2, 1e-6) == doctest::Approx(2.1999851e-16).epsilon(1e-7));
  // B(10, 0.2): P(X > 8) = C(10,9) 0.2^9 0.8 + 0.2^10 = 10 * 5.12e-7 * 0.8 + 1.024e-7
  //   = 4.096e-6 + 1.024e-7 = 4.1984e-6
  CHECK(haul::binomial_tail_above(10, 8, 0.2) == doctest::Approx(4.1984e-6).epsilon(1e-12));
  // Edges: q = 0 never loses; m >= n can never lose more than m of n; q = 1 always does.
  CHECK(haul::binomial_tail_above(12, 2, 0.0) == 0.0);
  CHECK(haul::binomial_tail_above(3, 3, 0.5) == 0.0);
  CHECK(haul::binomial_tail_above(12, 2, 1.0) == 1.0);
}

TEST_CASE("ship: compression shrinks the payload before the drives") {
  DataParams<double> data = data_of(160e12);
  data.compression = 2.0;
  const ShipResult<double> r = ship_model(data, ShipParams<double>{});
  // 160e12 / 2 = 8e13 B: the same 4 drives and 308,622.222 s as the 80 TB case
  CHECK(r.bytes == doctest::Approx(8e13).epsilon(1e-15));
  CHECK(r.drives == 4);
  CHECK(r.time_s == doctest::Approx(308622.222222).epsilon(1e-10));
  // rate counts the bytes moved: 8 * 8e13 / 308,622.222 = 2,073,732,718.9 bit/s
  CHECK(r.rate_bps == doctest::Approx(2073732718.9).epsilon(1e-9));
}

// --- v2: the partial last wave ----------------------------------------------------------------

TEST_CASE("ship: wave_time, full waves then a last wave at its own share of the limit") {
  // 50 drives of 4e12 B, 8 slots, 1.5e9 B/s a drive, 4e9 B/s in all: floor(50 / 8) = 6 full waves
  // at min(1.5e9, 4e9 / 8 = 5e8) = 5e8, rest 50 - 48 = 2 at min(1.5e9, 4e9 / 2 = 2e9) = 1.5e9
  // 6 * 4e12 / 5e8 + 4e12 / 1.5e9 = 48,000 + 2,666.667 = 50,666.667 s (= 152,000 / 3)
  CHECK(haul::wave_time(50.0, 4e12, 8.0, 1.5e9, 4e9) ==
        doctest::Approx(152000.0 / 3).epsilon(1e-12));
  // 16 drives in 8 slots: 2 full waves, rest 0, nothing added: 2 * 4e12 / 5e8 = 16,000 s
  CHECK(haul::wave_time(16.0, 4e12, 8.0, 1.5e9, 4e9) == doctest::Approx(16000).epsilon(1e-12));
  // 3 drives in 8 slots: used = 3, one wave at min(1.5e9, 4e9 / 3 = 1.333e9):
  // 4e12 * 3 / 4e9 = 3,000 s
  CHECK(haul::wave_time(3.0, 4e12, 8.0, 1.5e9, 4e9) == doctest::Approx(3000).epsilon(1e-12));
  // one slot: 5 waves of one drive at min(2e8, 1e9) = 2e8: 5 * 1e12 / 2e8 = 25,000 s
  CHECK(haul::wave_time(5.0, 1e12, 1.0, 2e8, 1e9) == doctest::Approx(25000).epsilon(1e-12));
  // 1,000,001 drives in 1,000 slots: floor(1,000.001) = 1,000 full waves (the 1e-12 slack of
  // floor_ratio is far too small to reach 1,001), rest 1.
  // Full waves at min(2e8, 1e9 / 1,000 = 1e6) = 1e6, the last drive at min(2e8, 1e9) = 2e8:
  // 1,000 * 1e9 / 1e6 + 1e9 / 2e8 = 1,000,000 + 5 = 1,000,005 s
  CHECK(haul::wave_time(1000001.0, 1e9, 1000.0, 2e8, 1e9) ==
        doctest::Approx(1000005).epsilon(1e-12));
}

TEST_CASE("ship: 200 TB on nvme-4tb, six full waves and a last wave of two (the issue's example)") {
  // MODEL.md section 3 defaults: 8 copy and ingest slots at 4 GB/s, verify on, no redundancy
  const ShipResult<double> r = ship_model(data_of(200e12), nvme());
  // data_drives = ceil(2e14 / 4e12) = 50 drives of 2e14 / 50 = 4e12 B
  CHECK(r.drives == 50);
  CHECK(r.per_drive_bytes == doctest::Approx(4e12).epsilon(1e-15));
  // used = min(8, 50) = 8; floor(50 / 8) = 6 full waves at min(1.5e9, 4e9 / 8 = 5e8) = 5e8 B/s:
  // 6 * 4e12 / 5e8 = 48,000 s; rest 50 - 48 = 2 at min(1.5e9, 4e9 / 2 = 2e9) = 1.5e9 B/s:
  // 4e12 / 1.5e9 = 2,666.667 s; write = 50,666.667 s (= 152,000 / 3), not v1's 7 full waves:
  // 7 * 4e12 / 5e8 = 56,000 s. Verify reads at 1.5e9 too: the same.
  CHECK(r.write_s == doctest::Approx(152000.0 / 3).epsilon(1e-12));
  CHECK(r.write_s == doctest::Approx(50666.666667).epsilon(1e-10));
  CHECK(r.verify_s == doctest::Approx(50666.666667).epsilon(1e-10));
  // ingest reads all 50 drives of 2e14 / 50 = 4e12 B, 8 slots at 4 GB/s: the same 50,666.667 s
  CHECK(r.ingest_s == doctest::Approx(50666.666667).epsilon(1e-10));
  // per_courier = floor(23 / 0.01) = 2,300; trips = ceil(50 / 2,300) = 1; transit 86,400 s
  CHECK(r.trips == 1);
  // time = 3 * 152,000 / 3 + 86,400 = 152,000 + 86,400 = 238,400 s
  CHECK(r.time_s == doctest::Approx(238400).epsilon(1e-12));
  // rate = 8 * 2e14 / 238,400 = 1.6e15 / 2.384e5 = 6,711,409,396 bit/s
  CHECK(r.rate_bps == doctest::Approx(6711409396.0).epsilon(1e-9));
  // 50 * $300 = $15,000
  CHECK(r.drives_usd == doctest::Approx(15000).epsilon(1e-15));
}

TEST_CASE("ship: fewer drives than slots are one wave at the limit shared by those drives") {
  const ShipResult<double> r = ship_model(data_of(12e12), nvme());
  // ceil(12e12 / 4e12) = 3 drives of 4e12 B; used = min(8, 3) = 3; floor(3 / 3) = 1 wave, rest 0
  CHECK(r.drives == 3);
  // share = 4e9 / 3 = 1.333e9 < 1.5e9: write = 4e12 / (4e9 / 3) = 1.2e13 / 4e9 = 3,000 s
  CHECK(r.write_s == doctest::Approx(3000).epsilon(1e-12));
  CHECK(r.verify_s == doctest::Approx(3000).epsilon(1e-12));
  // ingest: the same 3 drives of 4e12 B at 4e9 / 3: 3,000 s
  CHECK(r.ingest_s == doctest::Approx(3000).epsilon(1e-12));
  // time = 3 * 3,000 + 86,400 = 95,400 s
  CHECK(r.time_s == doctest::Approx(95400).epsilon(1e-12));
}

TEST_CASE("ship: drives a whole multiple of the slots leave no partial wave (as in v1)") {
  const ShipResult<double> r = ship_model(data_of(64e12), nvme());
  // ceil(64e12 / 4e12) = 16 drives of 4e12 B; floor(16 / 8) = 2 full waves, rest 16 - 16 = 0
  CHECK(r.drives == 16);
  // write = 2 * 4e12 / min(1.5e9, 4e9 / 8 = 5e8) = 2 * 8,000 = 16,000 s (v1: ceil(16 / 8) = 2
  // waves, the same); verify and ingest (16 drives of 4e12 B, 8 slots at 4 GB/s) the same
  CHECK(r.write_s == doctest::Approx(16000).epsilon(1e-12));
  CHECK(r.verify_s == doctest::Approx(16000).epsilon(1e-12));
  CHECK(r.ingest_s == doctest::Approx(16000).epsilon(1e-12));
  // time = 3 * 16,000 + 86,400 = 134,400 s
  CHECK(r.time_s == doctest::Approx(134400).epsilon(1e-12));
}

TEST_CASE("ship: 2x copies write 50 drives but ingest reads 25, with its own last wave") {
  const ShipResult<double> r = ship_model(data_of(100e12), nvme(copies(2)));
  // data_drives = ceil(1e14 / 4e12) = 25; 2x: 50 drives; stored 2e14; 4e12 B a drive
  CHECK(r.drives == 50);
  CHECK(r.per_drive_bytes == doctest::Approx(4e12).epsilon(1e-15));
  // write: as the 200 TB case, 6 * 4e12 / 5e8 + 4e12 / 1.5e9 = 50,666.667 s; verify the same
  CHECK(r.write_s == doctest::Approx(152000.0 / 3).epsilon(1e-12));
  CHECK(r.verify_s == doctest::Approx(152000.0 / 3).epsilon(1e-12));
  // read_drives = ceil(50 / 2) = 25 of 1e14 / 25 = 4e12 B: floor(25 / 8) = 3 full waves at
  // min(1.5e9, 4e9 / 8 = 5e8) = 5e8: 3 * 8,000 = 24,000 s; rest 25 - 24 = 1 drive at
  // min(1.5e9, 4e9 / 1) = 1.5e9: 2,666.667 s; ingest = 26,666.667 s (= 80,000 / 3)
  // (v1: ceil(25 / 8) = 4 full waves, 32,000 s)
  CHECK(r.ingest_s == doctest::Approx(80000.0 / 3).epsilon(1e-12));
  // time = 2 * 152,000 / 3 + 86,400 + 80,000 / 3 = 384,000 / 3 + 86,400 = 128,000 + 86,400
  //      = 214,400 s
  CHECK(r.time_s == doctest::Approx(214400).epsilon(1e-12));
}

TEST_CASE("ship: 10+2 erasure, a last wave bound by its own share of the hosts' limit") {
  const ShipResult<double> r = ship_model(data_of(100e12), nvme(erasure(10, 2)));
  // data_drives = 25; sets = ceil(25 / 10) = 3; drives = 3 * 12 = 36; stored = 1.2 * 1e14
  // = 1.2e14; per drive 1.2e14 / 36 = 1e13 / 3 = 3.333e12 B
  CHECK(r.drives == 36);
  CHECK(r.per_drive_bytes == doctest::Approx(1e13 / 3).epsilon(1e-14));
  // floor(36 / 8) = 4 full waves at 5e8: 4 * (1e13 / 3) / 5e8 = 26,666.667 s; rest 36 - 32 = 4 at
  // min(1.5e9, 4e9 / 4 = 1e9) = 1e9: (1e13 / 3) / 1e9 = 3,333.333 s; write = 30,000 s
  // (v1: ceil(36 / 8) = 5 full waves, 33,333.333 s); verify the same
  CHECK(r.write_s == doctest::Approx(30000).epsilon(1e-12));
  CHECK(r.verify_s == doctest::Approx(30000).epsilon(1e-12));
  // read_drives = ceil(36 * 10 / 12) = 30 of 1e14 / 30 = 3.333e12 B: floor(30 / 8) = 3 full waves
  // at 5e8: 20,000 s; rest 30 - 24 = 6 at min(1.5e9, 4e9 / 6 = 6.667e8) = 6.667e8 (the hosts still
  // bind): (1e13 / 3) / (2e9 / 3) = 5,000 s; ingest = 25,000 s (v1: 4 * 6,666.667 = 26,666.667)
  CHECK(r.ingest_s == doctest::Approx(25000).epsilon(1e-12));
  // time = 2 * 30,000 + 86,400 + 25,000 = 171,400 s
  CHECK(r.time_s == doctest::Approx(171400).epsilon(1e-12));
}

TEST_CASE("ship: a column (Eigen::ArrayXd) gives the same waves as one scenario at a time") {
  using A = haul::num::Array;
  // Rows: the cases above (a partial last wave, fewer drives than slots, a whole multiple, 2x,
  // 10+2, host-bound hdd with a last wave of 4) and ingest slots that differ from the copy slots.
  ShipParams<double> host_bound;
  host_bound.drives = 20;
  host_bound.read_Bps = 500e6;
  host_bound.copy_limit_Bps = 1e9;
  host_bound.ingest_limit_Bps = 2e9;
  ShipParams<double> wide_ingest = nvme();
  wide_ingest.ingest_slots = 16;
  wide_ingest.verify = 0;
  const std::vector<std::pair<double, ShipParams<double>>> rows = {{200e12, nvme()},
                                                                   {12e12, nvme()},
                                                                   {64e12, nvme()},
                                                                   {100e12, nvme(copies(2))},
                                                                   {100e12, nvme(erasure(10, 2))},
                                                                   {80e12, host_bound},
                                                                   {200e12, wide_ingest},
                                                                   {80e12, ShipParams<double>{}}};
  const auto n = static_cast<Eigen::Index>(rows.size());
  auto column = [&](auto get) {
    A out(n);
    for (Eigen::Index i = 0; i < n; ++i) out[i] = get(rows[static_cast<std::size_t>(i)]);
    return out;
  };
  // Params<ArrayXd> have no usable default member initializers, so every field is named.
#define HAUL_COL(field) column([](const auto& row) { return row.second.field; })
  const DataParams<A> data{.size_bytes = column([](const auto& row) { return row.first; }),
                           .files = A::Constant(n, 1.0),
                           .compression = A::Constant(n, 1.0)};
  const ShipParams<A> ship{.capacity_bytes = HAUL_COL(capacity_bytes),
                           .write_Bps = HAUL_COL(write_Bps),
                           .read_Bps = HAUL_COL(read_Bps),
                           .price_usd = HAUL_COL(price_usd),
                           .weight_kg = HAUL_COL(weight_kg),
                           .drives = HAUL_COL(drives),
                           .redundancy = HAUL_COL(redundancy),
                           .copies = HAUL_COL(copies),
                           .erasure_k = HAUL_COL(erasure_k),
                           .erasure_m = HAUL_COL(erasure_m),
                           .verify = HAUL_COL(verify),
                           .copy_slots = HAUL_COL(copy_slots),
                           .copy_limit_Bps = HAUL_COL(copy_limit_Bps),
                           .ingest_slots = HAUL_COL(ingest_slots),
                           .ingest_limit_Bps = HAUL_COL(ingest_limit_Bps),
                           .transit_s = HAUL_COL(transit_s),
                           .couriers = HAUL_COL(couriers),
                           .per_courier = HAUL_COL(per_courier),
                           .bag_kg = HAUL_COL(bag_kg),
                           .trip_cost_usd = HAUL_COL(trip_cost_usd),
                           .per_diem_usd = HAUL_COL(per_diem_usd),
                           .shipping_cost_usd = HAUL_COL(shipping_cost_usd),
                           .drive_loss = HAUL_COL(drive_loss)};
#undef HAUL_COL
  const ShipResult<A> batch = ship_model(data, ship);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& row = rows[static_cast<std::size_t>(i)];
    const ShipResult<double> one = ship_model(data_of(row.first), row.second);
    CAPTURE(i);
    // Only + - * /, min, floor and ceil reach these: the same bits in a column as alone.
    CHECK(batch.drives[i] == one.drives);
    CHECK(batch.write_s[i] == one.write_s);
    CHECK(batch.verify_s[i] == one.verify_s);
    CHECK(batch.ingest_s[i] == one.ingest_s);
    CHECK(batch.time_s[i] == one.time_s);
    CHECK(batch.cost_usd[i] == one.cost_usd);
  }
  // And the column holds the hand-worked values: row 0 is the 200 TB (50,666.667 s of
  // write, 238,400 s in all); row 6 reads 50 drives in 16 slots at min(1.5e9, 4e9 / 16 = 2.5e8):
  // floor(50 / 16) = 3 full waves, 3 * 4e12 / 2.5e8 = 48,000 s, and a last wave of 2 at 1.5e9,
  // 2,666.667 s: ingest = 50,666.667 s; no verify: time = 2 * 152,000 / 3 + 86,400 = 187,733.333 s
  CHECK(batch.write_s[0] == doctest::Approx(152000.0 / 3).epsilon(1e-12));
  CHECK(batch.time_s[0] == doctest::Approx(238400).epsilon(1e-12));
  CHECK(batch.ingest_s[6] == doctest::Approx(152000.0 / 3).epsilon(1e-12));
  CHECK(batch.verify_s[6] == 0.0);
  CHECK(batch.time_s[6] == doctest::Approx(187733.333333).epsilon(1e-10));
}
