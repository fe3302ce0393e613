// SPDX-License-Identifier: MulanPSL-2.0
#include "license/routes.h"

#include <fmt/format.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "http/errors.h"
#include "http/url.h"
#include "identity/idempotent_write.h"
#include "identity/route_support.h"
#include "license/license_pdf.h"
#include "license/license_store.h"

namespace amr::license {
namespace {

using identity::WriteReply;

std::string Perm(std::string_view p) { return std::string(p); }

enum class Who { kAdmins, kAdminsAndAgents };

// 404 without a licence; 403 unless the caller administers it (or, for
// kAdminsAndAgents, holds an authorisation of it in force now).
Status CheckHolder(soci::session& sql, const http::Request& req, const std::string& uscc, Who who,
                   const Clock& clock) {
  ASSIGN_OR_RETURN(IssuedLicense found, GetLicense(sql, uscc));
  (void)found;
  const identity::Principal* principal = identity::PrincipalOf(req);
  if (principal == nullptr) return UnauthenticatedError("请先登录");
  ASSIGN_OR_RETURN(bool admin, IsLicenseAdmin(sql, uscc, principal->user_id));
  if (admin) return OkStatus();
  if (who == Who::kAdminsAndAgents) {
    ASSIGN_OR_RETURN(bool agent, HasAnyAuthorization(sql, uscc, principal->user_id, clock.Now()));
    if (agent) return OkStatus();
    return PermissionDeniedError(
        fmt::format("只有 {} 的持照人管理员或在授权期内的经办人可以使用该执照", uscc));
  }
  return PermissionDeniedError(fmt::format("只有 {} 的持照人管理员可以管理该执照", uscc));
}

nlohmann::json SealJson(const IssuedSeal& s) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"kind_name", s.kind_name},
          {"text", s.text},
          {"public_key", s.public_key},
          {"certificate", s.certificate.ToJson()}};
}

nlohmann::json LicenseJson(const IssuedLicense& l, const std::string& verify_url) {
  nlohmann::json seals = nlohmann::json::array();
  for (const IssuedSeal& s : l.seals) seals.push_back(SealJson(s));
  return {{"uscc", l.uscc},
          {"serial", l.serial},
          {"key_id", l.key_id},
          {"issued_at", l.issued_at},
          {"document", l.document.ToJson()},
          {"seals", seals},
          {"verify_url", verify_url}};
}

std::string MaskCitizenId(const std::string& id) {
  if (id.size() < 10) return id;
  return id.substr(0, 6) + std::string(id.size() - 10, '*') + id.substr(id.size() - 4);
}

nlohmann::json AuthorizationJson(const Authorization& a, Clock::TimePoint now) {
  nlohmann::json names = nlohmann::json::array();
  for (const std::string& t : a.tasks) {
    for (const TaskInfo& info : AllTasks()) {
      if (info.id == t) names.push_back(info.name);
    }
  }
  return {
      {"id", a.id},
      {"uscc", a.uscc},
      {"agent_user_id", a.agent_user_id ? nlohmann::json(a.agent_user_id) : nullptr},
      {"agent_citizen_id", a.agent_citizen_id.empty()
                               ? nlohmann::json(nullptr)
                               : nlohmann::json(MaskCitizenId(a.agent_citizen_id))},
      {"agent_name", a.agent_name},
      {"tasks", a.tasks},
      {"task_names", names},
      {"valid_from", a.valid_from.ToString()},
      {"valid_until", a.valid_until.ToString()},
      {"granted_by", a.granted_by},
      {"granted_at", a.granted_at},
      {"revoked_at", a.revoked_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.revoked_at)},
      {"state", a.StateAt(now)}};
}

nlohmann::json VerificationJson(const Verification& v, const SignedDocument& doc) {
  nlohmann::json out = {
      {"valid", v.valid},
      {"code", v.code},
      {"reason", v.reason},
      {"key_id", v.key_id},
      {"entity_status",
       v.entity_status.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.entity_status)},
      {"entity_status_name", v.entity_status_name.empty() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(v.entity_status_name)}};
  // The facts are shown only when the platform signed them.
  out["license"] = v.code == "unknown_key" || v.code == "bad_signature" || v.code == "malformed"
                       ? nlohmann::json(nullptr)
                       : doc.payload;
  return out;
}

