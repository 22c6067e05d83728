// Counter-based random numbers (STYLE.md: "a counter-based generator keyed by (seed, sample
// index), so a sample's value never depends on threads, chunks or shards").
//
// uniform01(seed, stream, index) is a pure function: sample `index` of stream `stream` under
// `seed` is the same number whichever thread, chunk or shard asks for it and in whatever order.
// There is no state to split or to advance.
//
// Construction: Philox4x32-10 (J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel
// random numbers: as easy as 1, 2, 3", SC'11; the Random123 library), a 10-round bijection of a
// 128-bit counter under a 64-bit key, which its authors report passes TestU01's BigCrush for
// counters in sequence and for many keys at once. Here
//   counter = (index bits 0-31, index 32-63, stream 0-31, stream 32-63)
//   key = (seed bits 0-31, seed 32-63)
// and the first two output words w0, w1 make x = w1 * 2^32 + w0, whose top 52 bits k give
//   u = (k + 1/2) / 2^52,  in [2^-53, 1 - 2^-53].
// Every such u is a double exactly, and so is 1 - u (the set is symmetric about 1/2), so u is
// never 0 or 1 and a quantile function never sees either end; the smallest u puts a normal draw at
// -8.21 sd, the largest at +8.21 sd.
//
// Streams name what is drawn. stream_of(key name) hashes the name, so a key's draws do not change
// when another key gains or loses a distribution; events drawn many times a sample (a hold per
// trip, a loss per drive) use stream_of(name, j) for their j-th draw.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "../model/num.hpp"

namespace haul {

using Philox4x32 = std::array<std::uint32_t, 4>;

// Philox4x32 with 10 rounds, as Random123's philox4x32_R(10, ctr, key); checked against Random123's
// known-answer vectors (kat_vectors) in tests/model/random_test.cpp.
constexpr Philox4x32 philox4x32_10(Philox4x32 ctr, std::array<std::uint32_t, 2> key) {
  constexpr std::uint64_t m0 = 0xD2511F53, m1 = 0xCD9E8D57;  // multipliers
  // The key's increments: the golden ratio and sqrt 3 - 1 as 32-bit fractions.
  constexpr std::uint32_t w0 = 0x9E3779B9, w1 = 0xBB67AE85;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) key[0] += w0, key[1] += w1;
    const std::uint64_t p0 = m0 * ctr[0], p1 = m1 * ctr[2];
    ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<std::uint32_t>(p1),
           static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<std::uint32_t>(p0)};
  }
  return ctr;
}

// 64 random bits to (k + 1/2) / 2^52, k their top 52 bits: in [2^-53, 1 - 2^-53], exact.
constexpr double unit_open(std::uint64_t bits) {
  return (static_cast<double>(bits >> 12) + 0.5) * 0x1p-52;
}

// A uniform number in (0, 1), never 0 or 1: see the construction above.
constexpr double uniform01(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  const Philox4x32 out =
      philox4x32_10({static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32),
                     static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(stream >> 32)},
                    {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
  return unit_open((std::uint64_t{out[1]} << 32) | out[0]);
}

// Samples first, first + 1, ..., first + out.size() - 1 of one stream, each the same bits as
// uniform01 for its index: a chunk of a run fills its own rows.
inline void fill_uniform01(std::uint64_t seed, std::uint64_t stream, std::uint64_t first,
                           Eigen::Ref<num::Array> out) {
  for (Eigen::Index i = 0; i < out.size(); ++i)
    out[i] = uniform01(seed, stream, first + static_cast<std::uint64_t>(i));
}
inline num::Array uniform01_column(std::uint64_t seed, std::uint64_t stream, std::uint64_t first,
                                   Eigen::Index n) {
  num::Array out(n);
  fill_uniform01(seed, stream, first, out);
  return out;
}

// The stream of a named quantity (a key's full name, "ship.transit"): its 64-bit FNV-1a hash, plus
// j for the j-th of several draws a sample makes of it. Philox scrambles neighbouring counters, so
// streams h, h + 1, ... are as independent as any others.
constexpr std::uint64_t stream_of(std::string_view name, std::uint64_t j = 0) {
  std::uint64_t h = 0xcbf29ce484222325;  // FNV-1a offset basis
  for (const char ch : name) {
    h ^= static_cast<unsigned char>(ch);
    h *= 0x100000001b3;  // FNV prime
  }
  return h + j;
}

}  // namespace haul
