// SPDX-License-Identifier: MulanPSL-2.0
// Case leads (线索, CONTEXT-MAP.md): a suspected violation with its source
// and evidence, produced by inspection, complaints and, later, sampling,
// safety and permits, and consumed by enforcement. It sits below all of them
// so that no producer depends on enforcement. No SQL, no HTTP here.
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::leads {

// Where a lead came from.
enum class Source { kInspection, kComplaintReport };
std::string_view SourceId(Source s);                // "complaint_report"
std::string_view SourceName(Source s);              // "举报核查"
StatusOr<Source> ParseSource(std::string_view id);  // InvalidArgument "source"

// A piece of evidence: what it is and what it points at (a record such as
// "complaint:12", an attachment's sha256, a document's number).
struct Evidence {
  std::string title, ref;
};

struct NewLead {
  Source source = Source::kInspection;
  std::string source_ref;  // "inspection_visit:7", "complaint:12"
  std::string uscc;        // "" when the business is not in the register
  std::string business_name;
  int64_t unit_id = 0;  // the unit that passes it on
  std::string description;
  std::vector<Evidence> evidence;
  int64_t created_by = 0;  // the officer's user id
};

// InvalidArgument naming the field: no description or one over 4000 bytes,
// no business (neither uscc nor name), no unit, more than 50 pieces of
// evidence or one without a title or reference.
Status Validate(const NewLead& lead);

struct Lead {
  int64_t id = 0;
  Source source = Source::kInspection;
  std::string source_ref, uscc, business_name, description;
  int64_t unit_id = 0;
  std::string unit_path, unit_name;
  std::string status;  // "open" until enforcement takes it
  std::string created_at;
  std::vector<Evidence> evidence;
};

}  // namespace amr::leads
