// haul plot's pictures (output/plots.hpp) on the seed and an optimiser file: the title holds the
// scenario's name and base line, what a reader looks for is in the markup with the value another
// code path gives (breakeven_size, monte_carlo, the optimiser's front), and every hue is from Okabe
// and Ito's palette.
#include "output/plots.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "input/catalog.hpp"
#include "input/scenario.hpp"
#include "output/report.hpp"
#include "output/svg.hpp"
#include "plan/plan.hpp"
#include "run/optimize.hpp"
#include "run/plot_data.hpp"

using namespace haul;

namespace {

struct Seed {
  Scenario s;
  std::vector<Assignment> base;
  plot::Heading heading;
};

Seed seed() {
  Base b;
  b.kind = Base::Kind::example;
  b.name = "seed";
  Seed out{load_scenario(b, {}, builtin_catalog()), base_assignments(b), {}};
  out.heading = {shown_name(out.s.name, out.s.modified, out.s.overrides), base_line(out.s)};
  return out;
}

std::size_t count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
  return n;
}

// The value of attribute `name` in the first element at or after `from`.
std::string attribute(const std::string& svg, std::size_t from, const std::string& name) {
  const std::size_t at = svg.find(" " + name + "=\"", from);
  if (at == std::string::npos) return "";
  const std::size_t start = at + name.size() + 3;
  return svg.substr(start, svg.find('"', start) - start);
}

// Every colour written as #RRGGBB that is not a grey (R = G = B) is one of the palette's.
std::vector<std::string> hues_outside_palette(const std::string& svg) {
  std::vector<std::string> out;
  for (std::size_t at = svg.find("=\"#"); at != std::string::npos; at = svg.find("=\"#", at + 1)) {
    const std::string c = svg.substr(at + 2, 7);
    std::string upper = c;
    for (char& ch : upper) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    if (upper.substr(1, 2) == upper.substr(3, 2) && upper.substr(3, 2) == upper.substr(5, 2))
      continue;
    if (std::none_of(std::begin(svg::kPalette), std::end(svg::kPalette),
                     [&](const char* p) { return upper == p; }))
      out.push_back(c);
  }
  return out;
}

void check_heading(const std::string& svg, const plot::Heading& h) {
  REQUIRE(!h.name.empty());
  // The name and base line as text (escaped: the seed's name holds "->").
  CHECK(svg.find("<title>" + svg::escape(h.name) + " - ") != std::string::npos);
  CHECK(svg.find(">" + svg::escape(h.name) + "</text>") != std::string::npos);
  CHECK(svg.find(">" + svg::escape(h.base) + "</text>") != std::string::npos);
  CHECK(h.base == "base: example seed");
}

}  // namespace

TEST_CASE("plots crossover: the seed's breakeven, routes, title and palette") {
  const Seed sd = seed();
  const plot::CrossoverData d =
      plot::crossover_data(sd.base, builtin_catalog(), units::ByteStyle::si, 2);
  const std::string svg = plot::render_crossover(d, sd.heading, units::ByteStyle::si);
  check_heading(svg, sd.heading);
  // The escaped name holds "-&gt;", so the check above is on the markup, not the raw text.
  CHECK(svg.find("-&gt; Kuala Lumpur") != std::string::npos);

  // The breakeven group carries breakeven_size's value (another solver) and its label.
  const Breakeven be = breakeven_size(sd.s.in);
  REQUIRE(be.value.has_value());
  CHECK(units::format_size(*be.value) == "1.17 TB");
  REQUIRE(count(svg, "<g class=\"breakeven\"") == 1);
  const std::size_t g = svg.find("<g class=\"breakeven\"");
  const double shown = std::strtod(attribute(svg, g, "data-size-bytes").c_str(), nullptr);
  CHECK(std::abs(shown - *be.value) <= 1e-9 * *be.value);
  CHECK(attribute(svg, g, "data-below") == "network");
  CHECK(attribute(svg, g, "data-above") == "ship");
  CHECK(svg.find(">breakeven 1.17 TB</text>", g) != std::string::npos);

  // Each route is a group with its colour and dash, and in the legend.
  for (std::size_t r = 0; r < d.routes.size(); ++r) {
    const std::string& name = d.routes[r].route;
    const std::size_t at = svg.find("<g class=\"route\" data-route=\"" + name + "\">");
    REQUIRE(at != std::string::npos);
    CHECK(attribute(svg, at, "stroke") == svg::kPalette[r]);
    CHECK(svg.find(">" + name + "</text>") != std::string::npos);
  }
  CHECK(hues_outside_palette(svg).empty());
  // The scenario's own size is marked.
  CHECK(svg.find("<g class=\"scenario\" data-size-bytes=\"" + json_number(80e12) + "\"") !=
        std::string::npos);
}

