// SPDX-License-Identifier: MulanPSL-2.0
// Public profiles (GET /api/v1/entities/{uscc}) as last answered, so that the
// public's look-ups of the same entities are answered without reading the
// store again.
//
// An entry is kept only while nothing has changed: every answer is stored
// with the stamp taken before the store was read, and is served only while
// the stamp is still the same. The stamp grows when
//   * a transaction of this process that changed something the change log
//     covers commits (storage::LocalChangeCommits): this instance's own
//     changes show at once;
//   * the change log, followed at most once per `follow_interval`, has new
//     rows (another instance's changes, on the same database or replicated
//     to the one `db` reads): they show within that interval;
//   * following the change log fails (nothing is served from the cache until
//     it succeeds again).
// Any change empties the cache (it is a cache of the public's hot entities,
// refilled at the next look-up of each); at most `max_entries` are held, the
// cache being emptied when full.
//
// Thread-safety: all members are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/database.h"

namespace amr::registry {

class ProfileCache {
 public:
  struct Options {
    std::size_t max_entries = 100'000;
    std::chrono::milliseconds follow_interval{1000};
  };

  // Follows the change log of `db` (the store the cached answers are read
  // from), which must outlive the cache.
  ProfileCache(storage::Database& db, Options options);

  // The stamp to store an answer under: take it before reading the store.
  // Follows the change log when follow_interval has passed since the last
  // time (one caller follows; the others go on with the stamp as it is).
  uint64_t Stamp();

  // The stamp as it is, or nullopt when the change log is due to be
  // followed (or never was): for a caller that must not block, which then
  // leaves the look-up to one that may (Stamp).
  std::optional<uint64_t> StampIfFollowed() const;

  // The answer stored for `uscc` under `stamp`, if any.
  std::optional<std::string> Find(std::string_view uscc, uint64_t stamp) const;

  // Keeps `body` as the answer for `uscc`, read after Stamp() gave `stamp`;
  // dropped if the stamp has moved on since.
  void Store(std::string uscc, std::string body, uint64_t stamp);

  // A look-up that had to read the store (counted by the caller).
  void CountMiss() { misses_.fetch_add(1, std::memory_order_relaxed); }

  long long hits() const { return hits_.load(std::memory_order_relaxed); }
  long long misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  void Follow();
  uint64_t Current() const;

  storage::Database& db_;
  const Options options_;

  std::mutex follow_mutex_;
  int64_t seq_ = -1;  // the change log's position followed; -1: not yet read
  // When to follow next, in steady_clock ticks.
  std::atomic<std::chrono::steady_clock::rep> next_follow_{0};
  std::atomic<uint64_t> followed_changes_{0};  // grows with what following found

  mutable std::shared_mutex entries_mutex_;
  uint64_t entries_stamp_ = 0;
  std::unordered_map<std::string, std::string> entries_;

  mutable std::atomic<long long> hits_{0};
  std::atomic<long long> misses_{0};
};

}  // namespace amr::registry
