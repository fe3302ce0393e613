// SPDX-License-Identifier: MulanPSL-2.0
// The pool hash, seed, stream and stratified sampling against docs/draw-spec.md:
// the worked example, a from-scratch re-implementation of the spec on
// libsodium's randombytes_buf_deterministic, and every refusal.
#include "inspection/draw/draw.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "common/random.h"
#include "inspection/draw/internal/shuffle.h"

namespace amr::inspection {
namespace {

constexpr std::string_view kExamplePool =
    "91330100MA2AXXXX1K,B\n"
    "91330106MA27XXXX5H,A\n"
    "91330102MA28XXXX3C,C\n"
    "91330105MA2BXXXX8R,D\n"
    "92330106MA2CXXXX0Q,B\n"
    "91330108MA2DXXXX6U,D\n"
    "93330109MA2EXXXX2Y,C\n"
    "91330110MA2FXXXX9A,B\n";

// ---- an independent implementation of the spec, for comparison ----

class ReferenceStream {
 public:
  explicit ReferenceStream(const Seed& seed) : bytes_(1 << 20) {
    randombytes_buf_deterministic(bytes_.data(), bytes_.size(), seed.data());
  }
  uint64_t Word() {
    uint64_t x = 0;
    for (int i = 0; i < 8; ++i) x |= uint64_t{bytes_.at(pos_ + static_cast<size_t>(i))} << (8 * i);
    pos_ += 8;
    return x;
  }
  uint64_t Uniform(uint64_t n) {
    // The largest multiple of n not above 2^64, by 128-bit arithmetic.
    unsigned __int128 limit = ((unsigned __int128)1 << 64) / n * n;
    while (true) {
      uint64_t x = Word();
      if (x < limit) return x % n;
    }
  }
  size_t pos() const { return pos_; }

