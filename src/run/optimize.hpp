// The optimiser (MODEL.md section 12): a scenario, [choose] (the user's options, as the axes of a
// sweep: lists or ranges of scenario keys) and [goal] (minimize time or cost, optionally within a
// deadline on the time to model and a budget on the total cost, on one route or any, and under
// uncertainty at a quantile). A candidate is one value of every [choose] key (a row of the choices'
// grid) on one route. The grid is evaluated in chunks by the sweep's engine on every core; the best
// candidate, the Pareto front of time against cost and the nearest candidates to an unmet goal are
// kept as the chunks come, so memory does not grow with the grid.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../input/catalog.hpp"
#include "../input/scenario.hpp"
#include "../run/sweep.hpp"

namespace haul {

struct Goal {
  enum class Minimize { time, cost } minimize = Minimize::time;
  std::optional<double> deadline_s;  // on the time to model (the arrival when there is no job)
  std::optional<double> budget_usd;  // on the total cost
  std::string route;                 // the one route the candidates take; "" = any route
  // Under uncertainty (MODEL.md section 11): the statistic of the samples each candidate is judged
  // by, "p10" | "p50" | "p90" | "mean"; "" = the point plan (each distribution at its median).
  std::string at;
  std::string where;  // where [goal] is ("plan.toml:20:1")
  // The goal's own words: "the cheapest plan on any route (time to model at most 30 d)".
  std::string describe() const;
  // The statistic `at` as people write it: "P90", "mean"; "" for the point plan.
  std::string statistic_name() const;
};

struct OptimizeSpec {
  SweepSpec choices;  // the scenario (base, overrides) and [choose] as its axes
  Goal goal;
};

// Reads an optimiser file: the scenario's keys, [choose] (as [sweep]: lists and ranges, checked as
// a sweep's axes are, each key named "choose.KEY") and [goal]. `overrides` (--set, flags) apply to
// the scenario after the file's keys. Throws InputError naming the key.
OptimizeSpec read_optimize_text(std::string_view text, const std::string& source,
                                const Catalog& catalog,
                                const std::vector<Assignment>& overrides = {});
OptimizeSpec read_optimize_file(const std::string& path, const Catalog& catalog,
                                const std::vector<Assignment>& overrides = {});

// A [choose] key's value in one candidate, as the sweep shows it.
struct ChoiceValue {
  std::string key;      // "ship.couriers"
  std::string human;    // "2 TB", "4", "cubic": as written, or a range's value in human units
  std::string raw;      // base units ("2000000000000") or the word ("cubic", "auto")
  bool number = false;  // raw is a number (JSON writes it unquoted)
};

inline constexpr std::uint64_t kGivenRow = std::numeric_limits<std::uint64_t>::max();

// One candidate's result.
struct Candidate {
  std::uint64_t row = 0;  // the row of the choices' grid (kGivenRow: the scenario as given)
  int route = 0;          // its index among the routes compared
  double time_s = 0;      // time to model, or its quantile Goal::at
  double cost_usd = 0;    // total cost, or its quantile Goal::at
  // Under uncertainty: the share of samples in which the route failed (ship.on_loss = "fail");
  // NaN for the point plan.
  double p_fail = std::numeric_limits<double>::quiet_NaN();
  bool meets = false;  // within the deadline and the budget (always, when the goal sets neither)
  // Front points only: the later candidates (in written order) with the same time and cost,
  // which the point stands for.
  std::uint64_t ties = 0;
};

struct OptimizeResult {
  std::uint64_t candidates = 0;  // rows x routes considered (the goal's route, or all)
  std::uint64_t planned = 0;     // of those, the ones the models could plan
  std::uint64_t feasible = 0;    // of those, the ones meeting the deadline and the budget
  // The first candidate the models could not plan (in written order), and why (the scenario's own
  // message for that row, or "fails in every sample"); unset when every candidate was planned.
  std::optional<Candidate> unplanned;
  std::string unplanned_reason;

  // The goal's best: the least time (or cost) among the feasible, ties going to the lesser cost
  // (or time), then to the candidate written first. Unset when none is feasible.
  std::optional<Candidate> best;
  // The Pareto front of time against cost over every planned candidate: the points no other
  // candidate beats on both (and equals on neither), by time ascending (so cost descending); equal
  // points are one, the first written (its `ties` counts the rest).
  std::vector<Candidate> front;
  // With no feasible candidate, the nearest on each side. On time: the fastest within the budget
  // (it misses the deadline), or where the goal has no budget or nothing is within it, the fastest
  // overall. On cost: the cheapest within the deadline (it is over the budget), or else the
  // cheapest overall. Set only when the goal has a deadline or a budget.
  std::optional<Candidate> fastest_in_budget, cheapest_in_deadline, fastest, cheapest;

  // The scenario as given (the file and the command line, without [choose]): its best route under
  // the same goal and statistic, feasible or not; or why it cannot be planned.
  std::optional<Candidate> given;
  std::string given_reason;
};

struct OptimizeOptions {
  unsigned threads = 0;  // 0: every core
  std::size_t chunk_rows = 4096;
  bool yes = false;  // lifts the limits on work (rows, and Monte Carlo sample plans)
};

class Optimizer {
 public:
  // Prepares the choices' grid and checks the goal against the scenario (an unknown route, `at`
  // without anything drawn); throws InputError naming the key.
  Optimizer(const OptimizeSpec& spec, const Catalog& catalog);
  ~Optimizer();
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  const OptimizeSpec& spec() const;
  // The scenario of the grid's first row (its name, base and routes compared).
  const Scenario& scenario() const;
  std::uint64_t rows() const;                      // the choices' grid
  const std::vector<std::string>& routes() const;  // the routes compared, by index
  // The value of each [choose] key in a row of the grid, or (kGivenRow) in the scenario as given
  // (empty when it cannot be built).
  std::vector<ChoiceValue> choices(std::uint64_t row) const;

  // Refuses without options.yes more than limits::kRowsWithoutYes rows, or (with Goal::at) more
  // than limits::kSamplePlansWithoutYes sample plans; throws InputError naming the key.
  void check_work(const OptimizeOptions& options) const;
  // Evaluates every candidate; the same result on any number of threads.
  OptimizeResult run(const OptimizeOptions& options) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace haul
