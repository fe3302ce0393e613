// SPDX-License-Identifier: MulanPSL-2.0
// 待办: how many things wait for the caller in each queue of the workbench
// (the registrar's review, a department's steps, an inspector's open visits,
// an applicant's returned steps, anyone's unread messages), shown beside the
// menu entries. Each count
// comes from its own context, wired by cli::App; this holds no SQL.
//
// Thread-safety: thread-safe when the counts are.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "identity/caller.h"

namespace amr::workbench {

struct TodoSource {
  std::string menu;  // the workbench path the count stands beside
  // The caller must hold it (else the count is not asked); "authenticated":
  // any logged-in user (消息中心's unread count).
  std::string permission;
  std::function<StatusOr<int64_t>(const identity::Caller&)> count;
};

class TodoService {
 public:
  explicit TodoService(std::vector<TodoSource> sources) : sources_(std::move(sources)) {}

  // The counts of the sources the caller may see, by menu path (zero counts
  // too). Unauthenticated without a principal; the first source's error.
  StatusOr<std::map<std::string, int64_t>> Counts(const identity::Caller& caller) const;

 private:
  std::vector<TodoSource> sources_;
};

}  // namespace amr::workbench
