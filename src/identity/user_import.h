// SPDX-License-Identifier: MulanPSL-2.0
// Importing staff accounts from a CSV file (`amr users import FILE`).
//
// Columns (header row required, any order):
//   username,display_name,org_unit_code,roles,password
// `roles` lists roles held at the row's org unit, separated by ';'
// ("inspector;registrar"); `password` may be empty, and a random one is made.
// Every imported user must change the password at the first login.
//
// The whole file is checked before anything is written: the first bad row
// fails the import with a message starting "第 N 行：" and the field at fault;
// nothing is written unless every row is good. Then one transaction creates
// every user, each with its audit record.
//
// Thread-safety: thread-safe.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/caller.h"
#include "identity/password.h"
#include "storage/database.h"

namespace amr::identity {

struct UserImportReport {
  int created = 0;
  // Users whose password was generated, with it: hand each to its owner once.
  std::vector<std::pair<std::string, std::string>> generated_passwords;
};

StatusOr<UserImportReport> ImportUsers(storage::Database& db, std::istream& csv,
                                       const PasswordHasher& hasher, const Caller& caller,
                                       const Clock& clock);

}  // namespace amr::identity
