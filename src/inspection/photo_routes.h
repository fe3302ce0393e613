// SPDX-License-Identifier: MulanPSL-2.0
// /api/v1/inspection/visits/{id}/photos: an inspector's photos of a visit
// (photo_service.h). Routes only translate.
#pragma once

#include <memory>

#include "http/router.h"
#include "inspection/photo_service.h"

namespace amr::inspection {

void AddPhotoRoutes(http::Router& router, std::shared_ptr<PhotoService> service);

}  // namespace amr::inspection
