// The optimiser's engine (MODEL.md section 12): the choices' grid is a sweep's (run/sweep_impl.hpp),
// evaluated in chunks of Eigen columns on a pool of workers (run/pool.hpp). Each chunk is reduced
// on its worker to a few candidates (its best, its nearest misses, its first unplanned) and its
// own Pareto front, and those are merged in chunk order on the calling thread, so memory holds the
// fronts, never the grid, and the result is the same on any number of threads.
#include "run/optimize.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>
#include <tuple>

#include "input/checks.hpp"
#include "input/effective.hpp"
#include "input/fields.hpp"
#include "input/error.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "plan/uncertainty.hpp"
#include "run/pool.hpp"
#include "run/sweep_impl.hpp"

namespace haul {

namespace {

// The order candidates are written in: the routes as compared, then the choices' rows.
bool written_before(const Candidate& a, const Candidate& b) {
  return std::tie(a.route, a.row) < std::tie(b.route, b.row);
}

// Lexicographic: `first` then `second`, then the order written.
bool less_by(double a1, double a2, const Candidate& a, double b1, double b2, const Candidate& b) {
  if (a1 != b1) return a1 < b1;
  if (a2 != b2) return a2 < b2;
  return written_before(a, b);
}
bool faster(const Candidate& a, const Candidate& b) {
  return less_by(a.time_s, a.cost_usd, a, b.time_s, b.cost_usd, b);
}
bool cheaper(const Candidate& a, const Candidate& b) {
  return less_by(a.cost_usd, a.time_s, a, b.cost_usd, b.time_s, b);
}

void keep(std::optional<Candidate>& slot, const Candidate& c,
          bool (*better)(const Candidate&, const Candidate&)) {
  if (!slot || better(c, *slot)) slot = c;
}

// The Pareto front of time against cost, kept as candidates come: by (time, cost), each point
// strictly cheaper than every faster one.
class Front {
 public:
  void add(const Candidate& c) {
    const std::pair<double, double> key{c.time_s, c.cost_usd};
    auto it = points_.lower_bound(key);  // the first point at or after (time, cost)
    if (it != points_.end() && it->first == key) {  // the same point: the first written stands
      Candidate& p = it->second;
      const std::uint64_t ties = p.ties + c.ties + 1;
      if (written_before(c, p)) p = c;
      p.ties = ties;
      return;
    }
    // The point before is faster (or as fast and cheaper): it dominates c unless c is cheaper.
    if (it != points_.begin() && std::prev(it)->first.second <= c.cost_usd) return;
    // c dominates the points from here on that cost as much or more.
    while (it != points_.end() && it->first.second >= c.cost_usd) it = points_.erase(it);
    points_.emplace_hint(it, key, c);
  }
  void add(const Front& other) {
    for (const auto& [key, c] : other.points_) add(c);
  }
  std::vector<Candidate> points() const {
    std::vector<Candidate> out;
    out.reserve(points_.size());
    for (const auto& [key, c] : points_) out.push_back(c);
    return out;
  }

