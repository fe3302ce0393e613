// SPDX-License-Identifier: MulanPSL-2.0
// Moving an entity between 存续 and 歇业 inside the caller's transaction, with
// the change-log row that the public list and exports follow.
//
// Thread-safety: functions; the session belongs to the caller.
#pragma once

#include <string_view>

#include "common/status.h"
#include "registry/entity.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::lifecycle {

Status SetEntityStatus(soci::session& sql, const registry::Entity& entity,
                       registry::EntityStatus status, std::string_view now);

}  // namespace amr::lifecycle
