// Monte Carlo over a plan (MODEL.md v2 section 11): see uncertainty.hpp.
#include "plan/uncertainty.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <thread>

#include "input/fields.hpp"
#include "model/random.hpp"

namespace haul {

namespace {

constexpr Eigen::Index kChunk = 1024;  // samples a batch: the sweeps' chunk size
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kExactHolds = 1000;  // held trips a sample draws one by one

// The names of a route's event streams: "event:ship." for the ship route, "event:route.NAME."
// for a named one. Not a key's name: a key with a distribution (ship.hold_probability) draws from
// its own stream, and an event must not reuse that uniform.
std::string event_prefix(const std::string& route) {
  return std::string("event:") + (route == "ship" ? "ship." : "route." + route + ".");
}

// One chunk's events: sample first + k of each ship leg. Records which samples were held or lost
// data, per route, for the summaries.
class ChunkEvents final : public EventSource {
 public:
  ChunkEvents(const UncertaintySpec& spec, std::uint64_t first, Eigen::Index n, std::size_t routes)
      : spec_(spec), first_(first), held_(routes, num::Array::Zero(n)),
        lost_(routes, num::Array::Zero(n)), cache_(routes) {}

  ShipEvents ship(std::size_t r, const ShipParams<num::Array>& s,
                  const ShipResult<num::Array>& planned) const override {
    const Eigen::Index n = planned.trips.size();
    ShipEvents ev{num::Array::Zero(n), num::Array::Zero(n)};
    const RouteEvents* route = r < spec_.routes.size() ? &spec_.routes[r] : nullptr;
    const std::string prefix = event_prefix(route ? route->name : "ship");
    const LossUnits<num::Array> units = loss_units(s, planned);
    // A sample whose drawn inputs the scenario's checks would refuse (a bag lighter than a drive:
    // no trip carries anything; fewer drives than the data needs; drives that are not whole
    // erasure sets) is impossible: NaN, counted apart and left out like a failure. A leg with no
    // bytes (a hybrid's split of 1) has no trip to hold and no drive to lose.
    std::vector<char> skip(static_cast<std::size_t>(n), 0);
    for (Eigen::Index k = 0; k < n; ++k) {
      const bool impossible =
          !std::isfinite(planned.time_s[k]) || !std::isfinite(planned.trips[k]) ||
          (s.drives[k] > 0 && s.drives[k] < planned.needed_drives[k]) ||
          units.n[k] != std::floor(units.n[k]);
      if (impossible) {
        ev.held_s[k] = std::numeric_limits<double>::quiet_NaN();
        skip[static_cast<std::size_t>(k)] = 1;
      } else if (!(planned.bytes[k] > 0)) {
        skip[static_cast<std::size_t>(k)] = 1;
      }
    }
    Cache& c = cache_[r];
    // Customs: each of the trips is held with hold_probability, so the trips held are
    // Binomial(trips, p), drawn from one uniform; each held trip waits hold_s, or a draw of the
    // hold's distribution from its own stream (the j-th held trip's).
    const std::uint64_t held_stream = stream_of(prefix + "held");
    for (Eigen::Index k = 0; k < n; ++k) {
      const double p = s.hold_probability[k];
      if (!(p > 0) || skip[static_cast<std::size_t>(k)]) continue;
      const std::uint64_t i = first_ + static_cast<std::uint64_t>(k);
      const double held = table(c.held, planned.trips[k], p).quantile(
          uniform01(spec_.seed, held_stream, i));
      if (!(held > 0)) continue;
      double wait = held * s.hold_s[k];
      if (route && route->hold && held > kExactHolds) {
        // Past a thousand held trips a sample's work would follow its trips: their total wait is
        // drawn from the normal with the hold's mean and variance times the count (the central
        // limit theorem), from one uniform.
        if (!c.moments) c.moments = moments(*route->hold);
        const double z = normal_quantile(uniform01(spec_.seed, stream_of(prefix + "holds"), i));
        wait = std::max(0.0, held * c.moments->first + std::sqrt(held * c.moments->second) * z);
      } else if (route && route->hold) {
        const auto count = static_cast<std::uint64_t>(held);
        while (c.hold.size() < count) c.hold.push_back(stream_of(prefix + "hold", c.hold.size()));
        wait = 0;
        for (std::uint64_t j = 0; j < count; ++j)
          wait += route->hold->quantile(uniform01(spec_.seed, c.hold[j], i));
      }
      ev.held_s[k] = wait;
      if (wait > 0) held_[r][k] = 1;
    }
    // Drive loss: the units the layout loses data by, Binomial(units, x), from one uniform.
    const std::uint64_t loss_stream = stream_of(prefix + "lost");
    for (Eigen::Index k = 0; k < n; ++k) {
      if (!(units.x[k] > 0) || !(units.n[k] > 0) || skip[static_cast<std::size_t>(k)]) continue;
      const double u = uniform01(spec_.seed, loss_stream, first_ + static_cast<std::uint64_t>(k));
      const double lost = table(c.lost, units.n[k], units.x[k]).quantile(u);
      ev.lost_share[k] = lost / units.n[k];
      if (lost > 0) lost_[r][k] = 1;
    }
    return ev;
  }

