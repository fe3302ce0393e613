// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/deregistration_routes.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "export/json_export.h"
#include "identity/idempotent_write.h"
#include "identity/org_unit_store.h"
#include "identity/roles.h"
#include "identity/route_support.h"
#include "identity/scope.h"
#include "lifecycle/affiliation.h"
#include "lifecycle/compulsory.h"
#include "lifecycle/periods.h"

namespace amr::lifecycle {
namespace {

using http::Request;
using http::Response;
using identity::CallerOf;
using identity::WriteReply;
using nlohmann::json;
namespace perm = identity::perm;

std::string Perm(std::string_view p) { return std::string(p); }

// "导出 Excel" of the board and of the departments' queue.
exports::JsonExport SimplifiedNoticesExport() {
  using namespace exports;  // NOLINT(build/namespaces): the column builders
  return {.filename = "简易注销公告.xlsx",
          .title = "简易注销公告",
          .columns = {Field("企业名称", "/entity_name", 32), Field("统一社会信用代码", "/uscc", 22),
                      Field("公示开始", "/notice_start_on", 12),
                      Field("公示结束", "/notice_end_on", 12), Field("状态", "/state_name", 14),
                      Computed("异议", 8, [](const json& i) -> XlsxCell {
                        return static_cast<double>(i.value("objections", json::array()).size());
                      })}};
}

exports::JsonExport OneScreenTasksExport() {
  using namespace exports;  // NOLINT(build/namespaces)
  return {
      .filename = "一屏注销核查.xlsx",
      .title = "个体工商户一屏注销 部门核查",
      .columns = {Field("申请编号", "/application_id", 10), Field("个体工商户", "/entity_name", 30),
                  Field("统一社会信用代码", "/uscc", 22), Field("核查部门", "/org_unit_name", 24),
                  Field("核查截止", "/window_end_on", 12),
                  Labeled("状态", "/state",
                          {{"pending", "待核查"},
                           {"cleared", "无异议"},
                           {"objected", "已提出异议"},
                           {"closed", "已结束"}},
                          12),
                  Field("理由 / 说明", "/reason", 28), Time("办理时间", "/handled_at")}};
}

json RestrictionJson(const Restriction& r) {
  auto nullable = [](const std::string& s) { return s.empty() ? json() : json(s); };
  return json{{"id", r.id},
              {"uscc", r.uscc},
              {"kind", r.kind},
              {"kind_name", r.kind_name},
              {"document_number", r.document_number},
              {"issued_by", r.issued_by},
              {"effective_on", r.effective_on},
              {"note", r.note},
              {"in_force", r.in_force()},
              {"recorded_by", r.recorded_by},
              {"recorded_at", r.recorded_at},
              {"lifted_on", nullable(r.lifted_on)},
              {"lift_document_number", r.lift_document_number},
              {"lift_note", r.lift_note},
              {"lifted_by", r.lifted_by},
              {"lifted_at", nullable(r.lifted_at)}};
}

json AffiliationJson(const Affiliation& a) {
  auto nullable = [](const std::string& s) { return s.empty() ? json() : json(s); };
  return json{{"id", a.id},
              {"uscc", a.uscc},
              {"kind", a.kind},
              {"other_uscc", a.other_uscc},
              {"other_name", a.other_name},
              {"other_status", nullable(a.other_status)},
              {"started_on", a.started_on},
              {"document", a.document},
              {"open", a.open()},
              {"recorded_by", a.recorded_by},
              {"recorded_at", a.recorded_at},
              {"ended_on", nullable(a.ended_on)},
              {"ended_by", a.ended_by},
              {"ended_at", nullable(a.ended_at)}};
}

StatusOr<Date> DateField(const json& body, std::string_view name, const Date& fallback) {
  ASSIGN_OR_RETURN(std::string text, identity::StringField(body, name, false));
  if (text.empty()) return fallback;
  return Date::Parse(text, name);
}

StatusOr<ListFilter> FilterOf(const Request& req) {
  ListFilter f;
  ASSIGN_OR_RETURN(int64_t limit, req.IntQuery("limit", 50, 1, 500));
  ASSIGN_OR_RETURN(int64_t offset, req.IntQuery("offset", 0, 0, 10'000'000));
  f.limit = static_cast<int>(limit);
  f.offset = static_cast<int>(offset);
  f.state = req.Query("state").value_or("");
  if (f.state.size() > 20) return InvalidArgumentError("state 不正确", "state");
  f.uscc = req.Query("uscc").value_or("");
  if (f.uscc.size() > 18) return InvalidArgumentError("uscc 不正确", "uscc");
  return f;
}

// A read in one read transaction, the result as JSON.
template <typename T>
Response Read(storage::Database& db, const std::function<StatusOr<T>(soci::session&)>& work,
              const std::function<json(const T&)>& to_json) {
  std::optional<T> value;
  Status st = db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(T v, work(sql));
    value = std::move(v);
    return OkStatus();
  });
  if (!st.ok()) return Response::Error(st);
  return Response::Json(to_json(*value));
}

