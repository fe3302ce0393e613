// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/unknown_user_lockout.h"

#include <algorithm>

namespace amr::identity {

UnknownUserLockout::UnknownUserLockout(int max_failures, std::chrono::seconds lockout,
                                       size_t max_names)
    : max_failures_(std::max(1, max_failures)),
      lockout_(lockout),
      max_names_(std::max<size_t>(1, max_names)) {}

UnknownUserLockout::Entry& UnknownUserLockout::Touch(std::string_view name) {
  auto it = entries_.find(std::string(name));
  if (it != entries_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second;
  }
  if (entries_.size() >= max_names_) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.emplace_front(name);
  return entries_.emplace(std::string(name), Entry{0, std::nullopt, lru_.begin()}).first->second;
}

std::optional<Clock::TimePoint> UnknownUserLockout::LockedUntil(std::string_view name,
                                                                Clock::TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(std::string(name));
  if (it == entries_.end() || !it->second.locked_until) return std::nullopt;
  if (*it->second.locked_until > now) return it->second.locked_until;
  it->second.locked_until.reset();  // expired: counting starts afresh
  return std::nullopt;
}

std::optional<Clock::TimePoint> UnknownUserLockout::RecordFailure(std::string_view name,
                                                                  Clock::TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = Touch(name);
  if (++e.failures < max_failures_) return std::nullopt;
  // As for an existing account: the count starts again once locked.
  e.failures = 0;
  e.locked_until = now + lockout_;
  return e.locked_until;
}

size_t UnknownUserLockout::SizeForTest() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace amr::identity