  const num::Array& held(std::size_t r) const { return held_[r]; }
  const num::Array& lost(std::size_t r) const { return lost_[r]; }

 private:
  // Per route: the last Binomial tabulated for holds and for losses (n and q change only when a
  // distribution moves them), and the streams of the held trips' hold draws.
  struct Cache {
    std::optional<Binomial> held, lost;
    std::vector<std::uint64_t> hold;
    std::optional<std::pair<double, double>> moments;  // the hold's mean and variance
  };
  // The mean and variance of a distribution from its quantile function: the midpoint rule on
  // 2^16 points of (0, 1).
  static std::pair<double, double> moments(const Truncated& d) {
    constexpr int kPoints = 1 << 16;
    double mean = 0, square = 0;
    for (int j = 0; j < kPoints; ++j) {
      const double x = d.quantile((j + 0.5) / kPoints);
      mean += x;
      square += x * x;
    }
    mean /= kPoints;
    return {mean, std::max(0.0, square / kPoints - mean * mean)};
  }
  static const Binomial& table(std::optional<Binomial>& t, double n, double q) {
    if (!t || t->n() != n || t->q() != q) t.emplace(n, q);
    return *t;
  }
  const UncertaintySpec& spec_;
  std::uint64_t first_;
  // ship() is const for plan_model; what it records and caches belongs to this chunk alone.
  mutable std::vector<num::Array> held_, lost_;
  mutable std::vector<Cache> cache_;
};

Quantiles summarise(const std::vector<double>& values) {
  Quantiles q{kNaN, kNaN, kNaN, kNaN};
  if (values.empty()) return q;
  // Summed in sample order (the same sum on any threads), as deviations from the first value so
  // that values all alike have exactly that value as their mean.
  double sum = 0;
  for (const double x : values) sum += x - values.front();
  q.mean = values.front() + sum / static_cast<double>(values.size());
  // The order statistics each quantile needs, by selection rather than a full sort: the same
  // numbers as quantile_sorted on the sorted values.
  std::vector<double> v = values;
  auto at = [&](double p) {
    const double h = static_cast<double>(v.size() - 1) * p;
    const auto j = static_cast<std::size_t>(std::floor(h));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(j), v.end());
    if (j + 1 >= v.size()) return v[j];
    const double next = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(j) + 1, v.end());
    return v[j] + (h - static_cast<double>(j)) * (next - v[j]);
  };
  q.p10 = at(0.1);
  q.p50 = at(0.5);
  q.p90 = at(0.9);
  return q;
}

