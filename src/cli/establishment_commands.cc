// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/commands.h"

namespace amr::cli {

void AddEstablishmentCommands(CLI::App& /*app*/, int* /*exit_code*/) {}

}  // namespace amr::cli
