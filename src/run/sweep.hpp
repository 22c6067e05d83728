// Sweeps (MODEL.md section 7): a scenario plus [sweep] axes (lists or ranges on any scenario key)
// and [output] columns and an optional pivot. The grid is the Cartesian product of the axes, rows
// in row-major order of the axes as written (the last axis varies fastest). Rows are evaluated in
// chunks of Eigen columns by the same templated formulas as `compare`, on every core, and streamed
// out in order, so memory stays flat whatever the grid's size.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../input/catalog.hpp"
#include "../input/scenario.hpp"
#include "../input/units.hpp"
#include "../output/report.hpp"

namespace haul {

struct SweepAxis {
  std::string key;    // "network.bandwidth"
  std::string where;  // "sweep.toml:12:1"
  std::vector<Value> values;
  bool generated = false;  // from a range: values are in base units
};

struct Pivot {
  std::string rows, columns, value;
  std::string where;
};

struct SweepSpec {
  std::vector<Assignment> base;       // the scenario: file, then --set and flags
  std::string base_label;             // what it starts from, for the first line ("sweep.toml")
  std::vector<Assignment> overrides;  // the command line's keys among `base`, for that line
  bool modified = false;  // the overrides changed the scenario: its name reads "(modified)"
  std::vector<SweepAxis> axes;
  // The table the axes come from, for messages ("sweep.KEY", "row 3 of the sweep"): the
  // optimiser's axes are its [choose] (run/optimize.hpp).
  std::string table = "sweep";
  // false for the optimiser's choices: rows that the models cannot use are candidates it leaves
  // out, so the axes' values are built without the cross-field checks (build_scenario's
  // row_checks) and no row is refused for them.
  bool row_checks = true;
  std::vector<std::string> columns;  // empty: the axes and a default set of results
  std::string columns_where;
  std::optional<Pivot> pivot;
};

// Reads a sweep file: the scenario's keys plus [sweep] and [output]. Axes and ranges are checked
// here (unknown key, empty list, steps < 2, log range through zero, mixed units), and so are the
// limits on values an axis and points a grid (input/limits.hpp), before any value is copied or made
// (a range's values: run/range.hpp).
// `overrides` (--set, flags) apply to the scenario after the file's keys.
SweepSpec read_sweep_text(std::string_view text, const std::string& source, const Catalog& catalog,
                          const std::vector<Assignment>& overrides = {});
SweepSpec read_sweep_file(const std::string& path, const Catalog& catalog,
                          const std::vector<Assignment>& overrides = {});

struct SweepOptions {
  Format format = Format::csv;  // json means JSON Lines (one object a row) unless pivoted
  units::ByteStyle bytes = units::ByteStyle::si;
  std::uint64_t shard = 0, shards = 1;  // 0-based shard index of `shards`
  unsigned threads = 0;                 // 0: every core
  std::size_t chunk_rows = 4096;
  // The caller's --yes: lifts the limit on Monte Carlo work (uncertainty.* columns: rows x
  // [uncertainty] samples sample plans).
  bool yes = false;
};

class Sweep {
 public:
  struct Impl;  // run/sweep_impl.hpp: the prepared grid, for the engine's own files
  // Prepares the grid and the columns; throws InputError naming the key.
  Sweep(const SweepSpec& spec, const Catalog& catalog);
  ~Sweep();
  Sweep(const Sweep&) = delete;
  Sweep& operator=(const Sweep&) = delete;

  std::uint64_t points() const;  // the whole grid
  std::size_t axes() const;
  std::size_t columns() const;
  // Columns solved per row (breakeven.*): each costs a row about limits::kBreakevenRowCost rows.
  std::size_t breakeven_columns() const;
  // The samples a row draws for its uncertainty.* columns ([uncertainty] samples), 0 without such
  // columns: each costs a row about one plain row.
  std::uint64_t row_samples() const;
  // First and one-past-last row of a shard.
  std::pair<std::uint64_t, std::uint64_t> shard_rows(std::uint64_t shard,
                                                     std::uint64_t shards) const;

  // Checks every row of the shard for combinations the models cannot use (too few drives for a
  // size, a window below one segment, ...) before anything is written; throws InputError naming
  // the row and the key. Refuses first, without options.yes, a grid whose rows draw more than
  // limits::kSamplePlansWithoutYes Monte Carlo sample plans in all (naming [uncertainty] samples).
  void check_rows(const SweepOptions& options) const;

  // Evaluates the shard and passes the output, in order and in pieces, to `write`. `progress`
  // (may be empty) hears (rows done, rows in the shard) now and then.
  void run(const SweepOptions& options, const std::function<void(std::string_view)>& write,
           const std::function<void(std::uint64_t, std::uint64_t)>& progress = {}) const;

  // The prepared grid (the optimiser evaluates its candidates on it).
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace haul
