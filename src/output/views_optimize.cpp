// `haul optimize` (MODEL.md section 12): the goal's best plan over the [choose] keys' values, how
// it compares with the scenario as given, and the Pareto front of time against cost; with no plan
// meeting the goal, the nearest ones.
//
// JSON is section 12's {"candidates", "feasible", "best", "front"}, each point
// P = {"choices": {KEY: value}, "route", "time_to_model_s", "total_cost_usd"}, with these
// additions, in this order:
//   "base", "name" first, as in every report;
//   "goal": {"minimize": "time" | "cost", "deadline_s", "budget_usd", "route", "at"}, null when
//     unset; under "at" every P's time and cost are that statistic of its samples;
//   "planned" after "candidates": those the models could plan;
//   in each P, "meets" (within the deadline and the budget); on the front, "ties" (the later
//     candidates with the same time and cost, which the point stands for); under "at", "p_fail"
//     (the share of samples in which the route failed);
//   "given": the scenario as given, without [choose] (P with its own value of each [choose] key),
//   or null with
//     "given_reason";
//   "nearest", when no candidate meets the goal: {"fastest_in_budget", "cheapest_in_deadline",
//     "fastest", "cheapest"}, those there are;
//   "unplanned", when some candidate could not be planned: {"count", "first": {"choices",
//     "route", "reason"}}.
// A choice's key is the [choose] key with its unit, as a sweep's CSV and JSON Lines name the column
// ("data.size_bytes", "ship.couriers"); its value a number in base units, or its word.
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <vector>

#include "input/keys.hpp"
#include "input/quote.hpp"
#include "output/views.hpp"
#include "output/views_detail.hpp"
#include "run/optimize.hpp"

namespace haul {

using namespace views_detail;

namespace {

const auto dur = units::format_duration;
const auto usd = units::format_money;

std::string count(std::uint64_t n) {
  return views_detail::count(static_cast<double>(n));
}

// The [choose] key as a machine format names it: with its base unit ("data.size_bytes").
std::string choice_column(const std::string& key) {
  const KeyInfo* info = find_key(key);
  return info ? key + column_suffix(info->quantity) : key;
}

Scalar choice_raw(const ChoiceValue& v) {
  if (v.number) {
    double x = 0;
    const char* end = v.raw.data() + v.raw.size();
    const auto [ptr, ec] = std::from_chars(v.raw.data(), end, x);
    if (ec == std::errc() && ptr == end && std::isfinite(x)) return x;
  }
  return v.raw;
}

// What one report shows of the optimiser's run, with the words its lines share.
struct View {
  const Optimizer& o;
  const OptimizeResult& r;
  const Goal& goal;
  std::string stat;                    // the statistic under "at": "P90", "mean"; "" without
  std::string time_label, cost_label;  // "time to model (P90)", "total cost (P90)"

  View(const Optimizer& opt, const OptimizeResult& result)
      : o(opt), r(result), goal(opt.spec().goal) {
    const bool job = o.scenario().has_job();
    stat = goal.statistic_name();
    const std::string after = stat.empty() ? "" : " (" + stat + ")";
    time_label = (job ? "time to model" : "arrival") + after;
    cost_label = (job ? "total cost" : "cost") + after;
  }

  std::vector<ChoiceValue> choices(const Candidate& c) const { return o.choices(c.row); }
  const std::string& route(const Candidate& c) const {
    return o.routes()[static_cast<std::size_t>(c.route)];
  }
  bool under_at() const { return !goal.at.empty(); }
  static bool fails(const Candidate& c) { return !std::isnan(c.p_fail) && c.p_fail > 0; }

