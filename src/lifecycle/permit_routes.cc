// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/permit_routes.h"

#include <nlohmann/json.hpp>

#include "identity/idempotent_write.h"
#include "identity/roles.h"
#include "identity/route_support.h"
#include "identity/scope.h"
#include "lifecycle/access.h"
#include "lifecycle/deregister.h"
#include "lifecycle/permit.h"
#include "registry/entity_store.h"

namespace amr::lifecycle {
namespace {

using identity::CallerOf;
using identity::IdParam;
using identity::ObjectBody;
using identity::StringField;
using nlohmann::json;

json PermitJson(const Permit& p) {
  return json{{"id", p.id},
              {"uscc", p.uscc},
              {"kind", p.kind},
              {"kind_name", p.kind_name},
              {"number", p.number},
              {"issuer_org_unit_id", p.issuer_org_unit_id},
              {"issued_on", p.issued_on},
              {"valid_until", p.valid_until},
              {"state", p.state},
              {"cancelled_on", p.cancelled_on},
              {"cancel_reason", p.cancel_reason}};
}

// The unit that issues: the caller's unit holding permits.write nearest the
// entity's authority; the authority itself for the platform and the CLI.
int64_t IssuerOf(const identity::Caller& caller, const EntityAccess& access) {
  if (caller.principal == nullptr) return access.authority_org_unit_id;
  const identity::RoleGrant* grant =
      caller.principal->GrantFor(identity::perm::kPermitsWrite, access.authority_path);
  return grant != nullptr ? grant->org_unit.id : access.authority_org_unit_id;
}

http::Response RecordRoute(storage::Database& db, const Clock& clock, http::Request& req) {
  auto body = ObjectBody(req);
  if (!body.ok()) return http::Response::Error(body.status());
  NewPermit p;
  for (auto [name, out] : {std::pair<const char*, std::string*>{"kind", &p.kind},
                           {"number", &p.number},
                           {"issued_on", &p.issued_on},
                           {"valid_until", &p.valid_until}}) {
    auto value = StringField(*body, name, true);
    if (!value.ok()) return http::Response::Error(value.status());
    *out = *value;
  }
  const std::string uscc = req.Param("uscc");
  return identity::RunWrite(
      db, req, clock, [&](soci::session& sql) -> StatusOr<identity::WriteReply> {
        const identity::Caller caller = CallerOf(req);
        ASSIGN_OR_RETURN(EntityAccess access,
                         AuthorizeEntityAction(sql, caller, uscc, identity::perm::kPermitsWrite,
                                               "registration", clock.Now()));
        if (caller.principal != nullptr &&
            !caller.principal->InScope(identity::perm::kPermitsWrite, access.authority_path)) {
          return identity::OutOfScopeError();  // applicants do not record permits
        }
        ASSIGN_OR_RETURN(
            Permit saved,
            RecordPermit(sql, uscc, IssuerOf(caller, access), p, PermitKinds::Default(),
                         ActorForEntity(caller, access, identity::perm::kPermitsWrite), clock));
        return identity::WriteReply{201, PermitJson(saved), {}};
      });
}

http::Response CancelRoute(storage::Database& db, const Clock& clock, http::Request& req) {
  auto id = IdParam(req, "id");
  if (!id.ok()) return http::Response::Error(id.status());
  auto body = ObjectBody(req);
  if (!body.ok()) return http::Response::Error(body.status());
  auto reason = StringField(*body, "reason", true);
  if (!reason.ok()) return http::Response::Error(reason.status());
  return identity::RunWrite(
      db, req, clock, [&](soci::session& sql) -> StatusOr<identity::WriteReply> {
        const identity::Caller caller = CallerOf(req);
        const PermitKinds& kinds = PermitKinds::Default();
        ASSIGN_OR_RETURN(Permit permit, GetPermit(sql, *id, kinds));
        ASSIGN_OR_RETURN(EntityAccess access, AuthorizeEntityAction(sql, caller, permit.uscc,
                                                                    identity::perm::kPermitsWrite,
                                                                    "registration", clock.Now()));
        if (caller.principal != nullptr &&
            !caller.principal->InScope(identity::perm::kPermitsWrite, access.authority_path)) {
          return identity::OutOfScopeError();
        }
        ASSIGN_OR_RETURN(
            Permit after,
            CancelPermit(sql, *id, *reason, ChinaDate(clock.Now()), kinds,
                         ActorForEntity(caller, access, identity::perm::kPermitsWrite), clock));
        return identity::WriteReply{200, PermitJson(after), {}};
      });
}

}  // namespace

void AddPermitRoutes(http::Router& router, storage::Database& db, const Clock& clock) {
  const std::string write(identity::perm::kPermitsWrite);
  const std::string pub(identity::kPublicPermission);
  router.Get("/api/v1/permit-kinds", pub, [](http::Request&) {
    json items = json::array();
    for (const PermitKind& k : PermitKinds::Default().all()) {
      items.push_back({{"code", k.code}, {"name", k.name}, {"legal_basis", k.legal_basis}});
    }
    return http::Response::Json({{"items", items}});
  });
  router.Get("/api/v1/entities/{uscc}/permits", pub, [&db](http::Request& req) {
    std::vector<Permit> permits;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::GetEntity(sql, req.Param("uscc")).status());
      ASSIGN_OR_RETURN(permits, ListPermits(sql, req.Param("uscc"), PermitKinds::Default()));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    json items = json::array();
    for (const Permit& p : permits) items.push_back(PermitJson(p));
    return http::Response::Json({{"items", items}});
  });
  router.Post("/api/v1/entities/{uscc}/permits", write,
              [&db, &clock](http::Request& req) { return RecordRoute(db, clock, req); });
  router.Post("/api/v1/permits/{id}/cancellation", write,
              [&db, &clock](http::Request& req) { return CancelRoute(db, clock, req); });
  router.Get("/api/v1/entities/{uscc}/deregistration", pub, [&db](http::Request& req) {
    std::optional<DeregistrationRecord> record;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::GetEntity(sql, req.Param("uscc")).status());
      ASSIGN_OR_RETURN(record, GetDeregistration(sql, req.Param("uscc")));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    if (!record) {
      return http::Response::Error(NotFoundError("该市场主体未注销", "uscc"));
    }
    return http::Response::Json(
        {{"uscc", record->fact.uscc},
         {"kind", record->fact.kind},
         {"kind_name", DeregistrationKindName(record->fact.kind)},
         {"application_ref", record->fact.application_ref},
         {"applied_on", record->fact.applied_on.ToString()},
         {"deregistered_on", record->fact.deregistered_on.ToString()},
         {"days", record->fact.deregistered_on.DaysSince(record->fact.applied_on)},
         {"reason", record->fact.reason},
         {"license_cancelled", record->result.license_cancelled},
         {"permits_cancelled", record->result.permits_cancelled}});
  });
}

}  // namespace amr::lifecycle
