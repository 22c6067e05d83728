// libFuzzer harness: haul plot's pictures on arbitrary scenarios. Loading may throw InputError; a
// loaded scenario must draw its crossover, winner map and (when it draws anything) cdf without
// crashing, and each picture must be one <svg> document whose markup is balanced.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "input/catalog.hpp"
#include "input/error.hpp"
#include "input/scenario.hpp"
#include "output/plots.hpp"
#include "plan/uncertainty.hpp"
#include "run/plot_data.hpp"

namespace {

// Every "<" opens a tag that a ">" closes, and the document is one <svg> element: user text (the
// scenario's name) must arrive escaped.
void check_markup(const std::string& svg) {
  int depth = 0;
  for (std::size_t i = svg.find("<svg"); i < svg.size(); ++i) {
    if (svg[i] != '<') continue;
    const std::size_t end = svg.find('>', i);
    if (end == std::string::npos) std::abort();
    const std::string_view tag(svg.data() + i, end - i + 1);
    if (tag[1] == '/') {
      --depth;
    } else if (tag[tag.size() - 2] != '/') {
      ++depth;
    }
    if (depth < 0) std::abort();
    i = end;
  }
  if (depth != 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const haul::Catalog& catalog = haul::builtin_catalog();
  try {
    const std::vector<haul::Assignment> base = haul::read_scenario_text(text, "fuzz.toml");
    haul::Scenario s = haul::build_scenario(base, catalog);
    const haul::plot::Heading heading{s.name, "base: fuzz.toml"};
    check_markup(haul::plot::render_crossover(
        haul::plot::crossover_data(base, catalog, haul::units::ByteStyle::si, 1), heading,
        haul::units::ByteStyle::si));
    check_markup(haul::plot::render_winner_map(
        haul::plot::winner_map_data(base, catalog, haul::units::ByteStyle::iec, 1), heading,
        haul::units::ByteStyle::iec));
    if (haul::has_uncertainty(s.in, s.uncertainty)) {
      // Keep each input fast: the samples' number changes how long, not what, is drawn.
      s.uncertainty.samples = std::min<std::uint64_t>(s.uncertainty.samples, 200);
      check_markup(haul::plot::render_cdf(haul::plot::cdf_data(s, 1), heading));
    }
  } catch (const haul::InputError&) {
  }
  return 0;
}