// "330106" → "330106", "330100" → "3301", "000000" → "".
std::string RegionPrefix(std::string code) {
  while (code.size() >= 2 && code.ends_with("00")) code.resize(code.size() - 2);
  return code;
}

}  // namespace

void AddDeregistrationRoutes(http::Router& router, storage::Database& db,
                             std::shared_ptr<const DeregistrationService> service,
                             StatsRegionScope stats_scope, const Clock& clock,
                             PhoneConfirm confirm_phone) {
  if (!confirm_phone) throw std::logic_error("AddDeregistrationRoutes: confirm_phone is required");
  std::shared_ptr<const DeregistrationService> s = std::move(service);
  storage::Database* d = &db;
  const Clock* c = &clock;

  // Restrictions.
  router.Get("/api/v1/entities/{uscc}/restrictions", Perm(perm::kEntitiesReadPrivate),
             [=](Request& req) {
               return Read<std::vector<Restriction>>(
                   *d,
                   [&](soci::session& sql) {
                     return ListRestrictions(sql, CallerOf(req), req.Param("uscc"), s->kinds());
                   },
                   [](const std::vector<Restriction>& all) {
                     json items = json::array();
                     int in_force = 0;
                     for (const Restriction& r : all) {
                       items.push_back(RestrictionJson(r));
                       if (r.in_force()) ++in_force;
                     }
                     return json{{"items", items}, {"in_force", in_force}};
                   });
             });
  router.Post(
      "/api/v1/entities/{uscc}/restrictions", Perm(perm::kRestrictionsWrite), [=](Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        NewRestriction r;
        auto parse = [&]() -> Status {
          ASSIGN_OR_RETURN(r.kind, identity::StringField(*body, "kind", true));
          ASSIGN_OR_RETURN(r.document_number,
                           identity::StringField(*body, "document_number", true));
          ASSIGN_OR_RETURN(r.issued_by, identity::StringField(*body, "issued_by", false));
          ASSIGN_OR_RETURN(r.note, identity::StringField(*body, "note", false));
          ASSIGN_OR_RETURN(r.effective_on, DateField(*body, "effective_on", ChinaDate(c->Now())));
          return OkStatus();
        };
        if (Status st = parse(); !st.ok()) return Response::Error(st);
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Restriction out, RecordRestriction(sql, CallerOf(req), req.Param("uscc"),
                                                              r, s->kinds(), *c));
          return WriteReply{201, RestrictionJson(out), {}};
        });
      });
  router.Post(
      "/api/v1/entities/{uscc}/restrictions/{id}/lift", Perm(perm::kRestrictionsWrite),
      [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        RestrictionLift lift;
        auto parse = [&]() -> Status {
          ASSIGN_OR_RETURN(lift.document_number,
                           identity::StringField(*body, "document_number", true));
          ASSIGN_OR_RETURN(lift.note, identity::StringField(*body, "note", false));
          ASSIGN_OR_RETURN(lift.lifted_on, DateField(*body, "lifted_on", ChinaDate(c->Now())));
          return OkStatus();
        };
        if (Status st = parse(); !st.ok()) return Response::Error(st);
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Restriction out, LiftRestriction(sql, CallerOf(req), req.Param("uscc"),
                                                            *id, lift, s->kinds(), *c));
          return WriteReply{200, RestrictionJson(out), {}};
        });
      });

  // Branches and investments (实施细则 Art. 48 (五)).
  router.Get("/api/v1/entities/{uscc}/affiliations", Perm(perm::kEntitiesReadPrivate),
             [=](Request& req) {
               return Read<std::vector<Affiliation>>(
                   *d,
                   [&](soci::session& sql) {
                     return ListAffiliations(sql, CallerOf(req), req.Param("uscc"));
                   },
                   [](const std::vector<Affiliation>& all) {
                     json items = json::array();
                     int open = 0;
                     for (const Affiliation& a : all) {
                       items.push_back(AffiliationJson(a));
                       if (a.open()) ++open;
                     }
                     return json{{"items", items}, {"open", open}};
                   });
             });
  router.Post(
      "/api/v1/entities/{uscc}/affiliations", Perm(perm::kRestrictionsWrite), [=](Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        NewAffiliation a;
        auto parse = [&]() -> Status {
          ASSIGN_OR_RETURN(a.kind, identity::StringField(*body, "kind", true));
          ASSIGN_OR_RETURN(a.other_uscc, identity::StringField(*body, "other_uscc", true));
          ASSIGN_OR_RETURN(a.other_name, identity::StringField(*body, "other_name", false));
          ASSIGN_OR_RETURN(a.document, identity::StringField(*body, "document", false));
          ASSIGN_OR_RETURN(a.started_on, DateField(*body, "started_on", ChinaDate(c->Now())));
          return OkStatus();
        };
        if (Status st = parse(); !st.ok()) return Response::Error(st);
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Affiliation out,
                           RecordAffiliation(sql, CallerOf(req), req.Param("uscc"), a, *c));
          return WriteReply{201, AffiliationJson(out), {}};
        });
      });
  router.Post(
      "/api/v1/entities/{uscc}/affiliations/{id}/end", Perm(perm::kRestrictionsWrite),
      [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto on = DateField(*body, "ended_on", ChinaDate(c->Now()));
        if (!on.ok()) return Response::Error(on.status());
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(Affiliation out,
                           EndAffiliation(sql, CallerOf(req), req.Param("uscc"), *id, *on, *c));
          return WriteReply{200, AffiliationJson(out), {}};
        });
      });

  // Eligibility: the applicant's and the staff's view.
  auto eligibility = [=](std::string_view staff_permission) {
    return [=](Request& req) {
      const std::string procedure = req.Query("procedure").value_or("simplified");
      return Read<Eligibility>(
          *d,
          [&](soci::session& sql) {
            return s->CheckEligibility(sql, CallerOf(req), req.Param("uscc"), procedure,
                                       staff_permission);
          },
          EligibilityJson);
    };
  };
  router.Get("/api/v1/entities/{uscc}/simplified-deregistration/eligibility",
             Perm(perm::kRegistrationApply), eligibility(perm::kRegistrationAccept));
  router.Get("/api/v1/registration/entities/{uscc}/deregistration-eligibility",
             Perm(perm::kEntitiesReadPrivate), eligibility(perm::kEntitiesReadPrivate));

  // 简易注销.
  router.Post(
      "/api/v1/deregistrations/simplified", Perm(perm::kRegistrationApply), [=](Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto uscc = identity::StringField(*body, "uscc", true);
        if (!uscc.ok()) return Response::Error(uscc.status());
        auto commitment = ParseCommitment(body->value("commitments", json()));
        if (!commitment.ok()) return Response::Error(commitment.status());
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(SimplifiedApplication app,
                           s->ApplySimplified(sql, CallerOf(req), *uscc, *commitment));
          return WriteReply{201, SimplifiedJson(app), {}};
        });
      });
  router.Get(
      "/api/v1/deregistrations/simplified/{id}", Perm(perm::kRegistrationApply), [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        return Read<SimplifiedApplication>(
            *d, [&](soci::session& sql) { return s->GetSimplified(sql, CallerOf(req), *id); },
            SimplifiedJson);
      });
  router.Post("/api/v1/deregistrations/simplified/{id}/completion", Perm(perm::kRegistrationApply),
              [=](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                return identity::RunWrite(
                    *d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
                      ASSIGN_OR_RETURN(SimplifiedApplication app,
                                       s->CompleteSimplified(sql, CallerOf(req), *id));
                      return WriteReply{200, SimplifiedJson(app), {}};
                    });
              });

  // The public notice board (企业信息公示): no private data.
  router.Get("/api/v1/notices/simplified-deregistrations", Perm(identity::kPublicPermission),
             exports::WithXlsxExport(
                 [=](Request& req) {
                   auto filter = FilterOf(req);
                   if (!filter.ok()) return Response::Error(filter.status());
                   return Read<std::vector<SimplifiedApplication>>(
                       *d, [&](soci::session& sql) { return s->ListNotices(sql, *filter); },
                       [](const std::vector<SimplifiedApplication>& all) {
                         json items = json::array();
                         for (const SimplifiedApplication& a : all) items.push_back(NoticeJson(a));
                         return json{{"items", items}};
                       });
                 },
                 SimplifiedNoticesExport()));
  router.Get("/api/v1/notices/simplified-deregistrations/{id}", Perm(identity::kPublicPermission),
             [=](Request& req) {
               auto id = identity::IdParam(req, "id");
               if (!id.ok()) return Response::Error(id.status());
               return Read<SimplifiedApplication>(
                   *d, [&](soci::session& sql) { return s->GetNotice(sql, *id); }, NoticeJson);
             });
  auto object = [=](bool officer) {
    return [=](Request& req) {
      auto id = identity::IdParam(req, "id");
      if (!id.ok()) return Response::Error(id.status());
      auto body = identity::ObjectBody(req);
      if (!body.ok()) return Response::Error(body.status());
      NewObjection o;
      auto parse = [&]() -> Status {
        ASSIGN_OR_RETURN(o.reason, identity::StringField(*body, "reason", true));
        ASSIGN_OR_RETURN(o.objector_kind, identity::StringField(*body, "objector_kind", !officer));
        ASSIGN_OR_RETURN(o.objector_name, identity::StringField(*body, "objector_name", !officer));
        ASSIGN_OR_RETURN(o.objector_contact,
                         identity::StringField(*body, "objector_contact", !officer));
        return OkStatus();
      };
      if (Status st = parse(); !st.ok()) return Response::Error(st);
      // Anyone on the public board objects as the public, whoever is logged in,
      // leaving a mobile phone confirmed by the code sent to it.
      identity::Caller caller = CallerOf(req);
      if (!officer) {
        caller.principal = nullptr;
        caller.name = "public";
        auto code = identity::StringField(*body, "code", true);
        if (!code.ok()) return Response::Error(code.status());
        if (Status st = confirm_phone(o.objector_contact, *code); !st.ok()) {
          return Response::Error(st);
        }
      }
      return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
        ASSIGN_OR_RETURN(SimplifiedApplication app, s->Object(sql, caller, *id, o));
        return WriteReply{201, officer ? SimplifiedJson(app) : NoticeJson(app), {}};
      });
    };
  };
  router.Post(
      "/api/v1/registration/simplified-deregistrations/{id}/objections/{objection_id}/set-aside",
      Perm(perm::kRegistrationReview), [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto objection = identity::IdParam(req, "objection_id");
        if (!objection.ok()) return Response::Error(objection.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto reason = identity::StringField(*body, "reason", true);
        if (!reason.ok()) return Response::Error(reason.status());
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(SimplifiedApplication app,
                           s->SetAsideObjection(sql, CallerOf(req), *id, *objection, *reason));
          return WriteReply{200, SimplifiedJson(app), {}};
        });
      });
  // The periods the pages state, from the data (data/lifecycle/periods.json).
  router.Get("/api/v1/deregistrations/periods", Perm(identity::kPublicPermission), [=](Request&) {
    const DeregistrationPeriods& p = s->periods();
    auto period = [](int days, bool workdays) {
      return json{{"days", days},
                  {"value", days},
                  {"unit", workdays ? "working_days" : "calendar_days"},
                  {"text", std::to_string(days) + (workdays ? " 个工作日" : " 天")}};
    };
    // 歇业's cap and the window for an extension (periods.json "suspension").
    auto lifecycle_period = [](std::string_view key) -> json {
      auto got = Periods::Default().Get(key);
      if (!got.ok()) return json();
      const char* unit = got->unit == PeriodUnit::kWorkingDays ? "working_days"
                         : got->unit == PeriodUnit::kYears     ? "years"
                                                               : "calendar_days";
      return {{"value", got->value}, {"unit", unit}, {"text", DescribePeriod(*got)}};
    };
    return Response::Json(
        {{"notice", period(p.notice_days(), p.notice_workdays())},
         {"completion", period(p.completion_days(), p.completion_workdays())},
         {"one_screen_window", period(p.window_days(), p.window_workdays())},
         {"suspension_max_total", lifecycle_period("suspension.max_total")},
         {"suspension_extension_window", lifecycle_period("suspension.extension_window")}});
  });
  router.Post("/api/v1/notices/simplified-deregistrations/{id}/objections",
              Perm(identity::kPublicPermission), object(false));
  router.Post("/api/v1/department/simplified-deregistrations/{id}/objections",
              Perm(perm::kDepartmentQueueWork), object(true));

  // 强制注销 (公司法 Art. 241).
  router.Post(
      "/api/v1/registration/compulsory-deregistrations", Perm(perm::kRegistrationReview),
      [=](Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        std::string uscc;
        CompulsoryStart start;
        auto parse = [&]() -> Status {
          ASSIGN_OR_RETURN(uscc, identity::StringField(*body, "uscc", true));
          ASSIGN_OR_RETURN(start.basis, identity::StringField(*body, "basis", true));
          ASSIGN_OR_RETURN(start.basis_document,
                           identity::StringField(*body, "basis_document", true));
          ASSIGN_OR_RETURN(std::string on, identity::StringField(*body, "basis_on", true));
          ASSIGN_OR_RETURN(start.basis_on, Date::Parse(on, "basis_on"));
          return OkStatus();
        };
        if (Status st = parse(); !st.ok()) return Response::Error(st);
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(CompulsoryDeregistration out,
                           StartCompulsoryDeregistration(sql, CallerOf(req), uscc, start, *c,
                                                         *s->calendar().Current()));
          return WriteReply{201, CompulsoryJson(out, true), {}};
        });
      });
  router.Post(
      "/api/v1/registration/compulsory-deregistrations/{id}/decision",
      Perm(perm::kRegistrationReview), [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto decision = identity::StringField(*body, "decision", true);
        if (!decision.ok()) return Response::Error(decision.status());
        if (*decision != "deregister" && *decision != "withdraw") {
          return Response::Error(InvalidArgumentError(
              "decision 应为 deregister（注销）或 withdraw（不予注销）", "decision"));
        }
        auto reason = identity::StringField(*body, "reason", false);
        if (!reason.ok()) return Response::Error(reason.status());
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(CompulsoryDeregistration out,
                           DecideCompulsory(sql, CallerOf(req), *id, *decision == "deregister",
                                            *reason, s->hooks(), *c));
          return WriteReply{200, CompulsoryJson(out, true), {}};
        });
      });
  router.Get("/api/v1/notices/compulsory-deregistrations", Perm(identity::kPublicPermission),
             [=](Request& req) {
               auto filter = FilterOf(req);
               if (!filter.ok()) return Response::Error(filter.status());
               return Read<std::vector<CompulsoryDeregistration>>(
                   *d,
                   [&](soci::session& sql) {
                     return ListCompulsory(sql, filter->state, filter->uscc, filter->limit,
                                           filter->offset);
                   },
                   [](const std::vector<CompulsoryDeregistration>& all) {
                     json items = json::array();
                     for (const auto& x : all) items.push_back(CompulsoryJson(x, false));
                     return json{{"items", items}};
                   });
             });
  router.Post(
      "/api/v1/notices/compulsory-deregistrations/{id}/objections",
      Perm(identity::kPublicPermission), [=](Request& req) {
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return Response::Error(id.status());
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        CompulsoryObjectionInput o;
        auto parse = [&]() -> Status {
          ASSIGN_OR_RETURN(o.reason, identity::StringField(*body, "reason", true));
          ASSIGN_OR_RETURN(o.objector_kind, identity::StringField(*body, "objector_kind", true));
          ASSIGN_OR_RETURN(o.objector_name, identity::StringField(*body, "objector_name", true));
          ASSIGN_OR_RETURN(o.objector_contact,
                           identity::StringField(*body, "objector_contact", true));
          return OkStatus();
        };
        if (Status st = parse(); !st.ok()) return Response::Error(st);
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(CompulsoryDeregistration out, ObjectToCompulsory(sql, *id, o, *c));
          return WriteReply{201, CompulsoryJson(out, false), {}};
        });
      });

  // 一屏注销.
  router.Post(
      "/api/v1/deregistrations/one-screen", Perm(perm::kRegistrationApply), [=](Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto uscc = identity::StringField(*body, "uscc", true);
        if (!uscc.ok()) return Response::Error(uscc.status());
        json declarations = body->value("declarations", json());
        return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
          ASSIGN_OR_RETURN(OneScreenApplication app,
                           s->ApplyOneScreen(sql, CallerOf(req), *uscc, declarations));
          return WriteReply{201, OneScreenJson(app), {}};
        });
      });
  router.Get("/api/v1/deregistrations/one-screen/{id}", Perm(perm::kRegistrationApply),
             [=](Request& req) {
               auto id = identity::IdParam(req, "id");
               if (!id.ok()) return Response::Error(id.status());
               return Read<OneScreenApplication>(
                   *d, [&](soci::session& sql) { return s->GetOneScreen(sql, CallerOf(req), *id); },
                   OneScreenJson);
             });
  router.Get("/api/v1/department/deregistrations", Perm(perm::kDepartmentQueueWork),
             exports::WithXlsxExport(
                 [=](Request& req) {
                   auto filter = FilterOf(req);
                   if (!filter.ok()) return Response::Error(filter.status());
                   return Read<std::vector<OneScreenTask>>(
                       *d,
                       [&](soci::session& sql) {
                         return s->ListDepartmentTasks(sql, CallerOf(req), *filter);
                       },
                       [](const std::vector<OneScreenTask>& all) {
                         json items = json::array();
                         for (const OneScreenTask& t : all) items.push_back(OneScreenTaskJson(t));
                         return json{{"items", items}};
                       });
                 },
                 OneScreenTasksExport()));
  auto answer = [=](bool objecting) {
    return [=](Request& req) {
      auto id = identity::IdParam(req, "id");
      if (!id.ok()) return Response::Error(id.status());
      auto body = identity::ObjectBody(req);
      if (!body.ok()) return Response::Error(body.status());
      auto reason = identity::StringField(*body, objecting ? "reason" : "note", objecting);
      if (!reason.ok()) return Response::Error(reason.status());
      return identity::RunWrite(*d, req, *c, [&](soci::session& sql) -> StatusOr<WriteReply> {
        ASSIGN_OR_RETURN(OneScreenTask t,
                         s->AnswerTask(sql, CallerOf(req), *id, objecting, *reason));
        return WriteReply{200, OneScreenTaskJson(t), {}};
      });
    };
  };
  router.Post("/api/v1/department/deregistrations/{id}/objection", Perm(perm::kDepartmentQueueWork),
              answer(true));
  router.Post("/api/v1/department/deregistrations/{id}/clear", Perm(perm::kDepartmentQueueWork),
              answer(false));

  // Figures: the four the reports quote, and the applications behind them.
  router.Get("/api/v1/deregistrations/stats", Perm(perm::kStatsRead), [=](Request& req) {
    auto from = Date::Parse(req.Query("from").value_or(""), "from");
    if (!from.ok()) return Response::Error(from.status());
    auto to = Date::Parse(req.Query("to").value_or(""), "to");
    if (!to.ok()) return Response::Error(to.status());
    if (*to < *from) return Response::Error(InvalidArgumentError("to 不能早于 from", "to"));
    auto unit = req.IntQuery("org_unit_id", 0, 1, INT64_MAX);
    if (!unit.ok()) return Response::Error(unit.status());
    std::vector<std::string> regions;
    if (*unit == 0) {
      auto scoped = stats_scope(req);
      if (!scoped.ok()) return Response::Error(scoped.status());
      regions = *scoped;
    }
    DeregistrationStats stats;
    ApplicationFigures figures;
    Status st = d->ReadTransaction([&](soci::session& sql) -> Status {
      if (*unit != 0) {
        ASSIGN_OR_RETURN(identity::OrgUnit u, identity::GetOrgUnit(sql, *unit));
        if (const identity::Principal* p = identity::PrincipalOf(req)) {
          RETURN_IF_ERROR(identity::RequireScope(*p, perm::kStatsRead, u.path));
        }
        regions = {RegionPrefix(u.region_code)};
      }
      ASSIGN_OR_RETURN(stats, ComputeDeregistrationStats(sql, *from, *to, regions));
      ASSIGN_OR_RETURN(figures, s->ComputeFigures(sql, *from, *to, regions));
      return OkStatus();
    });
    if (!st.ok()) return Response::Error(st);
    json by_kind = json::array();
    int64_t simplified = 0, one_screen = 0;
    for (const DeregistrationStats::KindFigures& k : stats.by_kind) {
      by_kind.push_back({{"kind", k.kind},
                         {"name", DeregistrationKindName(k.kind)},
                         {"count", k.count},
                         {"average_days", k.average_days}});
      if (k.kind == "simplified") simplified = k.count;
      if (k.kind == "one_screen") one_screen = k.count;
    }
    return Response::Json({{"from", from->ToString()},
                           {"to", to->ToString()},
                           {"figures",
                            {{"simplified_deregistrations", simplified},
                             {"joint_cancellations", stats.with_permits_cancelled},
                             {"one_screen_deregistrations", one_screen},
                             {"average_days_to_deregistration",
                              stats.total > 0 ? json(stats.average_days) : json(nullptr)}}},
                           {"deregistrations",
                            {{"by_kind", by_kind},
                             {"total", stats.total},
                             {"with_permits_cancelled", stats.with_permits_cancelled},
                             {"permits_cancelled", stats.permits_cancelled},
                             {"average_days", stats.average_days}}},
                           {"applications",
                            {{"simplified_applications", figures.simplified_applications},
                             {"notices_published", figures.notices_published},
                             {"objections", figures.objections},
                             {"objected", figures.objected},
                             {"lapsed", figures.lapsed},
                             {"one_screen_applications", figures.one_screen_applications},
                             {"one_screen_objected", figures.one_screen_objected}}}});
  });
}

}  // namespace amr::lifecycle
