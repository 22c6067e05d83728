// haul plot crossover and winner-map: the scenario's routes along data size, and the winner over
// size and bandwidth.
#include "output/plots.hpp"

#include <algorithm>
#include <cmath>

#include "output/plot_frame.hpp"
#include "output/report.hpp"  // json_number

namespace haul::plot {

namespace {

using units::format_duration;
using units::format_rate;
using units::format_size;

// A route's time at size x, interpolated between grid points in log-log (the curve as drawn).
double time_at(const CrossoverData& d, std::size_t route, double x) {
  const auto& t = d.routes[route].time_s;
  for (std::size_t i = 0; i + 1 < d.sizes.size(); ++i) {
    if (x < d.sizes[i] || x > d.sizes[i + 1]) continue;
    if (!(t[i] > 0) || !(t[i + 1] > 0)) return std::nan("");
    const double u = std::log(x / d.sizes[i]) / std::log(d.sizes[i + 1] / d.sizes[i]);
    return t[i] * std::pow(t[i + 1] / t[i], u);
  }
  return std::nan("");
}

}  // namespace

std::string render_crossover(const CrossoverData& d, const Heading& h, units::ByteStyle style) {
  svg::Document doc(kWidth, kHeight);
  Frame f;
  const std::string y_name = d.job ? "time to model (data in, training done, weights back)"
                                   : "arrival (no training job given)";
  std::string description = "Crossover: " + std::string(d.job ? "time to model" : "arrival") +
                            " of the routes against data size from " +
                            format_size(d.sizes.front(), style) + " to " +
                            format_size(d.sizes.back(), style) + ", drives following the size";
  for (const Crossing& c : d.crossings)
    description += "; breakeven " + format_size(c.size_bytes, style) + " (" +
                   d.routes[c.below].route + " first below, " + d.routes[c.above].route +
                   " from it on)";
  f.top =
      std::max(f.top, heading(doc, h,
                              std::string(d.job ? "Time to model" : "Arrival") +
                                  " against data size, one line per route (drives follow the size)",
                              description) +
                          14);

  double xlo = d.sizes.front(), xhi = d.sizes.back();
  const std::vector<Tick> xticks = size_ticks(xlo, xhi, style);
  double ylo = INFINITY, yhi = 0;
  for (const Series& s : d.routes)
    for (const double t : s.time_s)
      if (std::isfinite(t) && t > 0) {
        ylo = std::min(ylo, t);
        yhi = std::max(yhi, t);
      }
  if (!(yhi > 0)) ylo = 1, yhi = 10;
  const std::vector<Tick> yticks = duration_log_ticks(ylo, yhi);
  const Scale x{xlo, xhi, f.left, f.right, true};
  const Scale y{ylo, yhi, f.bottom, f.top, true};
  axes(doc, f, x, xticks, "data size (log scale)", y, yticks, y_name + " (log scale)");

  // The scenario's own size.
  if (x.contains(d.scenario_size)) {
    const double px = x(d.scenario_size);
    doc.open_group("scenario", {{"size-bytes", json_number(d.scenario_size)}});
    doc.line(px, f.top, px, f.bottom, {"#999999", "none", "6 4", 1.2});
    // The label on the side with room for it.
    const bool right_half = px > (f.left + f.right) / 2;
    doc.text(right_half ? px - 4 : px + 4, f.top + 14,
             "this scenario: " + format_size(d.scenario_size, style),
             right_half ? svg::Anchor::end : svg::Anchor::start, 11, "#555555");
    doc.close_group();
  }

  std::vector<LegendEntry> entries;
  for (std::size_t r = 0; r < d.routes.size(); ++r) {
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < d.sizes.size(); ++i) {
      xs.push_back(x(d.sizes[i]));
      const double t = d.routes[r].time_s[i];
      ys.push_back(std::isfinite(t) && t > 0 ? y(t) : std::nan(""));
    }
    doc.open_group("route", {{"route", d.routes[r].route}});
    doc.polyline(xs, ys, {colour(r), "none", dash(r), 2.5});
    doc.close_group();
    entries.push_back({d.routes[r].route, colour(r), dash(r), false});
  }

