// SPDX-License-Identifier: MulanPSL-2.0
// Reading and bulk-loading market entities in the store.
//
// Thread-safety: functions are thread-safe; the Database's pool serialises access.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "registry/entity.h"
#include "storage/database.h"

namespace amr::registry {

struct ImportReport {
  int64_t rows = 0;
  std::vector<std::string> warnings;  // e.g. legacy USCCs, "第 12 行：…"
};

// Loads an entity CSV (see entity_csv.h) in one transaction through the
// engine's bulk path. Validates every row first: the first malformed row
// fails the whole import with InvalidArgument whose message starts with
// "第 N 行" and whose field names the column; a USCC repeated in the file or
// already in the store is AlreadyExists naming the line. Nothing is written
// unless every row is good. Records one change-log row (row_key "*") so
// in-memory indexes reload.
StatusOr<ImportReport> ImportEntities(storage::Database& db, std::istream& csv, const Clock& clock);

StatusOr<Entity> GetEntity(storage::Database& db, std::string_view uscc);
// The same inside the caller's transaction.
StatusOr<Entity> GetEntity(soci::session& sql, std::string_view uscc);

struct EntityQuery {
  std::string text;            // substring of the name, or a USCC prefix
  std::string legal_rep_name;  // the legal representative's (operator's) name, whole
  std::string region_code;     // a county, or a city/province prefix
  std::optional<EntityKind> kind;
  std::optional<EntityStatus> status;
  int limit = 20;
  int offset = 0;
};
struct EntityPage {
  int64_t total = 0;
  std::vector<Entity> items;
};
StatusOr<EntityPage> FindEntities(storage::Database& db, const EntityQuery& query);

// Counts for the leaders' dashboard: entities whose region code starts with
// `region_prefix` ("" = everywhere), by kind and status, and those established
// in `from_year` or later, by year and kind. Pairs with no entity are absent.
struct KindStatusCount {
  EntityKind kind = EntityKind::kEnterprise;
  EntityStatus status = EntityStatus::kActive;
  int64_t count = 0;
};
struct YearKindCount {
  int year = 0;
  EntityKind kind = EntityKind::kEnterprise;
  int64_t count = 0;
};
struct EntityStats {
  int64_t total = 0;
  std::vector<KindStatusCount> by_kind_status;  // ordered by kind, then status
  std::vector<YearKindCount> by_year;           // ordered by year, then kind
};
StatusOr<EntityStats> CountEntities(storage::Database& db, std::string_view region_prefix,
                                    int from_year);

// Inserts one entity and its change-log row inside the caller's transaction
// (used by the demo seed and, later, registration).
Status InsertEntity(soci::session& sql, const Entity& entity, std::string_view now);

}  // namespace amr::registry
