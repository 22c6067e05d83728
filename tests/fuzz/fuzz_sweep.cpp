// libFuzzer harness: the sweep loader on arbitrary TOML, and small grids evaluated in every format.
#include <cstdint>
#include <string>
#include <string_view>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "run/sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const haul::SweepSpec spec = haul::read_sweep_text(text, "fuzz.toml", haul::builtin_catalog());
    const haul::Sweep sweep(spec, haul::builtin_catalog());
    if (sweep.points() > 2000) return 0;  // keep each input fast
    // Monte Carlo columns draw [uncertainty] samples a row: a few thousand sample plans at most.
    if (sweep.row_samples() > 0 && sweep.points() * sweep.row_samples() > 4000) return 0;
    for (const haul::Format format :
         {haul::Format::csv, haul::Format::json, haul::Format::md, haul::Format::table}) {
      haul::SweepOptions options;
      options.format = format;
      options.threads = 1;
      options.chunk_rows = 64;
      sweep.check_rows(options);
      std::size_t bytes = 0;
      sweep.run(options, [&](std::string_view s) { bytes += s.size(); });
    }
  } catch (const haul::InputError&) {
  }
  return 0;
}
