// SPDX-License-Identifier: MulanPSL-2.0
// The per-attempt state behind storage/commit_hooks.h, owned by
// Database::RunOnce.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "storage/commit_hooks.h"

namespace amr::storage::internal {

struct CommitHooks {
  soci::session* session = nullptr;
  std::vector<std::pair<std::string, CommitWork>> before, locked, after, after_shared;
  std::map<std::string, std::shared_ptr<void>, std::less<>> slots;
};

// Installs `hooks` as the current thread's for its lifetime.
class ScopedCommitHooks {
 public:
  explicit ScopedCommitHooks(CommitHooks& hooks);
  ~ScopedCommitHooks();
  ScopedCommitHooks(const ScopedCommitHooks&) = delete;
  ScopedCommitHooks& operator=(const ScopedCommitHooks&) = delete;

 private:
  CommitHooks* previous_;
};

}  // namespace amr::storage::internal
