// SPDX-License-Identifier: MulanPSL-2.0
// The name index's hash tables: open addressing with linear probing in flat
// vectors (power-of-two capacity, at most three quarters full, no allocation
// per entry), so that ten million names cost a few bytes of table each and a
// snapshot (name_snapshot.h) is the vectors as they are.
//
//   FlatMap64  a 64-bit key -> a 32-bit value (the head of a chain). Keys are
//              never erased: chains keep their dead entries.
//   FlatIdSet  the ids of items the caller keeps (entries by key, 字号 by
//              text): the caller hashes and compares the text, the table
//              keeps the id and eight bits of the hash to skip most compares.
//              Erasing shifts the following slots back (no tombstones).
//   FlatPairs  pairs of a 32-bit hash fragment and a 32-bit value, any number
//              of values per fragment, eight bytes a pair: the caller
//              confirms each value it gets back (a fragment is not a key).
//
// Not thread-safe: NameIndex locks around them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace amr::names {

// The finaliser of splitmix64: spreads any key over the bits of a slot number.
inline uint64_t MixBits(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

class FlatMap64 {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The value for `key`, kNone if absent.
  uint32_t Find(uint64_t key) const {
    if (vals_.empty()) return kNone;
    const size_t mask = vals_.size() - 1;
    for (size_t i = MixBits(key) & mask;; i = (i + 1) & mask) {
      if (vals_[i] == kNone) return kNone;
      if (keys_[i] == key) return vals_[i];
    }
  }

  // Sets the value for `key` (not kNone); returns the previous one, kNone if new.
  uint32_t Put(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 4 > vals_.size() * 3) Grow();
    const size_t mask = vals_.size() - 1;
    for (size_t i = MixBits(key) & mask;; i = (i + 1) & mask) {
      if (vals_[i] == kNone) {
        keys_[i] = key;
        vals_[i] = value;
        ++size_;
        return kNone;
      }
      if (keys_[i] == key) {
        const uint32_t old = vals_[i];
        vals_[i] = value;
        return old;
      }
    }
  }

  size_t size() const { return size_; }
  size_t capacity() const { return vals_.size(); }
  size_t bytes() const { return keys_.capacity() * 8 + vals_.capacity() * 4; }
  void Clear() {
    keys_ = {};
    vals_ = {};
    size_ = 0;
  }

 private:
  friend class SnapshotCodec;
  void Grow() {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<uint32_t> vals = std::move(vals_);
    const size_t capacity = vals.empty() ? 16 : vals.size() * 2;
    keys_.assign(capacity, 0);
    vals_.assign(capacity, kNone);
    const size_t mask = capacity - 1;
    for (size_t j = 0; j < vals.size(); ++j) {
      if (vals[j] == kNone) continue;
      size_t i = MixBits(keys[j]) & mask;
      while (vals_[i] != kNone) i = (i + 1) & mask;
      keys_[i] = keys[j];
      vals_[i] = vals[j];
    }
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> vals_;  // kNone: empty slot
  size_t size_ = 0;
};

class FlatIdSet {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The id whose item `is(id)` is the one sought (of hash `hash`), kNone if none.
  template <class Is>
  uint32_t Find(uint64_t hash, Is&& is) const {
    const size_t slot = FindSlot(hash, is);
    return slot == kNoSlot ? kNone : ids_[slot];
  }

  // Adds `id` (not present; its item hashes to `hash`). `hash_of(id)` gives
  // the hash of any stored id, for growing.
  template <class HashOf>
  void Insert(uint64_t hash, uint32_t id, HashOf&& hash_of) {
    if ((size_ + 1) * 4 > ids_.size() * 3) Grow(hash_of);
    const size_t mask = ids_.size() - 1;
    size_t i = MixBits(hash) & mask;
    while (ids_[i] != kNone) i = (i + 1) & mask;
    ids_[i] = id;
    tags_[i] = Tag(hash);
    ++size_;
  }

  // Makes `id` the one stored for its item: replaces the id `is` picks (and
  // returns it), or adds `id` (and returns kNone).
  template <class Is, class HashOf>
  uint32_t Put(uint64_t hash, uint32_t id, Is&& is, HashOf&& hash_of) {
    if (const size_t slot = FindSlot(hash, is); slot != kNoSlot) {
      const uint32_t old = ids_[slot];
      ids_[slot] = id;
      return old;
    }
    Insert(hash, id, hash_of);
    return kNone;
  }

  // Removes the id `is` picks; returns it, kNone if absent.
  template <class Is, class HashOf>
  uint32_t Erase(uint64_t hash, Is&& is, HashOf&& hash_of) {
    size_t hole = FindSlot(hash, is);
    if (hole == kNoSlot) return kNone;
    const uint32_t id = ids_[hole];
    const size_t mask = ids_.size() - 1;
    // Backward shift: move up every later slot of the run whose home is not
    // between the hole and itself, so no search stops short.
    for (size_t i = (hole + 1) & mask; ids_[i] != kNone; i = (i + 1) & mask) {
      const size_t home = MixBits(hash_of(ids_[i])) & mask;
      const bool stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (stays) continue;
      ids_[hole] = ids_[i];
      tags_[hole] = tags_[i];
      hole = i;
    }
    ids_[hole] = kNone;
    tags_[hole] = 0;
    --size_;
    return id;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return ids_.size(); }
  size_t bytes() const { return ids_.capacity() * 4 + tags_.capacity(); }
  void Clear() {
    ids_ = {};
    tags_ = {};
    size_ = 0;
  }

 private:
  friend class SnapshotCodec;
  static constexpr size_t kNoSlot = SIZE_MAX;
  static uint8_t Tag(uint64_t hash) { return static_cast<uint8_t>(hash >> 56); }

  template <class Is>
  size_t FindSlot(uint64_t hash, Is&& is) const {
    if (ids_.empty()) return kNoSlot;
    const size_t mask = ids_.size() - 1;
    const uint8_t tag = Tag(hash);
    for (size_t i = MixBits(hash) & mask;; i = (i + 1) & mask) {
      if (ids_[i] == kNone) return kNoSlot;
      if (tags_[i] == tag && is(ids_[i])) return i;
    }
  }

  template <class HashOf>
  void Grow(HashOf&& hash_of) {
    std::vector<uint32_t> ids = std::move(ids_);
    const size_t capacity = ids.empty() ? 16 : ids.size() * 2;
    ids_.assign(capacity, kNone);
    tags_.assign(capacity, 0);
    const size_t mask = capacity - 1;
    for (uint32_t id : ids) {
      if (id == kNone) continue;
      const uint64_t hash = hash_of(id);
      size_t i = MixBits(hash) & mask;
      while (ids_[i] != kNone) i = (i + 1) & mask;
      ids_[i] = id;
      tags_[i] = Tag(hash);
    }
  }

  std::vector<uint32_t> ids_;  // kNone: empty slot
  std::vector<uint8_t> tags_;  // the hash's top eight bits
  size_t size_ = 0;
};

class FlatPairs {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Calls fn(value) for every value stored with `fragment`.
  template <class Fn>
  void ForEach(uint32_t fragment, Fn&& fn) const {
    if (slots_.empty()) return;
    const size_t mask = slots_.size() - 1;
    for (size_t i = fragment & mask;; i = (i + 1) & mask) {
      const uint64_t slot = slots_[i];
      if (Value(slot) == kNone) return;
      if (Fragment(slot) == fragment) fn(Value(slot));
    }
  }

  // Adds the pair unless it is there.
  void Insert(uint32_t fragment, uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    const size_t mask = slots_.size() - 1;
    const uint64_t pair = (uint64_t{fragment} << 32) | value;
    size_t i = fragment & mask;
    for (; Value(slots_[i]) != kNone; i = (i + 1) & mask) {
      if (slots_[i] == pair) return;
    }
    slots_[i] = pair;
    ++size_;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return slots_.size(); }
  size_t bytes() const { return slots_.capacity() * 8; }
  void Clear() {
    slots_ = {};
    size_ = 0;
  }

 private:
  friend class SnapshotCodec;
  static constexpr uint64_t kEmpty = kNone;
  static uint32_t Fragment(uint64_t slot) { return static_cast<uint32_t>(slot >> 32); }
  static uint32_t Value(uint64_t slot) { return static_cast<uint32_t>(slot); }

  void Grow() {
    std::vector<uint64_t> slots = std::move(slots_);
    const size_t capacity = slots.empty() ? 16 : slots.size() * 2;
    slots_.assign(capacity, kEmpty);
    const size_t mask = capacity - 1;
    for (uint64_t slot : slots) {
      if (Value(slot) == kNone) continue;
      size_t i = Fragment(slot) & mask;
      while (Value(slots_[i]) != kNone) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<uint64_t> slots_;  // fragment << 32 | value; value kNone: empty
  size_t size_ = 0;
};

}  // namespace amr::names
