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

// The first two characters of a 字号, for the containment chain.
std::string_view Prefix2(std::string_view trade) {
  size_t i = 0, seen = 0;
  for (; i < trade.size(); ++i) {
    if ((static_cast<unsigned char>(trade[i]) & 0xC0) != 0x80 && seen++ == 2) break;
  }
  return trade.substr(0, i);
}

}  // namespace

uint16_t NameIndex::Intern16(std::unordered_map<std::string, uint16_t>& map,
                             std::vector<std::string>& all, std::string_view text) {
  auto it = map.find(std::string(text));
  if (it != map.end()) return it->second;
  const auto id = static_cast<uint16_t>(all.size());
  all.emplace_back(text);
  map.emplace(std::string(text), id);
  return id;
}

uint32_t NameIndex::TradeId(std::string_view trade) {
  auto it = trade_ids_.find(std::string(trade));
  if (it != trade_ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(trades_.size());
  trades_.emplace_back(trade);
  trade_ids_.emplace(std::string(trade), id);
  return id;
}

uint32_t NameIndex::FindTradeId(std::string_view trade) const {
  auto it = trade_ids_.find(std::string(trade));
  return it == trade_ids_.end() ? kNone : it->second;
}

void NameIndex::Push(std::unordered_map<uint64_t, uint32_t>& heads, uint64_t key, uint32_t entry) {
  auto [it, inserted] = heads.try_emplace(key, kNone);
  nodes_.push_back({entry, it->second});
  it->second = static_cast<uint32_t>(nodes_.size() - 1);
}

std::string_view NameIndex::Text(const Entry& e, int part) const {
  const std::string_view all(arena_.data() + e.text_off, e.key_len + e.name_len + e.uscc_len);
  if (part == 0) return all.substr(0, e.key_len);
  if (part == 1) return all.substr(e.key_len, e.name_len);
  return all.substr(e.key_len + e.name_len, e.uscc_len);
}

void NameIndex::RemoveLocked(std::string_view key) {
  auto it = by_key_.find(Hash(key, 0));
  if (it == by_key_.end()) return;
  Entry& e = entries_[it->second];
  if (e.alive && Text(e, 0) == key) {
    e.alive = false;
    --live_;
  }
  by_key_.erase(it);
}

void NameIndex::Add(const IndexedName& n) {
  std::unique_lock lock(mu_);
  RemoveLocked(n.key);
  Entry e{};
  e.text_off = arena_.size();
  e.key_len = static_cast<uint16_t>(n.key.size());
  e.name_len = static_cast<uint16_t>(n.name.size());
  e.uscc_len = static_cast<uint8_t>(n.uscc.size());
  arena_ += n.key;
  arena_ += n.name;
  arena_ += n.uscc;
  e.alive = true;
  e.city = Intern16(str16_, strs16_, n.authority_city);
  e.term = Intern16(str16_, strs16_, n.parts.industry);
  e.group = Intern16(str16_, strs16_, n.parts.industry_group);
  // The name's own term decides its industry; without one, the entity's
  // registered GB/T 4754 division.
  const std::string& code = n.parts.industry_code.empty() ? n.industry_code : n.parts.industry_code;
  e.code = Intern16(str16_, strs16_, code);
  e.section = Intern16(str16_, strs16_, NameWords::SectionOf(code));
  e.form = Intern16(str16_, strs16_, n.parts.form);
  e.region = Intern16(str16_, strs16_, n.parts.region);
  e.trade = TradeId(n.parts.trade_name);
  e.until = Days(n.blocks_until);
  const auto id = static_cast<uint32_t>(entries_.size());
  entries_.push_back(e);
  by_key_[Hash(n.key, 0)] = id;
  ++live_;
  Push(city_trade_, (uint64_t{e.city} << 32) | e.trade, id);
  Push(trade_, e.trade, id);
  std::unordered_set<uint64_t> seen;
  // Every two-character piece of a longer 字号, so a shorter one found inside it is found.
  const auto cps = DecodeUtf8(n.parts.trade_name);
  for (size_t i = 0; cps.size() > 2 && i + 2 <= cps.size(); ++i) {
    const uint64_t h = Hash(EncodeUtf8({cps[i], cps[i + 1]}), e.city + 1);
    if (seen.insert(h).second) Push(city_prefix_, h, id);
  }
  seen.clear();
  for (const std::string& key : words_.PinyinKeys(n.parts.trade_name)) {
    const uint64_t h = Hash(key, e.city + 1);
    if (seen.insert(h).second) Push(city_pinyin_, h, id);
  }
}

void NameIndex::Remove(std::string_view key) {
  std::unique_lock lock(mu_);
  RemoveLocked(key);
}

void NameIndex::Clear() {
  std::unique_lock lock(mu_);
  arena_.clear();
  entries_.clear();
  nodes_.clear();
  by_key_.clear();
  city_trade_.clear();
  trade_.clear();
  city_pinyin_.clear();
  city_prefix_.clear();
  trade_ids_.clear();
  trades_.clear();
  str16_.clear();
  strs16_.clear();
  live_ = 0;
}

size_t NameIndex::size() const {
  std::shared_lock lock(mu_);
  return live_;
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
  const int form_id = id16(c.form);
  const int region_id = id16(c.region);
  const uint32_t trade_id = FindTradeId(c.trade_name);

  std::vector<NameHit> conflicts, similar;
  std::unordered_set<uint32_t> done;
  auto usable = [&](uint32_t id) {
    const Entry& e = entries_[id];
    return e.alive && e.until >= day && !done.count(id);
  };
  auto hit = [&](uint32_t id, std::string_view rule, std::string message) {
    done.insert(id);
    const Entry& e = entries_[id];
    NameHit h{std::string(Text(e, 1)), std::string(Text(e, 2)), std::string(rule),
              std::move(message)};
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
  // Walks a chain; the advisory walks stop once `limit` hints are found.
  auto chain = [&](const std::unordered_map<uint64_t, uint32_t>& heads, uint64_t key, auto&& fn,
                   bool binding = false) {
    auto it = heads.find(key);
    if (it == heads.end()) return;
    for (uint32_t n = it->second; n != kNone; n = nodes_[n].next) {
      if (!binding && similar.size() >= limit) return;
      fn(nodes_[n].entry);
    }
  };

  if (trade_id != kNone) {
    // Art. 17 within the authority, and the synonym-industry hint.
    if (city_id >= 0) {
      chain(
          city_trade_, (uint64_t{static_cast<uint16_t>(city_id)} << 32) | trade_id,
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
            } else if (section_id >= 0 && e.section == section_id) {
              hit(id, rule::kSameSection,
                  fmt::format("字号相同，行业“{}”与“{}”属国民经济行业分类同一门类", c.industry,
                              term.empty() ? strs16_[e.code] : term));
            }
          },
          true);
    }
    // Other authorities: same parts (reordered) or only region/form differ.
    chain(trade_, trade_id, [&](uint32_t id) {
      if (!usable(id) || similar.size() >= limit) return;
      const Entry& e = entries_[id];
      if (e.city == city_id || e.term != term_id) return;
      if (e.region == region_id && e.form == form_id) {
        hit(id, rule::kReordered, "名称各部分相同，仅排列顺序或写法不同");
      } else {
        hit(id, rule::kRegionOrFormOnly, "名称仅行政区划或组织形式不同");
      }
    });
  }
  if (city_id >= 0) {
    const uint64_t salt = static_cast<uint16_t>(city_id) + 1;
    // Homophones with the same industry.
    for (const std::string& key : words_.PinyinKeys(c.trade_name)) {
      chain(city_pinyin_, Hash(key, salt), [&](uint32_t id) {
        if (!usable(id) || similar.size() >= limit) return;
        const Entry& e = entries_[id];
        if (e.trade == trade_id || e.city != city_id || !same_industry(e)) return;
        hit(id, rule::kHomophone,
            fmt::format("字号“{}”与“{}”读音相同，行业相同", trades_[e.trade], c.trade_name));
      });
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
        chain(city_trade_, (uint64_t{static_cast<uint16_t>(city_id)} << 32) | sub_id,
              [&](uint32_t id) {
                if (!usable(id) || similar.size() >= limit) return;
                const Entry& e = entries_[id];
                if (!same_industry(e) && !words_.SameIndustryForArt17(c.industry, strs16_[e.term]))
                  return;
                hit(id, rule::kContainment,
                    fmt::format("字号“{}”包含已有字号“{}”", c.trade_name, sub));
              });
      }
    }
    // …or this one inside a longer indexed 字号 (holding its first two characters).
    chain(city_prefix_, Hash(Prefix2(c.trade_name), salt), [&](uint32_t id) {
      if (!usable(id) || similar.size() >= limit) return;
      const Entry& e = entries_[id];
      const std::string& other = trades_[e.trade];
      if (e.city != city_id || other.size() <= c.trade_name.size() ||
          other.find(c.trade_name) == std::string::npos)
        return;
      if (!same_industry(e) && !words_.SameIndustryForArt17(c.industry, strs16_[e.term])) return;
      hit(id, rule::kContainment, fmt::format("已有字号“{}”包含字号“{}”", other, c.trade_name));
    });
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
