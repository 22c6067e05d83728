// Internal to the sweep: the prepared grid (Sweep::Impl) that sweep.cpp builds and evaluates and
// sweep_format.cpp lays out, and the few helpers that reading a sweep file (sweep_spec.cpp) shares
// with them. Not part of haul_core's interface.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../input/fields.hpp"
#include "../run/columns.hpp"
#include "../run/sweep.hpp"

namespace haul {

namespace sweep_detail {

// The scenario with `extra` applied last.
inline Scenario build_with(std::vector<Assignment> base, const std::vector<Assignment>& extra,
                           const Catalog& catalog, bool row_checks = true) {
  base.insert(base.end(), extra.begin(), extra.end());
  return build_scenario(base, catalog, row_checks);
}

inline std::string shown_plain(const Value& v) {
  return v.kind == Value::Kind::string ? v.text : v.shown();
}

// Names a grid row by its axis values: row 12 of the sweep (data.size = "1 TB", ...), or of the
// choices. value_index(a) is the index of axis a's value in that row.
template <class ValueIndex>
inline std::string row_name(std::uint64_t row, const std::vector<SweepAxis>& axes,
                            ValueIndex value_index, const std::string& table = "sweep") {
  std::string s = "row " + std::to_string(row + 1) + " of the " +
                  (table == "sweep" ? std::string("sweep") : "choices") + " (";
  for (std::size_t a = 0; a < axes.size(); ++a)
    s += (a ? ", " : "") + axes[a].key + " = " + axes[a].values[value_index(a)].shown();
  return s + ")";
}

struct AxisGrid {
  std::string key;
  std::uint64_t length = 0, stride = 1;
  std::vector<std::string> human, raw;                     // per value
  std::vector<std::string> csv;                            // raw, quoted for CSV once
  std::vector<std::vector<std::pair<int, double>>> diffs;  // per value: slot -> value
  std::vector<Value> values;
};

struct Column {
  enum class Kind { axis, input, constant, result } kind;
  std::string raw_header, human_header;
  int axis = -1, slot = -1;
  int route = -1;       // the route a result column reads
  Leg leg = Leg::none;  // or a hybrid route's leg
  Show show = Show::number;
  const char* const* names = nullptr;
  std::string constant_human, constant_raw;
  const ResultColumn* result = nullptr;
  bool quoted = false;  // JSON writes its raw cells as strings (words, not numbers)
  bool words = false;   // some raw cells are words among numbers ("auto"): JSON quotes those
  std::optional<double> auto_value;  // an input's number for "auto" (a split's -1): shown "auto"
};

// Samples a streamed chunk draws at most: rows that draw are few and slow, so they go to the
// workers a few at a time (10^4 samples: 6 rows a chunk) rather than 4096 to one worker.
inline constexpr std::uint64_t kChunkSamples = 65536;

// One evaluated chunk: per column its numbers (inputs and results), and margins for winners.
struct Chunk {
  std::uint64_t first = 0;
  Eigen::Index rows = 0;
  std::vector<num::Array> values, margins;
};

}  // namespace sweep_detail

struct Sweep::Impl {
  using AxisGrid = sweep_detail::AxisGrid;
  using Column = sweep_detail::Column;
  using Chunk = sweep_detail::Chunk;

  const Catalog* catalog;
  SweepSpec spec;
  std::vector<Assignment> base;  // spec.base with every axis at its first value
  Scenario first;
  Flat flat{};
  std::vector<AxisGrid> axes;
  std::vector<Column> columns;
  PlanParts parts{0, false, false};
  std::vector<const char*> route_names;  // the routes compared: winner.* shows these
  std::uint64_t points = 1;
  std::vector<int> swept_slots;  // inputs that some axis changes
  bool checks_needed = false;
  // [appliance] is checked against the data only when some route is an appliance (as
  // build_scenario does).
  bool appliance_checked = false;
  // Some column reads the rows' Monte Carlo spreads (uncertainty.*): each row draws
  // first.uncertainty's samples around its own inputs, with the same seed in every row (common
  // random numbers: neighbouring rows differ by their inputs, not by their noise).
  bool spread = false;

  std::uint64_t index(std::size_t a, std::uint64_t row) const {
    return (row / axes[a].stride) % axes[a].length;
  }

  // ---- sweep.cpp: the grid's rows as model inputs, evaluated a chunk at a time

  // A worker's columns, kept from chunk to chunk: the constant columns are filled once, and only
  // the swept ones are rewritten for each chunk.
  struct Workspace {
    Inputs<num::Array> in;
    Eigen::Index rows = -1;
  };

  void fill(Workspace& w, std::uint64_t first_row, Eigen::Index n) const;
  Inputs<double> row_of(const Inputs<num::Array>& in, Eigen::Index k) const;
  // The assignments of one grid row, to rebuild it as a scenario (for error messages).
  std::vector<Assignment> assignments_of(std::uint64_t row) const;
  std::string describe(std::uint64_t row) const;
  // `spread_threads`: the threads each row's Monte Carlo runs on (1 where the rows are already
  // spread over workers); the spread is the same on any number.
  Chunk evaluate(Workspace& w, std::uint64_t first_row, Eigen::Index n,
                 int spread_threads = 1) const;
  // Throws InputError naming the row when column c of the chunk holds an overflow (or NaN where
  // an unknown value cannot be).
  void check_finite(const Chunk& chunk, std::size_t c, std::uint64_t first_row) const;
  // Rows a streamed chunk holds: options.chunk_rows, fewer when the rows draw samples.
  std::size_t chunk_rows(const SweepOptions& options) const;
  // Refuses Monte Carlo work over kSamplePlansWithoutYes without options.yes.
  void check_work(const SweepOptions& options) const;

  // ---- sweep_format.cpp: cells and rows in each format

  std::string raw_cell(const Chunk& chunk, std::size_t c, Eigen::Index k) const;
  std::string human_cell(const Chunk& chunk, std::size_t c, Eigen::Index k,
                         units::ByteStyle bytes) const;
  // The header of a streaming format (CSV, Markdown; JSON Lines has none).
  std::string stream_header(Format format) const;
  // Writes rows of a chunk in a streaming format.
  void format_rows(const Chunk& chunk, Format format, units::ByteStyle bytes,
                   std::string& out) const;
  // The whole-table layouts (the terminal table; a pivot in any format): rows [begin, end)
  // evaluated in chunks and laid out at the end.
  void write_table(const SweepOptions& options, std::uint64_t begin, std::uint64_t end,
                   const std::function<void(std::string_view)>& write) const;
  static bool is_number(const std::string& s);
};

}  // namespace haul
