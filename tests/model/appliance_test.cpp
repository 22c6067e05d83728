// The appliance model (MODEL.md section 10, kind "appliance") against AWS's own fill-time table
// and hand arithmetic. Every expected number is worked out beside it.
#include "model/appliance.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

using haul::appliance_model;
using haul::ApplianceParams;
using haul::ApplianceResult;
using haul::DataParams;

using haul::test::data_of;

namespace {

// One device of 82 TB filled at `rate` with nothing else on the way: the fill time alone.
ApplianceParams<double> bare(double rate_Bps) {
  ApplianceParams<double> a;
  a.capacity_bytes = 82e12;
  a.fill_Bps = rate_Bps;
  a.copy_limit_Bps = 1e12;  // the hosts never bind
  return a;
}

}  // namespace

TEST_CASE("appliance: AWS's fill-time table for 82 TB (Snowball Edge)") {
  // AWS's table: 100 MB/s 9.49 d, 200 MB/s 4.75 d, 300 MB/s 3.16 d, 450 MB/s 2.11 d.
  // 82e12 / 1e8 = 820,000 s = 9.491 d
  CHECK(appliance_model(data_of(82e12), bare(100e6)).fill_s / 86400 ==
        doctest::Approx(9.49).epsilon(0.001));
  // 82e12 / 2e8 = 410,000 s = 4.745 d (AWS rounds to 4.75)
  CHECK(appliance_model(data_of(82e12), bare(200e6)).fill_s / 86400 ==
        doctest::Approx(4.75).epsilon(0.002));
  // 82e12 / 3e8 = 273,333 s = 3.164 d
  CHECK(appliance_model(data_of(82e12), bare(300e6)).fill_s / 86400 ==
        doctest::Approx(3.16).epsilon(0.002));
  // 82e12 / 4.5e8 = 182,222 s = 2.109 d
  CHECK(appliance_model(data_of(82e12), bare(450e6)).fill_s / 86400 ==
        doctest::Approx(2.11).epsilon(0.002));
}

TEST_CASE("appliance: arrival, days on hand and cost by hand") {
  ApplianceParams<double> a;
  a.capacity_bytes = 80e12;
  a.fill_Bps = 1e9;
  a.copy_limit_Bps = 4e9;
  a.lead_time_s = 4 * 86400.0;
  a.transit_s = 3 * 86400.0;
  a.processing_s = 2 * 86400.0;
  a.job_fee_usd = 1800;
  a.included_days = 10;
  a.day_fee_usd = 250;
  a.shipping_usd = 300;
  // 200 TB: ceil(200 / 80) = 3 devices of 66.7 TB each, filled at min(1 GB/s, 4 GB/s / 3 =
  // 1.333 GB/s) = 1 GB/s: 66,666.67 s = 18.52 h
  const ApplianceResult<double> r = appliance_model(data_of(200e12), a);
  CHECK(r.devices == 3);
  CHECK(r.fill_s == doctest::Approx(66666.6667).epsilon(1e-9));
  // arrival = 4 d + 18.52 h + 3 d + 2 d = 345,600 + 66,666.67 + 259,200 + 172,800 = 844,266.67 s
  CHECK(r.time_s == doctest::Approx(844266.667).epsilon(1e-9));
  // days on hand = ceil((66,666.67 + 259,200) / 86,400) = ceil(3.77) = 4: all within the 10
  // included
  CHECK(r.days == 4);
  CHECK(r.day_usd == 0);
  // cost = 3 x ($1,800 + $300) = $6,300
  CHECK(r.cost_usd == doctest::Approx(6300).epsilon(1e-12));
  // rate = 8 x 2e14 / 844,266.67 = 1.895 Gbit/s
  CHECK(r.rate_bps == doctest::Approx(8 * 200e12 / 844266.667).epsilon(1e-9));

  // Slower hosts: 4 devices given and 1 GB/s for all hosts, so each fills at 250 MB/s; 50 TB
  // each: 50e12 / 2.5e8 = 200,000 s = 2.31 d; days on hand = ceil((200,000 + 259,200) / 86,400) =
  // ceil(5.31) = 6
  a.devices = 4;
  a.copy_limit_Bps = 1e9;
  a.included_days = 5;
  const ApplianceResult<double> s = appliance_model(data_of(200e12), a);
  CHECK(s.fill_s == doctest::Approx(200000).epsilon(1e-12));
  CHECK(s.days == 6);
  // one day over the 5 included on each of 4 devices: 4 x $250 = $1,000; cost 4 x $2,100 + $1,000
  CHECK(s.day_usd == doctest::Approx(1000).epsilon(1e-12));
  CHECK(s.cost_usd == doctest::Approx(9400).epsilon(1e-12));
}

