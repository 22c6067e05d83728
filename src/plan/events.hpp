// Events under uncertainty (MODEL.md v2 section 11, plan/uncertainty.cpp): each sample of a chunk
// draws what happens to a ship route's trips and drives (or a hybrid's drives), and route_model
// (plan.hpp) adds what they cost. A point plan draws nothing.
#pragma once

#include <limits>

#include "../model/hybrid.hpp"
#include "../model/network.hpp"
#include "../model/num.hpp"
#include "../model/ship.hpp"

namespace haul {

// One chunk's draws for a ship leg: how long its trips were held at customs in all (a held trip
// delays every later one, so the holds add up; NaN where the sample's drawn inputs are impossible,
// e.g. a bag lighter than a drive), and the share of its data lost beyond what the layout
// rebuilds.
struct ShipEvents {
  num::Array held_s;
  num::Array lost_share;  // 0 .. 1
};
class EventSource {
 public:
  virtual ~EventSource() = default;
  // The events of route `route`'s ship leg, given its parameters and its planned trips and loss
  // units for the chunk's samples.
  virtual ShipEvents ship(std::size_t route, const ShipParams<num::Array>& s,
                          const ShipResult<num::Array>& planned) const = 0;
};

// What the events add to a ship leg: the holds, then the lost data as ship.on_loss says: sent over
// `link` once the drives are in (over_link), or written to new drives and carried in one more trip
// (its own copy, verify, transit and ingest; drives auto), or the plan fails (recovery and cost
// infinite: it never delivers).
struct EventCost {
  num::Array held_s, recover_s, cost_usd;
  num::Array over_link;  // 1 where the recovery goes over the link
};
inline EventCost event_cost(const NetworkParams<num::Array>& link,
                            const DataParams<num::Array>& leg, const ShipParams<num::Array>& s,
                            const ShipEvents& ev) {
  using A = num::Array;
  const A zero = A::Zero(ev.held_s.size());
  EventCost c{ev.held_s, zero, zero, zero};
  if (!(ev.lost_share > 0.0).any()) return c;
  const DataParams<A> lost = share_of(leg, ev.lost_share);
  const auto any_lost = num::gt(ev.lost_share, 0.0);
  const NetworkResult<A> resend = network_model(lost, link);
  ShipParams<A> again = s;
  again.drives = zero;  // auto: the fewest drives for the lost data
  const ShipResult<A> retrip = ship_model(lost, again);
  const auto by_network = num::eq(s.on_loss, double(static_cast<int>(OnLoss::network)));
  const auto by_retrip = num::eq(s.on_loss, double(static_cast<int>(OnLoss::retrip)));
  const A never = A::Constant(zero.size(), num::inf);
  c.recover_s = num::select(
      any_lost,
      num::select(by_network, resend.time_s, num::select(by_retrip, retrip.time_s, never)), zero);
  c.cost_usd = num::select(
      any_lost,
      num::select(by_network, resend.cost_usd, num::select(by_retrip, retrip.cost_usd, never)),
      zero);
  c.over_link = num::select(num::both(any_lost, by_network), A::Ones(zero.size()), zero);
  return c;
}

// `value` where `held` is a number, NaN where it is NaN (the sample's inputs are impossible): max
// and min would drop the NaN.
inline num::Array nan_where(const num::Array& held, const num::Array& value) {
  return held.isNaN().select(std::numeric_limits<double>::quiet_NaN(), value);
}

}  // namespace haul
