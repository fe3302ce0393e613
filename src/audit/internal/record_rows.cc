// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/internal/record_rows.h"

#include <charconv>
#include <cstdint>

namespace amr::audit::internal {
namespace {

// Canonical decimal: what std::to_string writes, so it re-encodes identically.
bool ParseCanonicalInt(const std::string& text, int64_t& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && std::to_string(out) == text;
}

}  // namespace

void IntoRow(soci::details::prepare_temp_type& st, RowBuffer& row) {
  st, soci::into(row.seq), soci::into(row.recorded_at), soci::into(row.user_id),
      soci::into(row.username), soci::into(row.role), soci::into(row.org_unit_id),
      soci::into(row.ip), soci::into(row.request_id), soci::into(row.action),
      soci::into(row.target_type), soci::into(row.target_id), soci::into(row.summary),
      soci::into(row.prev_hash), soci::into(row.hash);
}

bool ToRecord(const RowBuffer& row, AuditRecord& out) {
  out.seq = row.seq;
  out.recorded_at = row.recorded_at;
  out.actor.username = row.username;
  out.actor.role = row.role;
  out.actor.ip = row.ip;
  out.actor.request_id = row.request_id;
  out.action = row.action;
  out.target_type = row.target_type;
  out.target_id = row.target_id;
  out.summary = row.summary;
  out.prev_hash = row.prev_hash;
  out.hash = row.hash;
  return ParseCanonicalInt(row.user_id, out.actor.user_id) &&
         ParseCanonicalInt(row.org_unit_id, out.actor.org_unit_id);
}

}  // namespace amr::audit::internal
