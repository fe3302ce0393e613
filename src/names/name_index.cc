// SPDX-License-Identifier: MulanPSL-2.0
#include "names/name_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <unordered_set>

#include "common/text.h"

namespace amr::names {
namespace {

uint64_t Hash(std::string_view s, uint64_t salt) {
  uint64_t h = 1469598103934665603ULL ^ (salt * 0x9E3779B97F4A7C15ULL);
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

int32_t Days(Date d) {
  const auto count = d.sys_days().time_since_epoch().count();
  return count > INT32_MAX ? INT32_MAX : static_cast<int32_t>(count);
}

// Salts of the hashes: a key of the index, a 字号, a pinyin spelling.
constexpr uint64_t kKeySalt = 0, kTradeSalt = 1, kPinyinSalt = 2;

uint64_t CityTradeHash(uint16_t city, uint32_t trade) {
  return MixBits((uint64_t{city} << 32) | trade);
}

// The part of a spelling's hash the pinyin table keeps.
uint32_t PinyinFragment(std::string_view spelling) {
  return static_cast<uint32_t>(MixBits(Hash(spelling, kPinyinSalt)) >> 32);
}

// (city, two characters): sixteen and twice twenty-one bits, exact.
uint64_t PieceKey(uint16_t city, char32_t a, char32_t b) {
  return (uint64_t{city} << 48) | (uint64_t{static_cast<uint32_t>(a) & 0x1FFFFF} << 21) |
         (static_cast<uint32_t>(b) & 0x1FFFFF);
}

}  // namespace

uint16_t NameIndex::Intern16(std::string_view text) {
  auto it = str16_.find(std::string(text));
  if (it != str16_.end()) return it->second;
  const auto id = static_cast<uint16_t>(strs16_.size());
  strs16_.emplace_back(text);
  section_of_.push_back(kNone16);
  str16_.emplace(std::string(text), id);
  return id;
}

std::string_view NameIndex::TradeText(uint32_t id) const {
  return std::string_view(trade_text_).substr(trade_off_[id], trade_off_[id + 1] - trade_off_[id]);
}

uint32_t NameIndex::TradeId(std::string_view trade) {
  const uint64_t h = Hash(trade, kTradeSalt);
  const uint32_t found = trade_ids_.Find(h, [&](uint32_t id) { return TradeText(id) == trade; });
  if (found != kNone) return found;
  if (trade_off_.empty()) trade_off_.push_back(0);
  const auto id = static_cast<uint32_t>(trade_off_.size() - 1);
  trade_text_ += trade;
  trade_off_.push_back(trade_text_.size());
  trade_head_.push_back(kNone);
  trade_ids_.Insert(h, id, [&](uint32_t other) { return Hash(TradeText(other), kTradeSalt); });
  // A new 字号 is listed under each of its spellings.
  for (const std::string& key : words_.PinyinKeys(trade)) pinyin_.Insert(PinyinFragment(key), id);
  return id;
}

bool NameIndex::ReadsAs(uint32_t trade, std::string_view spelling) const {
  for (const std::string& key : words_.PinyinKeys(TradeText(trade))) {
    if (key == spelling) return true;
  }
  return false;
}

uint32_t NameIndex::FindTradeId(std::string_view trade) const {
  return trade_ids_.Find(Hash(trade, kTradeSalt),
                         [&](uint32_t id) { return TradeText(id) == trade; });
}

uint32_t NameIndex::CityTradeHead(uint16_t city, uint32_t trade) const {
  return city_trade_.Find(CityTradeHash(city, trade), [&](uint32_t id) {
    return entries_[id].city == city && entries_[id].trade == trade;
  });
}

void NameIndex::Push(FlatMap64& heads, std::vector<Node>& nodes, uint64_t key, uint32_t item) {
  const uint32_t old = heads.Put(key, kDirect | item);
  if (old == kNone) return;  // a chain of one: the item itself
  nodes.push_back({item, old});
  heads.Put(key, static_cast<uint32_t>(nodes.size() - 1));
}

template <class Fn>
void NameIndex::Walk(const FlatMap64& heads, const std::vector<Node>& nodes, uint64_t key,
                     Fn&& fn) const {
  for (uint32_t v = heads.Find(key); v != kNone;) {
    if (v & kDirect) {
      if (!fn(v & ~kDirect)) return;
      break;
    }
    if (!fn(nodes[v].item)) return;
    v = nodes[v].next;
  }
}

std::string_view NameIndex::Text(const Entry& e, int part) const {
  const uint64_t off = (uint64_t{e.text_hi} << 32) | e.text_lo;
  if (part == 0) return std::string_view(arena_).substr(off, e.key_len);
  if (part == 1) return std::string_view(arena_).substr(off + e.key_len, e.name_len);
  if (e.flags & kUsccIsKey) return std::string_view(arena_).substr(off, e.key_len);
  return std::string_view(arena_).substr(off + e.key_len + e.name_len, e.uscc_len);
}

std::string NameIndex::NameOf(const Entry& e) const {
  if (!(e.flags & kNameFromParts)) return std::string(Text(e, 1));
  std::string name = strs16_[e.region];
  name += TradeText(e.trade);
  name += strs16_[e.term];
  name += strs16_[e.form];
  return name;
}

uint64_t NameIndex::KeyHash(uint32_t entry) const {
  return Hash(Text(entries_[entry], 0), kKeySalt);
}

void NameIndex::RemoveLocked(std::string_view key) {
  const uint32_t id = by_key_.Erase(
      Hash(key, kKeySalt), [&](uint32_t e) { return Text(entries_[e], 0) == key; },
      [&](uint32_t e) { return KeyHash(e); });
  if (id == kNone) return;
  Entry& e = entries_[id];
  if (e.flags & kAlive) {
    e.flags &= static_cast<uint8_t>(~kAlive);
    --live_;
  }
}

void NameIndex::Add(const IndexedName& n) {
  std::unique_lock lock(mu_);
  RemoveLocked(n.key);
  Entry e{};
  const uint64_t off = arena_.size();
  e.text_lo = static_cast<uint32_t>(off);
  e.text_hi = static_cast<uint8_t>(off >> 32);
  const bool uscc_is_key = !n.uscc.empty() && n.uscc == n.key;
  // Most names are their parts as written, back to back: kept as those ids.
  const NameParts& p = n.parts;
  const bool from_parts =
      n.name.size() == p.region.size() + p.trade_name.size() + p.industry.size() + p.form.size() &&
      n.name == p.region + p.trade_name + p.industry + p.form;
  e.flags = kAlive | (uscc_is_key ? kUsccIsKey : 0) | (from_parts ? kNameFromParts : 0);
  e.key_len = static_cast<uint16_t>(n.key.size());
  e.name_len = from_parts ? 0 : static_cast<uint16_t>(n.name.size());
  e.uscc_len = uscc_is_key ? 0 : static_cast<uint16_t>(n.uscc.size());
  arena_ += n.key;
  if (!from_parts) arena_ += n.name;
  if (!uscc_is_key) arena_ += n.uscc;
  e.city = Intern16(n.authority_city);
  e.term = Intern16(n.parts.industry);
  e.group = Intern16(n.parts.industry_group);
  // The name's own term decides its industry; without one, the entity's
  // registered GB/T 4754 division.
  const std::string& code = n.parts.industry_code.empty() ? n.industry_code : n.parts.industry_code;
  e.code = Intern16(code);
  if (section_of_[e.code] == kNone16) {
    const uint16_t section = Intern16(NameWords::SectionOf(code));
    section_of_[e.code] = section;
  }
  e.form = Intern16(n.parts.form);
  e.region = Intern16(n.parts.region);
  e.trade = TradeId(n.parts.trade_name);
  e.until = Days(n.blocks_until);
  const auto id = static_cast<uint32_t>(entries_.size());
  auto city_trade_hash = [&](uint32_t other) {
    return CityTradeHash(entries_[other].city, entries_[other].trade);
  };
  e.next_city_trade = city_trade_.Put(
      CityTradeHash(e.city, e.trade), id,
      [&](uint32_t other) {
        return entries_[other].city == e.city && entries_[other].trade == e.trade;
      },
      city_trade_hash);
  e.next_trade = trade_head_[e.trade];
  trade_head_[e.trade] = id;
  entries_.push_back(e);
  by_key_.Insert(Hash(n.key, kKeySalt), id, [&](uint32_t other) { return KeyHash(other); });
  ++live_;
  // Every two-character piece of a longer 字号, so a shorter one found inside it is found.
  const auto cps = DecodeUtf8(n.parts.trade_name);
  std::unordered_set<uint64_t> seen;
  for (size_t i = 0; cps.size() > 2 && i + 2 <= cps.size(); ++i) {
    const uint64_t k = PieceKey(e.city, cps[i], cps[i + 1]);
    if (seen.insert(k).second) Push(city_piece_, piece_nodes_, k, id);
  }
}

void NameIndex::Remove(std::string_view key) {
  std::unique_lock lock(mu_);
  RemoveLocked(key);
}

void NameIndex::Clear() {
  std::unique_lock lock(mu_);
  arena_ = {};
  entries_ = {};
  by_key_.Clear();
  city_trade_.Clear();
  trade_head_ = {};
  pinyin_.Clear();
  city_piece_.Clear();
  piece_nodes_ = {};
  trade_text_ = {};
  trade_off_ = {};
  trade_ids_.Clear();
  str16_.clear();
  strs16_.clear();
  section_of_.clear();
  live_ = 0;
}

void NameIndex::RebuildStr16Map() {
  str16_.clear();
  for (size_t i = 0; i < strs16_.size(); ++i) str16_.emplace(strs16_[i], static_cast<uint16_t>(i));
}

size_t NameIndex::size() const {
  std::shared_lock lock(mu_);
  return live_;
}

size_t NameIndex::bytes() const {
  std::shared_lock lock(mu_);
  return arena_.capacity() + entries_.capacity() * sizeof(Entry) + by_key_.bytes() +
         city_trade_.bytes() + trade_head_.capacity() * 4 + pinyin_.bytes() + city_piece_.bytes() +
         piece_nodes_.capacity() * sizeof(Node) + trade_text_.capacity() +
         trade_off_.capacity() * 8 + trade_ids_.bytes();
}

void NameIndex::Find(NameCheck& check, std::string_view city, std::string_view industry_code,
                     Date today, size_t limit) const {
  std::shared_lock lock(mu_);
  const NameParts& c = check.parts;
  const int32_t day = Days(today);
  auto id16 = [&](std::string_view s) -> int {
    auto it = str16_.find(std::string(s));
    return it == str16_.end() ? -1 : it->second;
  };
  const int city_id = id16(city);
  const int term_id = id16(c.industry);
  const int empty_id = id16("");
  const int group_id = c.industry_group.empty() ? -2 : id16(c.industry_group);
  const std::string code = c.industry_code.empty() ? std::string(industry_code) : c.industry_code;
  const int code_id = code.empty() ? -2 : id16(code);
  const std::string section = NameWords::SectionOf(code);
  const int section_id = section.empty() ? -2 : id16(section);
  auto section_of = [&](const Entry& e) -> int {
    const uint16_t s = section_of_[e.code];
    return s == kNone16 ? -1 : s;
  };
  const int form_id = id16(c.form);
  const int region_id = id16(c.region);
  const uint32_t trade_id = FindTradeId(c.trade_name);

  std::vector<NameHit> conflicts, similar;
  std::unordered_set<uint32_t> done;
  auto usable = [&](uint32_t id) {
    const Entry& e = entries_[id];
    return (e.flags & kAlive) && e.until >= day && !done.count(id);
  };
  auto hit = [&](uint32_t id, std::string_view rule, std::string message) {
    done.insert(id);
    const Entry& e = entries_[id];
    NameHit h{NameOf(e), std::string(Text(e, 2)), std::string(rule), std::move(message)};
    // An entity's name that has ended (a live one counts without end, Days);
    // reservations, which expire rather than end, are never `ended`.
    h.ended = !h.uscc.empty() && e.until != INT32_MAX;
    (rule == rule::kArt17 ? conflicts : similar).push_back(std::move(h));
  };
  // Same industry in the loose sense of the 2017 rules: same synonym group,
  // same GB/T 4754 code, or neither has an industry term.
  auto same_industry = [&](const Entry& e) {
    return (group_id >= 0 && e.group == group_id) || (code_id >= 0 && e.code == code_id) ||
           (c.industry.empty() && e.term == empty_id);
  };
  // The entries of one city and 字号, newest first; the advisory walks stop
  // once `limit` hints are found.
  auto city_trade = [&](uint32_t trade, auto&& fn, bool binding = false) {
    const auto city16 = static_cast<uint16_t>(city_id);
    for (uint32_t id = CityTradeHead(city16, trade); id != kNone;
         id = entries_[id].next_city_trade) {
      if (!binding && similar.size() >= limit) return;
      fn(id);
    }
  };

  if (trade_id != kNone) {
    // Art. 17 within the authority, and the synonym-industry hint.
    if (city_id >= 0) {
      city_trade(
          trade_id,
          [&](uint32_t id) {
            if (!usable(id)) return;
            const Entry& e = entries_[id];
            const std::string_view term = strs16_[e.term];
            // 企业名称登记管理规定 Art. 17: the same industry by meaning (synonym
            // group, or GB/T 4754 class in the strict reading), binding.
            if (words_.SameIndustryForArt17(c.industry, term)) {
              hit(id, rule::kArt17,
                  fmt::format("同一登记机关辖区内字号“{}”相同且行业相同或未标明行业（第十七条）",
                              c.trade_name));
            } else if (same_industry(e)) {
              hit(id, rule::kSynonymIndustry,
                  fmt::format("字号相同，行业用语“{}”与“{}”属同一国民经济行业分类", c.industry,
                              term));
            } else if (section_id >= 0 && section_of(e) == section_id) {
              hit(id, rule::kSameSection,
                  fmt::format("字号相同，行业“{}”与“{}”属国民经济行业分类同一门类", c.industry,
                              term.empty() ? strs16_[e.code] : term));
            }
          },
          true);
    }
    // Other authorities: same parts (reordered) or only region/form differ.
    for (uint32_t id = trade_head_[trade_id]; id != kNone; id = entries_[id].next_trade) {
      if (similar.size() >= limit) break;
      if (!usable(id)) continue;
      const Entry& e = entries_[id];
      if (e.city == city_id || e.term != term_id) continue;
      if (e.region == region_id && e.form == form_id) {
        hit(id, rule::kReordered, "名称各部分相同，仅排列顺序或写法不同");
      } else {
        hit(id, rule::kRegionOrFormOnly, "名称仅行政区划或组织形式不同");
      }
    }
  }
  if (city_id >= 0) {
    const auto city16 = static_cast<uint16_t>(city_id);
    // Homophones with the same industry: the 字号 read alike, then their names
    // in this city, newest first (the chains of each 字号 merged by entry).
    std::vector<uint32_t> cursors;
    for (const std::string& key : words_.PinyinKeys(c.trade_name)) {
      cursors.clear();
      pinyin_.ForEach(PinyinFragment(key), [&](uint32_t trade) {
        if (trade == trade_id) return;
        // The city has it, and it is read so (not merely a part of the hash alike).
        const uint32_t head = CityTradeHead(city16, trade);
        if (head != kNone && ReadsAs(trade, key)) cursors.push_back(head);
      });
      while (!cursors.empty() && similar.size() < limit) {
        const auto newest = std::max_element(cursors.begin(), cursors.end());
        const uint32_t id = *newest;
        if (entries_[id].next_city_trade == kNone) {
          *newest = cursors.back();
          cursors.pop_back();
        } else {
          *newest = entries_[id].next_city_trade;
        }
        if (!usable(id)) continue;
        const Entry& e = entries_[id];
        if (!same_industry(e)) continue;
        hit(id, rule::kHomophone,
            fmt::format("字号“{}”与“{}”读音相同，行业相同", TradeText(e.trade), c.trade_name));
      }
    }
    // Containment: an indexed 字号 inside this one…
    const auto b = DecodeUtf8(c.trade_name);
    for (size_t from = 0; from < b.size(); ++from) {
      for (size_t len = 2; from + len <= b.size(); ++len) {
        if (len == b.size()) continue;
        const std::string sub =
            EncodeUtf8(std::vector<char32_t>(b.begin() + from, b.begin() + from + len));
        const uint32_t sub_id = FindTradeId(sub);
        if (sub_id == kNone) continue;
        city_trade(sub_id, [&](uint32_t id) {
          if (!usable(id) || similar.size() >= limit) return;
          const Entry& e = entries_[id];
          if (!same_industry(e) && !words_.SameIndustryForArt17(c.industry, strs16_[e.term]))
            return;
          hit(id, rule::kContainment, fmt::format("字号“{}”包含已有字号“{}”", c.trade_name, sub));
        });
      }
    }
    // …or this one inside a longer indexed 字号 (holding its first two characters).
    if (b.size() >= 2) {
      Walk(city_piece_, piece_nodes_, PieceKey(city16, b[0], b[1]), [&](uint32_t id) {
        if (similar.size() >= limit) return false;
        if (!usable(id)) return true;
        const Entry& e = entries_[id];
        const std::string_view other = TradeText(e.trade);
        if (e.city != city_id || other.size() <= c.trade_name.size() ||
            other.find(c.trade_name) == std::string_view::npos)
          return true;
        if (!same_industry(e) && !words_.SameIndustryForArt17(c.industry, strs16_[e.term])) {
          return true;
        }
        hit(id, rule::kContainment, fmt::format("已有字号“{}”包含字号“{}”", other, c.trade_name));
        return true;
      });
    }
  }
  if (!conflicts.empty() && (check.verdict == Verdict::kOk || check.verdict == Verdict::kSimilar)) {
    check.verdict = Verdict::kConflict;
  }
  if (conflicts.empty() && !similar.empty() && check.verdict == Verdict::kOk) {
    check.verdict = Verdict::kSimilar;
  }
  for (auto* list : {&conflicts, &similar}) {
    for (NameHit& h : *list) {
      if (check.hits.size() >= limit) break;
      check.hits.push_back(std::move(h));
    }
  }
}

}  // namespace amr::names
