// SPDX-License-Identifier: MulanPSL-2.0
#include "credit/routes.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "credit/credit_json.h"
#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::credit {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Response FileRoute(CreditService& service, Request& req, bool correction) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  json b = *std::move(body);
  const std::string uscc = req.Param("uscc");
  if (auto it = b.find("uscc"); it != b.end() && *it != uscc) {
    return Response::Error(InvalidArgumentError("请求体的统一社会信用代码与地址不一致", "uscc"));
  }
  b["uscc"] = uscc;
  if (correction) {
    auto year = identity::IdParam(req, "year");
    if (!year.ok()) return Response::Error(year.status());
    b["year"] = *year;
  }
  auto report = ParseNewReport(b);
  if (!report.ok()) return Response::Error(report.status());
  auto filed = service.FileReport(identity::CallerOf(req), *std::move(report), correction);
  if (!filed.ok()) return Response::Error(filed.status());
  return Response::Json(ReportJson(filed->report, service.rules()),
                        filed->created && !correction ? 201 : 200);
}

}  // namespace

void AddCreditRoutes(http::Router& router, std::shared_ptr<CreditService> shared,
                     std::shared_ptr<RiskService> risk, std::shared_ptr<SeriousService> serious) {
  CreditService& service = *shared;
  const std::string file(identity::perm::kCreditFile), public_(identity::kPublicPermission),
      decide(identity::perm::kCreditDecide), stats(identity::perm::kStatsRead);
  router.Post("/api/v1/entities/{uscc}/annual-reports", file,
              [&service, shared](Request& req) { return FileRoute(service, req, false); });
  router.Post("/api/v1/entities/{uscc}/annual-reports/{year}/corrections", file,
              [&service, shared](Request& req) { return FileRoute(service, req, true); });
  router.Get("/api/v1/entities/{uscc}/annual-reports", public_, [&service, shared](Request& req) {
    auto years = service.FilingYears(req.Param("uscc"));
    if (!years.ok()) return Response::Error(years.status());
    auto reports = service.Reports(req.Param("uscc"));
    if (!reports.ok()) return Response::Error(reports.status());
    json items = json::array(), states = json::array();
    for (const AnnualReport& r : *reports) items.push_back(ReportJson(r, service.rules()));
    for (const YearState& y : *years) states.push_back(YearStateJson(y));
    return Response::Json({{"years", states}, {"items", items}});
  });
  router.Get("/api/v1/credit/annual-report-forms", public_, [&service, shared](Request&) {
    auto forms = FormsJson(service.rules(), service.Today());
    if (!forms.ok()) return Response::Error(forms.status());
    return Response::Json(*forms);
  });
  router.Get(
      "/api/v1/entities/{uscc}/credit", public_, [&service, shared, risk, serious](Request& req) {
        auto listings = service.CreditOf(req.Param("uscc"));
        if (!listings.ok()) return Response::Error(listings.status());
        json lists = json::array();
        for (const ListingView& v : *listings) lists.push_back(ListingJson(v));
        if (serious != nullptr) {
          auto listed = serious->PublicOf(req.Param("uscc"));
          if (!listed.ok()) return Response::Error(listed.status());
          json items = json::array();
          for (const SeriousListing& l : *listed) items.push_back(SeriousJson(l, false));
          // The serious list first: it weighs more.
          items.insert(items.end(), lists.begin(), lists.end());
          lists = std::move(items);
        }
        json out = {{"uscc", req.Param("uscc")}, {"lists", lists}};
        // Staff who may see the risk class get it with its explanation; for
        // others (and outside their scope) it is simply absent.
        const identity::Principal* p = identity::PrincipalOf(req);
        if (risk != nullptr && p != nullptr && p->Can(identity::perm::kCreditRiskRead)) {
          if (auto r = risk->RiskOf(identity::CallerOf(req), req.Param("uscc")); r.ok()) {
            const json view = EntityRiskJson(*r, RiskRules::Default(), risk->Today());
            out["risk_class"] = view["class"];
            out["risk_class_name"] = view["class_name"];
            out["explanation"] = r->history.empty() ? json::array() : r->history.front().hits;
            out["classified_on"] = r->history.empty()
                                       ? json(nullptr)
                                       : json(r->history.front().classified_on.ToString());
          }
        }
        return Response::Json(out);
      });
  router.Post("/api/v1/entities/{uscc}/credit/listings/{id}/removal", file,
              [&service, shared](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                // The body is optional: a statement for a finding's listing.
                std::string statement;
                if (!req.body.empty()) {
                  auto body = identity::ObjectBody(req);
                  if (!body.ok()) return Response::Error(body.status());
                  auto s = identity::StringField(*body, "statement", false);
                  if (!s.ok()) return Response::Error(s.status());
                  statement = *s;
                }
                auto done = service.ApplyForRemoval(identity::CallerOf(req), req.Param("uscc"), *id,
                                                    std::move(statement));
                if (!done.ok()) return Response::Error(done.status());
                return Response::Json(ListingJson(*done));
              });
  router.Post("/api/v1/entities/{uscc}/credit/listings", decide, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto in = ParseNewListing(*body);
    if (!in.ok()) return Response::Error(in.status());
    in->uscc = req.Param("uscc");
    auto listed = service.DecideListing(identity::CallerOf(req), *in);
    if (!listed.ok()) return Response::Error(listed.status());
    return Response::Json(ListingJson(*listed), 201);
  });
  router.Post("/api/v1/entities/{uscc}/credit/listings/{id}/removal-decision", decide,
              [&service, shared](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                auto body = identity::ObjectBody(req);
                if (!body.ok()) return Response::Error(body.status());
                auto decision = ParseYesNo(*body, "approve", "请选择准予移出或不予移出");
                if (!decision.ok()) return Response::Error(decision.status());
                auto done = service.DecideRemoval(identity::CallerOf(req), req.Param("uscc"), *id,
                                                  decision->yes, decision->reason);
                if (!done.ok()) return Response::Error(done.status());
                return Response::Json(ListingJson(*done));
              });
  router.Get("/api/v1/credit/figures", stats, [&service, shared](Request& req) {
    const std::string text = req.Query("year").value_or("");
    int year = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
      return Response::Error(InvalidArgumentError("请写明年度，如 year=2025", "year"));
    }
    auto figures = service.Figures(identity::CallerOf(req), year);
    if (!figures.ok()) return Response::Error(figures.status());
    return Response::Json(FiguresJson(*figures, service.rules()));
  });
  router.Get("/api/v1/credit/findings", decide, [&service, shared](Request& req) {
    auto found = service.Findings(identity::CallerOf(req));
    if (!found.ok()) return Response::Error(found.status());
    json items = json::array();
    for (const FindingView& f : *found) items.push_back(FindingJson(f));
    return Response::Json({{"items", items}});
  });
  // The registrar's queue of applications to leave, with what the entity
  // wrote (not public: the statement is shown only here).
  router.Get("/api/v1/credit/removal-applications", decide, [&service, shared](Request& req) {
    auto pending = service.RemovalQueue(identity::CallerOf(req));
    if (!pending.ok()) return Response::Error(pending.status());
    json items = json::array();
    for (const ListingView& v : *pending) {
      json item = ListingJson(v);
      item["uscc"] = v.listing.uscc;
      item["entity_name"] = v.listing.entity_name;
      item["removal_statement"] = v.listing.removal_statement;
      items.push_back(std::move(item));
    }
    return Response::Json({{"items", items}});
  });
}

