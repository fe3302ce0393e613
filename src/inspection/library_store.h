// SPDX-License-Identifier: MulanPSL-2.0
// 一单两库 in the store: the inspection items of each department, the target
// library (labels and special libraries of registry entities; products,
// projects and premises of an owner entity) and the officer library (with
// declared conflicts of interest). CSV import validates the whole file first
// (errors start with "第 N 行" and name the column) and writes it in one
// transaction with one audit record; nothing is written on any error.
//
// CSV columns (UTF-8, header line required, lists ';'-separated):
//   items:    code,org_unit_code,name,category,legal_basis,content,entity_kinds,industries
//   targets:  target_key,kind,name,entity_uscc,org_unit_code,labels,special_library
//   officers: code,name,org_unit_code,station_code,username,qualifications,status,conflicts
//
// Thread-safety: functions are thread-safe; a session is not.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "inspection/rules.h"
#include "storage/database.h"

namespace amr::inspection {

enum class LibraryKind { kItems, kTargets, kOfficers };
// "items" / "targets" / "officers"; InvalidArgument (field "kind") otherwise.
StatusOr<LibraryKind> ParseLibraryKind(std::string_view text);
std::string_view LibraryKindId(LibraryKind kind);

// Called with the path of every org unit a row names; an error refuses the
// whole file (routes pass a data-scope check; the command line none).
using UnitCheck = std::function<Status(std::string_view unit_path)>;

struct LibraryImportReport {
  int64_t rows = 0;
};

StatusOr<LibraryImportReport> ImportLibrary(storage::Database& db, LibraryKind kind,
                                            std::istream& csv, const identity::Caller& caller,
                                            const UnitCheck& unit_check, const Clock& clock);

struct Officer {
  int64_t id = 0;
  std::string code;
  std::string name;
  int64_t org_unit_id = 0;
  std::optional<int64_t> station_unit_id;
  std::optional<int64_t> user_id;
  std::vector<std::string> qualifications;
  std::string status;                  // active | on_leave | inactive
  std::vector<std::string> conflicts;  // USCCs
};

struct Target {
  int64_t id = 0;
  std::string target_key;
  std::string kind;
  std::string name;
  std::string entity_uscc;
  int64_t org_unit_id = 0;
  std::vector<std::string> labels;
  std::string special_library;
};

// The records owned by units whose path starts with one of `scope_paths`
// (optionally only by `org_unit_id`), by code/key; at most 1000.
StatusOr<std::vector<Item>> ListItems(soci::session& sql,
                                      const std::vector<std::string>& scope_paths,
                                      std::optional<int64_t> org_unit_id);
StatusOr<std::vector<Officer>> ListOfficers(soci::session& sql,
                                            const std::vector<std::string>& scope_paths,
                                            std::optional<int64_t> org_unit_id);
StatusOr<std::vector<Target>> ListTargets(soci::session& sql,
                                          const std::vector<std::string>& scope_paths,
                                          std::optional<int64_t> org_unit_id);

// Items by id (NotFound naming the first missing id, field "item_ids").
StatusOr<std::vector<Item>> GetItems(soci::session& sql, const std::vector<int64_t>& ids);

// The path of org unit `id` (NotFound, field "org_unit_id").
StatusOr<std::string> UnitPath(soci::session& sql, int64_t id);

}  // namespace amr::inspection