 private:
  std::vector<unsigned char> bytes_;
  size_t pos_ = 0;
};

std::vector<size_t> ReferenceSample(const std::vector<PoolEntry>& pool, const Ratios& ratios,
                                    ReferenceStream& s) {
  std::vector<size_t> out;
  for (size_t c = 0; c < 4; ++c) {
    std::vector<size_t> a;
    for (size_t i = 0; i < pool.size(); ++i) {
      if (pool[i].credit_class == kCreditClasses[c]) a.push_back(i);
    }
    uint64_t scaled = a.size() * uint64_t{ratios.ppm[c]};
    uint64_t k = scaled / 1000000 + (s.Uniform(1000000) < scaled % 1000000 ? 1 : 0);
    for (uint64_t i = 0; i < k; ++i) {
      uint64_t j = i + s.Uniform(a.size() - i);
      std::swap(a[i], a[j]);
      out.push_back(a[i]);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<PoolEntry> RandomPool(Random& rng, size_t n, std::array<double, 4> weights) {
  std::vector<PoolEntry> entries;
  for (size_t i = 0; i < n; ++i) {
    entries.push_back({"K" + std::to_string(1000000000 + rng.Uniform(8000000000)),
                       kCreditClasses[rng.Weighted(weights)]});
  }
  std::sort(entries.begin(), entries.end(),
            [](const PoolEntry& a, const PoolEntry& b) { return a.uscc < b.uscc; });
  entries.erase(
      std::unique(entries.begin(), entries.end(),
                  [](const PoolEntry& a, const PoolEntry& b) { return a.uscc == b.uscc; }),
      entries.end());
  return entries;
}

std::string ReadSpec() {
  std::ifstream in(std::string(AMR_SOURCE_DIR) + "/docs/draw-spec.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---- the worked example of docs/draw-spec.md §6 ----

TEST(DrawExample, MatchesTheSpecDocument) {
  auto pool = ParsePool(kExamplePool);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  auto ratios = Ratios::Parse("A=0.05,B=0.5,C=0.3,D=1");
  ASSERT_TRUE(ratios.ok());
  auto result = DrawSample("2026-SJ-0001", *pool, *ratios, "上证指数 3321.45 深证成指 10567.89");
  ASSERT_TRUE(result.ok()) << result.status().ToString();

  EXPECT_EQ(CanonicalPoolText(*pool),
            "91330100MA2AXXXX1K,B\n91330102MA28XXXX3C,C\n91330105MA2BXXXX8R,D\n"
            "91330106MA27XXXX5H,A\n91330108MA2DXXXX6U,D\n91330110MA2FXXXX9A,B\n"
            "92330106MA2CXXXX0Q,B\n93330109MA2EXXXX2Y,C\n");
  std::vector<std::string> selected;
  for (size_t i : result->selected) selected.push_back((*pool)[i].uscc);

  // The figures printed in docs/draw-spec.md §6; a change here is a change of
  // the algorithm and breaks every published draw.
  const std::string spec = ReadSpec();
  ASSERT_FALSE(spec.empty());
  EXPECT_NE(spec.find(result->pool_hash), std::string::npos) << result->pool_hash;
  EXPECT_NE(spec.find(SeedHex(result->seed)), std::string::npos) << SeedHex(result->seed);
  for (const std::string& key : selected) {
    EXPECT_NE(spec.find("selected: " + key), std::string::npos) << key;
  }
  EXPECT_EQ(result->pool_hash, "5e84782c3345c261fb0846daf087ae30ed9159359955978439b80b618cbfb0af");
  EXPECT_EQ(SeedHex(result->seed),
            "e5b286c3895ce69a49fc2c20ea7d8eac54cb7c25f9f9b9bc0de99eead47deb69");
  EXPECT_EQ(selected, (std::vector<std::string>{"91330100MA2AXXXX1K", "91330102MA28XXXX3C",
                                                "91330105MA2BXXXX8R", "91330106MA27XXXX5H",
                                                "91330108MA2DXXXX6U", "92330106MA2CXXXX0Q"}));
}

TEST(DrawExample, AssignmentMatchesTheSpecDocument) {
  auto pool = ParsePool(kExamplePool);
  ASSERT_TRUE(pool.ok());
  DrawStream stream(Seed{});
  auto result = DrawSample("2026-SJ-0001", *pool, *Ratios::Parse("A=0.05,B=0.5,C=0.3,D=1"),
                           "上证指数 3321.45 深证成指 10567.89", &stream);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(stream.position(), 80U);
  std::vector<OfficerCandidate> officers = {
      {21, "卫生健康", 1}, {13, "市场监管", 2}, {12, "市场监管", 1}, {11, "市场监管", 1}};
  std::vector<VisitRequest> visits;
  for (size_t i : result->selected) {
    VisitRequest v{(*pool)[i].uscc, {"市场监管"}, {}, {}, {}};
    if (v.uscc == "91330105MA2BXXXX8R") v.departments.push_back("卫生健康");
    if (v.uscc == "91330102MA28XXXX3C") v.conflicted_officers = {12};
    if (v.uscc == "91330108MA2DXXXX6U") v.last_inspectors = {11};
    visits.push_back(v);
  }
  auto a = AssignOfficers(visits, officers, 2, stream);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->officer_ids, (std::vector<int64_t>{11, 12, 11, 13, 12, 21, 12, 13, 12, 13, 11, 13}));
  EXPECT_EQ(a->loads, (std::vector<int64_t>{1, 4, 4, 3}));  // in the order given
  EXPECT_EQ(stream.position(), 176U);
}

TEST(DrawExample, PoolHashIsSha256OfTheCanonicalText) {
  auto pool = ParsePool(kExamplePool);
  ASSERT_TRUE(pool.ok());
  std::string text = CanonicalPoolText(*pool);
  unsigned char digest[32];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  EXPECT_EQ(PoolHash(*pool), std::string(hex));
}

TEST(DrawSeedTest, LengthPrefixesMakeTheEncodingUnambiguous) {
  // Without length prefixes "ab"+"c" and "a"+"bc" would collide.
  EXPECT_NE(DrawSeed("ab", "c", "x"), DrawSeed("a", "bc", "x"));
  EXPECT_NE(DrawSeed("t", "h", "e1"), DrawSeed("t", "h", "e2"));
  // The encoding by hand: 8-byte big-endian length, then the bytes.
  std::string m;
  for (std::string_view f :
       {std::string_view("T-1"), std::string_view("abc"), std::string_view("见证")}) {
    for (int i = 7; i >= 0; --i) m += static_cast<char>((f.size() >> (8 * i)) & 0xFF);
    m += f;
  }
  Seed expected;
  crypto_hash_sha256(expected.data(), reinterpret_cast<const unsigned char*>(m.data()), m.size());
  EXPECT_EQ(DrawSeed("T-1", "abc", "见证"), expected);
  auto back = SeedFromHex(SeedHex(expected));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, expected);
  EXPECT_FALSE(SeedFromHex("abc").ok());
  EXPECT_FALSE(SeedFromHex(std::string(64, 'g')).ok());
}

// ---- the stream ----

TEST(DrawStreamTest, IsTheDeterministicRandombytesStreamAcrossRefills) {
  Seed seed = DrawSeed("stream", "x", "y");
  std::vector<unsigned char> expected(40000);
  randombytes_buf_deterministic(expected.data(), expected.size(), seed.data());
  DrawStream stream(seed);
  for (size_t off = 0; off + 8 <= expected.size(); off += 8) {
    uint64_t w = stream.NextWord();
    for (size_t b = 0; b < 8; ++b) {
      ASSERT_EQ(static_cast<unsigned char>(w >> (8 * b)), expected[off + b]) << off;
    }
  }
  EXPECT_EQ(stream.position(), 40000U);
}

TEST(DrawStreamTest, UniformRejectsTheBiasedTopAndAlwaysReadsAWord) {
  Seed seed = DrawSeed("u", "v", "w");
  DrawStream a(seed);
  ReferenceStream b(seed);
  // n = 2^63 + 1 rejects almost half the words: the two must agree word for word.
  const uint64_t big = (uint64_t{1} << 63) + 1;
  for (int i = 0; i < 2000; ++i) {
    uint64_t n = i % 4 == 0 ? big : i % 4 == 1 ? 1 : i % 4 == 2 ? 7 : 1000000;
    ASSERT_EQ(a.Uniform(n), b.Uniform(n)) << i;
    ASSERT_EQ(a.position(), b.pos());
  }
  EXPECT_GT(a.position(), 2000U * 8);  // some words were rejected
}

// ---- ratios ----

TEST(RatiosTest, ParsesExactMillionths) {
  auto r = Ratios::Parse("A=0.05,B=0.1,C=0.3,D=0.8");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ppm, (std::array<uint32_t, 4>{50000, 100000, 300000, 800000}));
  EXPECT_EQ(r->ToString(), "A=0.05,B=0.1,C=0.3,D=0.8");
  auto s = Ratios::Parse("D=1, C=0 ,B=0.000001,A=1.000000");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->ppm, (std::array<uint32_t, 4>{1000000, 1, 0, 1000000}));
  EXPECT_EQ(s->ToString(), "A=1,B=0.000001,C=0,D=1");
  auto f = Ratios::FromFractions(0.05, 0.1, 0.3, 0.8);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->ppm, r->ppm);
}

TEST(RatiosTest, RefusesBadRatiosNamingTheClass) {
  for (std::string_view text :
       {"A=1.5,B=0.1,C=0.3,D=0.8", "A=-0.1,B=0.1,C=0.3,D=0.8", "A=0.05,B=0.1,C=0.3",
        "A=0.05,A=0.1,C=0.3,D=0.8", "A=0.05,B=0.1,C=0.3,E=0.8", "A=0.0500001,B=0,C=0,D=0",
        "A=.5,B=0,C=0,D=0", "A=0.,B=0,C=0,D=0", "A=x,B=0,C=0,D=0", "", "A=0.05;B=0.1"}) {
    auto r = Ratios::Parse(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(r.status().field(), "ratio") << text;
  }
  auto over = Ratios::Parse("A=0.05,B=0.1,C=1.2,D=0.8");
  EXPECT_NE(over.status().message().find("C 类"), std::string::npos) << over.status().message();
  auto missing = Ratios::Parse("A=0.05,B=0.1,C=0.3");
  EXPECT_NE(missing.status().message().find("缺少 D 类"), std::string::npos);
  EXPECT_FALSE(Ratios::FromFractions(0.1, 1.01, 0, 0).ok());
  EXPECT_FALSE(Ratios::FromFractions(-0.01, 0, 0, 0).ok());
  EXPECT_FALSE(Ratios::FromFractions(std::nan(""), 0, 0, 0).ok());
}

// ---- pool ----

TEST(PoolTest, RefusesEmptyDuplicateAndMalformedPools) {
  auto empty = ParsePool("# nothing\n\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().field(), "pool");
  EXPECT_NE(empty.status().message().find("为空"), std::string::npos);

  auto dup = ParsePool("K1,A\nK2,B\nK1,C\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("K1"), std::string::npos);
  EXPECT_NE(dup.status().message().find("重复"), std::string::npos);

  auto cls = ParsePool("K1,A\nK2,E\n");
  ASSERT_FALSE(cls.ok());
  EXPECT_NE(cls.status().message().find("第 2 行"), std::string::npos);
  EXPECT_FALSE(ParsePool("K1\n").ok());
  EXPECT_FALSE(ParsePool("K 1,A\n").ok());
  EXPECT_FALSE(ParsePool(",A\n").ok());

  std::vector<PoolEntry> unsorted = {{"K2", 'A'}, {"K1", 'B'}};
  EXPECT_FALSE(CheckPool(unsorted).ok());
  auto canon = CanonicalPool(unsorted);
  ASSERT_TRUE(canon.ok());
  EXPECT_EQ((*canon)[0].uscc, "K1");
  EXPECT_TRUE(ParsePool("# comment\r\n K1 , A \r\nK2,B").ok());

  Seed seed{};
  DrawStream stream(seed);
  EXPECT_EQ(SampleStrata({}, Ratios{}, stream).status().field(), "pool");
  EXPECT_EQ(SampleStrata(unsorted, Ratios{}, stream).status().code(), StatusCode::kInvalidArgument);
  Ratios too_big;
  too_big.ppm[2] = 1000001;
  std::vector<PoolEntry> ok_pool = {{"K1", 'C'}};
  EXPECT_EQ(SampleStrata(ok_pool, too_big, stream).status().field(), "ratio");
}

// ---- sampling ----

TEST(SampleTest, AgreesWithAnIndependentImplementationOfTheSpec) {
  Random rng(7);
  for (int round = 0; round < 60; ++round) {
    // Rounds 40 … 59 shuffle every stratum in the sparse form.
    internal::SetDenseShuffleLimitForTest(round < 40 ? uint64_t{1} << 24 : 8);
    size_t n = round % 10 == 9 ? 20000 : 1 + rng.Uniform(400);
    auto pool = RandomPool(rng, n, {1, 2, 3, 1});
    Ratios ratios;
    for (auto& p : ratios.ppm) p = static_cast<uint32_t>(rng.Uniform(1000001));
    if (round % 10 == 9) ratios.ppm = {10000, 20000, 5000, 1000000};
    auto result = DrawSample("T" + std::to_string(round), pool, ratios, "e");
    ASSERT_TRUE(result.ok());
    ReferenceStream ref(result->seed);
    EXPECT_EQ(result->selected, ReferenceSample(pool, ratios, ref)) << round;
  }
  internal::SetDenseShuffleLimitForTest(uint64_t{1} << 24);
}

TEST(SampleTest, CountsAreTheRandomisedRoundingOfRatioTimesStratum) {
  Random rng(11);
  auto pool = RandomPool(rng, 997, {5, 3, 1, 1});
  std::array<uint64_t, 4> sizes{};
  for (const auto& e : pool) ++sizes[static_cast<size_t>(CreditClassIndex(e.credit_class))];
  auto ratios = Ratios::Parse("A=0.05,B=0.1,C=0.3,D=0.8");
  ASSERT_TRUE(ratios.ok());
  for (int seed = 0; seed < 50; ++seed) {
    auto result = DrawSample("count", pool, *ratios, std::to_string(seed));
    ASSERT_TRUE(result.ok());
    std::array<uint64_t, 4> counts{};
    for (size_t i = 0; i < result->selected.size(); ++i) {
      if (i > 0) {
        ASSERT_LT(result->selected[i - 1], result->selected[i]);  // ascending, distinct
      }
      ++counts[static_cast<size_t>(CreditClassIndex(pool[result->selected[i]].credit_class))];
    }
    for (size_t c = 0; c < 4; ++c) {
      uint64_t floor = sizes[c] * ratios->ppm[c] / 1000000;
      bool exact = sizes[c] * ratios->ppm[c] % 1000000 == 0;
      EXPECT_GE(counts[c], floor);
      EXPECT_LE(counts[c], exact ? floor : floor + 1);
    }
  }
  // Ratio 1 takes the whole stratum, ratio 0 none of it.
  auto all = DrawSample("all", pool, *Ratios::Parse("A=1,B=0,C=1,D=0"), "x");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->selected.size(), sizes[0] + sizes[2]);
}

TEST(CheckedPoolTest, ChecksAndHashesOnceAndDrawsAsTheEntriesDo) {
  Random rng(13);
  auto pool = RandomPool(rng, 3000, {4, 3, 2, 1});
  auto checked = CheckedPool::Check(pool);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->hash(), PoolHash(pool));
  EXPECT_EQ(checked->size(), pool.size());
  // Each stratum holds its class's pool positions, ascending; together, the pool.
  size_t total = 0;
  for (size_t c = 0; c < 4; ++c) {
    const auto stratum = checked->stratum(c);
    total += stratum.size();
    for (size_t r = 0; r < stratum.size(); ++r) {
      EXPECT_EQ(pool[stratum[r]].credit_class, kCreditClasses[c]);
      if (r > 0) {
        EXPECT_LT(stratum[r - 1], stratum[r]);
      }
    }
  }
  EXPECT_EQ(total, pool.size());
  const auto ratios = *Ratios::Parse("A=0.05,B=0.1,C=0.3,D=0.8");
  for (int e = 0; e < 20; ++e) {
    DrawStream s1(Seed{});
    DrawStream s2(Seed{});
    auto on_checked = DrawSample("T", *checked, ratios, std::to_string(e), &s1);
    auto on_entries = DrawSample("T", pool, ratios, std::to_string(e), &s2);
    ASSERT_TRUE(on_checked.ok() && on_entries.ok());
    EXPECT_EQ(on_checked->pool_hash, on_entries->pool_hash);
    EXPECT_EQ(on_checked->seed, on_entries->seed);
    EXPECT_EQ(on_checked->selected, on_entries->selected);
    EXPECT_EQ(s1.position(), s2.position());
    ReferenceStream ref(on_checked->seed);
    EXPECT_EQ(on_checked->selected, ReferenceSample(pool, ratios, ref));
  }
  // The refusals of CheckPool; a CheckedPool exists only for a pool that passed.
  std::vector<PoolEntry> unsorted = {{"K2", 'A'}, {"K1", 'B'}};
  EXPECT_EQ(CheckedPool::Check(unsorted).status().message(), CheckPool(unsorted).message());
  EXPECT_EQ(CheckedPool::Check({}).status().field(), "pool");
  std::vector<PoolEntry> bad_class = {{"K1", 'E'}};
  EXPECT_EQ(CheckedPool::Check(bad_class).status().code(), StatusCode::kInvalidArgument);
}

TEST(SampleTest, IsDeterministicAndDependsOnEveryInput) {
  auto pool = ParsePool(kExamplePool);
  ASSERT_TRUE(pool.ok());
  auto ratios = *Ratios::Parse("A=0.5,B=0.5,C=0.5,D=0.5");
  auto a = DrawSample("T", *pool, ratios, "e");
  auto b = DrawSample("T", *pool, ratios, "e");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->selected, b->selected);
  EXPECT_EQ(a->seed, b->seed);
  EXPECT_NE(DrawSample("T2", *pool, ratios, "e")->seed, a->seed);
  EXPECT_NE(DrawSample("T", *pool, ratios, "e2")->seed, a->seed);
  auto other = *pool;
  other[0].credit_class = 'A';
  EXPECT_NE(PoolHash(other), a->pool_hash);
  EXPECT_NE(DrawSample("T", other, ratios, "e")->seed, a->seed);
  // The stream handed on to the assignment continues where sampling stopped.
  DrawStream rest(Seed{});
  auto c = DrawSample("T", *pool, ratios, "e", &rest);
  ASSERT_TRUE(c.ok());
  DrawStream replay(c->seed);
  ASSERT_TRUE(SampleStrata(*pool, ratios, replay).ok());
  EXPECT_EQ(rest.position(), replay.position());
  EXPECT_EQ(rest.NextWord(), replay.NextWord());
}

}  // namespace
}  // namespace amr::inspection