// The type-7 quantile p of `n` values: the smallest of them in order in `sorted`, the others
// (n - sorted.size() of them) +infinity, which a quantile reaching them is.
double quantile_of(const std::vector<double>& sorted, std::size_t n, double p) {
  if (n == 0) return kNaN;
  const double h = static_cast<double>(n - 1) * p;
  const auto j = static_cast<std::size_t>(std::floor(h));
  const double inf = std::numeric_limits<double>::infinity();
  if (j >= sorted.size()) return inf;
  if (j + 1 >= n || h == static_cast<double>(j)) return sorted[j];
  if (j + 1 >= sorted.size()) return inf;
  return sorted[j] + (h - static_cast<double>(j)) * (sorted[j + 1] - sorted[j]);
}

// summarise() over the values and `never` more samples at +infinity: the mean is infinite when
// any is, and a quantile is infinite where its order statistics reach them.
Quantiles summarise_with_never(const std::vector<double>& values, std::uint64_t never) {
  if (never == 0) return summarise(values);
  std::vector<double> v = values;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size() + static_cast<std::size_t>(never);
  return {std::numeric_limits<double>::infinity(), quantile_of(v, n, 0.1), quantile_of(v, n, 0.5),
          quantile_of(v, n, 0.9)};
}

}  // namespace

bool draws_holds(const ShipParams<double>& s, const RouteEvents* route) {
  return s.hold_probability > 0 && (s.hold_s > 0 || (route && route->hold));
}

bool draws_losses(const ShipParams<double>& s) {
  return s.drive_loss > 0;
}

double quantile_sorted(const std::vector<double>& sorted, double p) {
  return quantile_of(sorted, sorted.size(), p);
}

bool has_uncertainty(const Inputs<double>& in, const UncertaintySpec& spec) {
  if (!spec.keys.empty()) return true;
  for (std::size_t r = 0; r < in.routes.size(); ++r) {
    const RouteParams<double>& route = in.routes[r];
    if (route.kind != RouteKind::ship && route.kind != RouteKind::hybrid) continue;
    if (route.kind == RouteKind::hybrid && route.split >= 1) continue;  // its drives carry nothing
    const ShipParams<double>& ship = ship_of(in, route);
    if (draws_holds(ship, r < spec.routes.size() ? &spec.routes[r] : nullptr) ||
        draws_losses(ship))
      return true;
  }
  return false;
}

