// SPDX-License-Identifier: MulanPSL-2.0
#include "lifecycle/entity_status.h"

#include <soci/soci.h>

#include <string>

#include "storage/change_log.h"

namespace amr::lifecycle {

Status SetEntityStatus(soci::session& sql, const registry::Entity& entity,
                       registry::EntityStatus status, std::string_view now) {
  const std::string s(registry::StatusId(status)), ts(now);
  sql << "UPDATE entity SET status = :s, updated_at = :now WHERE uscc = :u", soci::use(s),
      soci::use(ts), soci::use(entity.uscc);
  return storage::AppendChange(sql, "entity", entity.uscc, "update", entity.region_code, now);
}

}  // namespace amr::lifecycle
