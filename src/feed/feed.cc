// SPDX-License-Identifier: MulanPSL-2.0
#include "feed/feed.h"

#include <charconv>

namespace amr::feed {
namespace {

using nlohmann::json;

bool ParseInt(std::string_view text, int64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

// "USCC:N" → the USCC and N.
bool SplitKey(const std::string& key, std::string& uscc, int64_t& n) {
  const size_t colon = key.find(':');
  if (colon == std::string::npos || colon != 18) return false;
  uscc = key.substr(0, colon);
  return ParseInt(std::string_view(key).substr(colon + 1), n);
}

}  // namespace

std::optional<FeedEvent> ToFeedEvent(const storage::Change& c) {
  FeedEvent e;
  e.cursor = c.seq;
  e.at = c.changed_at;
  e.region_code = c.region_code;
  const bool created = c.op == "insert";
  if (c.table_name == "entity") {
    if (c.row_key == "*") {
      e.type = "entity.bulk_loaded";
    } else {
      e.type = created ? "entity.registered" : "entity.changed";
      e.uscc = c.row_key;
    }
    return e;
  }
  if (c.table_name == "permit") {
    if (!ParseInt(c.row_key, e.permit_id)) return std::nullopt;
    e.type = created ? "permit.recorded" : "permit.changed";
    return e;
  }
  if (c.table_name == "annual_report") {
    int64_t year = 0;
    if (!SplitKey(c.row_key, e.uscc, year)) return std::nullopt;
    e.year = static_cast<int>(year);
    e.type = created ? "annual_report.filed" : "annual_report.corrected";
    return e;
  }
  if (c.table_name == "abnormal_listing") {
    if (!SplitKey(c.row_key, e.uscc, e.listing_id)) return std::nullopt;
    e.type = created ? "abnormal_list.listed" : "abnormal_list.changed";
    return e;
  }
  if (c.table_name == "instant_info") {
    if (!SplitKey(c.row_key, e.uscc, e.instant_info_id)) return std::nullopt;
    e.type = "instant_info.published";
    return e;
  }
  if (c.table_name == "penalty_publication") {
    if (!SplitKey(c.row_key, e.uscc, e.penalty_id)) return std::nullopt;
    e.type = created ? "penalty.published" : "penalty.changed";
    return e;
  }
  return std::nullopt;
}

json FeedEventJson(const FeedEvent& e) {
  json out = {{"cursor", std::to_string(e.cursor)},
              {"type", e.type},
              {"uscc", e.uscc.empty() ? json(nullptr) : json(e.uscc)},
              {"at", e.at},
              {"region_code", e.region_code}};
  if (e.year != 0) out["year"] = e.year;
  if (e.listing_id != 0) out["listing_id"] = e.listing_id;
  if (e.penalty_id != 0) out["penalty_id"] = e.penalty_id;
  if (e.instant_info_id != 0) out["instant_info_id"] = e.instant_info_id;
  if (e.permit_id != 0) out["permit_id"] = e.permit_id;
  return out;
}

std::string SseText(const std::vector<FeedEvent>& events) {
  std::string out = "retry: 5000\n\n";
  for (const FeedEvent& e : events) {
    out += "id: " + std::to_string(e.cursor) + "\nevent: " + e.type +
           "\ndata: " + FeedEventJson(e).dump() + "\n\n";
  }
  return out;
}

}  // namespace amr::feed
