// SPDX-License-Identifier: MulanPSL-2.0
// 消息中心 for the logged-in user: their own messages, newest first, and the
// read marks. One transaction per call. A caller without a principal is
// Unauthenticated; a user only ever reaches their own messages (another's id
// is NotFound, as if it did not exist).
//
// Marking a message read is not audited: it is the reader's own view of
// their inbox, not a change to any record of the bureau (the event the
// message tells of was audited when it happened).
//
// Thread-safety: thread-safe (the database hands each call its session).
#pragma once

#include <cstdint>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "messages/messages.h"
#include "storage/database.h"

namespace amr::messages {

class MessageService {
 public:
  MessageService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // query.recipient is ignored: the caller's own.
  StatusOr<MessagePage> List(const identity::Caller& caller, MessageQuery query) const;
  StatusOr<int64_t> UnreadCount(const identity::Caller& caller) const;
  StatusOr<Message> MarkRead(const identity::Caller& caller, int64_t id) const;
  // How many were unread.
  StatusOr<int64_t> MarkAllRead(const identity::Caller& caller) const;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace amr::messages
