// SPDX-License-Identifier: MulanPSL-2.0
// The index's flat tables (growth, erasing, many values per fragment), its
// chains (remove then re-add, a long chain of one 字号) and its snapshot
// (a round trip gives the same verdicts; damaged files are refused).
#include "names/name_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/text.h"
#include "names/flat_table.h"
#include "names/name_snapshot.h"

namespace amr::names {
namespace {

const std::string kHangzhou = "330100";
const std::string kNingbo = "330200";

IndexedName Named(const std::string& key, const std::string& name, const std::string& city,
                  bool entity = true) {
  auto parts = Words().Parse(FoldText(name));
  EXPECT_TRUE(parts.ok()) << name << ": " << parts.status().message();
  return {key, name, entity ? key : "", city, "", parts.ok() ? *parts : NameParts{}};
}

NameCheck Check(const NameIndex& index, const std::string& name, const std::string& city) {
  NameCheck c = Words().CheckWords(name);
  EXPECT_EQ(c.verdict, Verdict::kOk) << name << ": " << c.reason;
  index.Find(c, city, "", *Date::FromYmd(2026, 6, 1));
  return c;
}

// Distinct 字号 of two or three characters none of the word lists claim.
std::vector<std::string> TradeNames(size_t n) {
  static const std::vector<std::string> chars = {"云", "帆", "星", "辰", "泰", "鑫", "源", "德",
                                                 "博", "远", "瑞", "祥", "恒", "达", "嘉", "禾"};
  std::vector<std::string> out;
  for (size_t i = 0; out.size() < n; ++i) {
    std::string t = chars[i % 16] + chars[(i / 16) % 16];
    if (i >= 256) t += chars[(i / 256) % 16];
    if (Words().Parse(FoldText(t + "科技有限公司")).ok()) out.push_back(t);
  }
  return out;
}

std::string Describe(const NameCheck& c) {
  std::string out = std::to_string(static_cast<int>(c.verdict));
  for (const NameHit& h : c.hits)
    out += "|" + h.name + "," + h.uscc + "," + h.rule + "," + h.message;
  return out;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "amr-names-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(FlatTableTest, IdSetGrowsErasesAndFindsAgain) {
  std::vector<std::string> items;
  for (int i = 0; i < 5000; ++i) items.push_back("item-" + std::to_string(i));
  auto hash = [&](uint32_t id) { return MixBits(std::hash<std::string>{}(items[id])); };
  FlatIdSet set;
  for (uint32_t id = 0; id < items.size(); ++id) set.Insert(hash(id), id, hash);
  EXPECT_EQ(set.size(), 5000u);
  EXPECT_EQ(set.capacity(), 8192u);  // grown past three quarters, a power of two
  auto find = [&](const std::string& text) {
    return set.Find(MixBits(std::hash<std::string>{}(text)),
                    [&](uint32_t id) { return items[id] == text; });
  };
  // Erase every other one: the rest (moved back over the holes) stay found.
  for (uint32_t id = 0; id < items.size(); id += 2) {
    EXPECT_EQ(set.Erase(
                  hash(id), [&](uint32_t other) { return other == id; }, hash),
              id);
  }
  for (uint32_t id = 0; id < items.size(); ++id) {
    EXPECT_EQ(find(items[id]), id % 2 == 0 ? FlatIdSet::kNone : id) << items[id];
  }
  EXPECT_EQ(find("absent"), FlatIdSet::kNone);
  // Put replaces the id of a present item and adds an absent one.
  EXPECT_EQ(set.Put(
                hash(1), 1, [](uint32_t other) { return other == 1; }, hash),
            1u);
  EXPECT_EQ(set.Put(
                hash(0), 0, [](uint32_t other) { return other == 0; }, hash),
            FlatIdSet::kNone);
  EXPECT_EQ(find(items[0]), 0u);
  EXPECT_EQ(set.size(), 2501u);
}

TEST(FlatTableTest, Map64AndPairs) {
  FlatMap64 map;
  for (uint64_t k = 0; k < 3000; ++k)
    EXPECT_EQ(map.Put(k * 7919, static_cast<uint32_t>(k)), FlatMap64::kNone);
  EXPECT_EQ(map.Put(7919, 42), 1u);
  EXPECT_EQ(map.Find(7919), 42u);
  EXPECT_EQ(map.Find(2999 * 7919), 2999u);
  EXPECT_EQ(map.Find(5), FlatMap64::kNone);
  EXPECT_EQ(map.capacity(), 4096u);

  FlatPairs pairs;
  for (uint32_t v = 0; v < 2000; ++v) pairs.Insert(v % 50, v);
  pairs.Insert(3, 3);  // already there
  EXPECT_EQ(pairs.size(), 2000u);
  std::vector<uint32_t> got;
  pairs.ForEach(3, [&](uint32_t v) { got.push_back(v); });
  ASSERT_EQ(got.size(), 40u);
  for (uint32_t v : got) EXPECT_EQ(v % 50, 3u);
}

TEST(NameIndexTest, RemoveThenAddAgainByTheSameKey) {
  NameIndex index(Words());
  index.Add(Named("91330106MA00000011", "杭州云帆科技有限公司", kHangzhou));
  EXPECT_EQ(Check(index, "杭州云帆科技有限公司", kHangzhou).verdict, Verdict::kConflict);
  index.Remove("91330106MA00000011");
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(Check(index, "杭州云帆科技有限公司", kHangzhou).verdict, Verdict::kOk);
  index.Remove("91330106MA00000011");  // absent: nothing
  index.Add(Named("91330106MA00000011", "杭州云帆科技有限公司", kHangzhou));
  EXPECT_EQ(index.size(), 1u);
  NameCheck c = Check(index, "杭州云帆科技有限公司", kHangzhou);
  ASSERT_EQ(c.verdict, Verdict::kConflict);
  ASSERT_EQ(c.hits.size(), 1u);  // the dead entry is on the chains but never a hit
  EXPECT_EQ(c.hits[0].uscc, "91330106MA00000011");
  // Replacing by key: the old name no longer counts.
  index.Add(Named("91330106MA00000011", "杭州星辰科技有限公司", kHangzhou));
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(Check(index, "杭州云帆科技有限公司", kHangzhou).verdict, Verdict::kOk);
  EXPECT_EQ(Check(index, "杭州星辰科技有限公司", kHangzhou).verdict, Verdict::kConflict);
  // A reservation keeps no USCC.
  index.Add(Named("r:7", "杭州博远科技有限公司", kHangzhou, false));
  c = Check(index, "杭州博远科技有限公司", kHangzhou);
  ASSERT_EQ(c.verdict, Verdict::kConflict);
  EXPECT_EQ(c.hits[0].uscc, "");
  EXPECT_EQ(c.hits[0].name, "杭州博远科技有限公司");
}

TEST(NameIndexTest, HitsNameTheOtherNameAsWritten) {
  NameIndex index(Words());
  // Kept as its parts (region, 字号, term, form back to back) or as text.
  index.Add(Named("A", "杭州云帆科技有限公司", kHangzhou));
  index.Add(Named("B", "云帆（杭州）科技有限公司", kHangzhou));
  index.Add(Named("C", "杭州市云帆科技有限责任公司", kHangzhou));
  index.Add(Named("D", "杭州云帆科技有限公司", kNingbo));
  NameCheck c = Check(index, "杭州云帆科技有限公司", kHangzhou);
  ASSERT_EQ(c.verdict, Verdict::kConflict);
  std::vector<std::string> names;
  for (const NameHit& h : c.hits) names.push_back(h.uscc + "=" + h.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"C=杭州市云帆科技有限责任公司", "B=云帆（杭州）科技有限公司",
                                      "A=杭州云帆科技有限公司", "D=杭州云帆科技有限公司"}));
}

