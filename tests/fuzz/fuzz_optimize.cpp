// libFuzzer harness: the optimiser's file ([choose], [goal]) on arbitrary TOML, and small grids
// evaluated and reported in every format.
#include <cstdint>
#include <string>
#include <string_view>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "output/views.hpp"
#include "run/optimize.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const haul::OptimizeSpec spec =
        haul::read_optimize_text(text, "fuzz.toml", haul::builtin_catalog());
    const haul::Optimizer optimizer(spec, haul::builtin_catalog());
    if (optimizer.rows() > 2000) return 0;  // keep each input fast
    // Under goal.at each row draws [uncertainty] samples: a few thousand sample plans at most.
    if (!spec.goal.at.empty() && optimizer.rows() * optimizer.scenario().uncertainty.samples > 4000)
      return 0;
    haul::OptimizeOptions options;
    options.threads = 1;
    options.chunk_rows = 64;
    const haul::OptimizeResult r = optimizer.run(options);
    const haul::Report report = haul::report_optimize(optimizer, r, haul::units::ByteStyle::si);
    std::size_t bytes = 0;
    for (const haul::Format format :
         {haul::Format::csv, haul::Format::json, haul::Format::md, haul::Format::table})
      bytes += haul::render(report, format).size();
    if (bytes == 0) __builtin_trap();
  } catch (const haul::InputError&) {
  }
  return 0;
}
