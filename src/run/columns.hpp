// The columns a sweep can show: every result path of MODEL.md section 6 (network.time_s,
// winner.time, breakeven.size_bytes, ...) with how to read it from a batch of plans and how to show
// it to people. Scenario keys are columns too; sweep.cpp handles those.
#pragma once

#include <string>
#include <vector>

#include "input/units.hpp"
#include "plan/plan.hpp"

namespace haul {

// How a value is shown to people.
enum class Show {
  duration,
  rate,
  throughput,
  money,
  size,
  count,
  number,
  fraction,
  flop,
  flop_rate,
  mass,
  price_per_byte,
  price_per_second,
  code
};

struct ResultColumn {
  std::string name;  // the path, e.g. "network.time_s"
  unsigned parts;    // the Parts of the plan it needs
  Show show;
  const char* const* names = nullptr;  // Show::code: the word for each code
  num::Array (*get)(const Plan<num::Array>&) = nullptr;
  // winner.*: the margin, shown beside the winner ("ship by 3.2 d")
  num::Array (*margin)(const Plan<num::Array>&) = nullptr;
  Show margin_show = Show::number;
  bool breakeven = false;  // solved per row (breakeven.*), not read from the plan
  // NaN means "not known for this row" (compute.flops_6n without params and tokens, min_gpus when
  // the activations alone overflow a GPU, ...): an empty cell, not an overflow. Infinity still is.
  bool unknown_ok = false;
};

const std::vector<ResultColumn>& result_columns();
const ResultColumn* find_result(const std::string& name);

// One value for people: "7.41 d", "950 Mbps", "$1.2M", ...
std::string show_human(Show show, double value, units::ByteStyle bytes,
                       const char* const* names = nullptr);

}  // namespace haul
