// SPDX-License-Identifier: MulanPSL-2.0
// Records transferred from the 12345 hotline and the petition (信访) platform,
// or a register's history, loaded from a file (docs/complaints.md, "Import"):
//
//   amr import complaints FILE.csv | FILE.json | FILE.jsonl [--db URL]
//
// One record per CSV row (header row of the column names below) or per JSON
// object (a JSON array, or one object per line). Every record is validated
// first — the first bad one fails the whole file with InvalidArgument whose
// message starts with its line ("第 N 行") and whose field names the column;
// nothing is written then. The records go in through the engine's bulk path
// (COPY on PostgreSQL) in one transaction; the open ones (state received)
// then get their acceptance clock (and a report its check) on the calendar,
// as if filed that day. `external_ref` (the transferring system's number)
// makes each record once: the same file imported twice is AlreadyExists
// naming the line, and writes nothing.
//
// Columns: channel (hotline_12345 | petition | phone | walk_in | portal),
// external_ref, kind (complaint | report | enquiry), received_on, business_uscc,
// business_name, region_code, consumer_name, consumer_phone, summary,
// occurred_on, problem_kind, state (received | not_accepted | closed),
// decided_on, not_accept_reason, outcome, report_decision, amount_recovered,
// closed_on. Empty or missing means none.
//
// Thread-safety: one import at a time per store (the bulk path holds the
// write lock on SQLite).
#pragma once

#include <cstdint>
#include <istream>
#include <string>

#include "codes/calendar.h"
#include "common/clock.h"
#include "common/status.h"
#include "complaints/complaint.h"
#include "storage/database.h"

namespace amr::complaints {

struct ImportReport {
  int64_t rows = 0;
  int64_t open = 0;     // received: their clocks started
  int64_t matched = 0;  // businesses found in the register
};

StatusOr<ImportReport> ImportComplaints(storage::Database& db, std::istream& in, const Clock& clock,
                                        const codes::CalendarSource& calendar,
                                        const ComplaintRules& rules = ComplaintRules::Default());

}  // namespace amr::complaints