 private:
  std::map<std::pair<double, double>, Candidate> points_;
};

// What a chunk of candidates comes to; merged in chunk order.
struct Digest {
  std::uint64_t candidates = 0, planned = 0, feasible = 0;
  std::optional<Candidate> best, fastest_in_budget, cheapest_in_deadline, fastest, cheapest;
  std::optional<Candidate> unplanned;
  std::string unplanned_reason;  // set only when the reason is not the scenario's checks
  Front front;
};

double statistic(const Quantiles& q, const std::string& at) {
  return at == "p10" ? q.p10 : at == "p50" ? q.p50 : at == "p90" ? q.p90 : q.mean;
}

// A candidate's time and cost: from the point plan, or under goal.at from its samples, a sample
// that did not deliver counting as never (RouteSpread's *_all quantiles: a plan that fails one
// time in five has no P90). Returns "" for a candidate, else why it is not one.
std::string judge(Candidate& c, double time_s, double cost_usd, const RouteSpread* spread,
                  const Goal& goal) {
  if (spread) {
    c.time_s = statistic(spread->time_to_model_all_s, goal.at);
    c.cost_usd = statistic(spread->total_cost_all_usd, goal.at);
    c.p_fail = spread->p_fail;
    const double undelivered = spread->p_fail + spread->p_impossible;
    if (undelivered > 0 && !(std::isfinite(c.time_s) && std::isfinite(c.cost_usd)))
      return "does not deliver in " + units::format_fraction(undelivered) +
             " of its samples (failed, or drawn as the checks refuse): it has no " +
             goal.statistic_name();
  } else {
    c.time_s = time_s;
    c.cost_usd = cost_usd;
  }
  if (!(std::isfinite(c.time_s) && std::isfinite(c.cost_usd)))
    return "its time or cost is not a finite number (the inputs overflow the model)";
  return "";
}

// A TOML value as a person reads it: a string without its quotes.
std::string unquoted(const std::string& toml) {
  return toml.size() >= 2 && toml.front() == '"' && toml.back() == '"'
             ? toml.substr(1, toml.size() - 2)
             : toml;
}

// The scenario's own value of each [choose] key: a section's key as the effective scenario has it
// ("auto" stays a word); a route's key as the route sets it (its number in base units, or its
// word), or when the route does not set it, as its kind's section has it.
std::vector<ChoiceValue> given_values(const Scenario& s, const std::vector<SweepAxis>& axes) {
  const std::vector<EffectiveKey> effective = effective_keys(s);
  const Flat flat = flatten(s.in);
  auto from_section = [&](const std::string& key, ChoiceValue& c) {
    const auto it = std::find_if(effective.begin(), effective.end(),
                                 [&](const EffectiveKey& e) { return e.key->key == key; });
    if (it == effective.end()) return;
    const EffectiveValue& v = it->value;
    if (v.kind == EffectiveValue::Kind::number) {
      c.raw = json_number(v.number);
      c.human = unquoted(v.toml);
      c.number = true;
    } else if (v.kind == EffectiveValue::Kind::boolean) {
      c.raw = c.human = v.boolean ? "true" : "false";
    } else {
      c.raw = c.human = v.word;
    }
  };
  std::vector<ChoiceValue> out;
  for (const SweepAxis& axis : axes) {
    ChoiceValue c;
    c.key = axis.key;
    const std::string name = route_key_name(axis.key);
    const auto route = std::find_if(s.routes.begin(), s.routes.end(),
                                    [&](const RouteInfo& r) { return r.name == name; });
    if (name.empty() || route == s.routes.end()) {
      from_section(axis.key, c);
      out.push_back(std::move(c));
      continue;
    }
    const Assignment* own = nullptr;
    for (const Assignment& a : route->keys)
      if (a.key == axis.key) own = &a;
    if (!own) {  // inherited from its kind's section
      const std::string field = axis.key.substr(axis.key.rfind('.') + 1);
      from_section(route_base_key(route->kind, field), c);
      out.push_back(std::move(c));
      continue;
    }
    const KeyInfo* info = find_key(axis.key);
    const int slot = input_slot(s, axis.key);
    const bool word = own->value.kind == Value::Kind::string && own->value.text == "auto";
    c.human = sweep_detail::shown_plain(own->value);
    if (!word && slot >= 0 && info && info->quantity != Quantity::text) {
      c.raw = json_number(flat[static_cast<std::size_t>(slot)]);
      c.number = true;
    } else {
      c.raw = c.human;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

struct Optimizer::Impl {
  OptimizeSpec spec;
  const Catalog* catalog = nullptr;
  std::unique_ptr<Sweep> sweep;
  std::vector<std::string> routes;
  std::vector<int> considered;  // the routes the candidates take, in the order compared
  // The scenario as given (the file and the command line, without [choose]), or why it cannot be
  // planned; and its value of each [choose] key.
  std::optional<Scenario> given_scenario;
  std::string given_reason;
  std::vector<ChoiceValue> given_choices;

  const Sweep::Impl& grid() const { return sweep->impl(); }

  bool better(const Candidate& a, const Candidate& b) const {
    return spec.goal.minimize == Goal::Minimize::time ? faster(a, b) : cheaper(a, b);
  }
  bool meets(double time_s, double cost_usd) const {
    const Goal& g = spec.goal;
    return (!g.deadline_s || time_s <= *g.deadline_s) && (!g.budget_usd || cost_usd <= *g.budget_usd);
  }
  // Records a planned candidate.
  void take(Digest& d, const Candidate& c) const {
    const Goal& g = spec.goal;
    ++d.planned;
    d.front.add(c);
    if (c.meets) {
      ++d.feasible;
      if (!d.best || better(c, *d.best)) d.best = c;
    }
    if (!g.budget_usd || c.cost_usd <= *g.budget_usd) keep(d.fastest_in_budget, c, faster);
    if (!g.deadline_s || c.time_s <= *g.deadline_s) keep(d.cheapest_in_deadline, c, cheaper);
    keep(d.fastest, c, faster);
    keep(d.cheapest, c, cheaper);
  }
  void merge(Digest& into, Digest&& d) const {
    into.candidates += d.candidates;
    into.planned += d.planned;
    into.feasible += d.feasible;
    if (d.best && (!into.best || better(*d.best, *into.best))) into.best = d.best;
    for (auto [slot, from, by] :
         {std::tuple{&into.fastest_in_budget, &d.fastest_in_budget, &faster},
          std::tuple{&into.cheapest_in_deadline, &d.cheapest_in_deadline, &cheaper},
          std::tuple{&into.fastest, &d.fastest, &faster},
          std::tuple{&into.cheapest, &d.cheapest, &cheaper}})
      if (*from) keep(*slot, **from, by);
    if (d.unplanned && (!into.unplanned || written_before(*d.unplanned, *into.unplanned))) {
      into.unplanned = d.unplanned;
      into.unplanned_reason = std::move(d.unplanned_reason);
    }
    into.front.add(d.front);
  }

  std::size_t chunk_rows(const OptimizeOptions& options) const {
    if (spec.goal.at.empty()) return std::max<std::size_t>(1, options.chunk_rows);
    const std::uint64_t samples = std::max<std::uint64_t>(1, grid().first.uncertainty.samples);
    return static_cast<std::size_t>(std::clamp<std::uint64_t>(
        sweep_detail::kChunkSamples / samples, 1, std::max<std::size_t>(1, options.chunk_rows)));
  }

  Digest evaluate(Sweep::Impl::Workspace& w, std::uint64_t first, Eigen::Index n) const {
    const Sweep::Impl& m = grid();
    const std::string& at = spec.goal.at;
    m.fill(w, first, n);
    const std::vector<num::Array> failed = route_failures(w.in);
    const Plan<num::Array> plan = plan_model(w.in);
    Digest d;
    for (Eigen::Index k = 0; k < n; ++k) {
      const std::uint64_t row = first + static_cast<std::uint64_t>(k);
      bool any = false;
      for (const int r : considered) any |= failed[static_cast<std::size_t>(r)][k] == 0;
      std::optional<Spread> spread;
      if (any && !at.empty()) spread = monte_carlo(m.row_of(w.in, k), m.first.uncertainty, 1);
      for (const int r : considered) {
        const auto route = static_cast<std::size_t>(r);
        Candidate c;
        c.row = row;
        c.route = r;
        ++d.candidates;
        std::string why;
        if (failed[route][k] == 0) {
          why = judge(c, plan.routes[route].plan.time_to_model_s[k],
                      plan.routes[route].plan.total_cost_usd[k],
                      spread ? &spread->routes[route] : nullptr, spec.goal);
          if (why.empty()) {
            c.meets = meets(c.time_s, c.cost_usd);
            take(d, c);
            continue;
          }
        }
        if (!d.unplanned || written_before(c, *d.unplanned)) {
          d.unplanned = c;
          d.unplanned_reason = why;
        }
      }
    }
    return d;
  }

  // The scenario as given: its best route under the goal (feasible ones first), its routes
  // checked one by one as the candidates' are.
  void given(OptimizeResult& out, unsigned threads) const {
    if (!given_scenario) {
      out.given_reason = given_reason;
      return;
    }
    const Scenario& s = *given_scenario;
    const std::vector<double> failed = route_failures(s.in);
    std::optional<Spread> spread;
    if (!spec.goal.at.empty()) {
      const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
      const unsigned n = std::min(threads ? threads : cores, limits::kThreads);
      spread = monte_carlo(s.in, s.uncertainty, static_cast<int>(n));
    }
    const Plan<double> plan = plan_model(s.in);
    std::optional<Candidate> best;
    std::string why;
    for (const int r : considered) {
      const auto route = static_cast<std::size_t>(r);
      if (failed[route] > 0) continue;
      Candidate c;
      c.row = kGivenRow;
      c.route = r;
      const std::string not_one =
          judge(c, plan.routes[route].plan.time_to_model_s, plan.routes[route].plan.total_cost_usd,
                spread ? &spread->routes[route] : nullptr, spec.goal);
      if (!not_one.empty()) {
        if (why.empty()) why = routes[route] + " " + not_one;
        continue;
      }
      c.meets = meets(c.time_s, c.cost_usd);
      if (!best || (c.meets && !best->meets) || (c.meets == best->meets && better(c, *best)))
        best = c;
    }
    if (best) {
      out.given = best;
      return;
    }
    if (why.empty()) {  // every route fails a check: the scenario's own message
      try {
        build_scenario(spec.choices.base, *catalog);
      } catch (const InputError& e) {
        why = e.what();
      }
    }
    out.given_reason = why.empty() ? "none of its routes can be planned" : why;
  }

  // Why the models could not plan the candidate: the scenario's own message when it names a check of the candidate's route; else the keys of
  // the route's failing checks (the scenario would name another route's first).
  std::string reason(const Candidate& c) const {
    std::string message;
    try {
      build_scenario(grid().assignments_of(c.row), *catalog);
    } catch (const InputError& e) {
      message = e.what();
    }
    Sweep::Impl::Workspace w;
    grid().fill(w, c.row, 1);
    const auto route = static_cast<std::size_t>(c.route);
    const std::vector<std::string> keys = failing_keys(route_checks(grid().row_of(w.in, 0))[route]);
    std::string listed;
    for (const std::string& key : keys) {
      const std::string own = "route." + routes[route] + key.substr(key.find('.'));
      if (message.find(key) != std::string::npos || message.find(own) != std::string::npos)
        return message;
      listed += (listed.empty() ? "" : " and ") + key;
    }
    if (!listed.empty()) return "the route fails the check on " + listed;
    return message.empty() ? "the models cannot use this combination" : message;
  }
};

Optimizer::Optimizer(const OptimizeSpec& spec, const Catalog& catalog)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.spec = spec;
  m.catalog = &catalog;
  m.spec.choices.table = "choose";
  m.spec.choices.row_checks = false;
  m.spec.choices.pivot.reset();
  // The routes, from the first row (which the sweep builds again; it throws first for a bad key).
  SweepSpec probe = m.spec.choices;
  probe.columns.clear();
  {
    std::vector<Assignment> first = probe.base;
    for (const SweepAxis& axis : probe.axes)
      if (!axis.values.empty()) first.push_back({axis.key, axis.values.front(), axis.where});
    Scenario s;
    try {
      s = build_scenario(first, catalog, false);
    } catch (const InputError&) {
      // The sweep below names the axis value at fault.
      Sweep check(probe, catalog);
      throw;
    }
    for (const RouteInfo& r : s.routes) m.routes.push_back(r.name);
    const Goal& g = m.spec.goal;
    if (!g.route.empty()) {
      const int r = s.route_index(g.route);
      if (r < 0) {
        std::string all;
        for (const std::string& name : m.routes) all += (all.empty() ? "" : ", ") + name;
        const std::string guess = closest(g.route, m.routes);
        throw at(g.where, "goal.route",
                 quote_text(g.route, 64) + " is not a route compared (" +
                     (guess.empty() ? "" : "did you mean \"" + guess + "\"? ") + "the routes: " +
                     all + ", or \"any\")");
      }
      m.considered = {r};
    } else {
      for (std::size_t r = 0; r < m.routes.size(); ++r) m.considered.push_back(static_cast<int>(r));
    }
    // Something drawn in the first row, or in a row with another value of some [choose] key
    // (ship.drive_loss = [0, 0.01]): the rows without draws have their point plan as every
    // statistic.
    auto draws = [&] {
      if (has_uncertainty(s.in, s.uncertainty)) return true;
      for (const SweepAxis& axis : probe.axes)
        for (const Value& v : axis.values) {
          const Scenario row =
              sweep_detail::build_with(first, {{axis.key, v, axis.where}}, catalog, false);
          if (has_uncertainty(row.in, row.uncertainty)) return true;
        }
      return false;
    };
    if (!g.at.empty() && !draws())
      throw at(g.where, "goal.at",
               "the scenario draws nothing (give a key a distribution, or ship.hold_probability "
               "or ship.drive_loss above 0; see MODEL.md section 11), so there is no " +
                   g.statistic_name() +
                   " to judge by: drop goal.at");
  }
  // The columns the candidates read: they bind each route, and under `at` they make the sweep
  // refuse an axis that changes or overwrites what is drawn.
  for (const int r : m.considered) {
    const std::string& name = m.routes[static_cast<std::size_t>(r)];
    if (m.spec.goal.at.empty()) {
      probe.columns.push_back("routes." + name + ".plan.time_to_model_s");
    } else {
      probe.columns.push_back("uncertainty.routes." + name + ".time_to_model_s." + m.spec.goal.at);
    }
  }
  m.sweep = std::make_unique<Sweep>(probe, catalog);
  try {
    m.given_scenario = build_scenario(m.spec.choices.base, catalog, false);
  } catch (const InputError& e) {
    m.given_reason = e.what();
    return;
  }
  m.given_choices = given_values(*m.given_scenario, m.spec.choices.axes);
}

Optimizer::~Optimizer() = default;

const OptimizeSpec& Optimizer::spec() const {
  return impl_->spec;
}
const Scenario& Optimizer::scenario() const {
  return impl_->grid().first;
}
std::uint64_t Optimizer::rows() const {
  return impl_->grid().points;
}
const std::vector<std::string>& Optimizer::routes() const {
  return impl_->routes;
}

std::vector<ChoiceValue> Optimizer::choices(std::uint64_t row) const {
  if (row == kGivenRow) return impl_->given_choices;
  const Sweep::Impl& m = impl_->grid();
  std::vector<ChoiceValue> out;
  for (std::size_t a = 0; a < m.axes.size(); ++a) {
    const sweep_detail::AxisGrid& axis = m.axes[a];
    const std::uint64_t i = m.index(a, row);
    out.push_back({axis.key, axis.human[i], axis.raw[i], Sweep::Impl::is_number(axis.raw[i])});
  }
  return out;
}

void Optimizer::check_work(const OptimizeOptions& options) const {
  if (options.yes) return;
  const Impl& m = *impl_;
  auto count = [](double x) { return units::format_count(x); };
  const std::uint64_t rows = m.grid().points;
  if (rows > limits::kRowsWithoutYes)
    throw InputError("[choose]: " + count(static_cast<double>(rows)) +
                     " combinations of choices, over " +
                     count(static_cast<double>(limits::kRowsWithoutYes)) +
                     " (add --yes to evaluate them)");
  if (m.spec.goal.at.empty()) return;
  const std::uint64_t samples = m.grid().first.uncertainty.samples;
  if (samples > 0 && rows > limits::kSamplePlansWithoutYes / samples)
    throw InputError("[uncertainty] samples: " + count(static_cast<double>(samples)) +
                     " samples for each of " + count(static_cast<double>(rows)) +
                     " combinations of choices (goal.at) are " +
                     count(static_cast<double>(samples) * static_cast<double>(rows)) +
                     " sample plans, over " +
                     count(static_cast<double>(limits::kSamplePlansWithoutYes)) +
                     " (add --yes to evaluate them)");
}

OptimizeResult Optimizer::run(const OptimizeOptions& options) const {
  const Impl& m = *impl_;
  check_work(options);
  const std::uint64_t rows = m.grid().points;
  const std::size_t chunk_rows = m.chunk_rows(options);
  const std::uint64_t chunks = (rows + chunk_rows - 1) / chunk_rows;
  Digest all;
  ordered_chunks<Sweep::Impl::Workspace>(
      chunks, options.threads,
      [&](Sweep::Impl::Workspace& w, std::uint64_t c) {
        const std::uint64_t first = c * chunk_rows;
        return m.evaluate(w, first,
                          static_cast<Eigen::Index>(std::min<std::uint64_t>(chunk_rows, rows - first)));
      },
      [&](Digest&& d) { m.merge(all, std::move(d)); });

  OptimizeResult out;
  out.candidates = all.candidates;
  out.planned = all.planned;
  out.feasible = all.feasible;
  out.best = all.best;
  out.front = all.front.points();
  if (all.unplanned) {
    out.unplanned = all.unplanned;
    out.unplanned_reason =
        all.unplanned_reason.empty() ? m.reason(*all.unplanned) : all.unplanned_reason;
  }
  const Goal& g = m.spec.goal;
  if (!out.best && (g.deadline_s || g.budget_usd)) {
    // The nearest on each side: on time, the fastest within the budget (else the fastest); on
    // cost, the cheapest within the deadline (else the cheapest).
    if (g.budget_usd) out.fastest_in_budget = all.fastest_in_budget;
    if (g.deadline_s) out.cheapest_in_deadline = all.cheapest_in_deadline;
    if (!out.fastest_in_budget) out.fastest = all.fastest;
    if (!out.cheapest_in_deadline) out.cheapest = all.cheapest;
  }
  m.given(out, options.threads);
  return out;
}

}  // namespace haul
