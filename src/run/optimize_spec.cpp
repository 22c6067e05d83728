// Reading an optimiser file (MODEL.md section 12): the scenario's keys, [choose] (read as a
// sweep's axes, run/axes.hpp) and [goal] (minimize, deadline, budget, route, at).
#include <algorithm>
#include <string>

#include "input/error.hpp"
#include "input/keys_detail.hpp"
#include "input/suggest.hpp"
#include "input/toml_util.hpp"
#include "input/units.hpp"
#include "run/axes.hpp"
#include "run/optimize.hpp"

namespace haul {

namespace {

const std::vector<std::string> kGoalKeys = {"minimize", "deadline", "budget", "route", "at"};
const std::vector<std::string> kStatistics = {"p10", "p50", "p90", "mean"};

std::string word_of(const toml::node& node, const std::string& where, const std::string& key,
                    const std::string& expected) {
  const auto text = node.value<std::string>();
  if (!text) {
    Value v;
    try {
      v = value_of_node(node);
    } catch (const InputError&) {
      throw at(where, key, "expected " + expected);
    }
    throw at(where, key, v.shown() + " is not a string (expected " + expected + ")");
  }
  return *text;
}

Goal read_goal(const toml::table& table, const std::string& source, const std::string& where) {
  Goal g;
  g.where = where;
  bool minimize = false;
  for (const auto& [k, node] : table) {
    const std::string name(k.str());
    const std::string key = "goal." + name;
    const std::string here = where_of(source, node.source());
    if (name == "minimize") {
      const std::string expected = "\"time\" or \"cost\"";
      const std::string w = word_of(node, here, key, expected);
      if (w != "time" && w != "cost")
        throw at(here, key, quote_text(w, 64) + " is not a goal (expected " + expected + ")");
      g.minimize = w == "time" ? Goal::Minimize::time : Goal::Minimize::cost;
      minimize = true;
    } else if (name == "deadline" || name == "budget") {
      const bool deadline = name == "deadline";
      Value v;
      try {
        v = value_of_node(node);
      } catch (const InputError& e) {
        throw at(here, key, e.what());
      }
      double x = 0;
      try {
        x = keys_detail::with_unit(v, deadline ? units::parse_duration : units::parse_money);
      } catch (const InputError& e) {
        throw at(here, key, e.what());
      }
      if (!(x > 0) || !std::isfinite(x))
        throw at(here, key,
                 v.shown() + " is out of range (expected " +
                     (deadline ? "a duration > 0, e.g. \"30 d\"" : "an amount > 0, e.g. \"$2M\"") +
                     ")");
      (deadline ? g.deadline_s : g.budget_usd) = x;
    } else if (name == "route") {
      g.route = word_of(node, here, key, "a route's name, or \"any\"");
      if (g.route == "any") g.route.clear();
      if (g.route.empty() && node.value<std::string>()->empty())
        throw at(here, key, "empty (expected a route's name, or \"any\")");
    } else if (name == "at") {
      const std::string expected = "\"p10\", \"p50\", \"p90\" or \"mean\"";
      g.at = word_of(node, here, key, expected);
      if (std::find(kStatistics.begin(), kStatistics.end(), g.at) == kStatistics.end())
        throw at(here, key, quote_text(g.at, 64) + " is not a statistic (expected " + expected +
                                ")");
    } else {
      const std::string guess = closest(name, kGoalKeys);
      throw at(here, key,
               "unknown key" + (guess.empty()
                                    ? std::string(" (expected minimize, deadline, budget, route "
                                                  "or at)")
                                    : " (did you mean goal." + guess + "?)"));
    }
  }
  if (!minimize)
    throw at(where, "goal.minimize", "missing (give minimize = \"time\" or \"cost\")");
  return g;
}

}  // namespace

std::string Goal::describe() const {
  std::string s = minimize == Minimize::time ? "the fastest plan" : "the cheapest plan";
  s += route.empty() ? " on any route" : " on route " + route;
  std::string limits;
  if (deadline_s) limits += "time to model at most " + units::format_duration(*deadline_s);
  if (budget_usd)
    limits += (limits.empty() ? "" : ", ") + std::string("total cost at most ") +
              units::format_money(*budget_usd);
  if (!limits.empty()) s += " (" + limits + ")";
  if (!at.empty()) s += ", each judged by its " + statistic_name();
  return s;
}

std::string Goal::statistic_name() const {
  return at.empty() || at == "mean" ? at : "P" + at.substr(1);
}

OptimizeSpec read_optimize_text(std::string_view text, const std::string& source,
                                const Catalog& catalog, const std::vector<Assignment>& overrides) {
  OptimizeSpec spec;
  SweepSpec& c = spec.choices;
  c.table = "choose";
  c.row_checks = false;
  c.base_label = source;
  c.base = read_scenario_text(text, source, {"choose", "goal"});
  c.base.insert(c.base.end(), overrides.begin(), overrides.end());
  toml::table root = parse_toml(text, source);  // parsed without error just above
  const toml::node* choose = root.get("choose");
  if (!choose || (choose->as_table() && choose->as_table()->empty()))
    throw InputError(source +
                     ": [choose]: missing or empty (add the options to choose from, e.g. "
                     "ship.couriers = [1, 2, 4] or network.streams = { from = 1, to = 256, steps "
                     "= 9, scale = \"log\" })");
  if (!choose->as_table())
    throw at(where_of(source, choose->source()), "choose", "expected a table of keys to choose");
  c.axes = sweep_detail::read_axes(*choose->as_table(), "choose", source, catalog, c.base, false);
  if (c.axes.empty())  // only empty tables under it ([choose.ship])
    throw at(where_of(source, choose->source()), "choose",
             "no keys to choose (give a list or a range, e.g. ship.couriers = [1, 2, 4])");
  const toml::node* goal = root.get("goal");
  if (!goal)
    throw InputError(source +
                     ": [goal]: missing (add minimize = \"time\" or \"cost\", and optionally "
                     "deadline = \"30 d\", budget = \"$2M\", route = \"ship\", at = \"p90\")");
  if (!goal->as_table())
    throw at(where_of(source, goal->source()), "goal",
             "expected a table (minimize, deadline, budget, route, at)");
  spec.goal = read_goal(*goal->as_table(), source, where_of(source, goal->source()));
  return spec;
}

OptimizeSpec read_optimize_file(const std::string& path, const Catalog& catalog,
                                const std::vector<Assignment>& overrides) {
  return read_optimize_text(read_input_file(path, "optimiser file"), path, catalog, overrides);
}

}  // namespace haul
