// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/bulk_loader.h"

#include <cstring>
#include <set>

#include "storage/change_log.h"
#include "storage/internal/bulk_sink.h"

namespace amr::storage {
namespace {

// Table and column names cannot be bound as parameters, so they are limited
// to plain identifiers before they go into SQL text.
bool IsIdentifier(const std::string& name) {
  if (name.empty() || name.size() > 63 || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

namespace internal {

std::string QuotedTarget(const std::string& table, const std::vector<std::string>& columns) {
  std::string out = "\"" + table + "\" (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += "\"" + columns[i] + "\"";
  }
  return out + ")";
}

}  // namespace internal

StatusOr<std::unique_ptr<BulkLoader>> BulkLoader::Begin(Database& db, std::string table,
                                                        std::vector<std::string> columns) {
  if (!IsIdentifier(table)) return InvalidArgumentError("表名无效：" + table, "table");
  if (columns.empty()) return InvalidArgumentError("至少需要一列", "columns");
  std::set<std::string> seen;
  for (const std::string& column : columns) {
    if (!IsIdentifier(column) || !seen.insert(column).second) {
      return InvalidArgumentError("列名无效或重复：" + column, "columns");
    }
  }
  ASSIGN_OR_RETURN(Database::Connection connection, db.Acquire());
  std::unique_ptr<internal::BulkSink> sink =
      db.backend() == Backend::kSqlite ? internal::MakeSqliteSink(connection.session())
                                       : internal::MakePostgresqlSink(connection.session());
  Status started = sink->Start(table, columns);
  if (!started.ok()) {
    sink->Abort();
    return started;
  }
  return std::unique_ptr<BulkLoader>(
      new BulkLoader(std::move(connection), std::move(sink), columns.size()));
}

BulkLoader::BulkLoader(Database::Connection connection, std::unique_ptr<internal::BulkSink> sink,
                       std::size_t width)
    : connection_(std::move(connection)), sink_(std::move(sink)), width_(width) {}

BulkLoader::~BulkLoader() { Abort(); }

Status BulkLoader::Add(const std::vector<std::optional<std::string>>& row) {
  if (!connection_) return FailedPreconditionError("批量导入已结束");
  const int64_t number = rows_ + 1;
  Status status;
  if (row.size() != width_) {
    status = InvalidArgumentError("第 " + std::to_string(number) + " 行：应有 " +
                                  std::to_string(width_) + " 个值，实有 " +
                                  std::to_string(row.size()) + " 个");
  }
  for (std::size_t i = 0; status.ok() && i < row.size(); ++i) {
    // PostgreSQL text cannot hold NUL; reject it on both engines alike.
    if (row[i] && std::memchr(row[i]->data(), '\0', row[i]->size()) != nullptr) {
      status = InvalidArgumentError("第 " + std::to_string(number) + " 行第 " +
                                    std::to_string(i + 1) + " 列含有 NUL 字符");
    }
  }
  if (status.ok()) status = sink_->Add(row, number);
  if (!status.ok()) {
    Abort();
    return status;
  }
  rows_ = number;
  return OkStatus();
}

Status BulkLoader::AddChange(std::string_view table, std::string_view row_key, std::string_view op,
                             std::string_view region_code, std::string_view changed_at) {
  if (!connection_) return FailedPreconditionError("批量导入已结束");
  if (op != "insert" && op != "update" && op != "delete") {
    return InvalidArgumentError("变更类型应为 insert、update 或 delete", "op");
  }
  changes_.push_back({0, std::string(table), std::string(row_key), std::string(op),
                      std::string(region_code), std::string(changed_at)});
  return OkStatus();
}

Status BulkLoader::Finish() {
  if (!connection_) return FailedPreconditionError("批量导入已结束");
  Status status = sink_->EndData();
  // After the rows, so the change-log lock (change_log.h) is held only for
  // the commit.
  for (const Change& c : changes_) {
    if (!status.ok()) break;
    status = AppendChange(connection_->session(), c.table_name, c.row_key, c.op, c.region_code,
                          c.changed_at);
  }
  if (status.ok()) status = sink_->Commit();
  if (!status.ok()) sink_->Abort();
  End();
  return status;
}

void BulkLoader::Abort() {
  if (!connection_) return;
  sink_->Abort();
  End();
}

void BulkLoader::End() {
  sink_.reset();
  connection_.reset();
}

}  // namespace amr::storage
