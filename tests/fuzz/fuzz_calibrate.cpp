// libFuzzer harness: the JSON reader and haul calibrate on arbitrary text. Parsing may throw
// ParseError and calibration InputError; a calibration must report in every format without
// crashing.
#include <cstdint>
#include <string_view>

#include "input/calibrate.hpp"
#include "input/error.hpp"
#include "input/json.hpp"
#include "output/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const haul::Calibration c = haul::calibrate(haul::json::parse(text));
    const haul::Report r = haul::report_calibrate(c, "fuzz.json");
    for (const haul::Format f :
         {haul::Format::json, haul::Format::csv, haul::Format::table, haul::Format::md})
      (void)haul::render(r, f);
  } catch (const haul::json::ParseError&) {
  } catch (const haul::InputError&) {
  }
  return 0;
}
