// SPDX-License-Identifier: MulanPSL-2.0
// 清算: the creditors' claims and the public notices of liquidations (liquidation.h).
#include <fmt/format.h>
#include <soci/soci.h>

#include "audit/audit_log.h"
#include "lifecycle/liquidation.h"
#include "lifecycle/liquidation_internal.h"
#include "storage/rows.h"

namespace amr::lifecycle {

using internal::AuditLiquidation;
using internal::DateOf;
using internal::EndOf;
using internal::StepOf;
using nlohmann::json;
using storage::RowInt;
using storage::RowText;

StatusOr<Claim> FileClaim(soci::session& sql, int64_t id, const ClaimRequest& request,
                          const Clock& clock, const codes::WorkdayCalendar& calendar) {
  const Date today = ChinaDate(clock.Now());
  if (request.creditor_name.empty() || request.creditor_name.size() > 200) {
    return InvalidArgumentError("须填写债权人名称（不超过 200 字节）", "creditor_name");
  }
  if (request.amount_fen <= 0) return InvalidArgumentError("债权金额须大于 0", "amount");
  if (request.basis.empty() || request.basis.size() > 2000) {
    return InvalidArgumentError("须说明债权的发生依据（不超过 2000 字节）", "basis");
  }
  ASSIGN_OR_RETURN(Liquidation l, GetLiquidation(sql, id, clock));
  if (l.state != "liquidating") {
    return FailedPreconditionError("该清算已结束，不再受理债权申报", "claims_period");
  }
  Date opens = today, closes = today;
  if (request.notice_received_on) {
    const LiquidationStep* notice = StepOf(l, "creditor_notice");
    if (notice == nullptr || !notice->done_on || *request.notice_received_on < *notice->done_on ||
        *request.notice_received_on > today) {
      return InvalidArgumentError("接到通知日期须在清算组发出通知之后、今天之前",
                                  "notice_received_on");
    }
    opens = *request.notice_received_on;
    ASSIGN_OR_RETURN(closes, EndOf(l.form, "liquidation.claims_notified", opens, calendar));
  } else {
    if (!l.public_notice_on || !l.claims_until) {
      return FailedPreconditionError("清算组尚未发布债权人公告，暂不受理未接到通知的债权申报",
                                     "claims_period");
    }
    opens = *l.public_notice_on;
    closes = *l.claims_until;
  }
  if (today < opens || today > closes) {
    return FailedPreconditionError(
        fmt::format("债权申报期为 {} 至 {}，今天 {} 不在申报期内", opens.ToString(),
                    closes.ToString(), today.ToString()),
        "claims_period");
  }
  const std::string now = FormatChinaTime(clock.Now()), filed = today.ToString();
  std::string received = request.notice_received_on ? request.notice_received_on->ToString() : "";
  soci::indicator rind = request.notice_received_on ? soci::i_ok : soci::i_null;
  long long lid = id, amount = request.amount_fen, claim_id = 0;
  sql << "INSERT INTO liquidation_claim (liquidation_id, creditor_name, amount_fen, basis, "
         "notice_received_on, filed_on, created_at) VALUES (:l, :n, :a, :b, :r, :f, :now) "
         "RETURNING id",
      soci::use(lid), soci::use(request.creditor_name), soci::use(amount), soci::use(request.basis),
      soci::use(received, rind), soci::use(filed), soci::use(now), soci::into(claim_id);
  audit::Actor anonymous;
  anonymous.username = "public";
  RETURN_IF_ERROR(AuditLiquidation(sql, anonymous, "liquidation.claim", id, nullptr,
                                   json{{"claim_id", claim_id}, {"filed_on", filed}}, clock));
  return Claim{claim_id, id, request.creditor_name, request.amount_fen, today, closes};
}

StatusOr<std::vector<LiquidationNotice>> ListLiquidationNotices(soci::session& sql,
                                                                std::string_view uscc, int limit,
                                                                int offset) {
  const std::string u(uscc);
  std::vector<LiquidationNotice> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, liquidation_id, uscc, entity_name, kind, published_on, text "
                      "FROM liquidation_notice WHERE (:u1 = '' OR uscc = :u2) "
                      "ORDER BY published_on DESC, id DESC LIMIT "
                   << limit << " OFFSET " << offset,
       soci::use(u), soci::use(u));
  for (const soci::row& r : rows) {
    LiquidationNotice n;
    n.id = RowInt(r, 0);
    n.liquidation_id = RowInt(r, 1);
    n.uscc = RowText(r, 2);
    n.entity_name = RowText(r, 3);
    n.kind = RowText(r, 4);
    n.published_on = DateOf(RowText(r, 5));
    n.text = RowText(r, 6);
    out.push_back(std::move(n));
  }
  return out;
}

json LiquidationNoticeJson(const LiquidationNotice& n) {
  return {{"id", n.id},     {"liquidation_id", n.liquidation_id},
          {"uscc", n.uscc}, {"entity_name", n.entity_name},
          {"kind", n.kind}, {"published_on", n.published_on.ToString()},
          {"text", n.text}};
}

json ClaimJson(const Claim& c) {
  return {{"id", c.id},
          {"liquidation_id", c.liquidation_id},
          {"creditor_name", c.creditor_name},
          {"amount_fen", c.amount_fen},
          {"filed_on", c.filed_on.ToString()},
          {"window_end", c.window_end.ToString()}};
}

}  // namespace amr::lifecycle
