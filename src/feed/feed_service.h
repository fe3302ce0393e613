// SPDX-License-Identifier: MulanPSL-2.0
// Reading the change feed (feed.h) a page at a time.
//
//   FeedService feed(db);
//   auto page = feed.Read(since, 100);   // events after `since`, page->next to resume
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "feed/feed.h"
#include "storage/database.h"

namespace amr::feed {

struct FeedPage {
  std::vector<FeedEvent> events;
  // The cursor to resume from: the last change looked at (an event or a
  // change that is not public), `since` when there was none.
  int64_t next = 0;
};

class FeedService {
 public:
  explicit FeedService(storage::Database& db) : db_(db) {}
  // Up to `limit` (1..1000) changes after `since` (0: from the beginning),
  // the public ones as events. InvalidArgument "limit" / "since".
  StatusOr<FeedPage> Read(int64_t since, int limit);

 private:
  storage::Database& db_;
};

}  // namespace amr::feed
