// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/errors.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <new>
#include <string>

#include "storage/internal/error_mapping.h"

namespace amr::storage {
namespace internal {

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

Status StatusFromSqlState(std::string_view state, std::string_view detail, bool connection_lost) {
  std::string text = OneLine(detail);
  if (state == "23505" || state == "23P01") {
    return AlreadyExistsError("记录已存在（唯一约束冲突）：" + text);
  }
  if (state == "23503") {
    return FailedPreconditionError("引用的记录不存在或仍被引用（外键约束）：" + text);
  }
  if (state == "40001" || state == "40P01" || state == "55P03") {
    return AbortedError("数据库并发冲突：" + text);
  }
  if (state == "57014") return DeadlineExceededError("数据库操作超时：" + text);
  if (connection_lost || state.starts_with("08") || state == "57P01" || state == "57P02" ||
      state == "57P03" || state == "53300") {
    return UnavailableError("数据库暂不可用：" + text);
  }
  return InternalError("数据库错误：" + text);
}

Status StatusFromSqliteCode(int code, std::string_view detail) {
  std::string text = OneLine(detail);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return AlreadyExistsError("记录已存在（唯一约束冲突）：" + text);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return FailedPreconditionError("引用的记录不存在或仍被引用（外键约束）：" + text);
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      // A primary code only: SOCI sometimes reports sqlite3_step's plain code.
      if (text.find("UNIQUE constraint failed") != std::string::npos) {
        return AlreadyExistsError("记录已存在（唯一约束冲突）：" + text);
      }
      if (text.find("FOREIGN KEY constraint failed") != std::string::npos) {
        return FailedPreconditionError("引用的记录不存在或仍被引用（外键约束）：" + text);
      }
      return InternalError("数据库错误：" + text);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return AbortedError("数据库并发冲突：" + text);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_PROTOCOL:
      return UnavailableError("数据库暂不可用：" + text);
    default:
      return InternalError("数据库错误：" + text);
  }
}

}  // namespace internal

Status StatusFromException(const std::exception& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return internal::StatusFromSqlState(
        pg->sqlstate(), pg->get_error_message(),
        pg->get_error_category() == soci::soci_error::connection_error);
  }
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return internal::StatusFromSqliteCode(lite->result(), lite->get_error_message());
  }
  if (auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) {
    if (soci_error->get_error_category() == soci::soci_error::connection_error) {
      return UnavailableError("数据库暂不可用：" + internal::OneLine(soci_error->what()));
    }
    return InternalError("数据库错误：" + internal::OneLine(soci_error->what()));
  }
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    return ResourceExhaustedError("内存不足");
  }
  return InternalError(std::string("内部错误：") + e.what());
}

}  // namespace amr::storage
