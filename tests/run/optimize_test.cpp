// The optimiser (MODEL.md section 12): its best candidate and its Pareto front are those a brute
// force finds through one-at-a-time plans (build_scenario and plan_model<double> for each row of
// the choices); deadline and budget filter; ties go to the route, then the choice, written first;
// candidates the models cannot plan are left out route by route, with the scenario's reason; an
// unmet goal gives the nearest candidates; the result is the same on any threads and chunks; and
// under uncertainty a candidate is judged by its quantile of monte_carlo's samples.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "input/error.hpp"
#include "plan/uncertainty.hpp"
#include "run/optimize.hpp"
#include "support.hpp"

using namespace haul;
using namespace haul::test;

namespace {

OptimizeSpec optimize_spec(const std::string& toml) {
  return read_optimize_text(toml, "o.toml", builtin_catalog());
}

OptimizeResult optimize(const std::string& toml, unsigned threads = 2,
                        std::size_t chunk_rows = 4096) {
  const Optimizer o(optimize_spec(toml), builtin_catalog());
  OptimizeOptions options;
  options.threads = threads;
  options.chunk_rows = chunk_rows;
  return o.run(options);
}

std::string optimize_error(const std::string& toml) {
  try {
    const Optimizer o(optimize_spec(toml), builtin_catalog());
    o.run({});
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// 80 TB for a 7B model on 64 GPUs reserved from the start: a slower link is cheaper in transfer but
// the idle GPUs bill while the data travels; more couriers and copy slots cost more and arrive
// sooner. Every combination below is valid, so a brute force can build each row as a scenario.
const std::string kScenario = R"(
[data]
size = "80 TB"
[network]
bandwidth = "10 Gbps"
rtt = "150 ms"
loss = 0.0005
egress_price = "0.05 USD/GB"
[ship]
drive = "hdd-24tb"
couriers = 1
[compute]
params = 7e9
tokens = 2e11
gpus = 64
price = "2 USD/h"
billing = "at-start"
)";

const std::string kChoose = R"(
[choose]
network.streams = [1, 8, 64]
ship.drive = ["hdd-24tb", "nvme-4tb", "portable-hdd-2tb"]
ship.couriers = [1, 4]
compute.gpus = [16, 64, 256]
)";

struct Brute {
  std::vector<Candidate> all;  // in written order: route, then row
};

// Every candidate by one-at-a-time plans.
Brute brute(const OptimizeSpec& spec, const Goal& goal) {
  Brute b;
  std::vector<std::size_t> index(spec.choices.axes.size(), 0);
  std::vector<std::vector<Candidate>> by_route;
  for (std::uint64_t row = 0;; ++row) {
    const Scenario s = row_scenario(spec.choices, index);
    const Plan<double> plan = plan_model(s.in);
    by_route.resize(plan.routes.size());
    for (std::size_t r = 0; r < plan.routes.size(); ++r) {
      Candidate c;
      c.row = row;
      c.route = static_cast<int>(r);
      c.time_s = plan.routes[r].plan.time_to_model_s;
      c.cost_usd = plan.routes[r].plan.total_cost_usd;
      c.meets = (!goal.deadline_s || c.time_s <= *goal.deadline_s) &&
                (!goal.budget_usd || c.cost_usd <= *goal.budget_usd);
      by_route[r].push_back(c);
    }
    bool more = false;
    for (std::size_t a = spec.choices.axes.size(); a-- > 0;) {
      if (++index[a] < spec.choices.axes[a].values.size()) {
        more = true;
        break;
      }
      index[a] = 0;
    }
    if (!more) break;
  }
  for (const auto& route : by_route) b.all.insert(b.all.end(), route.begin(), route.end());
  return b;
}

// The best by the goal: the first written among the least (primary, secondary).
std::optional<Candidate> brute_best(const Brute& b, const Goal& goal) {
  std::optional<Candidate> best;
  for (const Candidate& c : b.all) {
    if (!c.meets) continue;
    const bool time = goal.minimize == Goal::Minimize::time;
    const double c1 = time ? c.time_s : c.cost_usd, c2 = time ? c.cost_usd : c.time_s;
    if (best) {
      const double b1 = time ? best->time_s : best->cost_usd,
                   b2 = time ? best->cost_usd : best->time_s;
      if (!(c1 < b1 || (c1 == b1 && c2 < b2))) continue;  // later in written order loses ties
    }
    best = c;
  }
  return best;
}

// The non-dominated set by definition (O(n^2)): no other candidate at most as slow and as costly,
// and better in one. Equal points are one, the first written, counting the others as ties.
std::vector<Candidate> brute_front(const Brute& b) {
  std::vector<Candidate> front;
  for (const Candidate& c : b.all) {
    bool dominated = false;
    for (const Candidate& d : b.all)
      if (d.time_s <= c.time_s && d.cost_usd <= c.cost_usd &&
          (d.time_s < c.time_s || d.cost_usd < c.cost_usd))
        dominated = true;
    if (dominated) continue;
    auto same = std::find_if(front.begin(), front.end(), [&](const Candidate& f) {
      return f.time_s == c.time_s && f.cost_usd == c.cost_usd;
    });
    if (same != front.end()) {
      ++same->ties;  // b.all is in written order: the first one stands
    } else {
      front.push_back(c);
    }
  }
  std::sort(front.begin(), front.end(),
            [](const Candidate& x, const Candidate& y) { return x.time_s < y.time_s; });
  return front;
}

void check_same(const Candidate& got, const Candidate& want) {
  CHECK(got.route == want.route);
  CHECK(got.row == want.row);
  CHECK(got.time_s == want.time_s);
  CHECK(got.cost_usd == want.cost_usd);
  CHECK(got.meets == want.meets);
}

}  // namespace

