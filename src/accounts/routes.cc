// SPDX-License-Identifier: MulanPSL-2.0
#include "accounts/routes.h"

#include <nlohmann/json.hpp>

#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::accounts {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Response NoStore(Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response Start(SignupService& service, Request& req) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  SignupInput input;
  for (auto [field, out] :
       {std::pair{"name", &input.name}, std::pair{"citizen_id", &input.citizen_id},
        std::pair{"phone", &input.phone}, std::pair{"password", &input.password}}) {
    auto value = identity::StringField(*body, field, true);
    if (!value.ok()) return Response::Error(value.status());
    *out = std::move(*value);
  }
  auto receipt = service.Start(std::move(input), identity::CallerOf(req));
  if (!receipt.ok()) return Response::Error(receipt.status());
  Response r = Response::Json({{"phone", receipt->phone_masked},
                               {"code_sent", receipt->code_sent},
                               {"resend_after_seconds", receipt->resend_after_seconds},
                               {"code_lifetime_seconds", receipt->code_lifetime_seconds}});
  r.status = 201;
  return NoStore(std::move(r));
}

Response Verify(SignupService& service, Request& req) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto phone = identity::StringField(*body, "phone", true);
  if (!phone.ok()) return Response::Error(phone.status());
  auto code = identity::StringField(*body, "code", true);
  if (!code.ok()) return Response::Error(code.status());
  auto user = service.Verify(std::move(*phone), std::move(*code), identity::CallerOf(req));
  if (!user.ok()) return Response::Error(user.status());
  return NoStore(Response::Json(
      {{"verified", true}, {"username", user->username}, {"display_name", user->display_name}}));
}

}  // namespace

void AddSignupRoutes(http::Router& router, std::shared_ptr<SignupService> shared) {
  SignupService& service = *shared;
  const std::string open(identity::kPublicPermission);
  router.Post("/api/v1/applicants", open,
              [&service, shared](Request& req) { return Start(service, req); });
  router.Post("/api/v1/applicants/verify", open,
              [&service, shared](Request& req) { return Verify(service, req); });
}

void AddPhoneCodeRoutes(http::Router& router, std::shared_ptr<PhoneCodeService> shared) {
  PhoneCodeService& service = *shared;
  router.Post(
      "/api/v1/notices/objection-codes", std::string(identity::kPublicPermission),
      [&service, shared](Request& req) {
        auto body = identity::ObjectBody(req);
        if (!body.ok()) return Response::Error(body.status());
        auto phone = identity::StringField(*body, "phone", true);
        if (!phone.ok()) return Response::Error(phone.status());
        auto receipt = service.Send(kObjectionPurpose, std::move(*phone), identity::CallerOf(req));
        if (!receipt.ok()) return Response::Error(receipt.status());
        Response r = Response::Json({{"phone", receipt->phone_masked},
                                     {"code_sent", receipt->code_sent},
                                     {"resend_after_seconds", receipt->resend_after_seconds},
                                     {"code_lifetime_seconds", receipt->code_lifetime_seconds}});
        r.status = 201;
        return NoStore(std::move(r));
      });
}

}  // namespace amr::accounts
