// libFuzzer harness: the JSON reader and haul calibrate on arbitrary text. Parsing may throw
// ParseError and calibration InputError; a calibration must report in every format without
// crashing, and the settings it prints must be accepted by `haul compare --set ...` (they are
// applied to the defaults and evaluated here; a refusal aborts, which libFuzzer reports).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "input/calibrate.hpp"
#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/json.hpp"
#include "input/scenario.hpp"
#include "output/report.hpp"
#include "output/views.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  haul::Calibration c;
  try {
    c = haul::calibrate(haul::json::parse(text));
  } catch (const haul::json::ParseError&) {
    return 0;
  } catch (const haul::InputError&) {
    return 0;
  }
  const haul::Report r = haul::report_calibrate(c, "fuzz.json");
  for (const haul::Format f :
       {haul::Format::json, haul::Format::csv, haul::Format::table, haul::Format::md})
    (void)haul::render(r, f);
  try {
    std::vector<haul::Assignment> set;
    for (const haul::CalibratedSetting& s : haul::calibrated_settings(c))
      set.push_back(haul::parse_set(s.key + "=" + s.text));
    const haul::Scenario scenario = haul::load_scenario({}, set, haul::builtin_catalog());
    (void)haul::report_compare(haul::evaluate(scenario, true), haul::units::ByteStyle::si);
  } catch (const haul::InputError& e) {
    std::fprintf(stderr, "calibrate printed a setting compare refuses: %s\n", e.what());
    std::abort();
  }
  return 0;
}