Spread monte_carlo(const Inputs<double>& point, const UncertaintySpec& spec, int threads,
                   bool keep_samples) {
  // A hybrid's split = "auto" is chosen once, at the point values, as a plan is made before its
  // outcomes are known; every sample keeps it.
  Inputs<double> base = point;
  const Plan<double> planned = plan_model(point);
  for (std::size_t r = 0; r < base.routes.size(); ++r)
    if (base.routes[r].kind == RouteKind::hybrid && base.routes[r].split < 0)
      base.routes[r].split = planned.routes[r].hybrid.split;
  const Flat flat = flatten(base);

  const std::uint64_t n = spec.samples;
  const std::size_t routes = base.routes.size();
  std::vector<double> arrival(n * routes), to_model(n * routes), cost(n * routes);
  std::vector<std::uint8_t> held(n * routes), lost(n * routes);
  std::vector<int> win_time(n), win_cost(n);

  const std::uint64_t chunks = (n + kChunk - 1) / kChunk;
  std::atomic<std::uint64_t> next{0};
  auto work = [&] {
    Inputs<num::Array> in;
    in.routes.resize(routes);
    for (std::size_t r = 0; r < routes; ++r) {
      in.routes[r].kind = base.routes[r].kind;
      in.routes[r].own = base.routes[r].own;
    }
    std::vector<num::Array*> cols(flat.size());
    for_each_field(in, [&](std::size_t i, num::Array& c) { cols[i] = &c; });
    for (std::uint64_t c; (c = next.fetch_add(1)) < chunks;) {
      const std::uint64_t first = c * kChunk;
      const auto m = static_cast<Eigen::Index>(std::min<std::uint64_t>(kChunk, n - first));
      for (std::size_t i = 0; i < flat.size(); ++i) *cols[i] = num::Array::Constant(m, flat[i]);
      for (const UncertainKey& key : spec.keys) {
        num::Array draws = key.dist.quantile(uniform01_column(spec.seed, key.stream, first, m));
        if (key.whole) draws = draws.round();
        for (const int slot : key.slots) *cols[static_cast<std::size_t>(slot)] = draws;
      }
      const ChunkEvents events(spec, first, m, routes);
      const Plan<num::Array> p = plan_model(in, {}, &events);
      for (std::size_t r = 0; r < routes; ++r) {
        const RoutePlan<num::Array>& rp = p.routes[r].plan;
        for (Eigen::Index k = 0; k < m; ++k) {
          const std::size_t at = r * n + first + static_cast<std::uint64_t>(k);
          arrival[at] = rp.arrival_s[k];
          to_model[at] = rp.time_to_model_s[k];
          cost[at] = rp.total_cost_usd[k];
          held[at] = events.held(r)[k] > 0;
          lost[at] = events.lost(r)[k] > 0;
        }
      }
      // The winners among the routes that delivered (a finite time; a failure is infinite, an
      // impossible sample NaN): the soonest, and the cheapest; ties to the route listed first.
      for (Eigen::Index k = 0; k < m; ++k) {
        const std::size_t i = first + static_cast<std::uint64_t>(k);
        int wt = -1, wc = -1;
        for (std::size_t r = 0; r < routes; ++r) {
          const RoutePlan<num::Array>& rp = p.routes[r].plan;
          if (!std::isfinite(rp.time_to_model_s[k])) continue;
          if (wt < 0 || rp.time_to_model_s[k] < p.routes[std::size_t(wt)].plan.time_to_model_s[k])
            wt = int(r);
          if (wc < 0 || rp.total_cost_usd[k] < p.routes[std::size_t(wc)].plan.total_cost_usd[k])
            wc = int(r);
        }
        win_time[i] = wt;
        win_cost[i] = wc;
      }
    }
  };
  const auto workers = static_cast<std::uint64_t>(std::max(1, threads));
  std::vector<std::thread> pool;
  for (std::uint64_t t = 1; t < std::min(workers, chunks); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();

  Spread out;
  out.samples = n;
  out.seed = spec.seed;
  out.routes.resize(routes);
  out.p_win_time.assign(routes, 0.0);
  out.p_win_cost.assign(routes, 0.0);
  const double total = static_cast<double>(n);
  for (std::size_t r = 0; r < routes; ++r) {
    std::vector<double> a, t, c;
    std::uint64_t failed = 0, impossible = 0, held_any = 0, lost_any = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::size_t at = r * n + i;
      held_any += held[at];
      lost_any += lost[at];
      if (std::isnan(to_model[at])) {
        ++impossible;
        continue;
      }
      if (!std::isfinite(to_model[at])) {
        ++failed;
        continue;
      }
      a.push_back(arrival[at]);
      t.push_back(to_model[at]);
      c.push_back(cost[at]);
    }
    RouteSpread& s = out.routes[r];
    s.arrival_s = summarise(a);
    s.time_to_model_s = summarise(t);
    s.total_cost_usd = summarise(c);
    s.time_to_model_all_s = summarise_with_never(t, failed + impossible);
    s.total_cost_all_usd = summarise_with_never(c, failed + impossible);
    s.p_fail = static_cast<double>(failed) / total;
    s.p_impossible = static_cast<double>(impossible) / total;
    s.p_held = static_cast<double>(held_any) / total;
    s.p_loss = static_cast<double>(lost_any) / total;
    if (keep_samples) {
      std::sort(t.begin(), t.end());
      s.time_to_model_sorted = std::move(t);
    }
  }
  std::uint64_t none = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    if (win_time[i] >= 0) out.p_win_time[static_cast<std::size_t>(win_time[i])] += 1;
    if (win_cost[i] >= 0) out.p_win_cost[static_cast<std::size_t>(win_cost[i])] += 1;
    none += win_time[i] < 0;  // win_cost is -1 in the same samples
  }
  for (std::size_t r = 0; r < routes; ++r) {
    out.p_win_time[r] /= total;
    out.p_win_cost[r] /= total;
  }
  out.p_no_winner = static_cast<double>(none) / total;
  return out;
}

}  // namespace haul
