// SPDX-License-Identifier: MulanPSL-2.0
// Running a state-changing HTTP request as one transaction, honouring an
// Idempotency-Key header (idempotency.h). Any context's routes may use it:
//
//   return RunWrite(db, req, clock, [&](soci::session& sql) -> StatusOr<WriteReply> {
//     ASSIGN_OR_RETURN(Thing t, CreateThing(sql, …));   // writes its audit record
//     return WriteReply{201, ThingJson(t)};
//   });
//
// Without the header the work simply runs in Database::Transaction. With it,
// a repeat of the same request by the same user returns the stored answer
// (with header "Idempotency-Replayed: true") and runs nothing; the same key
// with a different request is 422 failed_precondition. Fields listed in
// `secret_fields` (a generated password) are sent once and stored as null.
// The work may run more than once (Transaction retries conflicts): it must
// only touch the session.
//
// Thread-safety: thread-safe.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "http/request.h"
#include "http/response.h"
#include "storage/database.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::identity {

struct WriteReply {
  int status = 200;
  nlohmann::json body;
  std::vector<std::string> secret_fields;  // top-level keys never stored
};

http::Response RunWrite(storage::Database& db, const http::Request& request, const Clock& clock,
                        const std::function<StatusOr<WriteReply>(soci::session&)>& work);
// The same in a transaction of the given isolation (storage::Database::
// Isolation: kReadCommitted only for work whose invariants hold by keys and
// row locks). The key's own row keeps a retried request from running twice
// either way: a duplicate in flight waits for it, then replays its reply.
http::Response RunWrite(storage::Database& db, const http::Request& request, const Clock& clock,
                        storage::Database::Isolation isolation,
                        const std::function<StatusOr<WriteReply>(soci::session&)>& work);

}  // namespace amr::identity
