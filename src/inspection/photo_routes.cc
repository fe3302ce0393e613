// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/photo_routes.h"

#include <nlohmann/json.hpp>

#include "identity/roles.h"
#include "identity/route_support.h"

namespace amr::inspection {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
namespace perm = identity::perm;

json PhotoJson(const PhotoInfo& p) {
  return {{"id", p.id},
          {"visit_id", p.visit_id},
          {"media_type", p.media_type},
          {"size_bytes", p.size_bytes},
          {"sha256", p.sha256},
          {"added_at", p.added_at}};
}

Response Private(Response r) {
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void AddPhotoRoutes(http::Router& router, std::shared_ptr<PhotoService> shared) {
  PhotoService& service = *shared;
  // The body is the image itself (image/jpeg or image/png), not JSON.
  router.Post("/api/v1/inspection/visits/{id}/photos", std::string(perm::kInspectionTaskWrite),
              [&service, shared](Request& req) {
                auto id = identity::IdParam(req, "id");
                if (!id.ok()) return Response::Error(id.status());
                auto photo = service.Add(identity::CallerOf(req), *id,
                                         req.Header("Content-Type").value_or(""), req.body);
                if (!photo.ok()) return Response::Error(photo.status());
                return Response::Json(PhotoJson(*photo), 201);
              });
  router.Get("/api/v1/inspection/visits/{id}/photos", std::string(perm::kInspectionTaskRead),
             [&service, shared](Request& req) {
               auto id = identity::IdParam(req, "id");
               if (!id.ok()) return Response::Error(id.status());
               auto photos = service.List(identity::CallerOf(req), *id);
               if (!photos.ok()) return Response::Error(photos.status());
               json items = json::array();
               for (const PhotoInfo& p : *photos) items.push_back(PhotoJson(p));
               return Private(Response::Json({{"items", items}}));
             });
  router.Get("/api/v1/inspection/visits/{id}/photos/{sha256}",
             std::string(perm::kInspectionTaskRead), [&service, shared](Request& req) {
               auto id = identity::IdParam(req, "id");
               if (!id.ok()) return Response::Error(id.status());
               auto photo = service.Get(identity::CallerOf(req), *id, req.Param("sha256"));
               if (!photo.ok()) return Response::Error(photo.status());
               return Private(Response::Text(std::move(photo->bytes), photo->media_type));
             });
}

}  // namespace amr::inspection