TEST_CASE("appliance: whole devices, compression, exactly a day") {
  ApplianceParams<double> a = bare(1e9);
  a.capacity_bytes = 80e12;
  // 160 TB is exactly 2 devices, not 3 (160e12 / 80e12 = 2 with the 1e-12 slack)
  CHECK(appliance_model(data_of(160e12), a).devices == 2);
  CHECK(appliance_model(data_of(160.1e12), a).devices == 3);
  // compression 2: 160 TB of data is 80 TB on devices: one device
  CHECK(appliance_model(data_of(160e12, 2.0), a).devices == 1);
  // 86.4 TB at 1 GB/s on one device (capacity 100 TB) is 86,400 s: exactly one day, not two
  a.capacity_bytes = 100e12;
  CHECK(appliance_model(data_of(86.4e12), a).days == 1);
}

TEST_CASE("appliance: the same formulas on a column (Eigen::ArrayXd)") {
  using A = haul::num::Array;
  const Eigen::Index n = 3;
  const DataParams<A> data{.size_bytes = (A(n) << 82e12, 200e12, 10e12).finished(),
                           .files = A::Constant(n, 1),
                           .compression = A::Constant(n, 1)};
  const ApplianceParams<A> a{.capacity_bytes = A::Constant(n, 80e12),
                             .fill_Bps = (A(n) << 1e8, 1e9, 4.5e8).finished(),
                             .devices = A::Constant(n, 0),
                             .copy_limit_Bps = A::Constant(n, 4e9),
                             .lead_time_s = A::Constant(n, 86400),
                             .transit_s = A::Constant(n, 2 * 86400),
                             .processing_s = A::Constant(n, 86400),
                             .job_fee_usd = A::Constant(n, 1800),
                             .included_days = A::Constant(n, 15),
                             .day_fee_usd = A::Constant(n, 250),
                             .shipping_usd = A::Constant(n, 0)};
  const ApplianceResult<A> batch = appliance_model(data, a);
  for (Eigen::Index i = 0; i < n; ++i) {
    const DataParams<double> d{data.size_bytes[i], 1, 1};
    const ApplianceParams<double> one{80e12, a.fill_Bps[i], 0,  4e9, 86400, 2 * 86400,
                                      86400, 1800,          15, 250, 0};
    const ApplianceResult<double> r = appliance_model(d, one);
    CHECK(batch.devices[i] == r.devices);
    CHECK(batch.fill_s[i] == r.fill_s);
    CHECK(batch.time_s[i] == r.time_s);
    CHECK(batch.days[i] == r.days);
    CHECK(batch.cost_usd[i] == r.cost_usd);
  }
  // Row 0: 82 TB on 2 devices of 80 TB (41 TB each) at 100 MB/s: 410,000 s = 4.75 d; days on hand
  // ceil((410,000 + 172,800) / 86,400) = ceil(6.75) = 7 <= 15: 2 x $1,800 = $3,600
  CHECK(batch.devices[0] == 2);
  CHECK(batch.fill_s[0] == doctest::Approx(410000).epsilon(1e-12));
  CHECK(batch.cost_usd[0] == doctest::Approx(3600).epsilon(1e-12));
}
