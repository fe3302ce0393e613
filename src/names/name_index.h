// SPDX-License-Identifier: MulanPSL-2.0
// The in-memory index of every name a check compares with: registered
// entities (存续/歇业), unexpired reservations, and names ended (注销, 吊销,
// changed) less than a year ago. Keyed by (authority city, folded 字号), by
// (city, pinyin spelling), by 字号 alone (other cities), and by (city, first
// two characters of the 字号) for containment.
//
// Entries are kept compact so ten million names fit in two gigabytes: one
// arena of text (an entity's key is its USCC, kept once), interned cities,
// terms and 字号, and flat open-addressing tables (flat_table.h) instead of
// node-based maps. Every entry is on two chains threaded through the entries
// themselves (same city and 字号, newest first; same 字号 anywhere). Each
// distinct 字号 is listed under each of its pinyin spellings (homophones are
// the 字号 so read that the city has, their names merged newest first), and
// each name of a longer 字号 on the chain of each two-character piece in its
// city. A chain of one holds its item directly.
// Removing marks an entry dead; its chains skip it. A snapshot
// (name_snapshot.h) writes these arrays to a file and reads them back as
// they are.
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
#include "names/flat_table.h"
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
  // Bytes the arrays hold (their capacity), for the benchmark and the log.
  size_t bytes() const;

 private:
  friend class SnapshotCodec;
  // 40 bytes. The text is key, name, then the USCC unless it is the key; the
  // name only when it is not its parts back to back (region, 字号, term, form).
  struct Entry {
    uint32_t text_lo;  // offset in arena_: text_hi << 32 | text_lo
    uint8_t text_hi;
    uint8_t flags;  // kAlive, kUsccIsKey, kNameFromParts
    uint16_t name_len;
    uint16_t key_len, uscc_len;
    uint16_t city, term, group, code, form, region;  // ids in strs16_
    uint32_t trade;                                  // id in trade_off_
    int32_t until;                                   // days since the epoch
    uint32_t next_city_trade, next_trade;  // older entries on its chains, kNone at the end
  };
  static_assert(sizeof(Entry) == 40, "snapshots write entries as they are: no padding");
  static constexpr uint8_t kAlive = 1, kUsccIsKey = 2, kNameFromParts = 4;
  struct Node {
    uint32_t item, next;  // next: a node, kDirect | the last item, or kNone
  };
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr uint16_t kNone16 = UINT16_MAX;

  // A chain head or next that is the item itself (a chain of one), not a node.
  static constexpr uint32_t kDirect = 0x80000000u;

  uint16_t Intern16(std::string_view text);
  uint32_t TradeId(std::string_view trade);
  uint32_t FindTradeId(std::string_view trade) const;
  std::string_view TradeText(uint32_t id) const;
  uint32_t CityTradeHead(uint16_t city, uint32_t trade) const;
  bool ReadsAs(uint32_t trade, std::string_view spelling) const;
  void Push(FlatMap64& heads, std::vector<Node>& nodes, uint64_t key, uint32_t item);
  template <class Fn>
  void Walk(const FlatMap64& heads, const std::vector<Node>& nodes, uint64_t key, Fn&& fn) const;
  void RemoveLocked(std::string_view key);
  std::string_view Text(const Entry& e, int part) const;  // 0 key, 1 name as kept, 2 USCC
  std::string NameOf(const Entry& e) const;
  uint64_t KeyHash(uint32_t entry) const;
  void RebuildStr16Map();

  const NameWords& words_;
  mutable std::shared_mutex mu_;
  std::string arena_;
  std::vector<Entry> entries_;
  FlatIdSet by_key_;                  // live entries by key
  FlatIdSet city_trade_;              // newest entry of each (city, 字号); Entry::next_city_trade
  std::vector<uint32_t> trade_head_;  // by 字号: newest entry, then Entry::next_trade
  FlatPairs pinyin_;                  // part of hash(spelling) -> 字号 ids, confirmed on use
  FlatMap64 city_piece_;              // (city, two characters) -> names (Node::item: entry)
  std::vector<Node> piece_nodes_;
  std::string trade_text_;           // every 字号 once, back to back
  std::vector<uint64_t> trade_off_;  // 字号 i is [trade_off_[i], trade_off_[i + 1])
  FlatIdSet trade_ids_;              // 字号 ids by text
  std::unordered_map<std::string, uint16_t> str16_;  // cities, terms, groups, codes, forms
  std::vector<std::string> strs16_;
  std::vector<uint16_t> section_of_;  // by id in strs16_: the 门类 of a code, kNone16 if unset
  size_t live_ = 0;
};

}  // namespace amr::names
