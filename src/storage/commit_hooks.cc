// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/commit_hooks.h"

#include <string>

#include "storage/internal/commit_hooks_state.h"

namespace amr::storage {
namespace {

thread_local internal::CommitHooks* current = nullptr;

bool Register(std::vector<std::pair<std::string, CommitWork>>& list, std::string_view key,
              CommitWork work) {
  for (const auto& [k, w] : list) {
    if (k == key) return true;
  }
  list.emplace_back(std::string(key), std::move(work));
  return true;
}

}  // namespace

namespace internal {

ScopedCommitHooks::ScopedCommitHooks(CommitHooks& hooks) : previous_(current) { current = &hooks; }
ScopedCommitHooks::~ScopedCommitHooks() { current = previous_; }

}  // namespace internal

bool InWriteTransaction(soci::session& session) {
  return current != nullptr && current->session == &session;
}

bool BeforeCommit(soci::session& session, std::string_view key, CommitWork work) {
  if (!InWriteTransaction(session)) return false;
  return Register(current->before, key, std::move(work));
}

bool BeforeCommitLocked(soci::session& session, std::string_view key, CommitWork work) {
  if (!InWriteTransaction(session)) return false;
  return Register(current->locked, key, std::move(work));
}

bool AfterCommit(soci::session& session, std::string_view key, CommitWork work) {
  if (!InWriteTransaction(session)) return false;
  return Register(current->after, key, std::move(work));
}

bool AfterCommitShared(soci::session& session, std::string_view key, CommitWork work) {
  if (!InWriteTransaction(session)) return false;
  return Register(current->after_shared, key, std::move(work));
}

std::shared_ptr<void>* AttemptSlot(soci::session& session, std::string_view key) {
  if (!InWriteTransaction(session)) return nullptr;
  auto it = current->slots.find(key);
  if (it == current->slots.end()) it = current->slots.emplace(std::string(key), nullptr).first;
  return &it->second;
}

}  // namespace amr::storage