TEST_CASE("optimize: the best and the front equal a brute force through one-at-a-time plans") {
  for (const std::string goal : {"minimize = \"time\"", "minimize = \"cost\"",
                                 "minimize = \"cost\"\ndeadline = \"10 d\"",
                                 "minimize = \"time\"\nbudget = \"$30k\""}) {
    CAPTURE(goal);
    const std::string toml = kScenario + kChoose + "[goal]\n" + goal + "\n";
    const OptimizeSpec spec = optimize_spec(toml);
    const Brute b = brute(spec, spec.goal);
    // 3 x 3 x 2 x 3 = 54 rows, on the network and ship routes.
    REQUIRE(b.all.size() == 108);
    const OptimizeResult r = optimize(toml);
    CHECK(r.candidates == 108);
    CHECK(r.planned == 108);
    CHECK(r.feasible == static_cast<std::uint64_t>(std::count_if(
                            b.all.begin(), b.all.end(), [](const Candidate& c) { return c.meets; })));
    const std::optional<Candidate> best = brute_best(b, spec.goal);
    REQUIRE(best.has_value());
    REQUIRE(r.best.has_value());
    check_same(*r.best, *best);
    const std::vector<Candidate> front = brute_front(b);
    // The grid trades time for cost: more GPUs train sooner but idle longer at $2/h while the
    // data travels, NVMe drives copy faster and cost more.
    CHECK(front.size() >= 3);
    REQUIRE(r.front.size() == front.size());
    for (std::size_t i = 0; i < front.size(); ++i) {
      check_same(r.front[i], front[i]);
      CHECK(r.front[i].ties == front[i].ties);
    }
    // The best is a point of the front (a box of deadline and budget keeps what dominates it).
    CHECK(std::any_of(r.front.begin(), r.front.end(), [&](const Candidate& c) {
      return c.row == r.best->row && c.route == r.best->route;
    }));
  }
}