void AddRiskRoutes(http::Router& router, std::shared_ptr<RiskService> shared) {
  RiskService& service = *shared;
  router.Get("/api/v1/entities/{uscc}/credit-risk", std::string(identity::perm::kCreditRiskRead),
             [&service, shared](Request& req) {
               auto risk = service.RiskOf(identity::CallerOf(req), req.Param("uscc"));
               if (!risk.ok()) return Response::Error(risk.status());
               return Response::Json(EntityRiskJson(*risk, RiskRules::Default(), service.Today()));
             });
  router.Get("/api/v1/credit/risk-distribution", std::string(identity::perm::kStatsRead),
             [&service, shared](Request& req) {
               auto units = service.Distribution(identity::CallerOf(req));
               if (!units.ok()) return Response::Error(units.status());
               return Response::Json(DistributionJson(*units));
             });
  router.Post("/api/v1/credit/risk-classification", std::string(identity::perm::kCreditRiskRun),
              [&service, shared](Request& req) {
                auto run = service.ClassifyNow(identity::CallerOf(req));
                if (!run.ok()) return Response::Error(run.status());
                return Response::Json(RiskRunJson(*run));
              });
}

void AddSeriousRoutes(http::Router& router, std::shared_ptr<SeriousService> shared) {
  SeriousService& service = *shared;
  const std::string decide(identity::perm::kCreditDecide), file(identity::perm::kCreditFile);
  router.Get("/api/v1/credit/serious", decide, [&service, shared](Request& req) {
    auto queue = service.Queue(identity::CallerOf(req));
    if (!queue.ok()) return Response::Error(queue.status());
    json items = json::array();
    for (const SeriousListing& s : *queue) items.push_back(SeriousJson(s, true));
    return Response::Json({{"items", items}});
  });
  router.Get("/api/v1/credit/serious-categories", std::string(identity::kPublicPermission),
             [&service, shared](Request&) {
               json items = json::array();
               for (const CreditRules::SeriousCategory& c : service.rules().serious_categories()) {
                 items.push_back({{"id", c.id},
                                  {"name", c.name},
                                  {"basis", c.basis},
                                  {"from", c.from_penalty ? "penalty" : "escalation"}});
               }
               return Response::Json({{"items", items}});
             });
  router.Post("/api/v1/credit/serious", decide, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto uscc = identity::StringField(*body, "uscc", true);
    if (!uscc.ok()) return Response::Error(uscc.status());
    auto category = identity::StringField(*body, "category", true);
    if (!category.ok()) return Response::Error(category.status());
    auto penalty = identity::IdField(*body, "penalty_id");
    if (!penalty.ok()) return Response::Error(penalty.status());
    if (!penalty->has_value()) {
      return Response::Error(InvalidArgumentError("请选择作为依据的行政处罚", "penalty_id"));
    }
    auto done = service.Propose(identity::CallerOf(req), *uscc, *category, **penalty);
    if (!done.ok()) return Response::Error(done.status());
    return Response::Json(SeriousJson(*done, true, service.rules()), 201);
  });
  router.Post("/api/v1/credit/serious/{id}/notice", decide, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto done = service.Notice(identity::CallerOf(req), *id);
    if (!done.ok()) return Response::Error(done.status());
    return Response::Json(SeriousJson(*done, true));
  });
  router.Post("/api/v1/credit/serious/{id}/statement", file, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto text = identity::StringField(*body, "statement", true);
    if (!text.ok()) return Response::Error(text.status());
    auto done = service.State(identity::CallerOf(req), *id, *text);
    if (!done.ok()) return Response::Error(done.status());
    return Response::Json(SeriousJson(*done, true));
  });
  router.Post("/api/v1/credit/serious/{id}/decision", decide, [&service, shared](Request& req) {
    auto id = identity::IdParam(req, "id");
    if (!id.ok()) return Response::Error(id.status());
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    auto decision = ParseYesNo(*body, "list", "请选择列入或不予列入");
    if (!decision.ok()) return Response::Error(decision.status());
    auto done = service.Decide(identity::CallerOf(req), *id, decision->yes, decision->reason);
    if (!done.ok()) return Response::Error(done.status());
    return Response::Json(SeriousJson(*done, true));
  });
}