  // Whether the candidate's route uses the choice: a named route's key ("route.leased.bandwidth")
  // changes that route alone, so another route's candidates stand for every value of it.
  bool used(const ChoiceValue& v, const Candidate& c) const {
    const std::string name = route_key_name(v.key);
    return name.empty() || name == route(c);
  }
  // A choice's value as the table shows it: a dash where the route does not use it.
  std::string shown(const ChoiceValue& v, const Candidate& c) const {
    return used(v, c) ? printable(v.human, 100) : dash();
  }
  // "ship.drive = hdd-24tb, ship.couriers = 4", without the choices the route does not use
  std::string choices_text(const Candidate& c) const {
    std::string s;
    for (const ChoiceValue& v : choices(c))
      if (used(v, c)) s += (s.empty() ? "" : ", ") + v.key + " = " + printable(v.human, 100);
    return s;
  }
  // "ship, time to model 12.3 d, total cost $1.2M"
  std::string outcome(const Candidate& c) const {
    std::string s = route(c) + ", " + time_label + " " + dur(c.time_s) + ", " + cost_label + " " +
                    usd(c.cost_usd);
    if (fails(c)) s += "; fails in " + units::format_fraction(c.p_fail) + " of samples";
    return s;
  }
  // "misses the deadline by 5 d, over the budget by $200k"; "" when it meets both.
  std::string misses(const Candidate& c) const {
    std::string s;
    if (goal.deadline_s && c.time_s > *goal.deadline_s)
      s = "misses the deadline by " + dur(c.time_s - *goal.deadline_s);
    if (goal.budget_usd && c.cost_usd > *goal.budget_usd)
      s += (s.empty() ? "" : ", ") + std::string("over the budget by ") +
           usd(c.cost_usd - *goal.budget_usd);
    return s;
  }

