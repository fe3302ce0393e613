// SPDX-License-Identifier: MulanPSL-2.0
// 消息中心 over HTTP (docs/api.md), for any logged-in user, on their own
// messages only:
//   GET  /api/v1/messages?unread=true&limit=&offset=  newest first, with
//        total and unread_count
//   POST /api/v1/messages/{id}/read                   404 for another's id
//   POST /api/v1/messages/read-all                    {"marked": n}
#pragma once

#include <memory>

#include "http/router.h"
#include "messages/message_service.h"

namespace amr::messages {

void AddMessageRoutes(http::Router& router, std::shared_ptr<const MessageService> service);

}  // namespace amr::messages