TEST_CASE("optimize: the same result on any number of threads and chunk sizes") {
  const std::string toml = kScenario + kChoose + "[goal]\nminimize = \"cost\"\ndeadline = \"40 d\"\n";
  const OptimizeResult a = optimize(toml, 1, 4096);
  for (const auto& [threads, chunk] : {std::pair{2u, std::size_t{1}}, std::pair{2u, std::size_t{7}},
                                       std::pair{5u, std::size_t{3}}}) {
    CAPTURE(threads);
    CAPTURE(chunk);
    const OptimizeResult b = optimize(toml, threads, chunk);
    CHECK(b.candidates == a.candidates);
    CHECK(b.feasible == a.feasible);
    REQUIRE(b.best.has_value());
    check_same(*b.best, *a.best);
    REQUIRE(b.front.size() == a.front.size());
    for (std::size_t i = 0; i < a.front.size(); ++i) {
      check_same(b.front[i], a.front[i]);
      CHECK(b.front[i].ties == a.front[i].ties);
    }
  }
}

TEST_CASE("optimize: ties go to the route written first, then to the choice written first") {
  // Two identical leased links, "b" written before "a" in [plan] routes: every candidate of "b"
  // ties with the same row's "a". The ship route is left out (goal.route is not set, but the
  // drives are slower and dearer here than a 100 Gbps link).
  const std::string toml = R"(
[data]
size = "10 TB"
[network]
bandwidth = "100 Mbps"
[route.a]
kind = "network"
bandwidth = "100 Gbps"
[route.b]
kind = "network"
bandwidth = "100 Gbps"
[plan]
routes = ["b", "a"]
[choose]
ship.couriers = [4, 2]
[goal]
minimize = "time"
)";
  const OptimizeResult r = optimize(toml);
  REQUIRE(r.best.has_value());
  // ship.couriers changes neither link: rows 0 and 1 tie too, and row 0 (couriers = 4) is
  // written first; route b (index 0) is written before route a (index 1).
  CHECK(r.best->route == 0);
  CHECK(r.best->row == 0);
  // On the front, that point stands for the 3 other candidates of both links.
  REQUIRE(!r.front.empty());
  CHECK(r.front.front().route == 0);
  CHECK(r.front.front().row == 0);
  CHECK(r.front.front().ties == 3);
}

TEST_CASE("optimize: deadline and budget filter, and an unmet goal gives the nearest candidates") {
  // Whatever the choices, 80 TB over 10 Gbps cannot arrive in a day: 80e12 * 8 / 1e10 = 64,000 s
  // = 17.8 h of transfer alone, plus training 6 * 7e9 * 2e11 FLOP on 64 H100s.
  const std::string base = kScenario + kChoose;
  const OptimizeResult none = optimize(base + "[goal]\nminimize = \"cost\"\ndeadline = \"1 d\"\n");
  CHECK(none.feasible == 0);
  CHECK_FALSE(none.best.has_value());
  // Only a deadline: the time side is the fastest overall (the nearest to the deadline), the cost
  // side the cheapest overall.
  CHECK_FALSE(none.fastest_in_budget.has_value());
  CHECK_FALSE(none.cheapest_in_deadline.has_value());
  REQUIRE(none.fastest.has_value());
  REQUIRE(none.cheapest.has_value());
  const OptimizeSpec spec = optimize_spec(base + "[goal]\nminimize = \"cost\"\n");
  const Brute b = brute(spec, spec.goal);
  double fastest = INFINITY, cheapest = INFINITY;
  for (const Candidate& c : b.all) {
    fastest = std::min(fastest, c.time_s);
    cheapest = std::min(cheapest, c.cost_usd);
  }
  CHECK(none.fastest->time_s == fastest);
  CHECK(none.cheapest->cost_usd == cheapest);
  CHECK(none.fastest->time_s > 86400);

  // Deadline and budget both: with a budget below every plan's cost, nothing is within the budget
  // and the cheapest within the deadline is over it.
  const OptimizeResult both =
      optimize(base + "[goal]\nminimize = \"time\"\ndeadline = \"60 d\"\nbudget = \"$1k\"\n");
  CHECK(both.feasible == 0);
  CHECK_FALSE(both.fastest_in_budget.has_value());
  REQUIRE(both.fastest.has_value());
  REQUIRE(both.cheapest_in_deadline.has_value());
  CHECK(both.cheapest_in_deadline->time_s <= 60 * 86400.0);
  double cheapest_in_60d = INFINITY;
  for (const Candidate& c : b.all)
    if (c.time_s <= 60 * 86400.0) cheapest_in_60d = std::min(cheapest_in_60d, c.cost_usd);
  CHECK(both.cheapest_in_deadline->cost_usd == cheapest_in_60d);
  // The front does not depend on the goal's limits.
  CHECK(both.front.size() == none.front.size());
}

