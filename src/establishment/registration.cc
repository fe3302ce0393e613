// SPDX-License-Identifier: MulanPSL-2.0
// Registration (登记) inside 企业开办's transaction: the USCC, the entity, the
// name, the e-licence, then the department steps dispatched in parallel and
// the 双告知 notices (service_support.h).
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "codes/uscc.h"
#include "establishment/internal/notify.h"
#include "establishment/internal/service_support.h"
#include "establishment/internal/sql.h"
#include "establishment/service.h"
#include "registry/entity_store.h"
#include "storage/query.h"
#include "storage/serial_counter.h"

namespace amr::establishment::internal {
namespace {

using nlohmann::json;

char UsccKindChar(FormKind kind) {
  switch (EntityKindOf(kind)) {
    case registry::EntityKind::kIndividualBusiness:
      return '2';
    case registry::EntityKind::kCooperative:
      return '3';
    default:
      return '1';
  }
}

}  // namespace

DepartmentUnits DepartmentUnits::Load(soci::session& sql, const std::string& region) {
  DepartmentUnits units;
  units.region_ = region;
  Args a;
  const std::string levels = a.Add(region) + ", " + a.Add(region.substr(0, 4) + "00") + ", " +
                             a.Add(region.substr(0, 2) + "0000");
  Select(sql,
         "SELECT id, path, department, region_code, name FROM org_unit WHERE department <> '' "
         "AND region_code IN (" +
             levels + ") ORDER BY id",
         a, [&](const soci::row& r) {
           units.rows_.push_back({Int(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4)});
         });
  return units;
}

std::optional<Unit> DepartmentUnits::Find(const std::string& department,
                                          const std::string& name_hint) const {
  for (const std::string& r :
       {region_, region_.substr(0, 4) + "00", region_.substr(0, 2) + "0000"}) {
    auto first = [&](bool hinted) -> std::optional<Unit> {
      for (const Row& row : rows_) {
        if (row.department != department || row.region != r) continue;
        if (hinted && row.name.find(name_hint) == std::string::npos) continue;
        return Unit{row.id, row.path};
      }
      return std::nullopt;
    };
    if (!name_hint.empty()) {
      if (auto unit = first(true)) return unit;
    }
    if (auto unit = first(false)) return unit;
  }
  return std::nullopt;
}

Status InsertStep(soci::session& sql, int64_t app_id, const std::string& kind, int64_t unit,
                  const std::string& state, int sla, const std::string& now) {
  long long a = app_id, u = unit;
  sql << "INSERT INTO establishment_step (application_id, kind, org_unit_id, state, sla_minutes, "
         "started_at, ended_at, updated_at) VALUES (:a, :k, :u, :s, :sla, :now, NULL, :now2)",
      soci::use(a), soci::use(kind), soci::use(u), soci::use(state), soci::use(sla), soci::use(now),
      soci::use(now);
  return OkStatus();
}

Status InsertSteps(soci::session& sql, int64_t app_id, const std::vector<NewStep>& steps,
                   const std::string& now) {
  if (steps.empty()) return OkStatus();
  storage::Params p;
  const std::string app = p.Int(app_id), at = p.Text(now);
  std::string text =
      "INSERT INTO establishment_step (application_id, kind, org_unit_id, state, sla_minutes, "
      "started_at, ended_at, updated_at) VALUES ";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    text += fmt::format("{}({}, {}, {}, 'pending', {}, {}, NULL, {})", i == 0 ? "" : ", ", app,
                        p.Text(steps[i].kind), p.Int(steps[i].unit), p.Int(steps[i].sla), at, at);
  }
  storage::Exec(sql, text, p);
  return OkStatus();
}

