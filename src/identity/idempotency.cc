// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/idempotency.h"

#include <soci/soci.h>

#include "storage/errors.h"

namespace amr::identity {

StatusOr<std::optional<StoredReply>> ClaimIdempotencyKey(soci::session& sql,
                                                         const IdempotencyRequest& request,
                                                         const Clock& clock) {
  long long uid = request.user_id;
  std::string fingerprint, body;
  int status = 0;
  soci::indicator found = soci::i_null;
  sql << "SELECT fingerprint, status, response FROM idempotency_key "
         "WHERE user_id = :u AND idem_key = :k",
      soci::use(uid), soci::use(request.key), soci::into(fingerprint, found), soci::into(status),
      soci::into(body);
  if (sql.got_data() && found == soci::i_ok) {
    if (fingerprint != request.fingerprint) {
      return FailedPreconditionError("该 Idempotency-Key 已用于另一个不同的请求，请换一个",
                                     "Idempotency-Key");
    }
    return std::optional<StoredReply>(StoredReply{status, body});
  }
  const std::string now = FormatChinaTime(clock.Now());
  try {
    sql << "INSERT INTO idempotency_key (user_id, idem_key, fingerprint, status, response, "
           "created_at) VALUES (:u, :k, :f, 0, '', :now)",
        soci::use(uid), soci::use(request.key), soci::use(request.fingerprint), soci::use(now);
  } catch (const std::exception& e) {
    Status s = storage::StatusFromException(e);
    if (s.code() == StatusCode::kAlreadyExists) {
      return AbortedError("同一 Idempotency-Key 的请求正在处理，稍后重试");
    }
    return s;
  }
  return std::optional<StoredReply>();
}

Status SaveIdempotentReply(soci::session& sql, const IdempotencyRequest& request,
                           const StoredReply& reply) {
  long long uid = request.user_id;
  sql << "UPDATE idempotency_key SET status = :s, response = :r "
         "WHERE user_id = :u AND idem_key = :k",
      soci::use(reply.status), soci::use(reply.body), soci::use(uid), soci::use(request.key);
  return OkStatus();
}

Status PurgeIdempotencyKeys(storage::Database& db, const Clock& clock) {
  const std::string cutoff = FormatChinaTime(clock.Now() - kIdempotencyRetention);
  return db.Transaction([&](soci::session& sql) {
    sql << "DELETE FROM idempotency_key WHERE created_at < :cutoff", soci::use(cutoff);
    return OkStatus();
  });
}

}  // namespace amr::identity