  // ---- JSON ----
  Json point(const Candidate& c, bool on_front) const {
    Json choice = Json::object();
    for (const ChoiceValue& v : choices(c)) choice.add(choice_column(v.key), choice_raw(v));
    Json p = Json::object();
    p.add("choices", std::move(choice));
    p.add("route", route(c));
    p.add("time_to_model_s", c.time_s);
    p.add("total_cost_usd", c.cost_usd);
    p.add("meets", c.meets);
    if (on_front) p.add("ties", static_cast<double>(c.ties));
    if (under_at()) p.add("p_fail", c.p_fail);  // NaN (never under "at") writes null
    return p;
  }
  Json maybe(const std::optional<Candidate>& c) const {
    return c ? point(*c, false) : Json(Null{});
  }
};

bool same(const Candidate& a, const Candidate& b) {
  return a.row == b.row && a.route == b.route;
}

// The nearest candidates to an unmet goal, each with what it is: "fastest_in_budget" and
// "fastest within the budget".
struct Nearest {
  const char* key;
  const char* words;
  const std::optional<Candidate>& candidate;
};
std::vector<Nearest> nearest_of(const OptimizeResult& r) {
  return {{"fastest_in_budget", "fastest within the budget", r.fastest_in_budget},
          {"cheapest_in_deadline", "cheapest within the deadline", r.cheapest_in_deadline},
          {"fastest", "fastest", r.fastest},
          {"cheapest", "cheapest", r.cheapest}};
}

Json goal_json(const Goal& g) {
  Json j = Json::object();
  j.add("minimize", std::string(g.minimize == Goal::Minimize::time ? "time" : "cost"));
  j.add("deadline_s", g.deadline_s ? Scalar(*g.deadline_s) : Scalar(Null{}));
  j.add("budget_usd", g.budget_usd ? Scalar(*g.budget_usd) : Scalar(Null{}));
  j.add("route", g.route.empty() ? Scalar(Null{}) : Scalar(g.route));
  j.add("at", g.at.empty() ? Scalar(Null{}) : Scalar(g.at));
  return j;
}

Json report_json(const View& v, const std::string& name) {
  const OptimizeResult& r = v.r;
  Json j = Json::object();
  j.add("base", v.o.spec().choices.base_label);
  j.add("name", name);
  j.add("goal", goal_json(v.goal));
  j.add("candidates", static_cast<double>(r.candidates));
  j.add("planned", static_cast<double>(r.planned));
  j.add("feasible", static_cast<double>(r.feasible));
  j.add("best", v.maybe(r.best));
  Json front = Json::array();
  for (const Candidate& c : r.front) front.push(v.point(c, true));
  j.add("front", std::move(front));
  j.add("given", v.maybe(r.given));
  if (!r.given) j.add("given_reason", r.given_reason);
  if (!r.best) {
    Json nearest = Json::object();
    for (const Nearest& n : nearest_of(r))
      if (n.candidate) nearest.add(n.key, v.point(*n.candidate, false));
    j.add("nearest", std::move(nearest));
  }
  if (r.unplanned) {
    Json first = Json::object();
    Json choice = Json::object();
    for (const ChoiceValue& c : v.choices(*r.unplanned))
      choice.add(choice_column(c.key), choice_raw(c));
    first.add("choices", std::move(choice));
    first.add("route", v.route(*r.unplanned));
    first.add("reason", r.unplanned_reason);
    Json unplanned = Json::object();
    unplanned.add("count", static_cast<double>(r.candidates - r.planned));
    unplanned.add("first", std::move(first));
    j.add("unplanned", std::move(unplanned));
  }
  return j;
}

// ---- CSV: one row a point: the front, then the best when it is not on it (it always is, by
// the definitions; kept for safety), the nearest and the scenario as given ----
void add_csv(Report& rep, const View& v) {
  const OptimizeResult& r = v.r;
  const std::vector<ChoiceValue> keys = v.o.rows() ? v.o.choices(0) : std::vector<ChoiceValue>{};
  rep.csv_header = {"set", "best", "meets", "route"};
  for (const ChoiceValue& c : keys) rep.csv_header.push_back(choice_column(c.key));
  for (const char* h : {"time_to_model_s", "total_cost_usd", "ties"}) rep.csv_header.push_back(h);
  if (v.under_at()) rep.csv_header.push_back("p_fail");
  auto row = [&](const std::string& set, const Candidate& c, bool on_front) {
    std::vector<Scalar> cells = {set, r.best && same(*r.best, c), c.meets, v.route(c)};
    const std::vector<ChoiceValue> values = v.choices(c);
    for (std::size_t i = 0; i < keys.size(); ++i)
      cells.push_back(i < values.size() ? choice_raw(values[i]) : Scalar(Null{}));
    cells.push_back(c.time_s);
    cells.push_back(c.cost_usd);
    cells.push_back(on_front ? Scalar(static_cast<double>(c.ties)) : Scalar(Null{}));
    if (v.under_at()) cells.push_back(c.p_fail);
    rep.csv_rows.push_back(std::move(cells));
  };
  bool best_shown = false;
  for (const Candidate& c : r.front) {
    row("front", c, true);
    best_shown = best_shown || (r.best && same(*r.best, c));
  }
  if (r.best && !best_shown) row("best", *r.best, false);
  if (!r.best)
    for (const Nearest& n : nearest_of(r))
      if (n.candidate) row(n.key, *n.candidate, false);
  if (r.given) row("given", *r.given, false);
}

// ---- the terminal and Markdown ----
void add_front(Table& t, const View& v);
void add_notes(Table& t, const View& v, units::ByteStyle b);

void add_table(Report& rep, const View& v, const std::string& name, units::ByteStyle b) {
  const OptimizeResult& r = v.r;
  const Goal& goal = v.goal;
  const SweepSpec& choices = v.o.spec().choices;
  Table& t = rep.table;
  if (!choices.base_label.empty()) t.base = base_line(choices.base_label, "", choices.overrides);
  t.title = printable(name);
  t.subtitle.push_back("goal: " + goal.describe());
  const std::uint64_t rows = v.o.rows();
  const std::string grid =
      goal.route.empty()
          ? count(rows) + (rows == 1 ? " choice x " : " choices x ") + count(v.o.routes().size()) +
                (v.o.routes().size() == 1 ? " route" : " routes")
          : count(rows) + (rows == 1 ? " choice" : " choices") + " on the route " + goal.route;
  t.subtitle.push_back(count(r.candidates) + (r.candidates == 1 ? " candidate" : " candidates") +
                       " (" + grid + "): " + count(r.planned) + " planned, " +
                       (r.feasible == 0   ? std::string("none meets the goal")
                        : r.feasible == 1 ? std::string("1 meets the goal")
                                          : count(r.feasible) + " meet the goal"));
  t.subtitle.push_back("");

  // The best plan and its choices, one a line; or the nearest to an unmet goal.
  // Each choice, and the scenario's own value where the plan changes it.
  const std::vector<ChoiceValue> as_given = v.o.choices(kGivenRow);
  auto choice_lines = [&](const Candidate& c) {
    const std::vector<ChoiceValue> values = v.choices(c);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const ChoiceValue& cv = values[i];
      if (!v.used(cv, c)) {
        t.subtitle.push_back("  " + cv.key + ": not used by the " + v.route(c) + " route");
        continue;
      }
      const bool changed = i < as_given.size() && as_given[i].raw != cv.raw;
      t.subtitle.push_back(
          "  " + cv.key + " = " + printable(cv.human, 100) +
          (changed ? " (as given: " + printable(as_given[i].human, 100) + ")" : ""));
    }
  };
  if (r.best) {
    t.subtitle.push_back("Best plan: " + v.outcome(*r.best));
    choice_lines(*r.best);
  } else {
    t.subtitle.push_back("no plan meets the goal: " + goal.describe());
    std::vector<std::pair<std::string, Candidate>>
        shown;  // the same candidate once, its words joined
    for (const Nearest& n : nearest_of(r)) {
      if (!n.candidate) continue;
      bool merged = false;
      for (auto& [words, c] : shown)
        if (same(c, *n.candidate)) {
          words += " and " + std::string(n.words);
          merged = true;
        }
      if (!merged) shown.emplace_back(n.words, *n.candidate);
    }
    if (!shown.empty()) t.subtitle.push_back("The nearest:");
    for (const auto& [words, c] : shown) {
      const std::string miss = v.misses(c);
      t.subtitle.push_back("  " + words + ": " + v.outcome(c) +
                           (miss.empty() ? "" : " (" + miss + ")"));
      const std::string text = v.choices_text(c);
      if (!text.empty()) t.subtitle.push_back("    " + text);
    }
  }

