// SPDX-License-Identifier: MulanPSL-2.0
// Placeholder: the audit commands are being written.
#include "cli/commands.h"

namespace amr::cli {

void AddAuditCommands(CLI::App&, int*) {}

}  // namespace amr::cli
