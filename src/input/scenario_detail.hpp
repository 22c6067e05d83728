// Internal to building a scenario (scenario.cpp) and its routes (routes.cpp): the steps they share.
// Not part of haul_core's interface.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "../input/error.hpp"
#include "../input/scenario.hpp"

namespace haul {

// Makes the error for a key that fails a check: the key's place, the key, what is wrong.
using Fail = std::function<InputError(const std::string& key, const std::string& what)>;

// The scenario's sections ([data] [network] [ship] [appliance] [compute] [plan]) from assignments
// without route keys: defaults, presets, the assignments, the checks.
// [appliance] is checked against the data only with `check_appliance` (some route is one), and
// none of the cross-field checks (check_inputs) run without `row_checks`.
Scenario build_sections(const std::vector<Assignment>& assignments, const Catalog& catalog,
                        bool check_appliance, bool row_checks = true);
// The cross-field checks on the sections' inputs (input/checks.hpp), worded for people.
void check_inputs(const Scenario& s, const Fail& fail, bool check_appliance = true);
// Builds s.routes and s.in.routes from [route.NAME] keys ("route.NAME.KEY") and [plan] routes.
// Without `row_checks`, the routes' cross-field checks do not run.
void build_routes(Scenario& s, const std::vector<Assignment>& route_keys, const Catalog& catalog,
                  bool row_checks = true);

// A preset's figures into the scenario's section; whether keys changed them since.
void apply_drive_preset(Scenario& s, const Catalog& catalog);
void apply_appliance_preset(Scenario& s, const Catalog& catalog);
bool drive_changed(const Scenario& s, const Catalog& catalog);
bool appliance_changed(const Scenario& s, const Catalog& catalog);

}  // namespace haul
