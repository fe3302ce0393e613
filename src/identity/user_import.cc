// SPDX-License-Identifier: MulanPSL-2.0
#include "identity/user_import.h"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "common/csv.h"
#include "common/text.h"
#include "identity/org_unit_store.h"
#include "identity/user_input.h"
#include "identity/user_store.h"

namespace amr::identity {
namespace {

constexpr std::array<std::string_view, 5> kColumns = {"username", "display_name", "org_unit_code",
                                                      "roles", "password"};
constexpr size_t kMaxRows = 100'000;

struct Row {
  size_t line = 0;
  NewUser user;
  std::string org_unit_code;
  std::vector<Role> roles;
  std::string password;  // empty: generate
};

Status LineError(size_t line, const Status& s) {
  return Status(s.code(), fmt::format("第 {} 行：{}", line, s.message()), s.field());
}

StatusOr<std::vector<Role>> ParseRoles(std::string_view text) {
  std::vector<Role> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string item = Trim(text.substr(start, end - start));
    if (!item.empty()) {
      ASSIGN_OR_RETURN(Role role, ParseRole(item));
      out.push_back(role);
    }
    start = end + 1;
  }
  if (out.empty()) return InvalidArgumentError("至少要有一个角色，如 inspector", "roles");
  return out;
}

StatusOr<Row> ParseRow(const std::vector<std::string>& fields,
                       const std::array<size_t, 5>& column_of) {
  Row row;
  row.user.username = Trim(fields[column_of[0]]);
  row.user.display_name = fields[column_of[1]];
  row.org_unit_code = Trim(fields[column_of[2]]);
  row.password = fields[column_of[4]];
  RETURN_IF_ERROR(CheckUsername(row.user.username));
  ASSIGN_OR_RETURN(row.user.display_name,
                   CheckName(row.user.display_name, "display_name", 50, "姓名"));
  RETURN_IF_ERROR(CheckOrgUnitCode(row.org_unit_code, "org_unit_code"));
  ASSIGN_OR_RETURN(row.roles, ParseRoles(fields[column_of[3]]));
  if (!row.password.empty()) {
    RETURN_IF_ERROR(CheckPasswordPolicy(row.password, row.user.username, "password"));
  }
  return row;
}

}  // namespace

StatusOr<UserImportReport> ImportUsers(storage::Database& db, std::istream& csv,
                                       const PasswordHasher& hasher, const Caller& caller,
                                       const Clock& clock) {
  CsvReader reader(csv);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool has_header, reader.Next(fields));
  if (!has_header) return InvalidArgumentError("文件为空，缺少表头", "file");
  std::array<size_t, 5> column_of{};
  for (size_t c = 0; c < kColumns.size(); ++c) {
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const std::string& f) { return Trim(f) == kColumns[c]; });
    if (it == fields.end()) {
      return InvalidArgumentError(
          fmt::format("第 1 行：表头缺少列 {}（应为 username,display_name,org_unit_code,roles,"
                      "password）",
                      kColumns[c]),
          std::string(kColumns[c]));
    }
    column_of[c] = static_cast<size_t>(it - fields.begin());
  }
  const size_t width = fields.size();

  // 1. Every row on its own.
  std::vector<Row> rows;
  std::unordered_map<std::string, size_t> line_of;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    if (fields.size() == 1 && fields[0].empty()) continue;  // A blank line.
    if (fields.size() != width) {
      return InvalidArgumentError(
          fmt::format("第 {} 行：应有 {} 列，实有 {} 列", reader.line(), width, fields.size()),
          "file");
    }
    if (rows.size() >= kMaxRows) {
      return InvalidArgumentError(fmt::format("一次最多导入 {} 名用户", kMaxRows), "file");
    }
    auto row = ParseRow(fields, column_of);
    if (!row.ok()) return LineError(reader.line(), row.status());
    row->line = reader.line();
    auto [it, fresh] = line_of.emplace(row->user.username, row->line);
    if (!fresh) {
      return AlreadyExistsError(fmt::format("第 {} 行：用户名“{}”与第 {} 行重复", row->line,
                                            row->user.username, it->second),
                                "username");
    }
    rows.push_back(*std::move(row));
  }
  if (rows.empty()) return InvalidArgumentError("文件只有表头，没有用户", "file");

  // 2. Against the store: units exist, names are free.
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    std::map<std::string, int64_t> unit_ids;
    for (Row& row : rows) {
      auto known = unit_ids.find(row.org_unit_code);
      if (known == unit_ids.end()) {
        auto unit = GetOrgUnitByCode(sql, row.org_unit_code);
        if (!unit.ok()) return LineError(row.line, unit.status().WithField("org_unit_code"));
        known = unit_ids.emplace(row.org_unit_code, unit->id).first;
      }
      row.user.kind = UserKind::kStaff;
      row.user.org_unit_id = known->second;
      row.user.roles.clear();
      for (Role r : row.roles) row.user.roles.push_back({r, known->second});
      row.user.must_change_password = true;
      if (Status s = ValidateNewUser(row.user); !s.ok()) return LineError(row.line, s);
      auto existing = GetCredentials(sql, row.user.username);
      RETURN_IF_ERROR(existing.status());
      if (*existing) {
        return AlreadyExistsError(
            fmt::format("第 {} 行：用户名“{}”已存在", row.line, row.user.username), "username");
      }
    }
    return OkStatus();
  }));

  // 3. Hash outside any transaction (each takes a fraction of a second).
  UserImportReport report;
  std::vector<std::string> hashes;
  for (Row& row : rows) {
    if (row.password.empty()) {
      row.password = GeneratePassword();
      report.generated_passwords.emplace_back(row.user.username, row.password);
    }
    ASSIGN_OR_RETURN(std::string hash, hasher.Hash(row.password));
    hashes.push_back(std::move(hash));
  }

  // 4. One transaction.
  RETURN_IF_ERROR(db.Transaction([&](soci::session& sql) -> Status {
    report.created = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      auto created = CreateUser(sql, rows[i].user, hashes[i], caller, clock);
      if (!created.ok()) return LineError(rows[i].line, created.status());
      ++report.created;
    }
    return OkStatus();
  }));
  return report;
}

}  // namespace amr::identity
