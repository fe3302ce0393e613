// SPDX-License-Identifier: MulanPSL-2.0
#include "complaints/routes.h"

#include <nlohmann/json.hpp>

#include "common/text.h"
#include "complaints/complaint_json.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::complaints {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Response File(ComplaintService& service, const codes::CalendarSource& calendar, const Clock& clock,
              Request& req) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto input = ParseNewComplaint(*body);
  if (!input.ok()) return Response::Error(input.status());
  auto filed = service.File(identity::CallerOf(req), *std::move(input),
                            req.Header("Idempotency-Key").value_or(""));
  if (!filed.ok()) return Response::Error(filed.status());
  json out = ComplaintJson(*filed, service.rules(), *calendar.Current(), ChinaDate(clock.Now()));
  // The filer learns the record's number, its query code and the last day of
  // the decision; a consumer without an account needs nothing else.
  if (identity::PrincipalOf(req) == nullptr) {
    out = {{"id", out["id"]},
           {"query_code", out["query_code"]},
           {"state", out["state"]},
           {"state_name", out["state_name"]},
           {"unit_name", out["unit"]["name"]},
           {"accept_due", out["accept_due"]},
           {"odr", out["odr"]},
           {"check", out["check"]}};
  }
  Response r = Response::Json(out, 201);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response Track(ComplaintService& service, const codes::CalendarSource& calendar, const Clock& clock,
               Request& req) {
  auto id = identity::IdParam(req, "id");
  if (!id.ok()) return Response::Error(id.status());
  auto view = service.Track(*id, req.Query("code").value_or(""));
  if (!view.ok()) return Response::Error(view.status());
  Response r = Response::Json(
      TrackJson(*view, service.rules(), *calendar.Current(), ChinaDate(clock.Now())));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response Queue(ComplaintService& service, const codes::CalendarSource& calendar, const Clock& clock,
               Request& req) {
  std::optional<State> state;
  if (auto s = req.Query("state"); s && !s->empty()) {
    auto parsed = ParseState(*s);
    if (!parsed.ok()) return Response::Error(parsed.status());
    state = *parsed;
  }
  auto limit = req.IntQuery("limit", 100, 1, 500);
  if (!limit.ok()) return Response::Error(limit.status());
  auto items = service.Queue(identity::CallerOf(req), state, static_cast<int>(*limit));
  if (!items.ok()) return Response::Error(items.status());
  json list = json::array();
  const Date today = ChinaDate(clock.Now());
  for (const Complaint& c : *items) {
    list.push_back(ComplaintJson(c, service.rules(), *calendar.Current(), today));
  }
  Response r = Response::Json({{"items", list}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response Decide(ComplaintService& service, const codes::CalendarSource& calendar,
                const Clock& clock, Request& req, Decision::Kind kind) {
  auto id = identity::IdParam(req, "id");
  if (!id.ok()) return Response::Error(id.status());
  json body = json::object();
  if (!req.body.empty()) {
    auto parsed = identity::ObjectBody(req);
    if (!parsed.ok()) return Response::Error(parsed.status());
    body = *std::move(parsed);
  }
  auto decision = ParseDecision(kind, body);
  if (!decision.ok()) return Response::Error(decision.status());
  auto decided = service.Decide(identity::CallerOf(req), *id, *decision);
  if (!decided.ok()) return Response::Error(decided.status());
  return Response::Json(
      ComplaintJson(*decided, service.rules(), *calendar.Current(), ChinaDate(clock.Now())));
}

Response FiguresRoute(ComplaintService& service, Request& req) {
  auto from = Date::Parse(req.Query("from").value_or(""), "from");
  if (!from.ok()) return Response::Error(from.status());
  auto to = Date::Parse(req.Query("to").value_or(""), "to");
  if (!to.ok()) return Response::Error(to.status());
  auto f = service.FiguresFor(identity::CallerOf(req), *from, *to);
  if (!f.ok()) return Response::Error(f.status());
  const double in_time =
      f->decided == 0 ? 1.0 : static_cast<double>(f->decided_in_time) / f->decided;
  const int64_t complaints = f->by_kind.contains("complaint") ? f->by_kind.at("complaint") : 0;
  json months = json::array();
  for (const MonthFigures& m : f->by_month) {
    months.push_back({{"month", m.month},
                      {"total", m.total},
                      {"complaint", m.complaints},
                      {"report", m.reports},
                      {"enquiry", m.enquiries},
                      {"closed", m.closed},
                      {"amount_recovered", m.amount_recovered}});
  }
  json units = json::array();
  for (const UnitCount& u : f->by_unit) {
    units.push_back({{"unit_path", u.unit_path}, {"unit_name", u.unit_name}, {"total", u.total}});
  }
  json overdue = json::array();
  for (const UnitOverdue& u : f->overdue_by_unit) {
    overdue.push_back(
        {{"unit_path", u.unit_path}, {"unit_name", u.unit_name}, {"overdue", u.overdue}});
  }
  return Response::Json(
      {{"from", from->ToString()},
       {"to", to->ToString()},
       {"total", f->total},
       {"by_kind", f->by_kind},
       {"by_channel", f->by_channel},
       {"by_state", f->by_state},
       {"decided", f->decided},
       {"decided_in_time", f->decided_in_time},
       {"decided_in_time_ratio", in_time},
       {"closed", f->closed},
       {"closed_in_time", f->closed_in_time},
       {"closed_in_time_ratio",
        f->closed == 0 ? 1.0 : static_cast<double>(f->closed_in_time) / f->closed},
       {"by_unit", units},
       {"agreements", f->agreements},
       {"amount_recovered", f->amount_recovered},
       {"odr",
        {{"sent", f->odr_sent},
         {"settled", f->odr_settled},
         {"share", complaints == 0 ? 0.0 : static_cast<double>(f->odr_sent) / complaints}}},
       {"case_leads", f->case_leads},
       {"by_month", months},
       {"overdue_now", f->overdue_now},
       {"overdue_by_unit", overdue}});
}

Response HotSpotsRoute(ComplaintService& service, Request& req) {
  auto from = Date::Parse(req.Query("from").value_or(""), "from");
  if (!from.ok()) return Response::Error(from.status());
  auto to = Date::Parse(req.Query("to").value_or(""), "to");
  if (!to.ok()) return Response::Error(to.status());
  auto limit = req.IntQuery("limit", 10, 1, 50);
  if (!limit.ok()) return Response::Error(limit.status());
  auto spots = service.HotSpotsFor(identity::CallerOf(req), *from, *to, static_cast<int>(*limit));
  if (!spots.ok()) return Response::Error(spots.status());
  auto list = [](const std::vector<HotSpot>& items, const char* key) {
    json out = json::array();
    for (const HotSpot& h : items)
      out.push_back({{key, h.key}, {"name", h.name}, {"count", h.count}});
    return out;
  };
  return Response::Json({{"from", from->ToString()},
                         {"to", to->ToString()},
                         {"businesses", list(spots->businesses, "uscc")},
                         {"industries", list(spots->industries, "code")},
                         {"problem_kinds", list(spots->problem_kinds, "id")}});
}

Response SessionRoute(ComplaintService& service, Request& req) {
  auto id = identity::IdParam(req, "id");
  if (!id.ok()) return Response::Error(id.status());
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto held = identity::StringField(*body, "held_on", true);
  if (!held.ok()) return Response::Error(held.status());
  auto held_on = Date::Parse(*held, "held_on");
  if (!held_on.ok()) return Response::Error(held_on.status());
  auto note = identity::StringField(*body, "note", true);
  if (!note.ok()) return Response::Error(note.status());
  Status s = service.AddSession(identity::CallerOf(req), *id, *held_on, *note);
  if (!s.ok()) return Response::Error(s);
  return Response::Json({{"id", *id}, {"held_on", *held}}, 201);
}

Response Close(ComplaintService& service, const codes::CalendarSource& calendar, const Clock& clock,
               Request& req) {
  auto id = identity::IdParam(req, "id");
  if (!id.ok()) return Response::Error(id.status());
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto outcome_id = identity::StringField(*body, "outcome", true);
  if (!outcome_id.ok()) return Response::Error(outcome_id.status());
  auto outcome = ParseOutcome(*outcome_id);
  if (!outcome.ok()) return Response::Error(outcome.status());
  int64_t amount = 0;
  if (auto a = body->find("amount_recovered"); a != body->end() && !a->is_null()) {
    if (!a->is_number_integer()) {
      return Response::Error(InvalidArgumentError("挽回金额应为整数（元）", "amount_recovered"));
    }
    amount = a->get<int64_t>();
  }
  auto note = identity::StringField(*body, "note", false);
  if (!note.ok()) return Response::Error(note.status());
  auto closed = service.Close(identity::CallerOf(req), *id, *outcome, amount, *note);
  if (!closed.ok()) return Response::Error(closed.status());
  return Response::Json(
      ComplaintJson(*closed, service.rules(), *calendar.Current(), ChinaDate(clock.Now())));
}

Response Rate(ComplaintService& service, Request& req) {
  auto id = identity::IdParam(req, "id");
  if (!id.ok()) return Response::Error(id.status());
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto code = identity::StringField(*body, "code", true);
  if (!code.ok()) return Response::Error(code.status());
  auto r = body->find("rating");
  if (r == body->end() || !r->is_number_integer()) {
    return Response::Error(InvalidArgumentError("评价为 1 至 5 分", "rating"));
  }
  Status s = service.Rate(*id, *code, r->get<int>());
  if (!s.ok()) return Response::Error(s);
  return Response::Json({{"id", *id}, {"rating", r->get<int>()}});
}

Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

StatusOr<int64_t> AmountField(const json& body) {
  auto a = body.find("amount_recovered");
  if (a == body.end() || a->is_null()) return int64_t{0};
  if (!a->is_number_integer())
    return InvalidArgumentError("挽回金额应为整数（元）", "amount_recovered");
  return a->get<int64_t>();
}

StatusOr<ReportOutcome> ParseReportOutcome(const json& body) {
  ReportOutcome out;
  ASSIGN_OR_RETURN(std::string decision, identity::StringField(body, "decision", true));
  ASSIGN_OR_RETURN(out.decision, ParseReportDecision(decision));
  ASSIGN_OR_RETURN(out.note, identity::StringField(body, "note", true));
  ASSIGN_OR_RETURN(out.transferred_to, identity::StringField(body, "transferred_to", false));
  if (Utf8Length(out.note) > 4000) return InvalidArgumentError("核查情况不超过 4000 个字", "note");
  if (out.transferred_to.size() > 200) {
    return InvalidArgumentError("接收部门名称过长", "transferred_to");
  }
  if (auto ev = body.find("evidence"); ev != body.end() && !ev->is_null()) {
    if (!ev->is_array()) return InvalidArgumentError("evidence 应为数组", "evidence");
    for (size_t i = 0; i < ev->size(); ++i) {
      const json& item = (*ev)[i];
      const std::string field = "evidence[" + std::to_string(i) + "]";
      if (!item.is_object() || !item.value("title", json()).is_string() ||
          !item.value("ref", json()).is_string()) {
        return InvalidArgumentError("每项证据须有名称（title）和出处（ref）", field);
      }
      out.evidence.push_back({item["title"].get<std::string>(), item["ref"].get<std::string>()});
    }
  }
  return out;
}

json RegisterEntryJson(const RegisterEntry& e) {
  return {{"id", e.id},
          {"kind", RegisterKindId(e.kind)},
          {"kind_name", RegisterKindName(e.kind)},
          {"uscc", e.uscc},
          {"business_name", e.business_name},
          {"from_on", e.from_on.ToString()},
          {"ended_on", e.ended_on.empty() ? json(nullptr) : json(e.ended_on)},
          {"note", e.note}};
}

// Reports, ODR and the registers (the second half of the routes).
void AddReportAndOdrRoutes(http::Router& router, std::shared_ptr<ComplaintService> shared,
                           const codes::CalendarSource& calendar, const Clock& clock) {
  ComplaintService& service = *shared;
  const std::string handle(identity::perm::kComplaintsHandle),
      approve(identity::perm::kComplaintsApprove), odr(identity::perm::kComplaintsOdrAnswer),
      public_(identity::kPublicPermission);
  auto view = [&service, &calendar, &clock](const Complaint& c) {
    return ComplaintJson(c, service.rules(), *calendar.Current(), ChinaDate(clock.Now()));
  };
  router.Get("/api/v1/complaints/problem-kinds", public_, [&service, shared](Request&) {
    json items = json::array();
    for (const auto& k : service.rules().problem_kinds()) {
      items.push_back({{"id", k.id}, {"name", k.name}});
    }
    return Response::Json({{"items", items}});
  });
  router.Get("/api/v1/complaints/units", public_, [&service, shared](Request& req) {
    const std::string region = req.Query("region_code").value_or("");
    if (region.size() != 6) {
      return Response::Error(InvalidArgumentError("请给出 6 位县区代码", "region_code"));
    }
    auto units = service.UnitsFor(region);
    if (!units.ok()) return Response::Error(units.status());
    json items = json::array();
    for (const Unit& u : *units) items.push_back({{"code", u.code}, {"name", u.name}});
    return Response::Json({{"items", items}});
  });
  router.Post("/api/v1/complaints/{id}/take", handle, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    Status s = service.Take(identity::CallerOf(req), *id);
    if (!s.ok()) return Response::Error(s);
    return Response::Json({{"id", *id}, {"taken", true}});
  });
  router.Get("/api/v1/complaints/{id}/reporter", handle, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto who = service.RevealReporter(identity::CallerOf(req), *id);
    if (!who.ok()) return Response::Error(who.status());
    return NoStore(Response::Json({{"id", *id}, {"name", who->name}, {"phone", who->phone}}));
  });
  router.Post("/api/v1/complaints/{id}/report-decision", handle,
              [&service, shared, view](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                auto body = identity::ObjectBody(req);
                if (!body.ok()) return Response::Error(body.status());
                auto outcome = ParseReportOutcome(*body);
                if (!outcome.ok()) return Response::Error(outcome.status());
                auto decided = service.DecideReport(identity::CallerOf(req), *id, *outcome);
                if (!decided.ok()) return Response::Error(decided.status());
                return Response::Json(view(*decided));
              });
  router.Post("/api/v1/complaints/{id}/extend-check", approve,
              [&service, shared, view](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                auto body = identity::ObjectBody(req);
                if (!body.ok()) return Response::Error(body.status());
                auto reason = identity::StringField(*body, "reason", true);
                if (!reason.ok()) return Response::Error(reason.status());
                auto done = service.ExtendCheck(identity::CallerOf(req), *id, *reason);
                if (!done.ok()) return Response::Error(done.status());
                return Response::Json(view(*done));
              });
  router.Get("/api/v1/complaints/odr", odr, [&service, shared, view](Request& req) {
    auto limit = req.IntQuery("limit", 100, 1, 500);
    if (!limit.ok()) return Response::Error(limit.status());
    auto items = service.OdrQueue(identity::CallerOf(req), static_cast<int>(*limit));
    if (!items.ok()) return Response::Error(items.status());
    // The enterprise contacts the consumer; it never gets the query code
    // (that would let it follow or rate the complaint as the consumer).
    json list = json::array();
    for (const Complaint& c : *items) {
      json item = view(c);
      item.erase("query_code");
      list.push_back(std::move(item));
    }
    return NoStore(Response::Json({{"items", list}}));
  });
  router.Post("/api/v1/complaints/{id}/odr-answer", odr, [&service, shared, view](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto result_id = identity::StringField(*body, "result", true);
    if (!result_id.ok()) return Response::Error(result_id.status());
    auto result = ParseOdrResult(*result_id);
    if (!result.ok()) return Response::Error(result.status());
    auto amount = AmountField(*body);
    if (!amount.ok()) return Response::Error(amount.status());
    auto note = identity::StringField(*body, "note", true);
    if (!note.ok()) return Response::Error(note.status());
    auto done = service.OdrAnswer(identity::CallerOf(req), *id, *result, *amount, *note);
    if (!done.ok()) return Response::Error(done.status());
    json out = view(*done);
    out.erase("query_code");
    return Response::Json(out);
  });
  router.Get("/api/v1/consumer-registers", public_, [&service, shared](Request& req) {
    auto kind = ParseRegisterKind(req.Query("kind").value_or("odr"));
    if (!kind.ok()) return Response::Error(kind.status());
    auto limit = req.IntQuery("limit", 200, 1, 1000);
    if (!limit.ok()) return Response::Error(limit.status());
    const bool all = req.Query("all").value_or("") == "1";
    auto items =
        service.Register(*kind, all, req.Query("unit_path").value_or(""), static_cast<int>(*limit));
    if (!items.ok()) return Response::Error(items.status());
    json list = json::array();
    for (const RegisterEntry& e : *items) list.push_back(RegisterEntryJson(e));
    return Response::Json(
        {{"kind", RegisterKindId(*kind)}, {"kind_name", RegisterKindName(*kind)}, {"items", list}});
  });
  router.Post("/api/v1/consumer-registers", handle, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto kind_id = identity::StringField(*body, "kind", true);
    if (!kind_id.ok()) return Response::Error(kind_id.status());
    auto kind = ParseRegisterKind(*kind_id);
    if (!kind.ok()) return Response::Error(kind.status());
    auto uscc = identity::StringField(*body, "uscc", true);
    if (!uscc.ok()) return Response::Error(uscc.status());
    auto note = identity::StringField(*body, "note", false);
    if (!note.ok()) return Response::Error(note.status());
    auto e = service.Enrol(identity::CallerOf(req), *kind, *uscc, *note);
    if (!e.ok()) return Response::Error(e.status());
    return Response::Json(RegisterEntryJson(*e), 201);
  });
  router.Post("/api/v1/consumer-registers/{id}/end", handle, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto e = service.EndEntry(identity::CallerOf(req), *id);
    if (!e.ok()) return Response::Error(e.status());
    return Response::Json(RegisterEntryJson(*e));
  });
}

}  // namespace

