// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/deregister.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "lifecycle/permit.h"
#include "registry/entity_store.h"
#include "storage/change_log.h"
#include "storage/rows.h"
#include "storage/sql_text.h"

namespace amr::lifecycle {
namespace {

using nlohmann::json;
using storage::RowInt;
using storage::RowText;

bool KnownKind(std::string_view kind) {
  return std::find(std::begin(kDeregistrationKinds), std::end(kDeregistrationKinds), kind) !=
         std::end(kDeregistrationKinds);
}

}  // namespace

std::string_view DeregistrationKindName(std::string_view kind) {
  if (kind == "simplified") return "简易注销";
  if (kind == "one_screen") return "个体工商户一屏注销";
  if (kind == "ordinary") return "一般注销";
  if (kind == "conversion") return "个体工商户转型为企业（个转企）";
  if (kind == "compulsory") return "强制注销";
  return "注销";
}

StatusOr<DeregistrationResult> DeregisterEntity(soci::session& sql, const DeregistrationFact& fact,
                                                const audit::Actor& actor,
                                                const DeregistrationHooks& hooks,
                                                const Clock& clock) {
  if (!KnownKind(fact.kind)) {
    return InvalidArgumentError(fmt::format("未知的注销方式 {}", fact.kind), "kind");
  }
  if (fact.reason.empty()) return InvalidArgumentError("须写明注销原因", "reason");
  ASSIGN_OR_RETURN(registry::Entity entity, registry::GetEntity(sql, fact.uscc));
  // 公司法 Art. 241: a revoked company ends only by 强制注销 here (its own
  // applications go through the other kinds before the revocation).
  if (entity.status == registry::EntityStatus::kDeregistered ||
      (entity.status == registry::EntityStatus::kRevoked && fact.kind != "compulsory")) {
    return FailedPreconditionError(
        fmt::format("{}（{}）已{}", entity.name, entity.uscc, registry::StatusName(entity.status)),
        "uscc");
  }
  if (fact.applied_on < entity.established_on) {
    return InvalidArgumentError(
        fmt::format("申请日期 {} 早于成立日期 {}", fact.applied_on.ToString(),
                    entity.established_on.ToString()),
        "applied_on");
  }
  if (fact.deregistered_on < fact.applied_on) {
    return InvalidArgumentError(
        fmt::format("注销日期 {} 早于申请日期 {}", fact.deregistered_on.ToString(),
                    fact.applied_on.ToString()),
        "deregistered_on");
  }
  const std::string now = FormatChinaTime(clock.Now());
  const std::string uscc = entity.uscc;
  const std::string before_status(registry::StatusId(entity.status));

  sql << "UPDATE entity SET status = 'deregistered', updated_at = :now WHERE uscc = :u",
      soci::use(now), soci::use(uscc);
  RETURN_IF_ERROR(storage::AppendChange(sql, "entity", uscc, "update", entity.region_code, now));

  // 证照并销: the licence and every permit in force end with the entity.
  DeregistrationResult result;
  {
    int open = 0;
    sql << "SELECT COUNT(*) FROM license WHERE uscc = :u AND cancelled_at IS NULL",
        soci::into(open), soci::use(uscc);
    if (open > 0) {
      sql << "UPDATE license SET cancelled_at = :now WHERE uscc = :u", soci::use(now),
          soci::use(uscc);
      result.license_cancelled = true;
    }
  }
  const PermitKinds& kinds = PermitKinds::Default();
  ASSIGN_OR_RETURN(std::vector<Permit> permits, ListPermits(sql, uscc, kinds));
  const std::string permit_reason =
      fmt::format("证照并销：随营业执照注销（{}）", DeregistrationKindName(fact.kind));
  for (const Permit& p : permits) {
    if (p.state != "valid") continue;
    RETURN_IF_ERROR(
        CancelPermit(sql, p.id, permit_reason, fact.deregistered_on, kinds, actor, clock).status());
    result.permits_cancelled.push_back(p.number);
  }

  const std::string applied = fact.applied_on.ToString();
  const std::string decided = fact.deregistered_on.ToString();
  const int days = fact.deregistered_on.DaysSince(fact.applied_on);
  const int license_cancelled = result.license_cancelled ? 1 : 0;
  const std::string permit_numbers = json(result.permits_cancelled).dump();
  const int permit_count = static_cast<int>(result.permits_cancelled.size());
  sql << "INSERT INTO deregistration_record (uscc, kind, application_ref, region_code, applied_on, "
         "deregistered_on, days, reason, license_cancelled, permits_cancelled, permit_count, "
         "recorded_at) VALUES (:u, :k, :ref, :region, :applied, :decided, :days, :reason, :lic, "
         ":permits, :count, :now)",
      soci::use(uscc), soci::use(fact.kind), soci::use(fact.application_ref),
      soci::use(entity.region_code), soci::use(applied), soci::use(decided), soci::use(days),
      soci::use(fact.reason), soci::use(license_cancelled), soci::use(permit_numbers),
      soci::use(permit_count), soci::use(now);

  if (hooks.end_listings) {
    RETURN_IF_ERROR(hooks.end_listings(sql, uscc, fact.deregistered_on));
  }
  if (hooks.record_name_ended) {
    RETURN_IF_ERROR(hooks.record_name_ended(sql, uscc, fact.deregistered_on,
                                            DeregistrationKindName(fact.kind)));
  }
  const json event = {{"uscc", uscc},
                      {"name", entity.name},
                      {"kind", fact.kind},
                      {"deregistered_on", decided},
                      {"license_cancelled", result.license_cancelled},
                      {"permits_cancelled", result.permits_cancelled}};
  if (hooks.enqueue_event) {
    RETURN_IF_ERROR(
        hooks.enqueue_event(sql, "entity.deregistered", event, "entity.deregistered:" + uscc));
  }
  audit::AuditEntry e{actor,
                      "entity.deregister",
                      "entity",
                      uscc,
                      json{{"status", before_status}},
                      json{{"status", "deregistered"},
                           {"kind", fact.kind},
                           {"application_ref", fact.application_ref},
                           {"applied_on", applied},
                           {"deregistered_on", decided},
                           {"license_cancelled", result.license_cancelled},
                           {"permits_cancelled", result.permits_cancelled}}};
  RETURN_IF_ERROR(audit::Append(sql, e, clock));
  return result;
}

StatusOr<std::optional<DeregistrationRecord>> GetDeregistration(soci::session& sql,
                                                                std::string_view uscc) {
  const std::string code(uscc);
  std::optional<DeregistrationRecord> found;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT uscc, kind, application_ref, applied_on, deregistered_on, reason, "
                      "license_cancelled, permits_cancelled, recorded_at FROM "
                      "deregistration_record WHERE uscc = :u",
       soci::use(code));
  for (const soci::row& r : rows) {
    DeregistrationRecord rec;
    rec.fact.uscc = RowText(r, 0);
    rec.fact.kind = RowText(r, 1);
    rec.fact.application_ref = RowText(r, 2);
    ASSIGN_OR_RETURN(rec.fact.applied_on, Date::Parse(RowText(r, 3), "applied_on"));
    ASSIGN_OR_RETURN(rec.fact.deregistered_on, Date::Parse(RowText(r, 4), "deregistered_on"));
    rec.fact.reason = RowText(r, 5);
    rec.result.license_cancelled = RowInt(r, 6) != 0;
    rec.result.permits_cancelled =
        json::parse(RowText(r, 7), nullptr, false).get<std::vector<std::string>>();
    rec.recorded_at = RowText(r, 8);
    found = std::move(rec);
  }
  return found;
}

