// SPDX-License-Identifier: MulanPSL-2.0
#include "common/random.h"

#include <gtest/gtest.h>

#include <vector>

namespace amr {
namespace {

TEST(RandomTest, SameSeedSameSequence) {
  Random a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    uint64_t x = a.Next64();
    EXPECT_EQ(x, b.Next64());
    differs |= x != c.Next64();
  }
  EXPECT_TRUE(differs);
}

TEST(RandomTest, KnownSequenceIsPinned) {
  // Pinned so that generated test data never silently changes between builds
  // or platforms: SplitMix64-seeded xoshiro256** from seed 1.
  Random r(1);
  EXPECT_EQ(r.Next64(), 12966619160104079557ULL);
  EXPECT_EQ(r.Next64(), 9600361134598540522ULL);
}

TEST(RandomTest, UniformStaysInRangeAndCoversIt) {
  Random r(7);
  std::vector<int> counts(10);
  for (int i = 0; i < 100000; ++i) {
    uint64_t v = r.Uniform(10);
    ASSERT_LT(v, 10u);
    ++counts[v];
  }
  for (int c : counts) {
    EXPECT_GT(c, 9500);
    EXPECT_LT(c, 10500);
  }
  for (int i = 0; i < 1000; ++i) {
    int64_t v = r.UniformInRange(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
  }
}

TEST(RandomTest, WeightedFollowsWeights) {
  Random r(9);
  std::vector<double> w = {1, 3};
  int ones = 0;
  for (int i = 0; i < 40000; ++i) ones += r.Weighted(w) == 1;
  EXPECT_NEAR(ones / 40000.0, 0.75, 0.02);
}

}  // namespace
}  // namespace amr