void AddComplaintRoutes(http::Router& router, std::shared_ptr<ComplaintService> shared,
                        const codes::CalendarSource& calendar, const Clock& clock) {
  ComplaintService& service = *shared;
  const std::string handle(identity::perm::kComplaintsHandle);
  const std::string public_(identity::kPublicPermission);
  router.Post("/api/v1/complaints", public_, [&service, &calendar, &clock, shared](Request& req) {
    return File(service, calendar, clock, req);
  });
  router.Get("/api/v1/complaints/{id}/track", public_,
             [&service, &calendar, &clock, shared](Request& req) {
               return Track(service, calendar, clock, req);
             });
  router.Get("/api/v1/complaints/not-accept-reasons", public_, [&service, shared](Request&) {
    json items = json::array();
    for (const auto& r : service.rules().not_accept_reasons()) {
      items.push_back({{"id", r.id}, {"text", r.text}, {"source", r.source}});
    }
    return Response::Json({{"items", items}});
  });
  router.Get("/api/v1/complaints", handle, [&service, &calendar, &clock, shared](Request& req) {
    return Queue(service, calendar, clock, req);
  });
  router.Get("/api/v1/complaints/figures", handle,
             [&service, shared](Request& req) { return FiguresRoute(service, req); });
  router.Get("/api/v1/complaints/hot-spots", handle,
             [&service, shared](Request& req) { return HotSpotsRoute(service, req); });
  router.Post("/api/v1/complaints/{id}/sessions", handle,
              [&service, shared](Request& req) { return SessionRoute(service, req); });
  router.Post("/api/v1/complaints/{id}/close", handle,
              [&service, &calendar, &clock, shared](Request& req) {
                return Close(service, calendar, clock, req);
              });
  router.Post("/api/v1/complaints/{id}/rating", public_,
              [&service, shared](Request& req) { return Rate(service, req); });
  for (auto [path, kind] :
       {std::pair{"/api/v1/complaints/{id}/accept", Decision::Kind::kAccept},
        std::pair{"/api/v1/complaints/{id}/not-accept", Decision::Kind::kNotAccept},
        std::pair{"/api/v1/complaints/{id}/transfer", Decision::Kind::kTransfer}}) {
    router.Post(path, handle, [&service, &calendar, &clock, shared, kind](Request& req) {
      return Decide(service, calendar, clock, req, kind);
    });
  }
  AddReportAndOdrRoutes(router, shared, calendar, clock);
}

}  // namespace amr::complaints
