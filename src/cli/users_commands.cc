// SPDX-License-Identifier: MulanPSL-2.0
// Placeholder: the users commands are being written.
#include "cli/commands.h"

namespace amr::cli {

void AddUserCommands(CLI::App&, int*) {}

}  // namespace amr::cli
