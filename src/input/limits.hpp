// The limits on what input can make haul do. Every count that sizes work or memory (input bytes,
// values on an axis, grid points, threads, drives) is checked against one of these before anything
// proportional to it is allocated or run; going over one is bad input: one line naming the key or
// flag and the limit, exit status 2. The README's "Bad input" section lists them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace haul::limits {

// Bytes of an input file (scenario, sweep, catalog, iperf3 result), checked before reading and
// again while reading. The TOML files are a few KB. iperf3 --json writes about 335 bytes per stream
// per interval (benchmarks/realnet/results: 210,612 bytes for -P 8 over 68 intervals; the longest
// run there, 600 s at -P 2, is 634 KB), so -P 128 at the default 1 s interval fits for about
// 90 s (-t 60 is about 2.7 MB), longer with -i. Parsed, a text takes up to 62 times its size
// (a 4 MiB JSON list of zeros peaks at 258 MB, a TOML one at 157 MB): within 500 MB.
inline constexpr std::uint64_t kInputFileBytes = std::uint64_t(4) << 20;

// Values on one sweep axis (a list's items or a range's values), checked before they are copied
// or generated. Each value is built as a scenario once: about 5 us and 330 bytes, so 100,000
// values take 0.5 s and 47 MB; a plot needs far fewer.
inline constexpr std::uint64_t kAxisValues = 100000;

// Points of a sweep grid, even with --yes (the product of the axes' lengths, checked as each axis
// is read and before any per-value data is built). A sweep streams about 10^7 points in 1.3 s on
// 2 cores with 100 bytes of CSV a point: 10^9 points are 2-3 minutes and 100 GB; a grid beyond is
// a mistake, and shards do not lift it (the limit counts the whole grid).
inline constexpr std::uint64_t kGridPoints = 1000000000;

// The work a sweep does without --yes, in plain rows (a row of the model's formulas, about 0.8 us
// on one core): 10^6 rows are about a second.
inline constexpr std::uint64_t kRowsWithoutYes = 1000000;
// What one breakeven column (breakeven.bandwidth_bps, breakeven.size_bytes) costs a row, in plain
// rows: each cell is a search over whole scenarios, 8 to 60 us (measured: 10^4 rows of
// breakeven.size_bytes take 0.6 s on one core).
inline constexpr std::uint64_t kBreakevenRowCost = 100;

// Columns of a sweep's [output]: every key and result path once is about 100. Each costs a
// worker a chunk of 4096 rows as numbers and as text, a few held at once: 200 columns take about
// 36 MB a worker (measured: 42 MB with one, 78 MB with two).
inline constexpr std::uint64_t kOutputColumns = 200;

// Cells of a pivot, which is laid out whole in memory (about 200 bytes a cell: a 1000 x 1000 pivot
// peaks at 210 MB); a matrix beyond is not read as a matrix.
inline constexpr std::uint64_t kPivotCells = 1000000;

// Rows of a sweep's terminal table, which is laid out whole to align its columns (CSV, JSON Lines
// and Markdown stream any number).
inline constexpr std::uint64_t kTableRows = 100000;

// --threads: a sweep's workers each hold a chunk's columns and output (about 1.5 MB with the
// default columns: 25 workers peak at 41 MB) and a stack; more workers than cores only add memory.
// 256 covers the largest common servers; the default is one a core, also at most 256.
inline constexpr unsigned kThreads = 256;

// Drives on the ship route (given, or drives = "auto" from data.size and ship.capacity): 10^7
// drives of 24 TB hold 240 EB, past any real job (the sweep tests print 150 EB, 6.25 * 10^6 such
// drives). A tiny capacity ("1 B") would otherwise ask for 8 * 10^13 drives for 80 TB, a count the
// model's ratios are not exact for (they are up to 10^12).
inline constexpr double kDrives = 1e7;
// Named routes ([route.NAME]): compare shows a column each, and a sweep evaluates each one a row.
inline constexpr std::size_t kRoutes = 32;

// Drives in one erasure set (ship.redundancy = "k+m"): with drive_loss > 0 the loss model sums one
// term per data drive of a set for every scenario (every sweep row), about 50 ns each (measured:
// 990+10 adds 51 us a row), so a set of 256 costs a row about 13 us, 16 plain rows. Wide-stripe
// systems reach about 150 drives (146+4).
inline constexpr int kErasureSetDrives = 256;

// Samples of a Monte Carlo run ([uncertainty] samples, --samples; MODEL.md section 11): each
// sample is a row of the batch plan (about 1 us a route), and its results are held until the run
// ends to sort them for quantiles (about 30 bytes a route), so 10^6 samples of a few routes take
// a few seconds and under 200 MB.
inline constexpr double kSamples = 1e6;
// Samples times routes compared: compare keeps each sample's arrival, time to model and cost of
// every route until the end, to sort them (about 30 bytes a route a sample: 10^7 of them take
// about 300 MB).
inline constexpr double kSampleRoutes = 1e7;
// Monte Carlo work in a sweep: a row with uncertainty.* columns draws [uncertainty] samples plans,
// each costing about a plain row (benchmarks/README.md, "Monte Carlo": 0.56 us of CPU). Past 10^8
// sample plans in the whole grid (about a minute on two cores) a sweep needs --yes, as past
// kRowsWithoutYes rows.
inline constexpr std::uint64_t kSamplePlansWithoutYes = 100000000;

}  // namespace haul::limits
