// compare under uncertainty (MODEL.md v2 sections 6 and 11): each route's P10/P50/P90 of arrival,
// time to model and total cost, and the chance it wins, under the point plan's table; JSON
// `uncertainty`.
#include <cmath>
#include <cstdio>
#include <string>

#include "output/views_detail.hpp"

namespace haul::views_detail {

namespace {

void add_quantiles(Record& rec, const std::string& at, const Quantiles& q) {
  rec.add(at + ".mean", q.mean);
  rec.add(at + ".p10", q.p10);
  rec.add(at + ".p50", q.p50);
  rec.add(at + ".p90", q.p90);
}

// Shares of samples: "0%" and "100%" only when no sample (or every one) did it, so that 99.95%
// beside a 0.05% failure does not read 100%.
std::string percent(double p) {
  const std::string shown = units::format_fraction(p);
  if (p > 0 && p < 1 && (shown == "100%" || shown == "0%")) {
    for (int digits = 4; digits <= 8; ++digits) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.*g%%", digits, 100 * p);
      if (std::string(buffer) != "100%" && std::string(buffer) != "0%") return buffer;
    }
    return p < 0.5 ? ">0%" : "<100%";
  }
  return shown;
}

}  // namespace

void add_uncertainty_rows(Table& t, const Scenario& s, const Spread& spread) {
  const std::size_t n = spread.routes.size();
  auto row = [&](const std::string& label, auto cell) {
    std::vector<std::string> cells = {label};
    for (std::size_t i = 0; i < n; ++i) cells.push_back(cell(i));
    t.rows.push_back(std::move(cells));
  };
  // NaN (every sample failed) shows as a dash.
  auto shown = [](double x, auto format) { return std::isnan(x) ? dash() : format(x); };
  auto quantile_rows = [&](const std::string& what, auto pick, auto format) {
    row(what + " P10", [&](std::size_t i) { return shown(pick(spread.routes[i]).p10, format); });
    row("  P50", [&](std::size_t i) { return shown(pick(spread.routes[i]).p50, format); });
    row("  P90", [&](std::size_t i) { return shown(pick(spread.routes[i]).p90, format); });
  };
  const bool job = s.has_job();
  t.rows.push_back({""});
  t.rows.push_back({"uncertainty"});
  quantile_rows(
      "arrival", [](const RouteSpread& r) -> const Quantiles& { return r.arrival_s; },
      units::format_duration);
  if (job)
    quantile_rows(
        "to model", [](const RouteSpread& r) -> const Quantiles& { return r.time_to_model_s; },
        units::format_duration);
  quantile_rows(
      job ? "total cost" : "cost",
      [](const RouteSpread& r) -> const Quantiles& { return r.total_cost_usd; },
      units::format_money);
  bool held = false, lost = false, failed = false, impossible = false;
  for (const RouteSpread& r : spread.routes) {
    held = held || r.p_held > 0;
    lost = lost || r.p_loss > 0;
    failed = failed || r.p_fail > 0;
    impossible = impossible || r.p_impossible > 0;
  }
  auto only = [&](std::size_t i, double p) {
    const RouteKind k = s.in.routes[i].kind;
    return k == RouteKind::ship || k == RouteKind::hybrid ? percent(p) : dash();
  };
  if (held) row("held at customs", [&](std::size_t i) { return only(i, spread.routes[i].p_held); });
  if (lost) row("lost data", [&](std::size_t i) { return only(i, spread.routes[i].p_loss); });
  if (failed) row("failed", [&](std::size_t i) { return percent(spread.routes[i].p_fail); });
  if (impossible)
    row("impossible draws", [&](std::size_t i) { return percent(spread.routes[i].p_impossible); });
  row("wins on time", [&](std::size_t i) { return percent(spread.p_win_time[i]); });
  row("wins on cost", [&](std::size_t i) { return percent(spread.p_win_cost[i]); });
}

std::string uncertainty_note(const Scenario& s, const Spread& spread) {
  std::vector<std::string> what;
  for (const UncertainKey& k : s.uncertainty.keys) what.push_back(k.key);
  std::string held, lost;
  for (std::size_t r = 0; r < s.in.routes.size(); ++r) {
    const RouteParams<double>& route = s.in.routes[r];
    if (route.kind != RouteKind::ship && route.kind != RouteKind::hybrid) continue;
    const ShipParams<double>& ship = ship_of(s.in, route);
    const RouteEvents* ev = r < s.uncertainty.routes.size() ? &s.uncertainty.routes[r] : nullptr;
    const std::string& name = s.routes[r].name;
    if (draws_holds(ship, ev))
      held +=
          (held.empty() ? "" : ", ") + name + " (" + percent(ship.hold_probability) + " a trip, " +
          (ev && ev->hold ? ev->hold_key + " drawn" : units::format_duration(ship.hold_s)) + ")";
    if (draws_losses(ship))
      lost += (lost.empty() ? "" : ", ") + name + " (" + percent(ship.drive_loss) +
              " a drive, then " + kOnLossNames[static_cast<int>(ship.on_loss)] + ")";
  }
  if (!held.empty()) what.push_back("customs holds on " + held);
  if (!lost.empty()) what.push_back("drive loss on " + lost);
  std::string list;
  for (std::size_t i = 0; i < what.size(); ++i)
    list += (i == 0 ? "" : i + 1 == what.size() ? " and " : ", ") + what[i];
  std::string note = "Uncertainty: " + count(static_cast<double>(spread.samples)) +
                     " samples (seed " + std::to_string(spread.seed) + ") of " + list +
                     ". The plan above is the point plan (each distribution's median, no hold, "
                     "no loss); P10/P50/P90 are over the samples in which the route delivered.";
  bool impossible = false;
  for (const RouteSpread& r : spread.routes) impossible = impossible || r.p_impossible > 0;
  if (impossible)
    note +=
        " Impossible draws are samples whose drawn inputs the scenario's checks refuse (a bag "
        "lighter than a drive, fewer drives than the data needs): narrow the distributions.";
  if (spread.p_no_winner > 0)
    note += " No route delivered in " + percent(spread.p_no_winner) + " of samples.";
  return note;
}

void add_uncertainty(Record& rec, const Scenario& s, const Spread& spread) {
  rec.add("uncertainty.samples", static_cast<double>(spread.samples));
  rec.add("uncertainty.seed", static_cast<double>(spread.seed));
  for (std::size_t i = 0; i < spread.routes.size(); ++i) {
    const RouteSpread& r = spread.routes[i];
    const std::string at = "uncertainty.routes." + s.routes[i].name + ".";
    add_quantiles(rec, at + "arrival_s", r.arrival_s);
    add_quantiles(rec, at + "time_to_model_s", r.time_to_model_s);
    add_quantiles(rec, at + "total_cost_usd", r.total_cost_usd);
    rec.add(at + "p_fail", r.p_fail);
    rec.add(at + "p_impossible", r.p_impossible);
    rec.add(at + "p_loss", r.p_loss);
    rec.add(at + "p_held", r.p_held);
  }
  for (std::size_t i = 0; i < spread.routes.size(); ++i)
    rec.add("uncertainty.p_win_time." + s.routes[i].name, spread.p_win_time[i]);
  for (std::size_t i = 0; i < spread.routes.size(); ++i)
    rec.add("uncertainty.p_win_cost." + s.routes[i].name, spread.p_win_cost[i]);
  rec.add("uncertainty.p_no_winner", spread.p_no_winner);
}

}  // namespace haul::views_detail
