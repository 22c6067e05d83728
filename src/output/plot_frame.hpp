// What every haul plot shares: the page, the title, the axes with their ticks and grid, and the
// legend. Internal to output/plots*.cpp.
#pragma once

#include <string>
#include <vector>

#include "../output/axes.hpp"
#include "../output/plots.hpp"
#include "../output/svg.hpp"

namespace haul::plot {

inline constexpr double kWidth = 960, kHeight = 600;

// The plotting area, in pixels.
struct Frame {
  double left = 96, right = kWidth - 210, top = 104, bottom = kHeight - 72;
};

// The colour and dash of route r. Past the palette's eight colours the dashes shift, so that
// no two of the 32 routes a scenario may compare share both.
inline const char* colour(std::size_t r) {
  return svg::kPalette[r % svg::kPaletteSize];
}
inline const char* dash(std::size_t r) {
  return svg::kDashes[(r + r / svg::kPaletteSize) % svg::kPaletteSize];
}

// The title (the scenario's name, or `what` when it has none), what the picture shows and the
// base line; also the document's <title> and <desc>. Returns where the heading ends (the frame's
// top goes below it).
double heading(svg::Document& doc, const Heading& h, const std::string& what,
               const std::string& description);

// The grid lines and tick labels of both axes and their names.
void axes(svg::Document& doc, const Frame& f, const Scale& x, const std::vector<Tick>& xticks,
          const std::string& xname, const Scale& y, const std::vector<Tick>& yticks,
          const std::string& yname);

struct LegendEntry {
  std::string text;
  std::string colour;
  std::string dash;     // "": a solid line
  bool swatch = false;  // a filled square rather than a line
};
// At the right of the frame, from the top down; text too long for the column is broken at spaces.
void legend(svg::Document& doc, const Frame& f, const std::vector<LegendEntry>& entries,
            const std::vector<std::string>& notes = {});

}  // namespace haul::plot
