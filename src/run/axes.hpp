// Reading a table of axes: a sweep's [sweep] and the optimiser's [choose] (run/sweep_spec.cpp).
#pragma once

#include <string>
#include <vector>

#include "../input/toml_util.hpp"
#include "../run/sweep.hpp"

namespace haul::sweep_detail {

// The axes of a table of them ([sweep], or the optimiser's [choose]), in the order written: each
// key a list or a range, checked as it is read (input/limits.hpp), named "NAME.KEY" in messages.
// Without `row_checks`, a range's ends are read without the cross-field checks.
std::vector<SweepAxis> read_axes(const toml::table& table, const std::string& name,
                                 const std::string& source, const Catalog& catalog,
                                 const std::vector<Assignment>& base, bool row_checks = true);

}  // namespace haul::sweep_detail