TEST(NameIndexTest, ArtSeventeenAtTheEndOfALongChain) {
  NameIndex index(Words());
  // The oldest name of the 字号 is the one of the same industry; 600 newer
  // ones of another industry (and 100 removed) stand before it on the chain.
  index.Add(Named("K0", "杭州云帆科技有限公司", kHangzhou));
  for (int i = 1; i <= 700; ++i) {
    index.Add(Named("K" + std::to_string(i), "杭州云帆餐饮有限公司", kHangzhou));
  }
  for (int i = 601; i <= 700; ++i) index.Remove("K" + std::to_string(i));
  EXPECT_EQ(index.size(), 601u);
  NameCheck c = Check(index, "杭州云帆科技有限公司", kHangzhou);
  ASSERT_EQ(c.verdict, Verdict::kConflict);
  ASSERT_FALSE(c.hits.empty());
  EXPECT_EQ(c.hits[0].uscc, "K0");
  // In another city the same 字号 is a hint only, at most `limit` of them.
  c = Check(index, "宁波云帆餐饮有限公司", kNingbo);
  EXPECT_EQ(c.verdict, Verdict::kSimilar);
  EXPECT_EQ(c.hits.size(), 20u);
  EXPECT_EQ(c.hits[0].uscc, "K600");  // newest first; removed ones skipped
}

