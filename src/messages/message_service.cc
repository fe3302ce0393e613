// SPDX-License-Identifier: MulanPSL-2.0
#include "messages/message_service.h"

#include "identity/principal.h"

namespace amr::messages {
namespace {

StatusOr<int64_t> Me(const identity::Caller& caller) {
  if (caller.principal == nullptr) return UnauthenticatedError("请先登录");
  return caller.principal->user_id;
}

}  // namespace

StatusOr<MessagePage> MessageService::List(const identity::Caller& caller,
                                           MessageQuery query) const {
  ASSIGN_OR_RETURN(query.recipient, Me(caller));
  MessagePage page;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(page, ListMessages(sql, query));
    return OkStatus();
  }));
  return page;
}

StatusOr<int64_t> MessageService::UnreadCount(const identity::Caller& caller) const {
  ASSIGN_OR_RETURN(int64_t me, Me(caller));
  int64_t n = 0;
  RETURN_IF_ERROR(db_.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(n, CountUnread(sql, me));
    return OkStatus();
  }));
  return n;
}

StatusOr<Message> MessageService::MarkRead(const identity::Caller& caller, int64_t id) const {
  ASSIGN_OR_RETURN(int64_t me, Me(caller));
  Message out;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(out, messages::MarkRead(sql, me, id, clock_));
    return OkStatus();
  }));
  return out;
}

StatusOr<int64_t> MessageService::MarkAllRead(const identity::Caller& caller) const {
  ASSIGN_OR_RETURN(int64_t me, Me(caller));
  int64_t n = 0;
  RETURN_IF_ERROR(db_.Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(n, messages::MarkAllRead(sql, me, clock_));
    return OkStatus();
  }));
  return n;
}

}  // namespace amr::messages
