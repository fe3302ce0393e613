// SPDX-License-Identifier: MulanPSL-2.0
// Reading case leads (docs/complaints.md, "Reports"): the officers of the
// units in scope (leads.read) list them and open one with its evidence. A
// lead may quote a reporter's words: every read is audited ("lead.read").
// Producers write leads inside their own transaction (lead_store.h).
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <cstdint>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "leads/lead.h"
#include "storage/database.h"

namespace amr::leads {

class LeadService {
 public:
  LeadService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Newest first, at most `limit`; PermissionDenied without leads.read.
  StatusOr<std::vector<Lead>> List(const identity::Caller& caller, int limit);
  // NotFound "id"; PermissionDenied outside the caller's scope.
  StatusOr<Lead> Get(const identity::Caller& caller, int64_t id);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace amr::leads
