// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/idempotent_write.h"

#include <optional>

#include "identity/idempotency.h"
#include "identity/principal.h"
#include "identity/token.h"
#include "identity/user_input.h"

namespace amr::identity {

http::Response RunWrite(storage::Database& db, const http::Request& request, const Clock& clock,
                        const std::function<StatusOr<WriteReply>(soci::session&)>& work) {
  return RunWrite(db, request, clock, storage::Database::Isolation::kSerializable, work);
}

http::Response RunWrite(storage::Database& db, const http::Request& request, const Clock& clock,
                        storage::Database::Isolation isolation,
                        const std::function<StatusOr<WriteReply>(soci::session&)>& work) {
  std::optional<IdempotencyRequest> idem;
  if (auto key = request.Header("Idempotency-Key")) {
    if (Status s = CheckIdempotencyKey(*key); !s.ok()) return http::Response::Error(s);
    const auto* principal = std::any_cast<Principal>(&request.principal);
    idem =
        IdempotencyRequest{principal ? principal->user_id : 0, *key,
                           Sha256Hex(request.method + "\n" + request.target + "\n" + request.body)};
  }
  std::optional<StoredReply> replay;
  WriteReply reply;
  Status s = db.Transaction(
      [&](soci::session& sql) -> Status {
        replay.reset();
        if (idem) {
          ASSIGN_OR_RETURN(replay, ClaimIdempotencyKey(sql, *idem, clock));
          if (replay) return OkStatus();
        }
        ASSIGN_OR_RETURN(reply, work(sql));
        if (idem) {
          nlohmann::json stored = reply.body;
          for (const std::string& field : reply.secret_fields) {
            if (stored.is_object() && stored.contains(field)) stored[field] = nullptr;
          }
          RETURN_IF_ERROR(SaveIdempotentReply(
              sql, *idem,
              {reply.status,
               stored.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}));
        }
        return OkStatus();
      },
      isolation);
  if (!s.ok()) return http::Response::Error(s);
  if (replay) {
    http::Response r;
    r.status = replay->status;
    r.body = replay->body;
    r.headers.emplace_back("Idempotency-Replayed", "true");
    return r;
  }
  return http::Response::Json(reply.body, reply.status);
}

}  // namespace amr::identity
