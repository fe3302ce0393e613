// SPDX-License-Identifier: MulanPSL-2.0
// Reading audit_log rows through SOCI, shared by Verify, Head and Query.
//
// Integer columns other than seq are selected as text (CAST … AS TEXT) so that
// a tampered value of the wrong type (SQLite keeps 'abc' in a BIGINT column)
// is read, and then reported as a changed record, instead of failing the read.
//
// Thread-safety: a RowBuffer belongs to one statement on one thread.
#pragma once

#include <soci/soci.h>

#include <string>

#include "audit/audit_record.h"

namespace amr::audit::internal {

// The select list, in RowBuffer order. Column names are fixed here.
inline constexpr const char* kRecordColumns =
    "seq, recorded_at, CAST(user_id AS TEXT), username, role, CAST(org_unit_id AS TEXT), ip, "
    "request_id, action, target_type, target_id, summary, prev_hash, hash";

struct RowBuffer {
  long long seq = 0;
  std::string recorded_at, user_id, username, role, org_unit_id, ip, request_id, action,
      target_type, target_id, summary, prev_hash, hash;
};

// Adds soci::into for every column of kRecordColumns to a statement being
// prepared: `auto st = (sql.prepare << …); IntoRow(st, buffer);`.
void IntoRow(soci::details::prepare_temp_type& st, RowBuffer& row);

// The record a fetched row holds. Returns false (leaving `out` partly set)
// when user_id or org_unit_id is not a canonical decimal integer: such a row
// was not written by Append.
bool ToRecord(const RowBuffer& row, AuditRecord& out);

}  // namespace amr::audit::internal
