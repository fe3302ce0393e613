// SPDX-License-Identifier: MulanPSL-2.0
// Where the registers (consumer_register) and the officers on a report
// (complaint_handler) are kept, migration 0025. Functions take the caller's
// session; they neither check permissions nor audit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "complaints/consumer_register.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::complaints {

StatusOr<RegisterEntry> InsertEntry(soci::session& sql, RegisterEntry e, const std::string& now);
// NotFound (field "id").
StatusOr<RegisterEntry> GetEntry(soci::session& sql, int64_t id);
// The entry in force for the business in that register, if any.
StatusOr<std::optional<RegisterEntry>> FindInForce(soci::session& sql, std::string_view uscc,
                                                   RegisterKind kind);
// Writes ended_on and ended_by.
Status SaveEnded(soci::session& sql, const RegisterEntry& e);
// A register, newest first: the entries in force on `on` (or all, ended
// too, when `on` is nullopt), under `unit_path` ("" for everywhere), at most
// `limit`.
StatusOr<std::vector<RegisterEntry>> ListEntries(soci::session& sql, RegisterKind kind,
                                                 std::optional<std::string> on,
                                                 const std::string& unit_path, int limit);

// The officers on a report.
Status AddHandler(soci::session& sql, int64_t complaint_id, const std::string& username,
                  const std::string& now);  // OK when already on it
StatusOr<bool> IsHandler(soci::session& sql, int64_t complaint_id, const std::string& username);
StatusOr<std::vector<std::string>> ListHandlers(soci::session& sql, int64_t complaint_id);

}  // namespace amr::complaints
