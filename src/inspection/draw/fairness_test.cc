// SPDX-License-Identifier: MulanPSL-2.0
// Fairness: over many draws of a small pool, every entity's inclusion
// frequency matches its stratum's ratio (a chi-square test), and the same test
// rejects a sampler with a known bias.
//
// The seeds are fixed (task "fairness", entropy "0" … "19999"), so the test is
// deterministic. The statistic is Σ over the 24 entities of
// (X − R·p)² / (R·p·(1 − p)), X the entity's inclusion count in R draws. For
// independent entities it is χ² with 24 degrees of freedom; within a stratum of
// fixed count the inclusions are negatively correlated, which only lowers the
// statistic, so the χ²(24) critical value is conservative. The threshold is the
// 1 − 10⁻⁶ quantile: had other fixed seeds been chosen, an unbiased sampler
// would fail with probability below one in a million, while the biases that
// matter (an entity never or always drawn, floor or ceil rounding, an
// off-by-one in the shuffle) give statistics in the hundreds or thousands.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "inspection/draw/draw.h"

namespace amr::inspection {
namespace {

constexpr int kDraws = 20000;
constexpr size_t kPerClass = 6;

// χ²(k) upper quantile by the Wilson–Hilferty approximation (accurate to about
// 1 % at k = 24); z = 4.7534 is the standard normal 1 − 10⁻⁶ quantile.
double ChiSquareCritical(double k) {
  const double z = 4.7534;
  const double h = 2.0 / (9.0 * k);
  return k * std::pow(1.0 - h + z * std::sqrt(h), 3.0);
}

std::vector<PoolEntry> FairnessPool() {
  std::vector<PoolEntry> pool;
  for (char c : kCreditClasses) {
    for (size_t i = 0; i < kPerClass; ++i) {
      pool.push_back({std::string("E") + c + std::to_string(i), c});
    }
  }
  return *CanonicalPool(pool);
}

double Statistic(const std::vector<PoolEntry>& pool, const std::vector<int64_t>& counts,
                 const Ratios& ratios, int* degrees) {
  double stat = 0;
  *degrees = 0;
  for (size_t i = 0; i < pool.size(); ++i) {
    const double p = ratios.ppm[static_cast<size_t>(CreditClassIndex(pool[i].credit_class))] / 1e6;
    const double expected = kDraws * p;
    const double d = static_cast<double>(counts[i]) - expected;
    stat += d * d / (expected * (1 - p));
    ++*degrees;
  }
  return stat;
}

TEST(DrawFairness, InclusionFrequencyMatchesTheStratumRatio) {
  const auto pool = FairnessPool();
  // A 6 × 0.05 = 0.3, B 1.5, D 4.8: randomised rounding at work; C exact.
  const Ratios ratios = *Ratios::Parse("A=0.05,B=0.25,C=0.5,D=0.8");
  std::vector<int64_t> counts(pool.size(), 0);
  for (int r = 0; r < kDraws; ++r) {
    auto result = DrawSample("fairness", pool, ratios, std::to_string(r));
    ASSERT_TRUE(result.ok());
    for (size_t i : result->selected) ++counts[i];
  }
  int degrees = 0;
  const double stat = Statistic(pool, counts, ratios, &degrees);
  const double critical = ChiSquareCritical(degrees);
  RecordProperty("chi_square", std::to_string(stat));
  std::printf("chi-square %.2f over %d entities, %d draws; critical value %.2f (p = 1e-6)\n", stat,
              degrees, kDraws, critical);
  EXPECT_LT(stat, critical);
  for (size_t i = 0; i < pool.size(); ++i) EXPECT_GT(counts[i], 0) << pool[i].uscc;
}

TEST(DrawFairness, TheTestRejectsFloorRounding) {
  // Power check: a sampler that rounds ratio × n down (the count rule this
  // design refuses) on the same stream. A (0.3 → 0) is never drawn at all.
  const auto pool = FairnessPool();
  const Ratios ratios = *Ratios::Parse("A=0.05,B=0.25,C=0.5,D=0.8");
  std::vector<int64_t> counts(pool.size(), 0);
  for (int r = 0; r < kDraws; ++r) {
    auto hash = PoolHash(pool);
    DrawStream stream(DrawSeed("fairness", hash, std::to_string(r)));
    for (size_t c = 0; c < 4; ++c) {
      std::vector<size_t> a;
      for (size_t i = 0; i < pool.size(); ++i) {
        if (pool[i].credit_class == kCreditClasses[c]) a.push_back(i);
      }
      const uint64_t k = a.size() * ratios.ppm[c] / 1000000;
      for (uint64_t i = 0; i < k; ++i) {
        std::swap(a[i], a[i + stream.Uniform(a.size() - i)]);
        ++counts[a[i]];
      }
    }
  }
  int degrees = 0;
  const double stat = Statistic(pool, counts, ratios, &degrees);
  EXPECT_GT(stat, 10 * ChiSquareCritical(degrees));
}

}  // namespace
}  // namespace amr::inspection
