// The counter-based generator: Random123's known answers for Philox4x32-10, the FNV-1a test
// vectors for stream names, the bit-exact determinism a run relies on (any order, any chunking),
// and the uniformity of 10^5 draws within 3 standard errors.
#include "model/random.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

using haul::fill_uniform01;
using haul::stream_of;
using haul::uniform01;
using haul::uniform01_column;
using haul::num::Array;

namespace {

std::uint64_t bits(double x) {
  return std::bit_cast<std::uint64_t>(x);
}

// Pearson's correlation of two columns.
double correlation(const Array& a, const Array& b) {
  const Array da = a - a.mean(), db = b - b.mean();
  return (da * db).sum() / std::sqrt(da.square().sum() * db.square().sum());
}

}  // namespace

TEST_CASE("Philox4x32-10 gives Random123's known answers") {
  // Random123 1.14, tests/kat_vectors: "philox4x32 10" counter, key, expected output.
  using haul::philox4x32_10;
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        haul::Philox4x32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        haul::Philox4x32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        haul::Philox4x32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
  // It is constexpr: the first vector, at compile time.
  static_assert(philox4x32_10({0, 0, 0, 0}, {0, 0})[0] == 0x6627e8d5);
}

TEST_CASE("uniform01 is Philox's first two words as 52 bits, never 0 or 1") {
  // Counter (index, stream) and key seed, all zero: x = 0xe169c58d6627e8d5 from the first known
  // answer, k = x >> 12 = 0xe169c58d6627e, u = (k + 1/2) / 2^52.
  CHECK(uniform01(0, 0, 0) == (static_cast<double>(0xe169c58d6627eULL) + 0.5) * 0x1p-52);
  // The ends of the map: all bits 0 and all bits 1.
  CHECK(haul::unit_open(0) == 0x1p-53);
  CHECK(haul::unit_open(~std::uint64_t{0}) == 1 - 0x1p-53);
  CHECK(haul::unit_open(~std::uint64_t{0}) < 1.0);
  // Symmetric about 1/2, exactly: 1 - u is the u of the complement bits.
  for (std::uint64_t x : {std::uint64_t{12345} << 12, std::uint64_t{0xdeadbeef} << 20})
    CHECK(1.0 - haul::unit_open(x) == haul::unit_open(~x));
}

TEST_CASE("the same seed, stream and index give the same bits in any order or chunking") {
  const std::uint64_t seed = 42, stream = stream_of("ship.transit");
  CHECK(bits(uniform01(seed, stream, 17)) == bits(uniform01(seed, stream, 17)));
  // One column of 1000 against one at a time, backwards.
  const Array whole = uniform01_column(seed, stream, 5000, 1000);
  for (Eigen::Index i = 999; i >= 0; --i)
    CHECK(bits(whole[i]) == bits(uniform01(seed, stream, 5000 + static_cast<std::uint64_t>(i))));
  // Chunks of 7 (the last one short) filled in place, in reverse order of chunks.
  Array chunked(1000);
  for (Eigen::Index first = 994; first >= 0; first -= 7) {
    const Eigen::Index n = std::min<Eigen::Index>(7, 1000 - first);
    fill_uniform01(seed, stream, 5000 + static_cast<std::uint64_t>(first),
                   chunked.segment(first, n));
  }
  CHECK((chunked == whole).all());
  // Indices past 2^32 use the counter's high word.
  CHECK(uniform01(seed, stream, std::uint64_t{1} << 32) != uniform01(seed, stream, 0));
}

TEST_CASE("different seeds, streams and indices give different numbers") {
  const std::uint64_t s = stream_of("network.loss");
  const Array a = uniform01_column(1, s, 0, 1000);
  const Array by_seed = uniform01_column(2, s, 0, 1000);
  const Array by_stream = uniform01_column(1, s + 1, 0, 1000);
  const Array by_index = uniform01_column(1, s, 1000, 1000);
  // Two of 2^52 values agree by chance with probability 1000 / 2^52 in a column.
  CHECK((a != by_seed).all());
  CHECK((a != by_stream).all());
  CHECK((a != by_index).all());
  // A seed above 2^32 uses the key's high word.
  CHECK((a != uniform01_column(1 + (std::uint64_t{1} << 32), s, 0, 1000)).all());
}

TEST_CASE("stream names hash by FNV-1a") {
  // FNV-1a 64-bit test vectors (Fowler, Noll, Vo): "" -> cbf29ce484222325, "a" ->
  // af63dc4c8601ec8c, "foobar" -> 85944171f73967e8.
  static_assert(stream_of("") == 0xcbf29ce484222325);
  CHECK(stream_of("a") == 0xaf63dc4c8601ec8c);
  CHECK(stream_of("foobar") == 0x85944171f73967e8);
  CHECK(stream_of("foobar", 3) == 0x85944171f73967e8 + 3);
  CHECK(stream_of("ship.transit") != stream_of("ship.hold"));
}

TEST_CASE("10^5 uniforms: quantiles, mean and correlations within 3 standard errors") {
  const int n = 100000;
  const std::uint64_t s = stream_of("ship.transit");
  const Array u = uniform01_column(1, s, 0, n);
  CHECK(u.minCoeff() > 0.0);
  CHECK(u.maxCoeff() < 1.0);
  // The sample p-quantile of a uniform has standard error sqrt(p (1 - p) / n); the mean
  // sqrt(1 / 12 / n).
  std::vector<double> v(u.begin(), u.end());
  for (double p : {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999}) {
    auto k = v.begin() + static_cast<std::ptrdiff_t>(p * n);
    std::nth_element(v.begin(), k, v.end());
    CAPTURE(p);
    CHECK(std::fabs(*k - p) < 3 * std::sqrt(p * (1 - p) / n));
  }
  CHECK(std::fabs(u.mean() - 0.5) < 3 * std::sqrt(1.0 / 12 / n));
  // Independent columns have correlation about 0 with standard error 1 / sqrt(n): neighbouring
  // indices, neighbouring streams, neighbouring seeds.
  const double se = 1 / std::sqrt(static_cast<double>(n));
  CHECK(std::fabs(correlation(u.head(n - 1), u.tail(n - 1))) < 3 * se);
  CHECK(std::fabs(correlation(u, uniform01_column(1, s + 1, 0, n))) < 3 * se);
  CHECK(std::fabs(correlation(u, uniform01_column(2, s, 0, n))) < 3 * se);
}
