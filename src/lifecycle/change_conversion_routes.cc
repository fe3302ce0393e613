// SPDX-License-Identifier: MulanPSL-2.0
// 个转企 routes (change_routes.h).
#include <nlohmann/json.hpp>

#include "identity/idempotent_write.h"
#include "identity/roles.h"
#include "identity/route_support.h"
#include "lifecycle/change_routes.h"

namespace amr::lifecycle {
namespace {

using http::Request;
using http::Response;
using identity::CallerOf;
using identity::WriteReply;
using nlohmann::json;
namespace perm = identity::perm;

json ConversionReply(const Conversion& c) {
  return {{"from_uscc", c.from_uscc},
          {"to_uscc", c.to_uscc},
          {"target_kind", c.target_kind},
          {"converted_on", c.converted_on},
          {"license_cancelled", c.deregistration.license_cancelled},
          {"permits_cancelled", c.deregistration.permits_cancelled},
          {"permits_carried", c.permits_carried}};
}

Response Convert(storage::Database& db, const ChangeService& service, const Clock& clock,
                 Request& req, ChangeChannel channel) {
  auto body = identity::ObjectBody(req);
  if (!body.ok()) return Response::Error(body.status());
  auto request = ParseConversionRequest(*body, ChinaDate(clock.Now()));
  if (!request.ok()) return Response::Error(request.status());
  const std::string uscc = req.Param("uscc");
  if (Status s = service.CatchUp(); !s.ok()) return Response::Error(s);
  return identity::RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
    ASSIGN_OR_RETURN(Conversion c, service.Convert(sql, CallerOf(req), channel, uscc, *request));
    return WriteReply{201, ConversionReply(c), {}};
  });
}

}  // namespace

void AddConversionRoutes(http::Router& router, storage::Database& db,
                         std::shared_ptr<const ChangeService> service, const Clock& clock) {
  std::shared_ptr<const ChangeService> s = std::move(service);
  storage::Database* d = &db;
  const Clock* c = &clock;
  router.Post("/api/v1/entities/{uscc}/conversions", std::string(perm::kRegistrationApply),
              [=](Request& req) { return Convert(*d, *s, *c, req, ChangeChannel::kOnline); });
  router.Post("/api/v1/window/entities/{uscc}/conversions", std::string(perm::kRegistrationAccept),
              [=](Request& req) { return Convert(*d, *s, *c, req, ChangeChannel::kWindow); });
}

}  // namespace amr::lifecycle
