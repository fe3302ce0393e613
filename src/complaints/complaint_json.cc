// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/complaint_json.h"

#include <fmt/format.h>

#include <algorithm>

namespace amr::complaints {
namespace {

using nlohmann::json;

Status OnlyKeys(const json& obj, std::initializer_list<std::string_view> keys,
                const std::string& prefix) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) {
      return InvalidArgumentError(fmt::format("不认识的项目：{}{}", prefix, it.key()),
                                  prefix + it.key());
    }
  }
  return OkStatus();
}

StatusOr<std::string> Text(const json& obj, const char* key, const std::string& field,
                           size_t max_bytes = 8000) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgumentError(field + " 应为文字", field);
  std::string value = it->get<std::string>();
  if (value.size() > max_bytes) return InvalidArgumentError(field + " 过长", field);
  return value;
}

StatusOr<json> Object(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return json::object();
  if (!it->is_object()) return InvalidArgumentError(std::string(key) + " 应为对象", key);
  return *it;
}

// The mediation's clock while it runs, its end once closed; null before.
json MediationClock(const Complaint& c, const ComplaintRules& rules,
                    const codes::WorkdayCalendar& calendar, const Date& today) {
  // Only a complaint accepted by the unit is mediated (not a report, an
  // enquiry, nor one settled by the ODR enterprise).
  if (c.mediation_due.date == Date::FromSysDays({})) return nullptr;
  if (c.state != State::kAccepted && c.state != State::kClosed) return nullptr;
  json out = codes::CountedDateJson(c.mediation_due);
  if (c.state == State::kAccepted) {
    auto accepted = Date::Parse(c.decided_on);
    if (accepted.ok()) {
      auto reading = codes::ReadClock(calendar, {*accepted, rules.mediation()}, today);
      if (reading.ok()) {
        out["days_left"] = reading->left;
        out["overdue"] = reading->overdue;
      }
    }
  }
  return out;
}

json OutcomeJson(const Complaint& c) {
  if (!c.outcome) return nullptr;
  return {{"id", OutcomeId(*c.outcome)},
          {"name", OutcomeName(*c.outcome)},
          {"amount_recovered", c.amount_recovered},
          {"closed_on", c.closed_on}};
}

json Clock(const Complaint& c, const ComplaintRules& rules, const codes::WorkdayCalendar& calendar,
           const Date& today) {
  // With the ODR enterprise first, or settled there: the unit's clock has
  // not started.
  if (c.accept_due.date == Date::FromSysDays({})) return nullptr;
  json out = codes::CountedDateJson(c.accept_due);
  if (c.state == State::kReceived) {
    // From receipt, or from the day it came back from the ODR enterprise.
    Date start = c.received_on;
    if (auto back = Date::Parse(c.odr_replied_on); !c.odr_replied_on.empty() && back.ok()) {
      start = *back;
    }
    auto reading = codes::ReadClock(calendar, {start, rules.acceptance()}, today);
    if (reading.ok()) {
      out["days_left"] = reading->left;
      out["overdue"] = reading->overdue;
    }
  } else {
    out["decided_late"] = c.decided_late;
  }
  return out;
}

// A report's check: its last day, days left while it runs, and the
// decision once made; null for other kinds.
json CheckJson(const Complaint& c, const ComplaintRules& rules,
               const codes::WorkdayCalendar& calendar, const Date& today) {
  if (c.kind != Kind::kReport) return nullptr;
  json out = codes::CountedDateJson(c.check_due);
  out["extended"] = !c.check_extended_by.empty();
  if (!c.report_decision) {
    if (c.state == State::kReceived || c.state == State::kAccepted) {
      auto reading =
          codes::ReadClock(calendar,
                           {c.received_on, rules.report_check(),
                            c.check_extended_by.empty() ? 0 : rules.report_check_extension()},
                           today);
      if (reading.ok()) {
        out["days_left"] = reading->left;
        out["overdue"] = reading->overdue;
      }
    }
    return out;
  }
  out["decision"] = ReportDecisionId(*c.report_decision);
  out["decision_name"] = ReportDecisionName(*c.report_decision);
  out["decided_on"] = c.closed_on;
  out["decided_late"] = c.check_due.date.ToString() < c.closed_on;
  if (!c.transferred_to.empty()) out["transferred_to"] = c.transferred_to;
  out["reporter_told_on"] = c.reporter_told_on.empty() ? json(nullptr) : json(c.reporter_told_on);
  return out;
}

