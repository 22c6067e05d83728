// The [appliance] rows of the key table (MODEL.md section 3: the base of every route of kind
// "appliance"), [plan] routes, the list of routes compared (section 10), and [uncertainty], the
// Monte Carlo run's samples and seed (section 11).
#include "input/keys_detail.hpp"
#include "input/limits.hpp"

namespace haul::keys_detail {

namespace {

using ApplianceSlot = double& (*)(Inputs<double>&);

Field size_key(const char* key, ApplianceSlot slot, double ApplianceParams<double>::*member) {
  const std::string form = "a size > 0, e.g. \"80 TB\"";
  return {key,
          form,
          "from the preset",
          Quantity::size,
          above(0),
          slot,
          [member, form](S& s, const V& v) {
            const double x = with_unit(v, units::parse_size);
            s.in.appliance.*member = check(x, x > 0, v, form);
          }};
}

Field rate_key(const char* key, const char* default_value, ApplianceSlot slot,
               double ApplianceParams<double>::*member) {
  const std::string form = "a rate > 0, e.g. \"1 GB/s\"";
  return {key,
          form,
          default_value,
          Quantity::throughput,
          above(0),
          slot,
          [member, form](S& s, const V& v) {
            const double x = with_unit(v, units::parse_rate_Bps);
            s.in.appliance.*member = check(x, x > 0, v, form);
          }};
}

Field duration_key(const char* key, ApplianceSlot slot, double ApplianceParams<double>::*member) {
  const std::string form = "a duration >= 0, e.g. \"3 d\"";
  return {key,
          form,
          "from the preset",
          Quantity::duration,
          at_least(0),
          slot,
          [member, form](S& s, const V& v) {
            const double x = with_unit(v, units::parse_duration);
            s.in.appliance.*member = check(x, x >= 0, v, form);
          }};
}

Field money_key(const char* key, ApplianceSlot slot, double ApplianceParams<double>::*member) {
  const std::string form = "money >= 0, e.g. \"300 USD\"";
  return {key,
          form,
          "from the preset",
          Quantity::money,
          at_least(0),
          slot,
          [member, form](S& s, const V& v) {
            const double x = with_unit(v, units::parse_money);
            s.in.appliance.*member = check(x, x >= 0, v, form);
          }};
}

}  // namespace

std::vector<Field> route_fields() {
  using AP = ApplianceParams<double>;
  return {
      {"appliance.appliance",
       "an appliance preset (haul catalog)",
       "\"azure-data-box\"",
       Quantity::text,
       {},
       nullptr,
       [](S& s, const V& v) {
         s.appliance = text(v, "an appliance preset name, e.g. \"azure-data-box\"");
       }},
      size_key(
          "appliance.capacity",
          [](Inputs<double>& in) -> double& { return in.appliance.capacity_bytes; },
          &AP::capacity_bytes),
      rate_key(
          "appliance.fill_rate", "from the preset",
          [](Inputs<double>& in) -> double& { return in.appliance.fill_Bps; }, &AP::fill_Bps),
      {"appliance.devices", "\"auto\" or an integer >= 1", "\"auto\"", Quantity::count,
       whole_from(1), [](Inputs<double>& in) -> double& { return in.appliance.devices; },
       [](S& s, const V& v) {
         s.in.appliance.devices = is_auto(v) ? 0.0 : whole(v, 1, "\"auto\" or an integer >= 1");
       }},
      rate_key(
          "appliance.copy_limit", "\"4 GB/s\"",
          [](Inputs<double>& in) -> double& { return in.appliance.copy_limit_Bps; },
          &AP::copy_limit_Bps),
      duration_key(
          "appliance.lead_time",
          [](Inputs<double>& in) -> double& { return in.appliance.lead_time_s; }, &AP::lead_time_s),
      duration_key(
          "appliance.transit", [](Inputs<double>& in) -> double& { return in.appliance.transit_s; },
          &AP::transit_s),
      duration_key(
          "appliance.processing",
          [](Inputs<double>& in) -> double& { return in.appliance.processing_s; },
          &AP::processing_s),
      money_key(
          "appliance.job_fee",
          [](Inputs<double>& in) -> double& { return in.appliance.job_fee_usd; }, &AP::job_fee_usd),
      {"appliance.included_days", "an integer >= 0", "from the preset", Quantity::count,
       whole_from(0), [](Inputs<double>& in) -> double& { return in.appliance.included_days; },
       [](S& s, const V& v) { s.in.appliance.included_days = whole(v, 0, "an integer >= 0"); }},
      money_key(
          "appliance.day_fee",
          [](Inputs<double>& in) -> double& { return in.appliance.day_fee_usd; }, &AP::day_fee_usd),
      money_key(
          "appliance.shipping_cost",
          [](Inputs<double>& in) -> double& { return in.appliance.shipping_usd; },
          &AP::shipping_usd),

      // [plan]
      {"plan.routes",
       "a list of route names, e.g. [\"network\", \"ship\", \"leased\"]",
       "[\"network\", \"ship\", then every [route.NAME] in file order]",
       Quantity::text,
       {},
       nullptr,
       [](S& s, const V& v) {
         const std::string expected =
             "a list of route names, e.g. [\"network\", \"ship\", \"leased\"] (on the command "
             "line: network,ship,leased)";
         s.route_list = route_list(text(v, expected), v, expected);
       }},

      // [uncertainty]: settings of the run, not model inputs (no slot, no distribution).
      {"uncertainty.samples",
       "an integer from 1 to 1,000,000",
       "10000",
       Quantity::count,
       {},
       nullptr,
       [](S& s, const V& v) {
         const std::string expected = "an integer from 1 to 1,000,000";
         const double x = whole(v, 1, expected);
         s.uncertainty.samples =
             static_cast<std::uint64_t>(check(x, x <= limits::kSamples, v, expected));
       }},
      {"uncertainty.seed",
       "an integer from 0 to 2^53",
       "1",
       Quantity::count,
       {},
       nullptr,
       [](S& s, const V& v) {
         // 2^53: every seed up to it is a double exactly, so JSON and TOML give it back as given.
         const std::string expected = "an integer from 0 to 2^53 (9,007,199,254,740,992)";
         const double x = whole(v, 0, expected);
         s.uncertainty.seed = static_cast<std::uint64_t>(check(x, x <= 0x1p53, v, expected));
       }},
  };
}

}  // namespace haul::keys_detail