TEST_CASE("plots winner map: one cell group a cell, with its winner and margin") {
  const Seed sd = seed();
  const plot::WinnerMapData d =
      plot::winner_map_data(sd.base, builtin_catalog(), units::ByteStyle::si, 2);
  const std::string svg = plot::render_winner_map(d, sd.heading, units::ByteStyle::si);
  check_heading(svg, sd.heading);
  REQUIRE(d.sizes.size() == 11);
  REQUIRE(d.rates.size() == 9);
  CHECK(count(svg, "<g class=\"cell\"") == 11 * 9);
  // Each cell in row-major order, its winner's name and fill.
  std::size_t at = 0;
  for (std::size_t k = 0; k < d.winner.size(); ++k) {
    at = svg.find("<g class=\"cell\"", at + 1);
    REQUIRE(at != std::string::npos);
    const int w = d.winner[k];
    REQUIRE(w >= 0);
    CHECK(attribute(svg, at, "data-size-bytes") == json_number(d.sizes[k / 9]));
    CHECK(attribute(svg, at, "data-bandwidth-bps") == json_number(d.rates[k % 9]));
    CHECK(attribute(svg, at, "data-winner") == d.routes[std::size_t(w)]);
    CHECK(attribute(svg, at, "data-margin-s") == json_number(d.margin_s[k]));
    CHECK(attribute(svg, svg.find("<rect", at), "fill") == svg::kPalette[w]);
  }
  for (const std::string& r : d.routes)
    CHECK(svg.find(">" + r + " first</text>") != std::string::npos);
  CHECK(hues_outside_palette(svg).empty());
}

TEST_CASE("plots cdf: each route's P50 is the spread's over all samples") {
  const Seed sd = seed();
  const plot::CdfData d = plot::cdf_data(sd.s, 2);
  const std::string svg = plot::render_cdf(d, sd.heading);
  check_heading(svg, sd.heading);
  // Another run of the spread (one thread, samples not kept) gives the P50 each group carries.
  const Spread other = monte_carlo(sd.s.in, sd.s.uncertainty, 1);
  for (std::size_t r = 0; r < d.routes.size(); ++r) {
    const std::string& name = d.routes[r];
    const std::size_t at = svg.find("<g class=\"route\" data-route=\"" + name + "\"");
    REQUIRE(at != std::string::npos);
    const double p50 = std::strtod(attribute(svg, at, "data-p50-s").c_str(), nullptr);
    const double want = other.routes[r].time_to_model_all_s.p50;
    CHECK(std::abs(p50 - want) <= 1e-9 * want);
    const double p90 = std::strtod(attribute(svg, at, "data-p90-s").c_str(), nullptr);
    const double want90 = other.routes[r].time_to_model_all_s.p90;
    CHECK(std::abs(p90 - want90) <= 1e-9 * want90);
    CHECK(attribute(svg, svg.find("<polyline", at), "stroke") == svg::kPalette[r]);
    CHECK(svg.find(">" + name + ": P50 ") != std::string::npos);
  }
  CHECK(hues_outside_palette(svg).empty());
}

TEST_CASE("plots pareto: one point group a front point, the best among them") {
  const std::string path = std::string(HAUL_TEST_DATA) + "/../../configs/optimize-budget.toml";
  const OptimizeSpec spec = read_optimize_file(path, builtin_catalog(), {});
  const Optimizer optimizer(spec, builtin_catalog());
  OptimizeOptions options;
  options.threads = 2;
  const OptimizeResult result = optimizer.run(options);
  const Scenario& s = optimizer.scenario();
  const plot::Heading h{shown_name(s.name, spec.choices.modified, spec.choices.overrides),
                        base_line(spec.choices.base_label, "", spec.choices.overrides)};
  const std::string svg = plot::render_pareto(optimizer, result, h);
  REQUIRE(!h.name.empty());
  CHECK(svg.find(">" + svg::escape(h.name) + "</text>") != std::string::npos);
  CHECK(svg.find(">" + svg::escape(h.base) + "</text>") != std::string::npos);

  REQUIRE(!result.front.empty());
  CHECK(count(svg, "<g class=\"point\"") == result.front.size());
  // The front's points in order, with their time and cost; the best (ringed: radius 7) is one.
  std::size_t at = 0, ringed = 0;
  REQUIRE(result.best.has_value());
  bool best_found = false;
  for (const Candidate& c : result.front) {
    at = svg.find("<g class=\"point\"", at + 1);
    REQUIRE(at != std::string::npos);
    CHECK(attribute(svg, at, "data-time-s") == json_number(c.time_s));
    CHECK(attribute(svg, at, "data-cost-usd") == json_number(c.cost_usd));
    CHECK(attribute(svg, at, "data-route") == optimizer.routes()[std::size_t(c.route)]);
    const bool ring = attribute(svg, svg.find("<circle", at), "r") == "7";
    ringed += ring;
    const bool is_best = c.row == result.best->row && c.route == result.best->route;
    CHECK(ring == is_best);
    best_found = best_found || is_best;
  }
  CHECK(best_found);
  CHECK(ringed == 1);
  CHECK(svg.find(">best: " + units::format_duration(result.best->time_s) + ", " +
                 units::format_money(result.best->cost_usd) + "</text>") != std::string::npos);
  CHECK(hues_outside_palette(svg).empty());
}
