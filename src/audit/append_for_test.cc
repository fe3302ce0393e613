// SPDX-License-Identifier: MulanPSL-2.0
// Test-only: appends COUNT audit records, one transaction each, to a migrated
// store, so that tests/cli/audit_cli_test.sh can check `amr audit verify`
// before and after tampering. Not installed; nothing else may use it.
//   audit_append_for_test URL COUNT
#include <charconv>
#include <cstdio>
#include <string>

#include "audit/audit_log.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s URL COUNT\n", argv[0]);
    return 2;
  }
  const std::string count_text = argv[2];
  int count = 0;
  auto [ptr, ec] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
  if (ec != std::errc() || ptr != count_text.data() + count_text.size() || count < 0) {
    std::fprintf(stderr, "COUNT must be a non-negative integer\n");
    return 2;
  }
  auto db = amr::storage::Database::Open(argv[1]);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    return 1;
  }
  for (int i = 1; i <= count; ++i) {
    amr::audit::AuditEntry entry;
    entry.actor = {100 + i % 3, "clerk" + std::to_string(i % 3), "clerk", 7,
                   "127.0.0.1", "req" + std::to_string(i)};
    entry.action = i % 2 == 0 ? "user.update" : "user.create";
    entry.target_type = "user";
    entry.target_id = std::to_string(i);
    entry.before = i % 2 == 0 ? nlohmann::json{{"name", "张三"}} : nlohmann::json();
    entry.after = {{"name", "张三" + std::to_string(i)}};
    amr::Status status = (*db)->Transaction(
        [&](soci::session& sql) { return amr::audit::Append(sql, entry, amr::Clock::Real()); });
    if (!status.ok()) {
      std::fprintf(stderr, "%s\n", status.ToString().c_str());
      return 1;
    }
  }
  return 0;
}
