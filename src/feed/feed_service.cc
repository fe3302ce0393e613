// SPDX-License-Identifier: MulanPSL-2.0
#include "feed/feed_service.h"

#include <soci/soci.h>

#include <map>

#include "storage/rows.h"

namespace amr::feed {

StatusOr<FeedPage> FeedService::Read(int64_t since, int limit) {
  if (since < 0) return InvalidArgumentError("游标应为非负整数", "since");
  if (limit < 1 || limit > 1000)
    return InvalidArgumentError("每页条数应在 1 到 1000 之间", "limit");
  ASSIGN_OR_RETURN(std::vector<storage::Change> changes, storage::ChangesSince(db_, since, limit));
  FeedPage page;
  page.next = since;
  std::map<int64_t, std::string> permits;  // id → uscc, filled below
  for (const storage::Change& c : changes) {
    page.next = std::max(page.next, c.seq);
    std::optional<FeedEvent> e = ToFeedEvent(c);
    if (!e) continue;
    if (e->permit_id != 0) permits.emplace(e->permit_id, "");
    page.events.push_back(*std::move(e));
  }
  if (!permits.empty()) {
    RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
      for (auto& [id, uscc] : permits) {
        const long long key = id;
        soci::indicator ind = soci::i_null;
        sql << "SELECT uscc FROM permit WHERE id = :id", soci::use(key), soci::into(uscc, ind);
        if (ind != soci::i_ok) uscc.clear();
      }
      return OkStatus();
    }));
    for (FeedEvent& e : page.events) {
      if (e.permit_id != 0) e.uscc = permits[e.permit_id];
    }
  }
  return page;
}

}  // namespace amr::feed
