// SPDX-License-Identifier: MulanPSL-2.0
// Photos of an inspection visit as a use case (docs/inspection.md, "Photos"):
// an officer assigned to the visit adds them from the phone; the officers and
// the staff whose scope covers the task see them. The photos' names, types,
// sizes and digests then travel with the result (its attachments).
//
// Thread-safety: thread-safe (the database is).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "storage/database.h"

namespace amr::inspection {

struct PhotoInfo {
  int64_t id = 0;
  int64_t visit_id = 0;
  std::string media_type;
  int64_t size_bytes = 0;
  std::string sha256;
  std::string added_at;
};

struct PhotoData {
  std::string media_type;
  std::string bytes;
};

class PhotoService {
 public:
  PhotoService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Stores a photo of `visit_id` (CheckPhoto's rules), audited as
  // "inspection.photo.add". The same photo again is the same record (a retried
  // upload). NotFound "id"; PermissionDenied unless assigned to the visit;
  // InvalidArgument "photo"; FailedPrecondition "photo" past kMaxPhotosPerVisit.
  StatusOr<PhotoInfo> Add(const identity::Caller& caller, int64_t visit_id,
                          std::string_view media_type, std::string_view bytes);
  // The visit's photos, oldest first. NotFound; PermissionDenied unless
  // assigned or holding inspection.task.read over the task's unit.
  StatusOr<std::vector<PhotoInfo>> List(const identity::Caller& caller, int64_t visit_id) const;
  // One photo's bytes, by its digest (same access as List).
  StatusOr<PhotoData> Get(const identity::Caller& caller, int64_t visit_id,
                          const std::string& sha256) const;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace amr::inspection
