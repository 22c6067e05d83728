// haul plot's pictures (MODEL.md section 13) as self-contained SVG: text as text, axes in human
// units, routes in Okabe and Ito's palette with a dash pattern each, the scenario's name and base
// in the title. What a reader or a test looks for is also in the markup: each breakeven is a
// <g class="breakeven" data-size-bytes="...">, each map cell a <g class="cell" ...>, each route's
// distribution a <g class="route" data-p50-s="...">, each front point a <g class="point" ...>.
#pragma once

#include <string>

#include "../input/units.hpp"
#include "../run/optimize.hpp"
#include "../run/plot_data.hpp"

namespace haul::plot {

// The title: the scenario's name as reports show it (may be empty) and its base line.
struct Heading {
  std::string name;
  std::string base;
};

std::string render_crossover(const CrossoverData& d, const Heading& h, units::ByteStyle style);
std::string render_winner_map(const WinnerMapData& d, const Heading& h, units::ByteStyle style);
std::string render_cdf(const CdfData& d, const Heading& h);
std::string render_pareto(const Optimizer& optimizer, const OptimizeResult& result,
                          const Heading& h);

}  // namespace haul::plot