TEST_CASE("optimize: a choice the models cannot use leaves out that route's candidates only") {
  // 80 TB on 2 TB drives needs 40 of them (no redundancy): 20 drives cannot hold it, so the ship
  // route has no candidate in that row, while the link does (it does not carry drives).
  const std::string toml = R"(
[data]
size = "80 TB"
[network]
bandwidth = "1 Gbps"
[ship]
drive = "portable-hdd-2tb"
drives = 40
[choose]
ship.drives = [20, 40, 60]
[goal]
minimize = "time"
)";
  const OptimizeResult r = optimize(toml);
  CHECK(r.candidates == 6);
  CHECK(r.planned == 5);
  REQUIRE(r.unplanned.has_value());
  CHECK(r.unplanned->route == 1);  // ship
  CHECK(r.unplanned->row == 0);    // ship.drives = 20
  CHECK(r.unplanned_reason.find("ship.drives") != std::string::npos);
  CHECK(r.unplanned_reason.find("cannot hold") != std::string::npos);
  // The scenario as given (40 drives) plans.
  REQUIRE(r.given.has_value());
  CHECK(r.given->row == kGivenRow);
}

TEST_CASE("optimize: the scenario as given is its best route under the goal") {
  const std::string toml = kScenario + kChoose + "[goal]\nminimize = \"time\"\n";
  const OptimizeResult r = optimize(toml);
  Scenario s = build_scenario(optimize_spec(toml).choices.base, builtin_catalog());
  const Plan<double> plan = plan_model(s.in);
  const int faster = plan.routes[1].plan.time_to_model_s < plan.routes[0].plan.time_to_model_s;
  REQUIRE(r.given.has_value());
  CHECK(r.given->route == faster);
  CHECK(r.given->time_s == plan.routes[static_cast<std::size_t>(faster)].plan.time_to_model_s);
  // The best over the choices is at least as good: the scenario's own values are among them.
  REQUIRE(r.best.has_value());
  CHECK(r.best->time_s <= r.given->time_s);
}

TEST_CASE("optimize: under uncertainty each candidate is its quantile of monte_carlo's samples") {
  const std::string toml = kScenario + R"(
[ship.transit]
dist = "lognormal"
p50 = "24 h"
p90 = "72 h"
[uncertainty]
samples = 2000
seed = 7
[choose]
ship.couriers = [1, 4]
[goal]
minimize = "time"
route = "ship"
at = "p90"
)";
  const OptimizeSpec spec = optimize_spec(toml);
  const OptimizeResult r = optimize(toml);
  CHECK(r.candidates == 2);  // the ship route only
  std::vector<std::size_t> index = {0};
  for (std::uint64_t row = 0; row < 2; ++row, index[0] = row) {
    const Scenario s = row_scenario(spec.choices, index);
    const Spread spread = monte_carlo(s.in, s.uncertainty, 1);
    const auto& q = spread.routes[1];
    const auto it = std::find_if(r.front.begin(), r.front.end(),
                                 [&](const Candidate& c) { return c.row == row; });
    if (it == r.front.end()) continue;  // dominated by the other row
    CHECK(it->time_s == q.time_to_model_s.p90);
    CHECK(it->cost_usd == q.total_cost_usd.p90);
    CHECK(it->p_fail == 0);
  }
  REQUIRE(r.best.has_value());
  CHECK(r.best->route == 1);
}

