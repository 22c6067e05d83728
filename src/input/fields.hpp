// Every numeric input of the models, listed once, section by section. A sweep treats a scenario's
// inputs as a row of numbers: the base sections' kFieldCount fields, then each route's own fields
// (its kind's sections: network, ship, appliance, or for a hybrid network, ship and its split). It
// builds columns from per-field values and reads a row back out of columns, so the lists must name
// every member; the static_asserts below fail the build when a member is added without it.
#pragma once

#include <cstddef>
#include <vector>

#include "../model/fields.hpp"  // the lists of members, section by section
#include "../plan/plan.hpp"

namespace haul {

#define HAUL_COUNT_FIELD(section, member) +1
inline constexpr std::size_t kDataFields = 0 HAUL_DATA_FIELDS(HAUL_COUNT_FIELD);
inline constexpr std::size_t kNetworkFields = 0 HAUL_NETWORK_FIELDS(HAUL_COUNT_FIELD);
inline constexpr std::size_t kShipFields = 0 HAUL_SHIP_FIELDS(HAUL_COUNT_FIELD);
inline constexpr std::size_t kApplianceFields = 0 HAUL_APPLIANCE_FIELDS(HAUL_COUNT_FIELD);
inline constexpr std::size_t kComputeFields = 0 HAUL_COMPUTE_FIELDS(HAUL_COUNT_FIELD);
inline constexpr std::size_t kFieldCount = 0 HAUL_INPUT_FIELDS(HAUL_COUNT_FIELD);
#undef HAUL_COUNT_FIELD
static_assert(sizeof(DataParams<double>) == kDataFields * sizeof(double));
static_assert(sizeof(NetworkParams<double>) == kNetworkFields * sizeof(double));
static_assert(sizeof(ShipParams<double>) == kShipFields * sizeof(double));
static_assert(sizeof(ApplianceParams<double>) == kApplianceFields * sizeof(double));
static_assert(sizeof(ComputeParams<double>) == kComputeFields * sizeof(double));
// Where each base section starts in the row.
inline constexpr std::size_t kNetworkOffset = kDataFields;
inline constexpr std::size_t kShipOffset = kNetworkOffset + kNetworkFields;
inline constexpr std::size_t kApplianceOffset = kShipOffset + kShipFields;

// The fields a route carries: its kind's sections (a hybrid: network, ship and split); none for
// the network and ship routes, which read their sections.
template <class T>
std::size_t route_fields(const RouteParams<T>& route) {
  if (!route.own) return 0;
  switch (route.kind) {
    case RouteKind::network:
      return kNetworkFields;
    case RouteKind::ship:
      return kShipFields;
    case RouteKind::appliance:
      return kApplianceFields;
    default:
      return kNetworkFields + kShipFields + 1;
  }
}

// Where route r's fields start in the row.
inline std::size_t route_offset(const std::vector<RouteParams<double>>& routes, std::size_t r) {
  std::size_t offset = kFieldCount;
  for (std::size_t j = 0; j < r; ++j) offset += route_fields(routes[j]);
  return offset;
}

// The row's index, among route r's fields, of the base field `base_slot` (network.rtt's slot gives
// a network or hybrid route's rtt); -1 when the route's kind has no such field.
inline int route_slot(const std::vector<RouteParams<double>>& routes, std::size_t r,
                      int base_slot) {
  const auto b = static_cast<std::size_t>(base_slot);
  if (!routes[r].own) {  // the section's own field
    const bool mine = routes[r].kind == RouteKind::network
                          ? b >= kNetworkOffset && b < kNetworkOffset + kNetworkFields
                          : b >= kShipOffset && b < kShipOffset + kShipFields;
    return mine ? base_slot : -1;
  }
  const std::size_t offset = route_offset(routes, r);
  const bool network = b >= kNetworkOffset && b < kNetworkOffset + kNetworkFields;
  const bool ship = b >= kShipOffset && b < kShipOffset + kShipFields;
  const bool appliance = b >= kApplianceOffset && b < kApplianceOffset + kApplianceFields;
  std::size_t slot;
  switch (routes[r].kind) {
    case RouteKind::network:
      if (!network) return -1;
      slot = offset + b - kNetworkOffset;
      break;
    case RouteKind::ship:
      if (!ship) return -1;
      slot = offset + b - kShipOffset;
      break;
    case RouteKind::appliance:
      if (!appliance) return -1;
      slot = offset + b - kApplianceOffset;
      break;
    default:
      if (network) {
        slot = offset + b - kNetworkOffset;
      } else if (ship) {
        slot = offset + kNetworkFields + b - kShipOffset;
      } else {
        return -1;
      }
  }
  return static_cast<int>(slot);
}

// The row's index of route r's split (a hybrid's); -1 for other kinds.
inline int split_slot(const std::vector<RouteParams<double>>& routes, std::size_t r) {
  if (routes[r].kind != RouteKind::hybrid) return -1;
  return static_cast<int>(route_offset(routes, r) + kNetworkFields + kShipFields);
}

// Calls f(i, a.member, b.member) for every field of a route's kind.
template <class A, class B, class F>
void zip_route_fields(A& a, B& b, std::size_t& i, F&& f) {
  if (!a.own) return;
#define HAUL_ZIP_SECTION(section, member) f(i++, a.section.member, b.section.member);
  switch (a.kind) {
    case RouteKind::network:
      HAUL_NETWORK_FIELDS(HAUL_ZIP_SECTION)
      break;
    case RouteKind::ship:
      HAUL_SHIP_FIELDS(HAUL_ZIP_SECTION)
      break;
    case RouteKind::appliance:
      HAUL_APPLIANCE_FIELDS(HAUL_ZIP_SECTION)
      break;
    default:
      HAUL_NETWORK_FIELDS(HAUL_ZIP_SECTION)
      HAUL_SHIP_FIELDS(HAUL_ZIP_SECTION)
      f(i++, a.split, b.split);
  }
#undef HAUL_ZIP_SECTION
}

// Calls f(i, a.member, b.member) for every field: the base sections', then each route's.
template <class A, class B, class F>
void zip_fields(A& a, B& b, F&& f) {
  std::size_t i = 0;
#define HAUL_ZIP_FIELD(section, member) f(i++, a.section.member, b.section.member);
  HAUL_INPUT_FIELDS(HAUL_ZIP_FIELD)
#undef HAUL_ZIP_FIELD
  for (std::size_t r = 0; r < a.routes.size(); ++r)
    zip_route_fields(a.routes[r], b.routes[r], i, f);
}

// Calls f(i, a.member) for every field.
template <class A, class F>
void for_each_field(A& a, F&& f) {
  zip_fields(a, a, [&](std::size_t i, auto& x, auto&) { f(i, x); });
}

// The number of fields of a scenario's row: the base's and its routes'.
template <class T>
std::size_t field_count(const Inputs<T>& in) {
  std::size_t n = kFieldCount;
  for (const auto& r : in.routes) n += route_fields(r);
  return n;
}

// Inputs<double> as the row of numbers that sweeps and comparisons use.
using Flat = std::vector<double>;

inline Flat flatten(Inputs<double> in) {
  Flat flat(field_count(in));
  for_each_field(in, [&](std::size_t i, double& x) { flat[i] = x; });
  return flat;
}

// Inputs of the same shape (its routes' kinds) as `like`, with every field from `flat`.
inline Inputs<double> unflatten(const Inputs<double>& like, const Flat& flat) {
  Inputs<double> in = like;
  for_each_field(in, [&](std::size_t i, double& x) { x = flat[i]; });
  return in;
}

}  // namespace haul
