// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 figures for leaders (docs/registration.md, "Figures").
#include <fmt/format.h>
#include <soci/soci.h>

#include "establishment/internal/service_support.h"
#include "establishment/service.h"
#include "identity/roles.h"

namespace amr::establishment {

using internal::Args;
using internal::Int;
using internal::Select;
using internal::Text;
namespace perm = identity::perm;
using namespace internal;  // NOLINT: the service's own helpers

StatusOr<Stats> EstablishmentService::ComputeStats(soci::session& sql,
                                                   const identity::Caller& caller, const Date& from,
                                                   const Date& to,
                                                   std::optional<int64_t> org_unit_id) const {
  if (to < from) return InvalidArgumentError("to 不能早于 from", "to");
  Args a;
  std::string where = ScopeClause(ScopePaths(caller, perm::kStatsRead), a);
  if (org_unit_id) {
    Args probe;
    auto unit = FindUnit(sql, "id = " + probe.Add(static_cast<long long>(*org_unit_id)), probe);
    if (!unit) return NotFoundError("机构不存在", "org_unit_id");
    RETURN_IF_ERROR(CheckStaffScope(caller, perm::kStatsRead, unit->path));
    where += " AND u.path LIKE " + a.Add(unit->path + "%");
  }
  // submitted_at is RFC 3339 in Beijing time, so its first 10 characters are the China date.
  where += " AND a.submitted_at >= " + a.Add(from.ToString()) + " AND a.submitted_at < " +
           a.Add(to.AddDays(1).ToString());
  Stats stats;
  stats.sla_minutes = rules_.EstablishmentSlaMinutes();
  std::map<std::pair<std::string, std::string>, int64_t> counts;
  std::vector<int64_t> minutes;
  Status status = OkStatus();
  const std::shared_ptr<const codes::WorkdayCalendar> calendar = calendar_.Current();
  Select(sql,
         "SELECT a.entity_kind, a.submitted_at, a.completed_at, a.state FROM "
         "establishment_application a JOIN org_unit u ON u.id = a.authority_org_unit_id WHERE " +
             where,
         a, [&](const soci::row& r) {
           const std::string kind = Text(r, 0);
           const std::string submitted = Text(r, 1);
           ++counts[{submitted.substr(0, 7), kind}];
           if (Text(r, 3) == "completed" && status.ok()) {
             auto m = Elapsed(submitted, Text(r, 2), clock_.Now(), rules_, *calendar);
             if (m.ok()) {
               minutes.push_back(*m);
             } else {
               status = m.status();
             }
           }
         });
  RETURN_IF_ERROR(status);
  for (const auto& [key, count] : counts) stats.by_kind.push_back({key.second, key.first, count});
  stats.completed = static_cast<int64_t>(minutes.size());
  if (!minutes.empty()) {
    std::sort(minutes.begin(), minutes.end());
    double sum = 0;
    int64_t within = 0;
    for (int64_t m : minutes) {
      sum += static_cast<double>(m);
      if (m <= stats.sla_minutes) ++within;
    }
    stats.average_minutes = sum / static_cast<double>(minutes.size());
    const size_t n = minutes.size();
    stats.median_minutes =
        n % 2 == 1
            ? static_cast<double>(minutes[n / 2])
            : (static_cast<double>(minutes[n / 2 - 1]) + static_cast<double>(minutes[n / 2])) / 2.0;
    stats.within_sla_share = static_cast<double>(within) / static_cast<double>(n);
  }
  return stats;
}

}  // namespace amr::establishment
