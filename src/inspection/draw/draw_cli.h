// SPDX-License-Identifier: MulanPSL-2.0
// `amr draw sample`: the offline draw on a pool file (docs/draw-spec.md).
//
//   amr draw sample --pool FILE --ratio A=0.05,B=0.1,C=0.3,D=0.8
//                   --entropy TEXT [--task ID] [--json]
//
// FILE has lines `key,credit_class`. Prints the seed, the pool hash and the
// selected keys (with --json, one line: {"task":…,"ratio":"A=0.05,…",
// "pool_size":N,"pool_hash":hex,"seed":hex,"count":N,"selected":[key,…]},
// selected in pool order). Bad input: a Chinese message on stderr naming the problem
// and exit code 2; an unreadable file exit code 1.
//
// Wiring: src/cli/inspection_commands.cc calls AddDrawSampleCommand with its
// `draw` subcommand group and the variable main returns as the exit code.
#pragma once

namespace CLI {
class App;
}

namespace amr::inspection {

// Adds the `sample` subcommand to `draw_group`; on run it sets *exit_code.
void AddDrawSampleCommand(CLI::App& draw_group, int* exit_code);

}  // namespace amr::inspection
