// SPDX-License-Identifier: MulanPSL-2.0
// Where complaints are kept (table complaint, migration 0024). Functions take
// the caller's session (complaint_service.h runs each step in one
// transaction); they neither check permissions nor audit.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "complaints/complaint.h"
#include "complaints/station_areas.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::complaints {

// Inserts `c` (its id is set) with the submitter's key ("" for none).
StatusOr<Complaint> InsertComplaint(soci::session& sql, Complaint c, const std::string& client_key);
// The record a submitter's key made, if any.
StatusOr<std::optional<Complaint>> FindByClientKey(soci::session& sql, std::string_view key);
// NotFound (field "id").
StatusOr<Complaint> GetComplaint(soci::session& sql, int64_t id);
// Those handled by a unit under one of `unit_paths`, newest first, at most
// `limit`; `state` narrows.
StatusOr<std::vector<Complaint>> ListComplaints(soci::session& sql,
                                                const std::vector<std::string>& unit_paths,
                                                std::optional<State> state, int limit);
// The complaints against the business `uscc` that went to it first (ODR),
// those still with it first, then newest first, at most `limit`.
StatusOr<std::vector<Complaint>> ListSentToBusiness(soci::session& sql, std::string_view uscc,
                                                    int limit);
// The acceptance deadline of "complaint:<id>" moved (a year entered on the
// calendar): the record's copy follows. InvalidArgument "subject" otherwise.
Status MoveAcceptDue(soci::session& sql, std::string_view subject, const codes::CountedDate& due);
Status MoveMediationDue(soci::session& sql, std::string_view subject,
                        const codes::CountedDate& due);
Status MoveCheckDue(soci::session& sql, std::string_view subject, const codes::CountedDate& due);
Status MoveOdrDue(soci::session& sql, std::string_view subject, const codes::CountedDate& due);

// A mediation session (调解) held on an accepted complaint.
struct Session {
  Date held_on = Date::FromSysDays({});
  std::string note, recorded_by, recorded_at;
};
Status InsertSession(soci::session& sql, int64_t complaint_id, const Session& s);
StatusOr<std::vector<Session>> ListSessions(soci::session& sql, int64_t complaint_id);
// Writes the state, the unit and the decision fields of `c`.
Status SaveComplaint(soci::session& sql, const Complaint& c, const std::string& now);

struct Unit {
  int64_t id = 0;
  std::string path, name, code;
};
// The unit that receives a complaint about a business of `region_code`:
// the consumer's `chosen` unit code when given (the county's bureau or one of
// its stations, else InvalidArgument "unit_code"), else the station whose
// area the business's `address` names, else the county bureau (UnitOfRegion).
StatusOr<Unit> ReceivingUnit(soci::session& sql, std::string_view region_code,
                             std::string_view address, std::string_view chosen,
                             const StationAreas& areas);
// The county bureau at `county_path` and its stations (市场监督管理所): the
// units a consumer may choose for a business of that county.
StatusOr<std::vector<Unit>> CountyUnits(soci::session& sql, const std::string& county_path);
// The market-regulation bureau of a county (the bureau with that region code
// nearest the root), which receives the county's complaints; NotFound
// (field "business.region_code") when the platform has none there.
StatusOr<Unit> UnitOfRegion(soci::session& sql, std::string_view region_code);
// The business in the register: its name and county; nullopt when unknown.
struct RegisteredBusiness {
  std::string name, region_code, address;
  std::string industry_division;  // the GB/T 4754 division (2 digits) of its class
};
StatusOr<std::optional<RegisteredBusiness>> FindBusiness(soci::session& sql, std::string_view uscc);
// The same for many (an import), by USCC; those not in the register absent.
StatusOr<std::map<std::string, RegisteredBusiness>> FindBusinesses(
    soci::session& sql, const std::vector<std::string>& usccs);

}  // namespace amr::complaints