  // Each breakeven: a mark where the curves meet, a line down to the axis and its size.
  int k = 0;
  for (const Crossing& c : d.crossings) {
    const double px = x(c.size_bytes);
    const double t = time_at(d, c.below, c.size_bytes);
    const double py = std::isfinite(t) ? y(t) : (f.top + f.bottom) / 2;
    doc.open_group("breakeven", {{"size-bytes", json_number(c.size_bytes)},
                                 {"below", d.routes[c.below].route},
                                 {"above", d.routes[c.above].route}});
    doc.line(px, py, px, f.bottom, {"#222222", "none", "2 3", 1});
    doc.circle(px, py, 5.5, {"#222222", "#ffffff", "", 2});
    // Labels alternate above and below the mark so that neighbours do not collide.
    const double ly = k % 2 == 0 ? py - 12 : py + 22;
    const std::string label = "breakeven " + format_size(c.size_bytes, style);
    // Kept inside the frame: about 8 px a character at 12 px bold.
    const double half = 4.0 * double(label.size());
    doc.text(std::clamp(px, f.left + half + 2, f.right - half - 2), ly, label, svg::Anchor::middle,
             12, "#111111", true);
    doc.close_group();
    ++k;
  }

  std::vector<std::string> notes;
  if (d.crossings.empty()) {
    notes.push_back("No breakeven from " + format_size(d.sizes.front(), style) + " to " +
                    format_size(d.sizes.back(), style) + ": one route is first at every size.");
  } else {
    for (const Crossing& c : d.crossings)
      notes.push_back("Breakeven " + format_size(c.size_bytes, style) + ": " +
                      d.routes[c.below].route + " first below, " + d.routes[c.above].route +
                      " from it on.");
  }
  if (!x.contains(d.scenario_size))
    notes.push_back("This scenario's " + format_size(d.scenario_size, style) +
                    " is outside the sizes drawn.");
  notes.push_back("Drives: as many as the size needs (ship.drives = auto).");
  legend(doc, f, entries, notes);
  return doc.str();
}

