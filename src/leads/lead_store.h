// SPDX-License-Identifier: MulanPSL-2.0
// Where case leads are kept (case_lead and case_lead_evidence, migrations
// 0007 and 0025). Functions take the caller's session; the producer's
// service checks permissions and audits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "leads/lead.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::leads {

// Validates and inserts `lead` with its evidence; returns it as stored.
StatusOr<Lead> InsertLead(soci::session& sql, const NewLead& lead, const std::string& now);
// NotFound (field "id").
StatusOr<Lead> GetLead(soci::session& sql, int64_t id);
// The leads passed on by units under one of `unit_paths`, newest first, at
// most `limit` (evidence not loaded).
StatusOr<std::vector<Lead>> ListLeads(soci::session& sql,
                                      const std::vector<std::string>& unit_paths, int limit);

}  // namespace amr::leads
