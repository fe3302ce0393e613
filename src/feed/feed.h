// SPDX-License-Identifier: MulanPSL-2.0
// The open change feed (docs/api.md, "The change feed"): what the register
// publishes, in the order it happened, for banks and other departments to
// follow like a streaming API — entities registered and changed, permits,
// annual reports filed and corrected, 经营异常名录 listings and their changes.
// It is read from the change log (storage/change_log.h), whose order every
// writer keeps; a cursor is the log's sequence number, so a client resumes
// exactly where it stopped. Rows of other tables (name reservations) are not
// public and never appear. No SQL here, no HTTP.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "storage/change_log.h"

namespace amr::feed {

struct FeedEvent {
  int64_t cursor = 0;
  std::string type;  // "entity.registered", "annual_report.filed", …
  std::string uscc;  // "" for a bulk load (type "entity.bulk_loaded")
  std::string at;    // RFC 3339
  std::string region_code;
  int year = 0;                 // annual_report.*
  int64_t listing_id = 0;       // abnormal_list.*
  int64_t penalty_id = 0;       // penalty.*
  int64_t instant_info_id = 0;  // instant_info.published
  int64_t permit_id = 0;        // permit.* (uscc filled by the reader)
};

// The public event of a change, or nullopt for a table that is not public
// or a key that cannot be read.
std::optional<FeedEvent> ToFeedEvent(const storage::Change& change);

nlohmann::json FeedEventJson(const FeedEvent& e);

// The server-sent-events form of events: "retry: 5000", then for each an
// "id:" (the cursor), "event:" (the type) and "data:" (the JSON) block.
std::string SseText(const std::vector<FeedEvent>& events);

}  // namespace amr::feed