void AddPunishmentRoutes(http::Router& router, std::shared_ptr<PunishmentService> shared) {
  PunishmentService& service = *shared;
  const std::string query(identity::perm::kCreditPunishmentQuery);
  router.Get("/api/v1/joint-punishment/measures", std::string(identity::kPublicPermission),
             [&service, shared](Request&) {
               json items = json::array();
               for (const PunishmentMeasure& m : service.catalogue().measures()) {
                 items.push_back(
                     {{"id", m.id},
                      {"field", m.field},
                      {"measure", m.measure},
                      {"basis", m.basis},
                      {"requesting_department", m.requesting},
                      {"executing_department", m.executing},
                      {"lists", m.lists},
                      {"binds",
                       m.subject == PunishmentMeasure::Subject::kLegalRep ? "legal_rep" : "entity"},
                      {"years", m.years == 0 ? json(nullptr) : json(m.years)}});
               }
               return Response::Json({{"items", items}});
             });
  router.Post("/api/v1/joint-punishment/queries", query, [&service, shared](Request& req) {
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return Response::Error(body.status());
    for (auto it = body->begin(); it != body->end(); ++it) {
      if (it.key() != "uscc" && it.key() != "citizen_id") {
        return Response::Error(InvalidArgumentError("只能按统一社会信用代码或公民身份号码查询",
                                                    it.key().substr(0, 40)));
      }
    }
    auto uscc = identity::StringField(*body, "uscc", false);
    if (!uscc.ok()) return Response::Error(uscc.status());
    auto id = identity::StringField(*body, "citizen_id", false);
    if (!id.ok()) return Response::Error(id.status());
    auto answer = service.Query(identity::CallerOf(req), *uscc, *id);
    if (!answer.ok()) return Response::Error(answer.status());
    json measures = json::array();
    for (const MeasureInForce& m : answer->measures) measures.push_back(MeasureJson(m));
    json out = {
        {"query_id", answer->query_id}, {"party_kind", answer->party_kind}, {"measures", measures}};
    if (answer->party_kind == "entity") {
      out["uscc"] = answer->uscc;
      out["name"] = answer->name;
    }
    Response r = Response::Json(out);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });
  router.Post(
      "/api/v1/joint-punishment/queries/{id}/feedback", query, [&service, shared](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto measure = identity::StringField(*body, "measure_id", true);
        if (!measure.ok()) return Response::Error(measure.status());
        auto applied = body->find("applied");
        if (applied == body->end() || !applied->is_boolean()) {
          return Response::Error(
              InvalidArgumentError("请说明是否已执行该措施（true 或 false）", "applied"));
        }
        auto note = identity::StringField(*body, "note", false);
        if (!note.ok()) return Response::Error(note.status());
        Status s =
            service.Feedback(identity::CallerOf(req), *id, *measure, applied->get<bool>(), *note);
        if (!s.ok()) return Response::Error(s);
        return Response::Json(
            {{"query_id", *id}, {"measure_id", *measure}, {"applied", applied->get<bool>()}}, 201);
      });
  router.Get("/api/v1/joint-punishment/figures", std::string(identity::perm::kStatsRead),
             [&service, shared](Request&) {
               auto figures = service.Figures();
               if (!figures.ok()) return Response::Error(figures.status());
               json items = json::array();
               for (const FeedbackCount& f : figures->feedback) {
                 items.push_back({{"measure_id", f.measure_id},
                                  {"applied", f.applied},
                                  {"not_applied", f.not_applied}});
               }
               return Response::Json({{"queries", figures->queries}, {"feedback", items}});
             });
}

}  // namespace amr::credit
