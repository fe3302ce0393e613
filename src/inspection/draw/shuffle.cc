// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/draw/internal/shuffle.h"

#include <algorithm>
#include <array>
#include <bit>
#include <numeric>
#include <vector>

namespace amr::inspection::internal {

namespace {

uint64_t dense_limit = uint64_t{1} << 24;

// Steps of the dense shuffle whose positions are drawn ahead of their swaps.
constexpr size_t kBatch = 32;

// Open addressing, linear probing: position → value for displaced positions.
class DisplacedTable {
 public:
  explicit DisplacedTable(uint64_t expected)
      : mask_(std::bit_ceil(2 * expected + 16) - 1), keys_(mask_ + 1, kEmpty), values_(mask_ + 1) {}

  uint64_t Get(uint64_t x) const {
    for (uint64_t s = Slot(x);; s = (s + 1) & mask_) {
      if (keys_[s] == x) return values_[s];
      if (keys_[s] == kEmpty) return x;
    }
  }
  void Set(uint64_t x, uint64_t value) {
    uint64_t s = Slot(x);
    while (keys_[s] != x && keys_[s] != kEmpty) s = (s + 1) & mask_;
    keys_[s] = x;
    values_[s] = value;
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  uint64_t Slot(uint64_t x) const { return (x * 0x9E3779B97F4A7C15ULL >> 17) & mask_; }

  uint64_t mask_;
  std::vector<uint64_t> keys_;
  std::vector<uint64_t> values_;
};

}  // namespace

void SetDenseShuffleLimitForTest(uint64_t limit) { dense_limit = limit; }

std::vector<uint64_t> PartialShuffle(uint64_t n, uint64_t k, DrawStream& stream) {
  std::vector<uint64_t> selected;
  selected.reserve(k);
  if (n <= dense_limit) {
    std::vector<uint32_t> a(n);
    std::iota(a.begin(), a.end(), 0U);
    // The positions j do not depend on the array: draw a batch of them first,
    // fetch a[j] for all of the batch, then swap in order (the same reads of
    // the stream and the same swaps as one step at a time, but the cache misses
    // of a large stratum overlap).
    std::array<uint64_t, kBatch> j;
    for (uint64_t first = 0; first < k; first += kBatch) {
      const uint64_t steps = std::min<uint64_t>(kBatch, k - first);
      for (uint64_t t = 0; t < steps; ++t) {
        const uint64_t i = first + t;
        j[t] = i + stream.Uniform(n - i);
        __builtin_prefetch(&a[j[t]]);
      }
      for (uint64_t t = 0; t < steps; ++t) {
        const uint64_t i = first + t;
        std::swap(a[i], a[j[t]]);
        selected.push_back(a[i]);
      }
    }
    return selected;
  }
  // Each step displaces at most one new position (j); position i is never read
  // again, so it need not be written.
  DisplacedTable moved(k);
  for (uint64_t i = 0; i < k; ++i) {
    uint64_t j = i + stream.Uniform(n - i);
    uint64_t ai = moved.Get(i);
    uint64_t aj = moved.Get(j);
    moved.Set(j, ai);
    selected.push_back(aj);
  }
  return selected;
}

}  // namespace amr::inspection::internal
