// SPDX-License-Identifier: MulanPSL-2.0
// The in-memory index of every name a check compares with: registered
// entities (存续/歇业), unexpired reservations, and names ended (注销, 吊销,
// changed) less than a year ago. Keyed by (authority city, folded 字号), by
// (city, pinyin spelling), by 字号 alone (other cities), and by (city, first
// two characters of the 字号) for containment.
//
// Entries are kept compact (one arena of text, interned cities, terms and
// 字号) so ten million names fit in a few gigabytes. Removing marks an entry
// dead; its chains skip it.
//
// Thread-safety: Add/Remove take an exclusive lock, Find a shared one; any
// number of threads may call Find concurrently.
#pragma once
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "names/name_rules.h"

namespace amr::names {

struct IndexedName {
  std::string key;   // unique: the USCC for entities, "r:ID" reservations, "h:ID" ended names
  std::string name;  // as written
  std::string uscc;  // "" for reservations
  std::string authority_city;  // codes::RegionTable::AuthorityCity code
  std::string industry_code;   // GB/T 4754 division of the entity, may be empty
  NameParts parts;
  Date blocks_until = Date::FromSysDays(std::chrono::sys_days::max());  // last day it counts
};

class NameIndex {
 public:
  explicit NameIndex(const NameWords& words) : words_(words) {}
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;

  // Adds (or replaces, by key) a name.
  void Add(const IndexedName& name);
  // Removes the name with `key`; no-op if absent.
  void Remove(std::string_view key);
  // Drops everything.
  void Clear();

  // Compares `parts` (of `folded`, checked at a registration authority in
  // `city`, optional industry `industry_code`) with every indexed name still
  // counting on `today`. Appends hits (Art. 17 conflicts first, at most
  // `limit` in all) to `check` and sets its verdict to conflict/similar.
  void Find(NameCheck& check, std::string_view city, std::string_view industry_code, Date today,
            size_t limit = 20) const;

  size_t size() const;  // live entries

 private:
  struct Entry {
    uint64_t text_off;  // key, name, uscc back to back in arena_
    uint16_t key_len, name_len;
    uint8_t uscc_len;
    bool alive;
    uint16_t city, term, group, code, section, form, region;
    uint32_t trade;
    int32_t until;
  };
  struct Node {
    uint32_t entry, next;
  };
  static constexpr uint32_t kNone = UINT32_MAX;

  uint16_t Intern16(std::unordered_map<std::string, uint16_t>& map, std::vector<std::string>& all,
                    std::string_view text);
  uint32_t TradeId(std::string_view trade);
  uint32_t FindTradeId(std::string_view trade) const;
  void Push(std::unordered_map<uint64_t, uint32_t>& heads, uint64_t key, uint32_t entry);
  void RemoveLocked(std::string_view key);
  std::string_view Text(const Entry& e, int part) const;

  const NameWords& words_;
  mutable std::shared_mutex mu_;
  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<Node> nodes_;
  std::unordered_map<uint64_t, uint32_t> by_key_;  // hash(key) -> entry
  std::unordered_map<uint64_t, uint32_t> city_trade_, trade_, city_pinyin_, city_prefix_;
  std::unordered_map<std::string, uint32_t> trade_ids_;
  std::vector<std::string> trades_;
  std::unordered_map<std::string, uint16_t> str16_;  // cities, terms, groups, codes, forms
  std::vector<std::string> strs16_;
  size_t live_ = 0;
};

}  // namespace amr::names
