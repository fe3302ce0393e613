// SPDX-License-Identifier: MulanPSL-2.0
// GET /api/v1/feed (public, throttled like every public route): the change
// feed as JSON pages, or as server-sent events (Accept: text/event-stream or
// format=sse; Last-Event-ID resumes). The routes only translate.
#pragma once

#include <memory>

#include "feed/feed_service.h"
#include "http/router.h"

namespace amr::feed {

void AddFeedRoutes(http::Router& router, std::shared_ptr<FeedService> service);

}  // namespace amr::feed