TEST(NameIndexTest, SnapshotRoundTripGivesTheSameVerdicts) {
  NameIndex index(Words());
  const std::vector<std::string> trades = TradeNames(700);
  std::vector<std::string> names;
  for (size_t i = 0; i < trades.size(); ++i) {
    const std::string name =
        (i % 3 == 0 ? "宁波" : "杭州") + trades[i] + (i % 2 == 0 ? "科技有限公司" : "贸易有限公司");
    index.Add(Named("9133" + std::to_string(100000 + i), name, i % 3 == 0 ? kNingbo : kHangzhou));
    names.push_back(name);
  }
  for (size_t i = 0; i < 50; ++i) index.Remove("9133" + std::to_string(100000 + i * 7));
  index.Add(Named("r:1", "杭州云帆星科技有限公司", kHangzhou, false));
  // Queries: every name (its own, reordered, other city), and some new ones.
  std::vector<std::pair<std::string, std::string>> queries;
  for (const std::string& n : names) {
    queries.push_back({n, kHangzhou});
    queries.push_back({n, kNingbo});
  }
  queries.push_back({"杭州云帆星辰科技有限公司", kHangzhou});
  queries.push_back({"杭州帆科技有限公司", kHangzhou});
  std::vector<std::string> before;
  size_t conflicts = 0, similar = 0;
  for (const auto& [name, city] : queries) {
    NameCheck c = Words().CheckWords(name);
    if (c.verdict == Verdict::kOk) index.Find(c, city, "", *Date::FromYmd(2026, 6, 1));
    conflicts += c.verdict == Verdict::kConflict;
    similar += c.verdict == Verdict::kSimilar;
    before.push_back(Describe(c));
  }
  EXPECT_GT(conflicts, 500u);
  EXPECT_GT(similar, 100u);

  TempDir dir;
  const auto path = dir.path() / "names.snapshot";
  NameSnapshotHeader header{42, "store", "row", Words().fingerprint()};
  ASSERT_TRUE(WriteNameSnapshot(index, header, path).ok());
  NameIndex loaded(Words());
  auto read = ReadNameSnapshot(path, loaded);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->seq, 42);
  EXPECT_EQ(read->store, "store");
  EXPECT_EQ(read->position_row, "row");
  EXPECT_EQ(loaded.size(), index.size());
  for (size_t i = 0; i < queries.size(); ++i) {
    NameCheck c = Words().CheckWords(queries[i].first);
    if (c.verdict == Verdict::kOk)
      loaded.Find(c, queries[i].second, "", *Date::FromYmd(2026, 6, 1));
    EXPECT_EQ(Describe(c), before[i]) << queries[i].first;
  }
  // The loaded index goes on growing and removing like a built one.
  loaded.Remove("9133100001");
  loaded.Add(Named("N1", "杭州新来科技有限公司", kHangzhou));
  EXPECT_EQ(Check(loaded, "杭州新来科技有限公司", kHangzhou).verdict, Verdict::kConflict);
  EXPECT_EQ(loaded.size(), index.size());
}

TEST(NameIndexTest, DamagedSnapshotsAreRefusedAndLeaveTheIndexEmpty) {
  NameIndex index(Words());
  for (const std::string& t : TradeNames(100)) {
    index.Add(Named("K" + t, "杭州" + t + "科技有限公司", kHangzhou));
  }
  TempDir dir;
  const auto good = dir.path() / "good";
  ASSERT_TRUE(WriteNameSnapshot(index, {7, "s", "", "r"}, good).ok());
  std::string bytes;
  {
    std::ifstream in(good, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto expect_refused = [&](const std::string& contents, std::string_view why) {
    const auto path = dir.path() / "bad";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << contents;
    NameIndex loaded(Words());
    loaded.Add(Named("X", "杭州云帆科技有限公司", kHangzhou));
    auto read = ReadNameSnapshot(path, loaded);
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.status().message().find(why), std::string::npos) << read.status().message();
    EXPECT_EQ(loaded.size(), 0u);
    EXPECT_EQ(Check(loaded, "杭州云帆科技有限公司", kHangzhou).verdict, Verdict::kOk);
  };
  expect_refused(bytes.substr(0, bytes.size() / 2), "截断");
  expect_refused(bytes.substr(0, 20), "文件头不完整");
  expect_refused(bytes + "extra", "截断");
  std::string flipped = bytes;
  flipped[bytes.size() * 2 / 3] ^= 0x40;
  expect_refused(flipped, "校验和");
  std::string magic = bytes;
  magic[0] = 'X';
  expect_refused(magic, "不是名称索引快照");
  std::string format = bytes;
  format[8] = 99;
  expect_refused(format, "格式版本");
  // A count larger than the file: refused before anything is allocated.
  std::string count = bytes;
  const size_t texts = 40 + 4 + 1 + 4 + 0 + 4 + 1;  // position, then "s", "", "r"
  for (size_t i = 0; i < 8; ++i) count[texts + i] = static_cast<char>(0x7F);
  expect_refused(count, "文件不完整");
  EXPECT_EQ(ReadNameSnapshotHeader(dir.path() / "none").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace amr::names
