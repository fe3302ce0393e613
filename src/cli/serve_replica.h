// SPDX-License-Identifier: MulanPSL-2.0
// Where `amr serve` reads besides its primary store (docs/operations.md):
//   --read-db URL          a streaming-replication standby of the primary
//                          (AMR_READ_DB): public look-ups of callers who are
//                          not logged in, the change feed and the figures read
//                          it (storage/read_replica.h);
//   --read-db-max-lag S    beyond this lag those reads go to the primary
//                          (AMR_READ_DB_MAX_LAG, default 30 seconds);
//   --aggregate            serve a province's aggregate store (cli/aggregate.h).
// A flag wins over its environment variable.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>

#include "common/status.h"

namespace amr::cli {

struct ServeReplicaArgs {
  std::string read_db;
  std::string read_db_max_lag;  // "" where the default applies
  bool aggregate = false;
};

struct ServeReplica {
  std::string read_db;  // "" without a replica
  std::chrono::milliseconds max_lag{30'000};
  bool aggregate = false;
};

// Registers the options above on `serve`, filling `args`, which must outlive
// the parse.
void AddServeReplicaOptions(CLI::App& serve, ServeReplicaArgs& args);

// Checks the options against the primary's URL `db`. InvalidArgument naming
// "read-db" for a replica beside a SQLite store or a URL that is not
// postgresql://, "read-db-max-lag" for a lag that is not a number of seconds
// in [1, 86400], "aggregate" for an aggregate on SQLite or with a replica.
StatusOr<ServeReplica> ParseServeReplica(const ServeReplicaArgs& args, const std::string& db);

}  // namespace amr::cli