// Registration (登记): the USCC, the entity, the name, the e-licence and
// e-seals, then the department steps in parallel and the 双告知 notices. One
// transaction: the caller's.
Status Register(soci::session& sql, const Ctx& ctx, const identity::Caller& caller,
                std::string_view permission, Application& app) {
  const std::string now = FormatChinaTime(ctx.clock.Now());
  const Form& f = app.form;
  // USCC: the deployment's body-code counter; a code already taken (an
  // imported entity) is skipped.
  std::string uscc;
  for (int attempt = 0; attempt < 1000 && uscc.empty(); ++attempt) {
    ASSIGN_OR_RETURN(int64_t serial, storage::NextUsccBody(sql));
    ASSIGN_OR_RETURN(std::string code, codes::IssueUscc('9', UsccKindChar(f.kind), f.region_code,
                                                        static_cast<uint64_t>(serial)));
    int taken = 0;
    sql << "SELECT COUNT(*) FROM entity WHERE uscc = :u", soci::use(code), soci::into(taken);
    if (taken == 0) uscc = code;
  }
  if (uscc.empty()) return InternalError("无法分配统一社会信用代码");
  registry::Entity e;
  e.uscc = uscc;
  e.name = f.name;
  e.kind = EntityKindOf(f.kind);
  e.org_form = f.kind == FormKind::kIndividualBusiness ? "" : std::string(FormKindName(f.kind));
  e.family_farm = f.family_farm;
  e.region_code = f.region_code;
  e.industry_code = f.industry_code;
  e.legal_rep_id = f.legal_rep.citizen_id;
  e.legal_rep_name = f.legal_rep.name;
  e.registered_capital = f.registered_capital;
  e.address = f.address;
  e.established_on = ChinaDate(ctx.clock.Now());
  e.operating_term = OperatingTermOf(f);
  RETURN_IF_ERROR(registry::InsertEntity(sql, e, now));
  app.uscc = uscc;
  app.registered_at = now;
  app.state = "registered";
  RETURN_IF_ERROR(ctx.hooks.record_name(sql, e, app));
  RETURN_IF_ERROR(ctx.hooks.issue_license(sql, e, app));

  long long id = app.id;
  long long registrar = caller.principal != nullptr ? caller.principal->user_id : 0;
  soci::indicator registrar_ind = registrar != 0 ? soci::i_ok : soci::i_null;
  sql << "UPDATE establishment_application SET state = 'registered', uscc = :u, registered_at = "
         ":now, registrar_user_id = COALESCE(:r, registrar_user_id), updated_at = :now2 WHERE id "
         "= :id",
      soci::use(uscc), soci::use(now), soci::use(registrar, registrar_ind), soci::use(now),
      soci::use(id);
  const std::string result = json{{"uscc", uscc}}.dump();
  sql << "UPDATE establishment_step SET state = 'done', ended_at = :now, result_json = :r, "
         "updated_at = :now2 WHERE application_id = :id AND kind = 'registration'",
      soci::use(now), soci::use(result), soci::use(now), soci::use(id);

  // Dispatch: every step whose rule holds, all at once.
  const DepartmentUnits units = DepartmentUnits::Load(sql, f.region_code);
  int dispatched = 0;
  std::vector<std::string> done_kinds;
  std::vector<NewStep> steps;
  for (const RoutingRule& rule : ctx.rules.routing()) {
    if (rule.step == "registration") continue;
    if (std::find(done_kinds.begin(), done_kinds.end(), rule.step) != done_kinds.end()) continue;
    if (!f.region_code.starts_with(rule.region_prefix)) continue;
    if (!f.options.Requested(rule.condition)) continue;
    std::optional<Unit> unit;
    if (!rule.org_unit_code.empty()) {
      Args a;
      unit = FindUnit(sql, "code = " + a.Add(rule.org_unit_code), a);
    } else if (!rule.department.empty()) {
      // The bank the applicant booked, where the tree has its branch.
      const std::string hint =
          rule.step == "bank_account" && f.options.bank_account ? f.options.bank_account->bank : "";
      unit = units.Find(rule.department, hint);
    }
    // No unit of that department in the tree: the authority forwards it.
    const int64_t unit_id = unit ? unit->id : app.authority_org_unit_id;
    steps.push_back({rule.step, unit_id, ctx.rules.MinutesOf(rule.sla_workdays)});
    done_kinds.push_back(rule.step);
    ++dispatched;
    json payload = {
        {"application_id", app.id}, {"step", rule.step},      {"uscc", uscc},
        {"name", f.name},           {"org_unit_id", unit_id}, {"region_code", f.region_code},
        {"form", FormJson(f)},      {"dispatched_at", now}};
    RETURN_IF_ERROR(ctx.hooks.enqueue_event(
        sql, "establishment.step.dispatched", payload,
        "establishment.step.dispatched:" + std::to_string(app.id) + ":" + rule.step));
  }
  RETURN_IF_ERROR(InsertSteps(sql, app.id, steps, now));
  // 双告知: the permits the scope needs, to their competent departments.
  for (const ScopeItem* item : PermitItems(f, ctx.rules)) {
    std::optional<Unit> unit;
    if (item->department != "market_regulation") unit = units.Find(item->department);
    const long long unit_id = unit ? unit->id : app.authority_org_unit_id;
    sql << "INSERT INTO establishment_notice (application_id, scope_code, permit, department, "
           "org_unit_id, state, created_at, updated_at) VALUES (:a, :c, :p, :d, :u, 'pending', "
           ":now, :now2)",
        soci::use(id), soci::use(item->code), soci::use(item->permit), soci::use(item->department),
        soci::use(unit_id), soci::use(now), soci::use(now);
    RETURN_IF_ERROR(ctx.hooks.enqueue_event(
        sql, "establishment.dual_notification",
        json{{"application_id", app.id},
             {"uscc", uscc},
             {"name", f.name},
             {"scope_code", item->code},
             {"scope_name", item->name},
             {"permit", item->permit},
             {"department", item->department},
             {"org_unit_id", unit_id}},
        "establishment.dual_notification:" + std::to_string(app.id) + ":" + item->code));
  }
  if (dispatched == 0) {
    sql << "UPDATE establishment_application SET state = 'completed', completed_at = :now, "
           "updated_at = :now2 WHERE id = :id",
        soci::use(now), soci::use(now), soci::use(id);
  }
  RETURN_IF_ERROR(TellRegistered(sql, app, uscc, ctx.clock));
  return Audit(sql, caller, permission, app.authority_path, "establishment.register",
               "establishment_application", app.id, nullptr,
               json{{"uscc", uscc}, {"name", f.name}, {"steps_dispatched", dispatched}}, ctx.clock);
}

}  // namespace amr::establishment::internal