// The ODR stage: the enterprise's last day, days left while it has it, and
// its answer; null when the complaint did not go there first.
json OdrJson(const Complaint& c, const ComplaintRules& rules,
             const codes::WorkdayCalendar& calendar, const Date& today) {
  if (!c.went_to_business()) return nullptr;
  json out = codes::CountedDateJson(c.odr_due);
  if (c.state == State::kWithBusiness) {
    auto reading = codes::ReadClock(calendar, {c.received_on, rules.odr()}, today);
    if (reading.ok()) {
      out["days_left"] = reading->left;
      out["overdue"] = reading->overdue;
    }
  }
  if (c.odr_result) {
    out["result"] = OdrResultId(*c.odr_result);
    out["result_name"] = OdrResultName(*c.odr_result);
    out["answered_on"] = c.odr_replied_on;
  }
  return out;
}

json ProblemKindJson(const Complaint& c, const ComplaintRules& rules) {
  if (c.problem_kind.empty()) return nullptr;
  const ComplaintRules::ProblemKind* k = rules.FindProblemKind(c.problem_kind);
  return {{"id", c.problem_kind}, {"name", k != nullptr ? k->name : c.problem_kind}};
}

}  // namespace

StatusOr<NewComplaint> ParseNewComplaint(const json& body) {
  if (!body.is_object()) return InvalidArgumentError("请求体应为 JSON 对象", "body");
  RETURN_IF_ERROR(OnlyKeys(body,
                           {"kind", "channel", "business", "consumer", "summary", "occurred_on",
                            "problem_kind", "unit_code"},
                           ""));
  NewComplaint c;
  ASSIGN_OR_RETURN(std::string kind, Text(body, "kind", "kind", 20));
  ASSIGN_OR_RETURN(c.kind, ParseKind(kind.empty() ? "complaint" : kind));
  ASSIGN_OR_RETURN(std::string channel, Text(body, "channel", "channel", 20));
  ASSIGN_OR_RETURN(c.channel, ParseChannel(channel.empty() ? "portal" : channel));
  ASSIGN_OR_RETURN(json business, Object(body, "business"));
  RETURN_IF_ERROR(OnlyKeys(business, {"uscc", "name", "region_code"}, "business."));
  ASSIGN_OR_RETURN(c.business_uscc, Text(business, "uscc", "business.uscc", 18));
  ASSIGN_OR_RETURN(c.business_name, Text(business, "name", "business.name", 400));
  ASSIGN_OR_RETURN(c.region_code, Text(business, "region_code", "business.region_code", 6));
  ASSIGN_OR_RETURN(json consumer, Object(body, "consumer"));
  RETURN_IF_ERROR(OnlyKeys(consumer, {"name", "phone"}, "consumer."));
  ASSIGN_OR_RETURN(c.consumer_name, Text(consumer, "name", "consumer.name", 200));
  ASSIGN_OR_RETURN(c.consumer_phone, Text(consumer, "phone", "consumer.phone", 20));
  ASSIGN_OR_RETURN(c.summary, Text(body, "summary", "summary"));
  ASSIGN_OR_RETURN(std::string occurred, Text(body, "occurred_on", "occurred_on", 10));
  if (!occurred.empty()) {
    ASSIGN_OR_RETURN(c.occurred_on, Date::Parse(occurred, "occurred_on"));
  }
  ASSIGN_OR_RETURN(c.problem_kind, Text(body, "problem_kind", "problem_kind", 64));
  ASSIGN_OR_RETURN(c.unit_code, Text(body, "unit_code", "unit_code", 64));
  return c;
}

