// SPDX-License-Identifier: MulanPSL-2.0
// 一公开: the published draws, listed for the public (docs/inspection.md,
// "What the public sees"). A task appears once it is drawn; each draw's own
// page (task_store.h PublicDrawJson) shows the pool, the seed and the result.
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/database.h"

namespace amr::inspection {

struct PublicDrawQuery {
  std::string text;  // part of the task's or the leading unit's name; "" = all
  int year = 0;      // the year drawn; 0 = any
  int limit = 20;
  int offset = 0;
};

struct PublicDraw {
  int64_t task_id = 0;
  std::string name;
  std::string unit_name;  // the leading department
  bool joint = false;
  std::string drawn_at;
  int64_t pool_size = 0;
  int64_t selected = 0;   // entities drawn
  int64_t published = 0;  // of them, results published
};

struct PublicDrawPage {
  int64_t total = 0;
  std::vector<PublicDraw> items;
};

class PublicDrawService {
 public:
  explicit PublicDrawService(storage::Database& db) : db_(db) {}

  // Newest first. InvalidArgument naming "q" (over 50 characters), "year"
  // (outside 2000–2100), "limit" (1–100) or "offset" (negative).
  StatusOr<PublicDrawPage> List(const PublicDrawQuery& query) const;

 private:
  storage::Database& db_;
};

}  // namespace amr::inspection
