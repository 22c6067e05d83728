// libFuzzer harness: the scenario loader and the models on arbitrary TOML. Loading may succeed or
// throw InputError; a loaded scenario must evaluate and report without crashing.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/scenario.hpp"
#include "output/report.hpp"
#include "output/views.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    haul::Scenario s =
        haul::build_scenario(haul::read_scenario_text(text, "fuzz.toml"), haul::builtin_catalog());
    // Keep each input fast: the samples' number changes how long, not what, is evaluated.
    s.uncertainty.samples = std::min<std::uint64_t>(s.uncertainty.samples, 500);
    const haul::Outcome o = haul::evaluate(s, true);
    (void)haul::render(haul::report_compare(o, haul::units::ByteStyle::si), haul::Format::json);
    (void)haul::render(haul::report_compare(o, haul::units::ByteStyle::iec), haul::Format::table);
  } catch (const haul::InputError&) {
  }
  return 0;
}
