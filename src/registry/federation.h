// SPDX-License-Identifier: MulanPSL-2.0
// A province as a federation of county stores (docs/operations.md, "A
// province: federation of county stores"), with PostgreSQL's logical
// replication only:
//   - each county's primary publishes the public columns of `entity`
//     (publication amr_public, a column list: never legal_rep_id, the legal
//     representative's ID number, nor credit_class, the internal risk class);
//   - the aggregate store subscribes to each county (subscription amr_NAME)
//     and `amr serve --aggregate` serves the province-wide public search and
//     figures from it.
// `entity` is keyed by the USCC, unique nationwide, so rows of two counties
// never collide; tables keyed by a serial id are not published (their ids
// repeat from county to county).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/database.h"

namespace amr::registry {

inline constexpr std::string_view kPublicationName = "amr_public";

// The statement that publishes the public columns of `entity`: CREATE
// PUBLICATION when `exists` is false, else ALTER PUBLICATION … SET TABLE.
std::string PublicationSql(bool exists);

// Publishes on a county's primary (PostgreSQL). FailedPrecondition naming
// "db" on SQLite, or when wal_level is not logical (the message says how to
// set it). Running it again brings the column list up to date.
Status Publish(storage::Database& db);

// A subscription's name as the aggregate knows it: "amr_" + `name`.
// InvalidArgument naming "name" unless `name` is 1–40 of [a-z0-9_].
StatusOr<std::string> SubscriptionName(std::string_view name);

// CREATE SUBSCRIPTION amr_NAME CONNECTION 'conninfo' PUBLICATION amr_public
// (the initial rows copied, then every change). InvalidArgument naming
// "name" or "from" (empty conninfo).
StatusOr<std::string> SubscriptionSql(std::string_view name, std::string_view conninfo);

// Subscribes the aggregate `db` (migrated, PostgreSQL, run as a superuser) to
// the county at `conninfo` (whose role may replicate). AlreadyExists naming
// "name" for a subscription of that name; FailedPrecondition naming "db" on
// SQLite; the server's refusal otherwise (e.g. the county unreachable).
Status Subscribe(storage::Database& db, std::string_view name, std::string_view conninfo);

struct SubscriptionState {
  std::string name;  // amr_NAME
  bool enabled = false;
  bool receiving = false;       // its apply worker runs
  std::string last_message_at;  // when the county last sent anything ("" none yet)
};
StatusOr<std::vector<SubscriptionState>> Subscriptions(storage::Database& db);

}  // namespace amr::registry