StatusOr<Decision> ParseDecision(Decision::Kind kind, const json& body) {
  if (!body.is_object()) return InvalidArgumentError("请求体应为 JSON 对象", "body");
  RETURN_IF_ERROR(OnlyKeys(body, {"reason", "unit_code", "note"}, ""));
  Decision d;
  d.kind = kind;
  ASSIGN_OR_RETURN(d.reason_id, Text(body, "reason", "reason", 64));
  ASSIGN_OR_RETURN(d.unit_code, Text(body, "unit_code", "unit_code", 64));
  ASSIGN_OR_RETURN(d.note, Text(body, "note", "note", 2000));
  return d;
}

json ComplaintJson(const Complaint& c, const ComplaintRules& rules,
                   const codes::WorkdayCalendar& calendar, const Date& today) {
  json out = {
      {"id", c.id},
      {"query_code", c.query_code},
      {"kind", KindId(c.kind)},
      {"kind_name", KindName(c.kind)},
      {"channel", ChannelId(c.channel)},
      {"channel_name", ChannelName(c.channel)},
      {"state", StateId(c.state)},
      {"state_name", StateName(c.state)},
      {"business",
       {{"uscc", c.business_uscc}, {"name", c.business_name}, {"region_code", c.region_code}}},
      {"consumer", {{"name", c.consumer_name}, {"phone", c.consumer_phone}}},
      {"summary", c.summary},
      {"occurred_on", c.occurred_on ? json(c.occurred_on->ToString()) : json(nullptr)},
      {"received_at", c.received_at},
      {"unit", {{"id", c.unit_id}, {"name", c.unit_name}}},
      {"accept_due", Clock(c, rules, calendar, today)},
      {"decided_on", c.decided_on.empty() ? json(nullptr) : json(c.decided_on)},
      {"decided_by", c.decided_by.empty() ? json(nullptr) : json(c.decided_by)},
      {"mediation_due", MediationClock(c, rules, calendar, today)},
      {"outcome", OutcomeJson(c)},
      {"rating", c.rating == 0 ? json(nullptr) : json(c.rating)},
      {"problem_kind", ProblemKindJson(c, rules)},
      {"industry_code", c.industry_code},
      {"check", CheckJson(c, rules, calendar, today)},
      {"odr", OdrJson(c, rules, calendar, today)},
      {"lead_id", c.lead_id == 0 ? json(nullptr) : json(c.lead_id)},
      {"reporter_hidden", c.reporter_hidden},
      {"on_report", c.caller_on_report}};
  if (!c.report_note.empty()) out["report_note"] = c.report_note;
  if (!c.not_accept_reason.empty()) {
    const ComplaintRules::Reason* r = rules.FindReason(c.not_accept_reason);
    out["not_accept_reason"] = {{"id", c.not_accept_reason},
                                {"text", r != nullptr ? r->text : c.not_accept_reason}};
  }
  return out;
}

json TrackJson(const TrackView& view, const ComplaintRules& rules,
               const codes::WorkdayCalendar& calendar, const Date& today) {
  const Complaint& c = view.complaint;
  json out = {{"id", c.id},
              {"kind", KindId(c.kind)},
              {"kind_name", KindName(c.kind)},
              {"state", StateId(c.state)},
              {"state_name", StateName(c.state)},
              {"business_name", c.business_name},
              {"received_on", c.received_on.ToString()},
              {"unit_name", c.unit_name},
              {"consumer_phone", MaskPhone(c.consumer_phone)},
              {"accept_due", Clock(c, rules, calendar, today)},
              {"decided_on", c.decided_on.empty() ? json(nullptr) : json(c.decided_on)},
              {"mediation_due", MediationClock(c, rules, calendar, today)},
              {"outcome", OutcomeJson(c)},
              {"rating", c.rating == 0 ? json(nullptr) : json(c.rating)},
              {"check", CheckJson(c, rules, calendar, today)},
              {"odr", OdrJson(c, rules, calendar, today)}};
  if (!view.not_accept_reason_text.empty()) {
    out["not_accept_reason"] = view.not_accept_reason_text;
  }
  return out;
}

}  // namespace amr::complaints
