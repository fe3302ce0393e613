// SPDX-License-Identifier: MulanPSL-2.0
// The engine-specific half of BulkLoader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace soci {
class session;
}  // namespace soci

namespace amr::storage::internal {

class BulkSink {
 public:
  virtual ~BulkSink() = default;
  // Begins the transaction and prepares to receive rows.
  virtual Status Start(const std::string& table, const std::vector<std::string>& columns) = 0;
  // `row_number` is 1-based, for messages.
  virtual Status Add(const std::vector<std::optional<std::string>>& row, int64_t row_number) = 0;
  // Ends the data; the transaction stays open for more statements.
  virtual Status EndData() = 0;
  // Commits.
  virtual Status Commit() = 0;
  // Rolls back whatever is open.
  virtual void Abort() noexcept = 0;
};

std::unique_ptr<BulkSink> MakeSqliteSink(soci::session& session);
std::unique_ptr<BulkSink> MakePostgresqlSink(soci::session& session);

// `"table" ("a", "b")`: names are checked identifiers, quoted all the same.
std::string QuotedTarget(const std::string& table, const std::vector<std::string>& columns);

}  // namespace amr::storage::internal