StatusOr<DeregistrationStats> ComputeDeregistrationStats(
    soci::session& sql, const Date& from, const Date& to,
    const std::vector<std::string>& region_prefixes) {
  if (to < from) return InvalidArgumentError("统计截止日期早于起始日期", "to");
  DeregistrationStats stats;
  for (std::string_view kind : kDeregistrationKinds) {
    stats.by_kind.push_back(DeregistrationStats::KindFigures{std::string(kind), 0, 0});
  }
  if (region_prefixes.empty()) return stats;
  // Fixed SQL text; every value bound.
  std::string where = "deregistered_on >= :from AND deregistered_on <= :to AND (";
  std::vector<std::string> likes;
  for (size_t i = 0; i < region_prefixes.size(); ++i) {
    if (i > 0) where += " OR ";
    where += fmt::format("region_code LIKE :p{} ESCAPE '\\'", i);
    likes.push_back(storage::EscapeLike(region_prefixes[i]) + "%");
  }
  where += ")";
  const std::string from_text = from.ToString();
  const std::string to_text = to.ToString();
  soci::details::prepare_temp_type prep =
      (sql.prepare << "SELECT kind, COUNT(*), SUM(days), SUM(permit_count), "
                      "SUM(CASE WHEN permit_count > 0 THEN 1 ELSE 0 END) FROM "
                      "deregistration_record WHERE "
                   << where << " GROUP BY kind");
  prep, soci::use(from_text, "from");
  prep, soci::use(to_text, "to");
  for (size_t i = 0; i < likes.size(); ++i) prep, soci::use(likes[i], fmt::format("p{}", i));
  soci::rowset<soci::row> rows(prep);
  int64_t total_days = 0;
  for (const soci::row& r : rows) {
    const std::string kind = RowText(r, 0);
    const int64_t count = RowInt(r, 1);
    const int64_t days = RowInt(r, 2);
    for (DeregistrationStats::KindFigures& k : stats.by_kind) {
      if (k.kind != kind) continue;
      k.count = count;
      k.average_days = count > 0 ? static_cast<double>(days) / count : 0;
    }
    stats.total += count;
    total_days += days;
    stats.permits_cancelled += RowInt(r, 3);
    stats.with_permits_cancelled += RowInt(r, 4);
  }
  stats.average_days = stats.total > 0 ? static_cast<double>(total_days) / stats.total : 0;
  return stats;
}

}  // namespace amr::lifecycle
