// A small SVG writer for haul plot (MODEL.md section 13): a self-contained document with text as
// text, built element by element. Why our own rather than a plotting library: Debian's plotting
// libraries for C++ (PLplot, matplot++) either pull in a drawing stack and fonts at run time or
// write text as paths; four plot kinds need lines, rectangles, circles and text, which this file
// writes in under 200 lines that its tests can read back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace haul::svg {

// Okabe and Ito's palette ("Color Universal Design", 2008), told apart by readers with each common
// colour-vision deficiency; in the order routes take them (yellow last: it is faint on white).
inline constexpr const char* kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                           "#E69F00", "#56B4E9", "#000000", "#F0E442"};
inline constexpr std::size_t kPaletteSize = sizeof(kPalette) / sizeof(kPalette[0]);
// Dash patterns that go with the colours, so that lines differ in grey print as well.
inline constexpr const char* kDashes[] = {"",     "8 4",     "2 3", "10 3 2 3",
                                          "14 4", "4 2 1 2", "1 2", "6 2 2 2 2 2"};
// Black or white text, whichever reads better on a fill of the palette (WCAG relative luminance
// above 0.18: black).
const char* text_on(const char* fill);

// Text for XML: & < > " ' escaped; control characters other than tab and newline dropped (XML 1.0
// cannot hold them).
std::string escape(std::string_view text);
// A coordinate: at most two decimals, no trailing zeros ("12.5", "300", "-0.25").
std::string num(double x);

struct Style {
  std::string stroke = "none", fill = "none", dash;
  double width = 1.0;
  double opacity = 1.0;
};

enum class Anchor { start, middle, end };

class Document {
 public:
  Document(double width, double height);

  void line(double x1, double y1, double x2, double y2, const Style& s);
  // A line through the points; NaN points break it into pieces.
  void polyline(const std::vector<double>& xs, const std::vector<double>& ys, const Style& s);
  void rect(double x, double y, double w, double h, const Style& s);
  void circle(double cx, double cy, double r, const Style& s);
  void text(double x, double y, std::string_view text, Anchor anchor = Anchor::start,
            double size = 12, const std::string& fill = "#222222", bool bold = false,
            double rotate = 0);
  // <g class="..." data-NAME="VALUE" ...>: groups hold what a reader (or a test) looks for, such
  // as a breakeven's size in bytes.
  void open_group(const std::string& css_class,
                  const std::vector<std::pair<std::string, std::string>>& data = {});
  void close_group();
  // <title> of the document (shown by viewers) and <desc> (what the picture shows, for screen
  // readers); both escaped.
  void title(std::string_view text);
  void desc(std::string_view text);

  std::string str() const;

 private:
  double width_, height_;
  std::string head_, body_;
  int open_ = 0;
};

}  // namespace haul::svg