TEST_CASE("optimize: bad goals and choices name the key") {
  const std::string base = kScenario + "[choose]\nship.couriers = [1, 2]\n";
  CHECK(optimize_error(base).find("[goal]: missing") != std::string::npos);
  CHECK(optimize_error(base + "[goal]\ndeadline = \"30 d\"\n").find("goal.minimize: missing") !=
        std::string::npos);
  CHECK(optimize_error(base + "[goal]\nminimize = \"speed\"\n").find("goal.minimize") != std::string::npos);
  CHECK(optimize_error(base + "[goal]\nminimize = \"time\"\ndeadline = \"30\"\n").find("goal.deadline") !=
        std::string::npos);
  CHECK(optimize_error(base + "[goal]\nminimize = \"time\"\nbudget = \"-$5\"\n").find("goal.budget") !=
        std::string::npos);
  CHECK(optimize_error(base + "[goal]\nminimize = \"time\"\nroute = \"shipp\"\n")
            .find("goal.route: \"shipp\" is not a route compared (did you mean \"ship\"?") !=
        std::string::npos);
  CHECK(optimize_error(base + "[goal]\nminimize = \"time\"\nat = \"p90\"\n").find("goal.at") !=
        std::string::npos);
  CHECK(optimize_error(base + "[goal]\nminimize = \"time\"\nat = \"p95\"\n").find("goal.at") !=
        std::string::npos);
  CHECK(optimize_error(base + "[goal]\nminimize = \"time\"\ndeadlin = \"3 d\"\n")
            .find("goal.deadlin: unknown key (did you mean goal.deadline?)") != std::string::npos);
  CHECK(optimize_error(kScenario + "[goal]\nminimize = \"time\"\n").find("[choose]: missing") !=
        std::string::npos);
  CHECK(optimize_error(kScenario + "[choose]\nship.courier = [1]\n[goal]\nminimize = \"time\"\n")
            .find("choose.ship.courier") != std::string::npos);
  CHECK(optimize_error(kScenario + "[choose]\nship.couriers = []\n[goal]\nminimize = \"time\"\n")
            .find("choose.ship.couriers: empty list") != std::string::npos);
}

TEST_CASE("optimize: under goal.at a plan that fails too often has no P90, and is left out") {
  // 80 TB on 2 TB drives: 40 drives, each lost with 0.3% and the plan failing with it
  // (on_loss = "fail"). No redundancy fails with 1 - 0.997^40 = 11.3% > 10%: no P90. Two copies
  // (80 drives) fail only when both copies of some drive are lost: 1 - (1 - 0.003^2)^40 = 0.036%.
  const std::string toml = R"(
[data]
size = "80 TB"
[network]
bandwidth = "1 Gbps"
[ship]
drive = "portable-hdd-2tb"
drives = "auto"
drive_loss = 0.003
on_loss = "fail"
[uncertainty]
samples = 4000
[choose]
ship.redundancy = ["none", "2x"]
[goal]
minimize = "time"
route = "ship"
at = "p90"
)";
  const OptimizeResult r = optimize(toml);
  CHECK(r.candidates == 2);
  CHECK(r.planned == 1);
  REQUIRE(r.unplanned.has_value());
  CHECK(r.unplanned->row == 0);  // no redundancy
  CHECK(r.unplanned_reason.find("has no P90") != std::string::npos);
  REQUIRE(r.best.has_value());
  CHECK(r.best->row == 1);  // two copies
  CHECK(r.best->p_fail < 0.01);
}

TEST_CASE("optimize: a scenario as given that no route can plan says why") {
  // The file's 10 drives of 2 TB cannot hold 80 TB; on the ship route alone nothing is left.
  const std::string toml = R"(
[data]
size = "80 TB"
[ship]
drive = "portable-hdd-2tb"
drives = 10
[choose]
ship.drives = [40, 80]
[goal]
minimize = "time"
route = "ship"
)";
  const OptimizeResult r = optimize(toml);
  CHECK_FALSE(r.given.has_value());
  CHECK(r.given_reason.find("ship.drives") != std::string::npos);
  CHECK(r.planned == 2);
}
