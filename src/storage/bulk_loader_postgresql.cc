// SPDX-License-Identifier: MulanPSL-2.0
// BulkLoader on PostgreSQL: COPY table (columns) FROM STDIN in text format,
// inside one transaction, with rows buffered and sent in 1 MiB chunks.
#include <charconv>

#include "storage/internal/bulk_sink.h"
#include "storage/internal/error_mapping.h"
#include "storage/internal/native.h"

namespace amr::storage::internal {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

// COPY text format: backslash, tab, newline and carriage return are escaped;
// NULL is \N (so a value "\N" goes as "\\N").
void AppendField(std::string& out, const std::optional<std::string>& value) {
  if (!value) {
    out += "\\N";
    return;
  }
  const std::string& v = *value;
  std::size_t start = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char* escape = nullptr;
    switch (v[i]) {
      case '\\':
        escape = "\\\\";
        break;
      case '\t':
        escape = "\\t";
        break;
      case '\n':
        escape = "\\n";
        break;
      case '\r':
        escape = "\\r";
        break;
      default:
        continue;
    }
    out.append(v, start, i - start);
    out += escape;
    start = i + 1;
  }
  out.append(v, start, std::string::npos);
}

// "COPY t, line 6" / "COPY t, line 6, column x: ..." -> 6; 0 if absent.
int64_t LineOf(const char* context) {
  if (context == nullptr) return 0;
  std::string_view text(context);
  std::size_t at = text.find(", line ");
  if (at == std::string_view::npos) return 0;
  text.remove_prefix(at + 7);
  int64_t line = 0;
  std::from_chars(text.data(), text.data() + text.size(), line);
  return line;
}

Status CopyError(PGconn* conn, const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
  const char* context = PQresultErrorField(result, PG_DIAG_CONTEXT);
  std::string text;
  if (int64_t line = LineOf(context); line > 0) text = "第 " + std::to_string(line) + " 行：";
  text += primary ? primary : PQerrorMessage(conn);
  if (detail) text += std::string(" ") + detail;
  if (context) text += std::string(" (") + context + ")";
  return StatusFromSqlState(state ? state : "", text, PQstatus(conn) == CONNECTION_BAD);
}

class PostgresqlSink : public BulkSink {
 public:
  explicit PostgresqlSink(soci::session& session) : conn_(PgConn(session)) {}
  ~PostgresqlSink() override { Abort(); }

  Status Start(const std::string& table, const std::vector<std::string>& columns) override {
    RETURN_IF_ERROR(Exec("BEGIN", PGRES_COMMAND_OK));
    RETURN_IF_ERROR(Exec("COPY " + QuotedTarget(table, columns) + " FROM STDIN", PGRES_COPY_IN));
    copying_ = true;
    buffer_.reserve(kChunkBytes + 4096);
    return OkStatus();
  }

  Status Add(const std::vector<std::optional<std::string>>& row, int64_t) override {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) buffer_ += '\t';
      AppendField(buffer_, row[i]);
    }
    buffer_ += '\n';
    return buffer_.size() >= kChunkBytes ? Flush() : OkStatus();
  }

  Status EndData() override {
    RETURN_IF_ERROR(Flush());
    copying_ = false;
    if (PQputCopyEnd(conn_, nullptr) != 1) return Lost();
    Status status;
    while (PGresult* result = PQgetResult(conn_)) {
      if (status.ok() && PQresultStatus(result) != PGRES_COMMAND_OK) {
        status = CopyError(conn_, result);
      }
      PQclear(result);
    }
    return status;
  }

  Status Commit() override { return Exec("COMMIT", PGRES_COMMAND_OK); }

  void Abort() noexcept override {
    if (copying_) {
      copying_ = false;
      if (PQputCopyEnd(conn_, "批量导入已中止") == 1) {
        while (PGresult* result = PQgetResult(conn_)) PQclear(result);
      }
    }
    buffer_.clear();
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
  }

 private:
  Status Flush() {
    if (buffer_.empty()) return OkStatus();
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      return Lost();
    }
    buffer_.clear();
    return OkStatus();
  }

  Status Exec(const std::string& sql, ExecStatusType expected) {
    PGresult* result = PQexec(conn_, sql.c_str());
    Status status;
    if (result == nullptr || PQresultStatus(result) != expected) {
      status = StatusFromPgResult(conn_, result);
    }
    PQclear(result);
    return status;
  }

  Status Lost() {
    return UnavailableError("批量导入时数据库连接中断：" + OneLine(PQerrorMessage(conn_)));
  }

  PGconn* conn_;
  std::string buffer_;
  bool copying_ = false;
};

}  // namespace

std::unique_ptr<BulkSink> MakePostgresqlSink(soci::session& session) {
  return std::make_unique<PostgresqlSink>(session);
}

}  // namespace amr::storage::internal