  // The scenario as given, and how the best plan compares with it.
  if (!r.given) {
    t.subtitle.push_back("The scenario as given: n/a: " + r.given_reason);
  } else if (r.best) {
    const Candidate& g = *r.given;
    const Candidate& best = *r.best;
    const double later_s = g.time_s - best.time_s, dearer_usd = g.cost_usd - best.cost_usd;
    const std::string time = later_s > 0   ? margin_time(best.time_s, g.time_s)
                             : later_s < 0 ? dur(-later_s) + " later"
                                           : std::string("the same time");
    const std::string cost = dearer_usd > 0   ? usd(dearer_usd) + " cheaper"
                             : dearer_usd < 0 ? usd(-dearer_usd) + " dearer"
                                              : std::string("the same cost");
    t.subtitle.push_back("Against the scenario as given (" + v.outcome(g) + "): " +
                         (later_s == 0 && dearer_usd == 0 ? std::string("the same time and cost")
                                                          : time + ", " + cost) +
                         ".");
    if (!g.meets)
      t.subtitle.push_back("  As given it does not meet the goal: " + v.misses(g) + ".");
  } else {
    const std::string miss = v.misses(*r.given);
    t.subtitle.push_back("The scenario as given: " + v.outcome(*r.given) +
                         (miss.empty() ? "" : " (" + miss + ")"));
  }
  t.subtitle.push_back("");
  if (r.front.empty()) {
    t.subtitle.push_back("No candidate could be planned, so there is no Pareto front.");
  } else {
    t.subtitle.push_back("The Pareto front: " + count(r.front.size()) +
                         (r.front.size() == 1 ? " plan" : " plans") +
                         " that no other beats on both time and cost, fastest first");
    add_front(t, v);
  }
  add_notes(t, v, b);
}

// The front as the table, one row a point.
void add_front(Table& t, const View& v) {
  const OptimizeResult& r = v.r;
  bool any_fails = false, any_ties = false;
  for (const Candidate& c : r.front) {
    any_fails = any_fails || View::fails(c);
    any_ties = any_ties || c.ties > 0;
  }
  const std::vector<ChoiceValue> keys = v.o.rows() ? v.o.choices(0) : std::vector<ChoiceValue>{};
  t.header = {"", v.time_label, v.cost_label, "route"};
  t.align = "lrrl";
  for (const ChoiceValue& c : keys) {
    t.header.push_back(c.key);
    t.align += 'l';
  }
  t.header.push_back("meets goal");
  t.align += 'l';
  if (any_fails) {
    t.header.push_back("fails");
    t.align += 'r';
  }
  if (any_ties) {
    t.header.push_back("ties");
    t.align += 'l';
  }
  for (const Candidate& c : r.front) {
    std::vector<std::string> cells = {r.best && same(*r.best, c) ? "best" : "", dur(c.time_s),
                                      usd(c.cost_usd), v.route(c)};
    const std::vector<ChoiceValue> values = v.choices(c);
    for (std::size_t i = 0; i < keys.size(); ++i)
      cells.push_back(i < values.size() ? v.shown(values[i], c) : dash());
    cells.push_back(c.meets ? "yes" : "no");
    if (any_fails) cells.push_back(View::fails(c) ? units::format_fraction(c.p_fail) : "");
    if (any_ties)
      cells.push_back(c.ties > 0 ? "+" + count(c.ties) + (c.ties == 1 ? " tie" : " ties") : "");
    t.rows.push_back(std::move(cells));
  }
}

// The notes under the front: ties, failures, the statistic, the candidates left out, the units.
void add_notes(Table& t, const View& v, units::ByteStyle b) {
  const OptimizeResult& r = v.r;
  bool any_fails = false, any_ties = false;
  for (const Candidate& c : r.front) {
    any_fails = any_fails || View::fails(c);
    any_ties = any_ties || c.ties > 0;
  }
  if (any_ties)
    t.notes.push_back(
        "+N ties: N more candidates with the same time and cost; the first written "
        "is shown.");
  if (any_fails) t.notes.push_back("fails: the share of samples in which the route failed.");
  if (v.under_at()) {
    const UncertaintySpec& u = v.o.scenario().uncertainty;
    t.notes.push_back("Times and costs are each candidate's " + v.stat + " over " +
                      count(u.samples) + " samples (seed " + std::to_string(u.seed) +
                      "); the scenario as given is judged the same way.");
  }
  if (r.unplanned) {
    const std::uint64_t n = r.candidates - r.planned;
    const std::string text = v.choices_text(*r.unplanned);
    t.notes.push_back(count(n) + (n == 1 ? " candidate" : " candidates") +
                      " could not be planned; the first: " + v.route(*r.unplanned) +
                      (text.empty() ? "" : " with " + text) + ": " + r.unplanned_reason);
  }
  t.notes.push_back(bytes_note(b));
}

}  // namespace

Report report_optimize(const Optimizer& o, const OptimizeResult& r, units::ByteStyle bytes) {
  const View v(o, r);
  const SweepSpec& choices = o.spec().choices;
  const std::string name = shown_name(o.scenario().name, choices.modified, choices.overrides);
  Report rep;
  rep.json = report_json(v, name);
  add_csv(rep, v);
  add_table(rep, v, name, bytes);
  return rep;
}

}  // namespace haul
