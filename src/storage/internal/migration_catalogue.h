// SPDX-License-Identifier: MulanPSL-2.0
// Turns migration files into the ordered list one engine applies, checking
// the naming and pairing rules stated in storage/migrations.h.
#pragma once

#include <span>
#include <vector>

#include "common/status.h"
#include "storage/database.h"
#include "storage/internal/embedded_migrations.h"
#include "storage/migrations.h"

namespace amr::storage::internal {

// Errors: Internal naming the offending file.
StatusOr<std::vector<Migration>> BuildCatalogue(std::span<const EmbeddedFile> files,
                                                Backend backend);

}  // namespace amr::storage::internal
