// Ready-made tables (`haul table transfer|winner`): sweeps over data size and bandwidth with a
// pivot, built on the sweep engine.
#pragma once

#include <string>
#include <vector>

#include "../run/sweep.hpp"

namespace haul {

// The sweep of a ready-made table: `kind` is "transfer" (network time by size and bandwidth) or
// "winner" (which route delivers the trained model first). The scenario is `base` with
// `overrides` on top; a transfer table on the defaults runs on an ideal link (no round trips, no
// loss, line rate as payload, one file), and the drive count follows the size. An override of a
// key that the table sets itself (its axes, ship.drives) is an error naming the flag and the axis.
SweepSpec table_spec(const std::string& kind, const Base& base,
                     const std::vector<Assignment>& overrides, bool iec, const Catalog& catalog);

// What `base` means for a table: "defaults with an ideal link" for a transfer table on the
// defaults, else the base's own label.
std::string table_base_label(const std::string& kind, const Base& base);

}  // namespace haul
