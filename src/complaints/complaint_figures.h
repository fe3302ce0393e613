// SPDX-License-Identifier: MulanPSL-2.0
// What the units' complaints add up to (docs/complaints.md, "Figures"): one
// GROUP BY per figure over table complaint, for the units under
// `unit_paths` and the dates received in [from, to]. The functions take the
// caller's session; they neither check permissions nor audit (the figures
// hold no personal data).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::complaints {

struct MonthFigures {
  std::string month;  // "2026-11"
  int64_t total = 0, complaints = 0, reports = 0, enquiries = 0, closed = 0;
  int64_t amount_recovered = 0;
};

struct UnitCount {
  std::string unit_path, unit_name;
  int64_t total = 0;
};

struct UnitOverdue {
  std::string unit_path, unit_name;
  int64_t overdue = 0;
};

struct Figures {
  int64_t total = 0;
  std::map<std::string, int64_t> by_kind, by_channel, by_state;
  int64_t decided = 0;          // accept / not-accept decisions made
  int64_t decided_in_time = 0;  // of those, by the last day
  int64_t closed = 0;
  int64_t closed_in_time = 0;  // of those, by the limit that applied (check, mediation)
  int64_t agreements = 0;
  int64_t amount_recovered = 0;  // yuan
  int64_t odr_sent = 0;          // complaints that went to an ODR enterprise first
  int64_t odr_settled = 0;       // of those, settled there
  int64_t case_leads = 0;        // reports that became case leads
  std::vector<MonthFigures> by_month;
  std::vector<UnitCount> by_unit;  // by unit path
  // Now, whatever the dates: undecided past the acceptance limit, mediation
  // or a report's check past its last day, an ODR enterprise past its limit.
  int64_t overdue_now = 0;
  std::vector<UnitOverdue> overdue_by_unit;  // most first
};

// `unit_paths` may overlap (a grant at a county and one at its station):
// each unit is counted once.
StatusOr<Figures> ComplaintFigures(soci::session& sql, std::vector<std::string> unit_paths,
                                   const Date& from, const Date& to, const Date& today);

// The hot spots over [from, to]: the most complained-about businesses (by
// USCC, or by name for one outside the register), industries (GB/T 4754
// division of the register's class) and problem kinds (the data's ids), at
// most `limit` each, most first (ties by key). Each is one GROUP BY read
// from its own index (migration 0025) over the units under `unit_paths`.
struct HotSpot {
  std::string key, name;
  int64_t count = 0;
};
struct HotSpots {
  std::vector<HotSpot> businesses, industries, problem_kinds;
};
StatusOr<HotSpots> ComplaintHotSpots(soci::session& sql, std::vector<std::string> unit_paths,
                                     const Date& from, const Date& to, int limit);

// Facts for credit (CONTEXT-MAP.md, "Facts for credit"): what 12315 knows of
// one business over received dates [from, to], for the risk classes'
// complaints indicator. Credit reads these; it never reads table complaint.
struct ComplaintFacts {
  int64_t complaints = 0;  // consumers' complaints against it
  int64_t accepted = 0;    // of those, accepted by a unit (not settled at ODR nor refused)
  int64_t reports = 0;     // reports of suspected violations
  int64_t case_leads = 0;  // reports that became case leads (立案)
};
StatusOr<ComplaintFacts> ComplaintFactsOf(soci::session& sql, const std::string& uscc,
                                          const Date& from, const Date& to);

// The credit risk indicator "complaints" (credit/risk.h; docs/credit.md): how
// many complaints (kind complaint, not reports or enquiries) each registered
// business whose USCC is in [first_uscc, last_uscc] (one batch of the
// classification, as the database orders text) received in [from, to], by
// USCC; businesses with none are absent. Read through complaint_hot_business.
StatusOr<std::unordered_map<std::string, int64_t>> ComplaintCountsByBusiness(
    soci::session& sql, const Date& from, const Date& to, const std::string& first_uscc,
    const std::string& last_uscc);

}  // namespace amr::complaints