StatusOr<NewAuthorization> ParseGrant(const nlohmann::json& body, const Clock& clock) {
  NewAuthorization g;
  ASSIGN_OR_RETURN(std::optional<int64_t> user, identity::IdField(body, "agent_user_id"));
  g.agent_user_id = user.value_or(0);
  ASSIGN_OR_RETURN(g.agent_citizen_id, identity::StringField(body, "agent_citizen_id", false));
  ASSIGN_OR_RETURN(g.agent_name, identity::StringField(body, "agent_name", false));
  auto tasks = body.find("tasks");
  if (tasks == body.end() || !tasks->is_array()) {
    return InvalidArgumentError("tasks 应为授权事项的数组，如 [\"annual_report\"]", "tasks");
  }
  for (const nlohmann::json& t : *tasks) {
    if (!t.is_string()) return InvalidArgumentError("tasks 的每一项应为字符串", "tasks");
    g.tasks.push_back(t.get<std::string>());
  }
  ASSIGN_OR_RETURN(std::string from, identity::StringField(body, "valid_from", false));
  if (from.empty()) {
    g.valid_from = ChinaDate(clock.Now());
  } else {
    ASSIGN_OR_RETURN(g.valid_from, Date::Parse(from, "valid_from"));
  }
  ASSIGN_OR_RETURN(std::string until, identity::StringField(body, "valid_until", true));
  ASSIGN_OR_RETURN(g.valid_until, Date::Parse(until, "valid_until"));
  return g;
}

}  // namespace

LicenseRouteOptions LicenseRouteOptionsFromEnvironment() {
  LicenseRouteOptions o;
  if (const char* ttl = std::getenv("AMR_LICENSE_QR_TTL_SECONDS"); ttl != nullptr && *ttl) {
    char* end = nullptr;
    const long value = std::strtol(ttl, &end, 10);
    if (end != nullptr && *end == '\0' && value >= 10 && value <= 86400) {
      o.qr_ttl = std::chrono::seconds(value);
    } else {
      fmt::print(stderr,
                 "AMR_LICENSE_QR_TTL_SECONDS={} 无效（应为 10 到 86400 的秒数），使用 {} 秒\n", ttl,
                 o.qr_ttl.count());
    }
  }
  if (const char* base = std::getenv("AMR_PUBLIC_BASE_URL"); base != nullptr) {
    o.public_base_url = base;
    while (!o.public_base_url.empty() && o.public_base_url.back() == '/') {
      o.public_base_url.pop_back();
    }
  }
  return o;
}

std::string PrintedVerifyUrl(const std::string& base, const std::string& uscc,
                             const std::string& serial) {
  return base + "/api/v1/licenses/verify?uscc=" + http::PercentEncode(uscc) +
         "&serial=" + http::PercentEncode(serial);
}