std::string render_winner_map(const WinnerMapData& d, const Heading& h, units::ByteStyle style) {
  svg::Document doc(kWidth, kHeight);
  Frame f;
  const std::string first = d.job ? "delivers the trained model first" : "delivers the data first";
  f.top = std::max(
      f.top, heading(doc, h,
                     "Which route " + first +
                         ", by data size and [network] bandwidth (drives follow the size)",
                     "Winner map: for each data size from " + format_size(d.sizes.front(), style) +
                         " to " + format_size(d.sizes.back(), style) + " and bandwidth from " +
                         format_rate(d.rates.front()) + " to " + format_rate(d.rates.back()) +
                         ", the route that " + first + " and by how long before the next") +
                 14);
  const std::size_t rows = d.sizes.size(), cols = d.rates.size();
  const double cw = (f.right - f.left) / double(cols), ch = (f.bottom - f.top) / double(rows);

  // A lead of nothing is a tie (a hybrid that sends it all over the link is the link).
  auto label_of = [&](std::size_t at) -> std::string {
    const int w = d.winner[at];
    const double m = d.margin_s[at];
    return w < 0               ? "none"
           : !std::isfinite(m) ? d.routes[std::size_t(w)]
           : m == 0            ? "tie"
                               : "by " + format_duration(m);
  };
  // One label size for the map: 10.5 px, smaller where the longest label needs it (a character
  // is about 0.6 of the size wide), and no labels below 7 px (a wide map keeps its colours).
  std::size_t longest = 1;
  for (std::size_t at = 0; at < d.winner.size(); ++at)
    longest = std::max(longest, label_of(at).size());
  const double label_size = std::min(10.5, (cw - 6) / (0.6 * double(longest)));
  const bool labelled = label_size >= 7;
  doc.open_group("cells");
  for (std::size_t i = 0; i < rows; ++i) {
    const double top = f.bottom - double(i + 1) * ch;  // the largest size at the top
    for (std::size_t j = 0; j < cols; ++j) {
      const std::size_t at = i * cols + j;
      const int w = d.winner[at];
      const char* fill = w >= 0 ? colour(std::size_t(w)) : "#dddddd";
      const double m = d.margin_s[at];
      doc.open_group("cell", {{"size-bytes", json_number(d.sizes[i])},
                              {"bandwidth-bps", json_number(d.rates[j])},
                              {"winner", w >= 0 ? d.routes[std::size_t(w)] : std::string()},
                              {"margin-s", std::isfinite(m) ? json_number(m) : std::string()}});
      doc.rect(f.left + double(j) * cw, top, cw, ch, {"#ffffff", fill, "", 1.5});
      if (labelled)
        doc.text(f.left + (double(j) + 0.5) * cw, top + ch / 2 + label_size / 3, label_of(at),
                 svg::Anchor::middle, label_size, w >= 0 ? svg::text_on(fill) : "#000000");
      doc.close_group();
    }
  }
  doc.close_group();

  // Tick labels at the cells' centres, and the axes' names.
  doc.open_group("axes");
  for (std::size_t i = 0; i < rows; ++i)
    doc.text(f.left - 8, f.bottom - (double(i) + 0.5) * ch + 4, format_size(d.sizes[i], style),
             svg::Anchor::end, 11, "#555555");
  // Every column's bandwidth where the labels fit (about 6.6 px a character at 11 px), else
  // every second or third.
  std::size_t widest = 1;
  for (const double r : d.rates) widest = std::max(widest, format_rate(r).size());
  const auto every = static_cast<std::size_t>(std::ceil((6.6 * double(widest) + 8) / cw));
  for (std::size_t j = 0; j < cols; j += every)
    doc.text(f.left + (double(j) + 0.5) * cw, f.bottom + 18, format_rate(d.rates[j]),
             svg::Anchor::middle, 11, "#555555");
  doc.text((f.left + f.right) / 2, f.bottom + 44, "bandwidth of [network] (log steps)",
           svg::Anchor::middle, 13, "#222222");
  doc.text(22, (f.top + f.bottom) / 2, "data size (log steps)", svg::Anchor::middle, 13, "#222222",
           false, -90);
  doc.close_group();

  // The cell nearest the scenario's own size and bandwidth (in log steps), framed.
  auto nearest = [](const std::vector<double>& v, double value) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < v.size(); ++i)
      if (std::abs(std::log(v[i] / value)) < std::abs(std::log(v[best] / value))) best = i;
    return best;
  };
  const std::size_t si = nearest(d.sizes, d.scenario_size), sj = nearest(d.rates, d.scenario_rate);
  doc.open_group("scenario", {{"size-bytes", json_number(d.scenario_size)},
                              {"bandwidth-bps", json_number(d.scenario_rate)}});
  doc.rect(f.left + double(sj) * cw + 1.5, f.bottom - double(si + 1) * ch + 1.5, cw - 3, ch - 3,
           {"#000000", "none", "", 3});
  doc.close_group();

  std::vector<LegendEntry> entries;
  for (std::size_t r = 0; r < d.routes.size(); ++r)
    entries.push_back({d.routes[r] + " first", colour(r), "", true});
  if (std::find(d.winner.begin(), d.winner.end(), -1) != d.winner.end())
    entries.push_back({"no route can deliver", "#dddddd", "", true});
  legend(doc, f, entries,
         {"Framed: the cell nearest this scenario (" + format_size(d.scenario_size, style) + ", " +
              format_rate(d.scenario_rate) + ").",
          std::string("Each cell: the winner's lead on the next route, in ") +
              (d.job ? "time to model." : "arrival."),
          "Tie: the next route takes exactly as long; the cell shows the route listed first.",
          labelled ? ""
                   : "The cells are too narrow to label with their leads (each cell's "
                     "data-margin-s holds it).",
          "Drives: as many as the size needs (ship.drives = auto)."});
  return doc.str();
}

}  // namespace haul::plot
