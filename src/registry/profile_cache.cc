// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/profile_cache.h"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "storage/change_log.h"

namespace amr::registry {

namespace {
constexpr int kFollowBatch = 1000;
}  // namespace

ProfileCache::ProfileCache(storage::Database& db, Options options) : db_(db), options_(options) {}

uint64_t ProfileCache::Current() const {
  return storage::LocalChangeCommits() + followed_changes_.load(std::memory_order_acquire);
}

void ProfileCache::Follow() {
  std::unique_lock<std::mutex> lock(follow_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another caller is following
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  if (now < next_follow_.load()) return;
  next_follow_.store(now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               options_.follow_interval)
                               .count());
  Status status = db_.ReadTransaction([&](soci::session& sql) -> Status {
    if (seq_ < 0) {
      ASSIGN_OR_RETURN(seq_, storage::LastChangeSeq(sql));
      return OkStatus();
    }
    for (;;) {
      ASSIGN_OR_RETURN(std::vector<storage::Change> changes,
                       storage::ChangesSince(sql, seq_, kFollowBatch));
      if (changes.empty()) return OkStatus();
      seq_ = changes.back().seq;
      followed_changes_.fetch_add(1, std::memory_order_acq_rel);
      if (changes.size() < static_cast<std::size_t>(kFollowBatch)) return OkStatus();
    }
  });
  if (!status.ok()) {
    // Unknown whether anything changed: nothing cached is served, and the
    // next caller tries again.
    followed_changes_.fetch_add(1, std::memory_order_acq_rel);
    next_follow_.store(now);
    spdlog::warn("公示信息缓存未能读取变更记录，暂不使用缓存：{}", status.message());
  }
}

uint64_t ProfileCache::Stamp() {
  if (std::chrono::steady_clock::now().time_since_epoch().count() >= next_follow_.load()) Follow();
  return Current();
}

std::optional<uint64_t> ProfileCache::StampIfFollowed() const {
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  if (now >= next_follow_.load()) return std::nullopt;
  return Current();
}

std::optional<std::string> ProfileCache::Find(std::string_view uscc, uint64_t stamp) const {
  if (stamp == Current()) {
    std::shared_lock<std::shared_mutex> lock(entries_mutex_);
    if (entries_stamp_ == stamp) {
      if (auto it = entries_.find(std::string(uscc)); it != entries_.end()) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return it->second;
      }
    }
  }
  return std::nullopt;
}

void ProfileCache::Store(std::string uscc, std::string body, uint64_t stamp) {
  if (stamp != Current()) return;  // read before a change: already old
  std::unique_lock<std::shared_mutex> lock(entries_mutex_);
  if (stamp < entries_stamp_) return;
  if (stamp > entries_stamp_ || entries_.size() >= options_.max_entries) {
    entries_.clear();
    entries_stamp_ = stamp;
  }
  entries_.insert_or_assign(std::move(uscc), std::move(body));
}

}  // namespace amr::registry