void AddLicenseRoutes(http::Router& router, storage::Database& db, const Clock& clock,
                      LicenseRouteOptions options) {
  const std::string pub = Perm(identity::kPublicPermission);
  const std::string manage = Perm(identity::perm::kLicenseManage);
  const std::string base = options.public_base_url;
  const std::chrono::seconds ttl = options.qr_ttl;

  // The caller's own: the licences it administers or is authorised for today
  // (我的企业, 我的电子营业执照 list them instead of asking for a USCC).
  router.Get("/api/v1/licenses", manage, [&db, &clock](http::Request& req) {
    const identity::Principal* p = identity::PrincipalOf(req);
    std::vector<ManagedLicense> mine;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(
          mine, ListManagedLicenses(sql, p != nullptr ? p->user_id : 0, ChinaDate(clock.Now())));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    nlohmann::json items = nlohmann::json::array();
    for (const ManagedLicense& m : mine) {
      auto kind = registry::ParseKind(m.kind);
      auto status = registry::ParseStatus(m.status);
      items.push_back(
          {{"uscc", m.uscc},
           {"name", m.name},
           {"kind", m.kind},
           {"kind_name", kind.ok() ? std::string(registry::KindName(*kind)) : m.kind},
           {"status", m.status},
           {"status_name", status.ok() ? std::string(registry::StatusName(*status)) : m.status},
           {"role", m.admin ? "admin" : "agent"},
           {"tasks", m.tasks}});
    }
    http::Response r = http::Response::Json({{"items", items}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });

  router.Get("/api/v1/licenses/keys", pub, [&db, &clock](http::Request&) {
    std::vector<SigningKeyInfo> keys;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(keys, ListSigningKeys(sql));
      return OkStatus();
    });
    if (s.ok() && keys.empty()) {
      // The very first call creates the key.
      s = db.Transaction([&](soci::session& sql) -> Status {
        ASSIGN_OR_RETURN(KeyPair active, ActiveSigningKey(sql, clock));
        (void)active;
        ASSIGN_OR_RETURN(keys, ListSigningKeys(sql));
        return OkStatus();
      });
    }
    if (!s.ok()) return http::Response::Error(s);
    nlohmann::json items = nlohmann::json::array();
    for (const SigningKeyInfo& k : keys) {
      items.push_back(
          {{"key_id", k.key_id},
           {"alg", k.algorithm},
           {"public_key", k.public_key},
           {"created_at", k.created_at},
           {"retired_at", k.active() ? nlohmann::json(nullptr) : nlohmann::json(k.retired_at)},
           {"signing", k.active()}});
    }
    http::Response r = http::Response::Json({{"keys", items}});
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  });

  router.Post("/api/v1/licenses/verify", pub, [&db](http::Request& req) {
    auto doc = ParseSignedDocument(req.body);
    if (!doc.ok()) return http::Response::Error(doc.status());
    Verification v;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(v, VerifyDocument(sql, *doc));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    return http::Response::Json(VerificationJson(v, *doc));
  });

  router.Get("/api/v1/licenses/verify", pub, [&db](http::Request& req) {
    const std::string uscc = req.Query("uscc").value_or("");
    const std::string serial = req.Query("serial").value_or("");
    if (uscc.empty() || uscc.size() > 32) {
      return http::Response::Error(InvalidArgumentError("缺少或无效的参数 uscc", "uscc"));
    }
    if (serial.empty() || serial.size() > 32) {
      return http::Response::Error(InvalidArgumentError("缺少或无效的参数 serial", "serial"));
    }
    Verification v;
    SignedDocument doc;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(IssuedLicense l, GetLicense(sql, uscc));
      doc = l.document;
      // What was printed: the serial on the paper, checked against the file.
      doc.payload["serial"] = serial;
      doc.signature = l.document.payload["serial"] == serial ? l.document.signature : "";
      if (doc.signature.empty()) {
        v.code = "superseded";
        v.reason = fmt::format("编号 {} 不是 {} 现行有效的执照", serial, uscc);
        v.key_id = l.key_id;
        return OkStatus();
      }
      ASSIGN_OR_RETURN(v, VerifyDocument(sql, doc));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    nlohmann::json out = VerificationJson(v, doc);
    if (!v.valid && v.code == "superseded") out["license"] = nullptr;
    return http::Response::Json(out);
  });

  router.Get("/api/v1/licenses/verify/{token}", pub, [&db, &clock](http::Request& req) {
    const std::string token = req.params["token"];
    QrLookup found;
    Verification v;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(found, ResolveQrToken(sql, token, clock));
      if (!found.expired) {
        ASSIGN_OR_RETURN(v, VerifyDocument(sql, found.license.document));
      }
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    if (found.expired) {
      return http::Response::Json(
          http::ErrorBody("gone", "二维码已过期，请持照人重新生成", "token", req.request_id), 410);
    }
    nlohmann::json out = VerificationJson(v, found.license.document);
    http::Response r = http::Response::Json(out);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });

  router.Get("/api/v1/licenses/{uscc}", manage, [&db, &clock, base](http::Request& req) {
    const std::string uscc = req.params["uscc"];
    IssuedLicense l;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(CheckHolder(sql, req, uscc, Who::kAdminsAndAgents, clock));
      ASSIGN_OR_RETURN(l, GetLicense(sql, uscc));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    return http::Response::Json(LicenseJson(l, PrintedVerifyUrl(base, l.uscc, l.serial)));
  });

  router.Get("/api/v1/licenses/{uscc}/pdf", manage, [&db, &clock, base](http::Request& req) {
    const std::string uscc = req.params["uscc"];
    IssuedLicense l;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(CheckHolder(sql, req, uscc, Who::kAdminsAndAgents, clock));
      ASSIGN_OR_RETURN(l, GetLicense(sql, uscc));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    auto pdf = RenderLicensePdf(l.document, PrintedVerifyUrl(base, l.uscc, l.serial));
    if (!pdf.ok()) return http::Response::Error(pdf.status());
    http::Response r = http::Response::Text(std::move(*pdf), "application/pdf");
    r.headers.emplace_back("Content-Disposition",
                           fmt::format("attachment; filename=\"{}.pdf\"", l.uscc));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });

  router.Post("/api/v1/licenses/{uscc}/qr", manage, [&db, &clock, base, ttl](http::Request& req) {
    const std::string uscc = req.params["uscc"];
    return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
      RETURN_IF_ERROR(CheckHolder(sql, req, uscc, Who::kAdminsAndAgents, clock));
      ASSIGN_OR_RETURN(QrToken t, CreateQrToken(sql, uscc, ttl,
                                                identity::ActorFor(identity::CallerOf(req),
                                                                   identity::perm::kLicenseManage),
                                                clock));
      return WriteReply{201,
                        {{"token", t.token},
                         {"expires_at", t.expires_at},
                         {"ttl_seconds", ttl.count()},
                         {"url", base + "/api/v1/licenses/verify/" + t.token}},
                        {}};
    });
  });

  router.Get("/api/v1/licenses/{uscc}/authorizations", manage, [&db, &clock](http::Request& req) {
    const std::string uscc = req.params["uscc"];
    std::vector<Authorization> list;
    Status s = db.ReadTransaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(CheckHolder(sql, req, uscc, Who::kAdmins, clock));
      ASSIGN_OR_RETURN(list, ListAuthorizations(sql, uscc));
      return OkStatus();
    });
    if (!s.ok()) return http::Response::Error(s);
    const Clock::TimePoint now = clock.Now();
    nlohmann::json items = nlohmann::json::array();
    for (const Authorization& a : list) items.push_back(AuthorizationJson(a, now));
    return http::Response::Json({{"items", items}});
  });

  router.Post("/api/v1/licenses/{uscc}/authorizations", manage, [&db, &clock](http::Request& req) {
    const std::string uscc = req.params["uscc"];
    auto body = identity::ObjectBody(req);
    if (!body.ok()) return http::Response::Error(body.status());
    auto grant = ParseGrant(*body, clock);
    if (!grant.ok()) return http::Response::Error(grant.status());
    return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
      RETURN_IF_ERROR(CheckHolder(sql, req, uscc, Who::kAdmins, clock));
      ASSIGN_OR_RETURN(
          Authorization a,
          GrantAuthorization(
              sql, uscc, *grant,
              identity::ActorFor(identity::CallerOf(req), identity::perm::kLicenseManage), clock));
      return WriteReply{201, AuthorizationJson(a, clock.Now()), {}};
    });
  });

  router.Delete(
      "/api/v1/licenses/{uscc}/authorizations/{id}", manage, [&db, &clock](http::Request& req) {
        const std::string uscc = req.params["uscc"];
        auto id = identity::IdParam(req, "id");
        if (!id.ok()) return http::Response::Error(id.status());
        return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
          RETURN_IF_ERROR(CheckHolder(sql, req, uscc, Who::kAdmins, clock));
          ASSIGN_OR_RETURN(Authorization a,
                           RevokeAuthorization(sql, uscc, *id,
                                               identity::ActorFor(identity::CallerOf(req),
                                                                  identity::perm::kLicenseManage),
                                               clock));
          return WriteReply{200, AuthorizationJson(a, clock.Now()), {}};
        });
      });
}

}  // namespace amr::license
