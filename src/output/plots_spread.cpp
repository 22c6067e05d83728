// haul plot cdf and pareto: the spread of each route's time to model, and the optimiser's front.
#include <algorithm>
#include <cmath>

#include "output/plot_frame.hpp"
#include "output/plots.hpp"
#include "output/report.hpp"  // json_number

namespace haul::plot {

namespace {

using units::format_count;
using units::format_duration;
using units::format_fraction;
using units::format_money;

// The type-7 quantile p of the n samples whose delivered values are `sorted` (the rest never
// arrive: +infinity), as plan/uncertainty.cpp takes them.
double quantile_all(const std::vector<double>& sorted, std::uint64_t n, double p) {
  if (n == 0) return std::nan("");
  const double h = double(n - 1) * p;
  const auto j = static_cast<std::size_t>(std::floor(h));
  if (j >= sorted.size()) return INFINITY;
  if (j + 1 >= n || h == double(j)) return sorted[j];
  if (j + 1 >= sorted.size()) return INFINITY;
  return sorted[j] + (h - double(j)) * (sorted[j + 1] - sorted[j]);
}

}  // namespace

std::string render_cdf(const CdfData& d, const Heading& h) {
  svg::Document doc(kWidth, kHeight);
  Frame f;
  const Spread& s = d.spread;
  const std::string what = d.job ? "time to model" : "arrival";
  f.top = std::max(
      f.top, heading(doc, h,
                     "Distribution of the " + what + " per route: the share of " +
                         format_count(double(s.samples)) + " samples delivered by then (seed " +
                         std::to_string(s.seed) + ")",
                     "Cumulative distribution of the " + what + " of each route over " +
                         format_count(double(s.samples)) + " Monte Carlo samples") +
                 14);

  double lo = INFINITY, hi = 0;
  for (const RouteSpread& r : s.routes)
    if (!r.time_to_model_sorted.empty()) {
      lo = std::min(lo, r.time_to_model_sorted.front());
      hi = std::max(hi, r.time_to_model_sorted.back());
    }
  if (!(hi > 0)) lo = units::kHour, hi = units::kDay;
  lo = std::max(lo, 1.0);
  const std::vector<Tick> xticks = duration_log_ticks(lo, hi);
  const Scale x{lo, hi, f.left, f.right, true};
  const Scale y{0, 1, f.bottom, f.top, false};
  axes(doc, f, x, xticks, what + " (log scale)", y, fraction_ticks(), "share of samples delivered");
  for (const double p : {0.1, 0.5, 0.9}) {
    doc.line(f.left, y(p), f.right, y(p), {"#bbbbbb", "none", "4 3", 1});
    doc.text(f.right - 4, y(p) - 4,
             p == 0.1   ? "P10"
             : p == 0.5 ? "P50"
                        : "P90",
             svg::Anchor::end, 10, "#777777");
  }

  std::vector<LegendEntry> entries;
  std::vector<std::string> notes;
  for (std::size_t r = 0; r < s.routes.size(); ++r) {
    const RouteSpread& rs = s.routes[r];
    const auto& v = rs.time_to_model_sorted;
    const double p50 = quantile_all(v, s.samples, 0.5), p90 = quantile_all(v, s.samples, 0.9);
    doc.open_group("route", {{"route", d.routes[r]},
                             {"p10-s", json_number(quantile_all(v, s.samples, 0.1))},
                             {"p50-s", json_number(p50)},
                             {"p90-s", json_number(p90)},
                             {"delivered", json_number(double(v.size()) / double(s.samples))}});
    // The empirical distribution at every 0.1 % of the samples (a step at each): about 2,000
    // points a route, whatever the sample count.
    std::vector<double> xs, ys;
    if (!v.empty()) {
      const std::size_t steps = std::min<std::size_t>(v.size(), 1000);
      xs.push_back(x(v.front()));
      ys.push_back(y(0));
      double previous = 0;
      for (std::size_t k = 1; k <= steps; ++k) {
        const std::size_t i = (v.size() * k) / steps - 1;  // the sample reaching this share
        const double share = double(i + 1) / double(s.samples);
        xs.push_back(x(v[i]));
        ys.push_back(y(previous));
        xs.push_back(x(v[i]));
        ys.push_back(y(share));
        previous = share;
      }
      xs.push_back(f.right);
      ys.push_back(y(previous));
    }
    doc.polyline(xs, ys, {colour(r), "none", dash(r), 2.5});
    if (std::isfinite(p50)) doc.circle(x(p50), y(0.5), 4.5, {"#ffffff", colour(r), "", 1.5});
    if (std::isfinite(p90)) doc.circle(x(p90), y(0.9), 4.5, {"#ffffff", colour(r), "", 1.5});
    doc.close_group();
    std::string text = d.routes[r] + ": P50 " +
                       (std::isfinite(p50) ? format_duration(p50) : std::string("never")) +
                       ", P90 " + (std::isfinite(p90) ? format_duration(p90) : "never");
    entries.push_back({text, colour(r), dash(r), false});
    const double undelivered = 1.0 - double(v.size()) / double(s.samples);
    if (undelivered > 0)
      notes.push_back(d.routes[r] + " does not deliver in " + format_fraction(undelivered) +
                      " of the samples (failed or impossible): its curve stays below 100%.");
  }
  notes.push_back("The curves are over every sample, so a route that fails more ends lower.");
  // Draws that change nothing (rare holds and losses that did not happen in most samples) leave
  // each route a near-vertical line: say so rather than let the reader look for a spread.
  const bool flat = std::all_of(s.routes.begin(), s.routes.end(), [&](const RouteSpread& r) {
    const double p10 = quantile_all(r.time_to_model_sorted, s.samples, 0.1);
    const double p90 = quantile_all(r.time_to_model_sorted, s.samples, 0.9);
    return !(p90 > p10 * 1.001);
  });
  if (flat)
    notes.push_back("Each route's P10 and P90 are within 0.1%: what is drawn rarely changes the " +
                    what + " here.");
  legend(doc, f, entries, notes);
  return doc.str();
}

std::string render_pareto(const Optimizer& optimizer, const OptimizeResult& result,
                          const Heading& h) {
  svg::Document doc(kWidth, kHeight);
  Frame f;
  const Goal& goal = optimizer.spec().goal;
  const std::string stat = goal.statistic_name();
  const std::string time_name =
      (stat.empty() ? "" : stat + " ") +
      (optimizer.scenario().has_job() ? std::string("time to model") : "arrival");
  const std::string cost_name = (stat.empty() ? "" : stat + " ") + std::string("total cost");
  f.top = std::max(
      f.top,
      heading(doc, h,
              "Pareto front of " + time_name + " against " + cost_name + ": " + goal.describe(),
              "The plans no other candidate beats on both time and cost, out of " +
                  format_count(double(result.candidates)) + " candidates") +
          14);

  std::vector<const Candidate*> shown;
  for (const Candidate& c : result.front) shown.push_back(&c);
  if (result.given) shown.push_back(&*result.given);
  double xlo = INFINITY, xhi = 0, ylo = INFINITY, yhi = 0;
  for (const Candidate* c : shown) {
    if (!std::isfinite(c->time_s) || !std::isfinite(c->cost_usd)) continue;
    xlo = std::min(xlo, c->time_s), xhi = std::max(xhi, c->time_s);
    ylo = std::min(ylo, c->cost_usd), yhi = std::max(yhi, c->cost_usd);
  }
  if (goal.deadline_s) xlo = std::min(xlo, *goal.deadline_s), xhi = std::max(xhi, *goal.deadline_s);
  if (goal.budget_usd) ylo = std::min(ylo, *goal.budget_usd), yhi = std::max(yhi, *goal.budget_usd);
  if (!(xhi >= xlo)) xlo = 0, xhi = units::kDay;
  if (!(yhi >= ylo)) ylo = 0, yhi = 1;
  const double xpad = std::max(0.06 * (xhi - xlo), 0.02 * xhi),
               ypad = std::max(0.06 * (yhi - ylo), 0.02 * yhi);
  xlo = std::max(0.0, xlo - xpad), xhi += xpad;
  ylo = std::max(0.0, ylo - ypad), yhi += ypad;
  const std::vector<Tick> xticks = duration_linear_ticks(xlo, xhi);
  const std::vector<Tick> yticks = money_ticks(ylo, yhi);
  const Scale x{xlo, xhi, f.left, f.right, false};
  const Scale y{ylo, yhi, f.bottom, f.top, false};
  axes(doc, f, x, xticks, time_name, y, yticks, cost_name);

  // The goal's limits, with the side that meets them shaded.
  if (goal.deadline_s || goal.budget_usd) {
    const double gx = goal.deadline_s ? x(*goal.deadline_s) : f.right;
    const double gy = goal.budget_usd ? y(*goal.budget_usd) : f.top;
    doc.rect(f.left, gy, gx - f.left, f.bottom - gy, {"none", "#009E73", "", 1, 0.08});
  }
  if (goal.deadline_s) {
    doc.line(x(*goal.deadline_s), f.top, x(*goal.deadline_s), f.bottom,
             {"#333333", "none", "6 4", 1.2});
    doc.text(x(*goal.deadline_s) + 4, f.top + 14, "deadline " + format_duration(*goal.deadline_s),
             svg::Anchor::start, 11, "#333333");
  }
  if (goal.budget_usd) {
    doc.line(f.left, y(*goal.budget_usd), f.right, y(*goal.budget_usd),
             {"#333333", "none", "6 4", 1.2});
    doc.text(f.right - 4, y(*goal.budget_usd) - 5, "budget " + format_money(*goal.budget_usd),
             svg::Anchor::end, 11, "#333333");
  }

  // The front as a staircase (each point's cost holds until the next, faster-to-cheaper, point).
  std::vector<double> sx, sy;
  for (std::size_t i = 0; i < result.front.size(); ++i) {
    const Candidate& c = result.front[i];
    if (i) {
      sx.push_back(x(c.time_s));
      sy.push_back(y(result.front[i - 1].cost_usd));
    }
    sx.push_back(x(c.time_s));
    sy.push_back(y(c.cost_usd));
  }
  doc.polyline(sx, sy, {"#999999", "none", "", 1.2});
  const auto& routes = optimizer.routes();
  auto choices_text = [&](const Candidate& c) {
    std::string t;
    for (const ChoiceValue& v : optimizer.choices(c.row))
      t += (t.empty() ? "" : ", ") + v.key + " = " + v.human;
    return t;
  };
  for (const Candidate& c : result.front) {
    const bool best = result.best && result.best->row == c.row && result.best->route == c.route;
    doc.open_group("point", {{"route", routes[std::size_t(c.route)]},
                             {"time-s", json_number(c.time_s)},
                             {"cost-usd", json_number(c.cost_usd)},
                             {"meets", c.meets ? "true" : "false"},
                             {"choices", choices_text(c)}});
    doc.circle(x(c.time_s), y(c.cost_usd), best ? 7 : 5,
               {best ? "#000000" : "#ffffff", colour(std::size_t(c.route)), "", best ? 2.5 : 1.2});
    doc.close_group();
  }
  if (result.best) {
    const Candidate& b = *result.best;
    doc.text(x(b.time_s) + 10, y(b.cost_usd) - 10,
             "best: " + format_duration(b.time_s) + ", " + format_money(b.cost_usd),
             svg::Anchor::start, 12, "#111111", true);
  }
  if (result.given && std::isfinite(result.given->time_s) &&
      std::isfinite(result.given->cost_usd)) {
    const Candidate& g = *result.given;
    const double gx = x(g.time_s), gy = y(g.cost_usd);
    doc.open_group("given", {{"route", routes[std::size_t(g.route)]},
                             {"time-s", json_number(g.time_s)},
                             {"cost-usd", json_number(g.cost_usd)}});
    doc.rect(gx - 6, gy - 6, 12, 12, {"#000000", "none", "", 2});
    doc.text(gx + 10, gy + 4, "as given", svg::Anchor::start, 11, "#333333");
    doc.close_group();
  }

  std::vector<LegendEntry> entries;
  for (std::size_t r = 0; r < routes.size(); ++r) {
    const bool on_front = std::any_of(result.front.begin(), result.front.end(),
                                      [&](const Candidate& c) { return c.route == int(r); });
    if (on_front) entries.push_back({routes[r] + " route", colour(r), "", true});
  }
  std::vector<std::string> notes;
  notes.push_back(format_count(double(result.front.size())) + " plans on the front, of " +
                  format_count(double(result.candidates)) + " candidates (" +
                  format_count(double(result.feasible)) + " meet the goal).");
  if (result.best)
    notes.push_back("Best (ringed): " + routes[std::size_t(result.best->route)] + " route; " +
                    choices_text(*result.best) + ".");
  else
    notes.push_back("No plan meets the goal.");
  if (result.given) notes.push_back("Square: the scenario as given.");
  legend(doc, f, entries, notes);
  return doc.str();
}

}  // namespace haul::plot
