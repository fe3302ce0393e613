// SPDX-License-Identifier: MulanPSL-2.0
// Where annual reports and listings are kept (tables annual_report and
// abnormal_listing, migration 0026). Functions take the caller's session;
// they neither check permissions nor audit (credit_service.h does).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "credit/annual_report.h"
#include "credit/listing.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::credit {

// The path of the bureau registering entities of `region` (the county
// bureau, else the nearest bureau above it holding that region): the unit a
// clerk's scope must contain. NotFound "uscc" when the platform has none.
struct Authority {
  int64_t id = 0;
  std::string path, name;
};
StatusOr<Authority> AuthorityOf(soci::session& sql, const std::string& region);

Status InsertReport(soci::session& sql, const AnnualReport& report, const std::string& now);
// The latest version of the year's report, if filed.
StatusOr<std::optional<AnnualReport>> LatestReport(soci::session& sql, const std::string& uscc,
                                                   int year);
// The latest version of each year's report, newest year first.
StatusOr<std::vector<AnnualReport>> LatestReports(soci::session& sql, const std::string& uscc);

// The no-report listing of `year` as decided on `decision_date`: every
// entity (all kinds; individual businesses get 经营异常状态) existing by the
// end of `year`, 存续 or 歇业, whose county has a bureau, without a report for
// `year` and not yet listed for it. One INSERT … SELECT; returns how many.
StatusOr<int64_t> ListNonReporters(soci::session& sql, int year, const Date& decision_date,
                                   const std::string& decision_no, const std::string& now);

// Whether any annual report is on file (the demo seeds only an empty store).
StatusOr<bool> AnyReport(soci::session& sql);
// The entities that owe the report of `year` (existing by its end, 存续 or
// 歇业), by USCC, with their kind.
struct OwingEntity {
  std::string uscc, kind, legal_rep_id;
};
StatusOr<std::vector<OwingEntity>> EntitiesOwing(soci::session& sql, int year);
// Those of them that have not filed the year's report, with their names.
struct NonFiler {
  std::string uscc, name;
};
StatusOr<std::vector<NonFiler>> NonFilers(soci::session& sql, int year);
// Who is told to file for the entity (消息中心): its e-licence's
// administrators (持照人管理员, table license_admin as lifecycle's 个转企 reads
// it; license_store.h has no list of them) and the applicant accounts acting
// for it (app_user.entity_uscc), each once, active accounts only, by id.
StatusOr<std::vector<int64_t>> ReportAccounts(soci::session& sql, std::string_view uscc);

// The change log (storage/change_log.h; the public feed follows it): table
// "annual_report" keyed "USCC:YEAR", "abnormal_listing" keyed "USCC:ID".
// Call as the last statement of the transaction.
Status LogReportChange(soci::session& sql, const std::string& uscc, int year, bool first,
                       const std::string& region_code, const std::string& now);
Status LogListingChange(soci::session& sql, const std::string& uscc, int64_t id, bool created,
                        const std::string& region_code, const std::string& now);
// The listings of a batch (no report for `year`, created at `now`), logged.
Status LogBatchListings(soci::session& sql, int year, const std::string& now);

StatusOr<std::vector<Listing>> ListingsOf(soci::session& sql, const std::string& uscc);
StatusOr<Listing> GetListing(soci::session& sql, int64_t id);  // NotFound "id"
// Listings whose removal was applied for, awaiting the authority under one of
// `paths`, oldest due first.
StatusOr<std::vector<Listing>> RemovalApplications(soci::session& sql,
                                                   const std::vector<std::string>& paths);
Status SaveListing(soci::session& sql, const Listing& listing);
// A listing decided on a finding; returns its id.
StatusOr<int64_t> InsertListing(soci::session& sql, const Listing& listing, const std::string& now);
Status SetDecisionNo(soci::session& sql, int64_t id, const std::string& decision_no);

// An inspection that found the entity unreachable at its registered address
// (result 通过登记的住所无法联系), not yet decided on.
struct Finding {
  // What it is: an inspection result 通过登记的住所无法联系 (visit_id), or an
  // order to publish not obeyed by its last day (order_id; reason
  // instant_info, found the day after).
  std::string reason = "unreachable";
  int64_t order_id = 0;
  std::string detail;  // the order: what was to be published
  int64_t visit_id = 0;
  std::string uscc, entity_name, entity_kind;
  Date found_on = Date::FromSysDays({});
  int64_t authority_unit_id = 0;
  std::string authority_name;
};
// Those whose registration authority lies under one of `paths`, oldest first.
StatusOr<std::vector<Finding>> UnreachableFindings(soci::session& sql,
                                                   const std::vector<std::string>& paths);

// The year's figures for the entities whose registration authority lies under
// one of `paths` (a path may be the root: everything).
struct KindFigures {
  std::string kind;
  int64_t owing = 0;    // existing by the year's end, 存续 or 歇业 now
  int64_t filed = 0;    // of those, with the year's report
  int64_t late = 0;     // of those filed, first filed after the window
  int64_t listed = 0;   // listed for not filing the year's report
  int64_t removed = 0;  // of those, removed since
};
struct ListingCounts {
  int64_t current = 0;  // on the list (or in the state) now, any reason
  std::vector<std::pair<std::string, int64_t>> by_reason;  // current, by reason id
};
StatusOr<std::vector<KindFigures>> ReportFigures(soci::session& sql,
                                                 const std::vector<std::string>& paths, int year);
StatusOr<ListingCounts> CurrentListings(soci::session& sql, const std::vector<std::string>& paths);

// The year's filing per registration authority and kind (the same counts as
// KindFigures' owing, filed, late), authorities by name.
struct UnitKindFigures {
  int64_t unit_id = 0;
  std::string unit_name, kind;
  int64_t owing = 0, filed = 0, late = 0;
};
StatusOr<std::vector<UnitKindFigures>> ReportFiguresByUnit(soci::session& sql,
                                                           const std::vector<std::string>& paths,
                                                           int year);
// Listings decided and listings removed during `year`, by reason.
struct ReasonYear {
  std::string reason;
  int64_t listed = 0, removed = 0;
};
StatusOr<std::vector<ReasonYear>> ListingsInYear(soci::session& sql,
                                                 const std::vector<std::string>& paths, int year);

}  // namespace amr::credit
