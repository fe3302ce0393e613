// SPDX-License-Identifier: MulanPSL-2.0
// A seeded, reproducible random source for generators and tests.
//
// The same seed yields the same sequence on every platform and compiler: the
// engine is SplitMix64 feeding xoshiro256**, and the distributions below are
// our own (std::uniform_int_distribution is implementation-defined). This is
// not a cryptographic source: verifiable draws use libsodium's ChaCha20 stream.
//
// Thread-safety: not thread-safe; give each thread its own Random.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace amr {

class Random {
 public:
  explicit Random(uint64_t seed);

  uint64_t Next64();
  // Uniform in [0, n); n > 0. Unbiased (Lemire's rejection method).
  uint64_t Uniform(uint64_t n);
  // Uniform in [lo, hi], inclusive.
  int64_t UniformInRange(int64_t lo, int64_t hi);
  // Uniform in [0, 1).
  double UnitDouble();
  bool Bernoulli(double p) { return UnitDouble() < p; }
  // An index chosen with probability proportional to weights[i] (> 0 total).
  size_t Weighted(std::span<const double> weights);

 private:
  uint64_t s_[4];
};

}  // namespace amr
