// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/serial_counter.h"

#include <soci/soci.h>

#include <string>

#include "storage/errors.h"

namespace amr::storage {

StatusOr<int64_t> NextSerial(soci::session& session, std::string_view name) {
  if (name.empty()) return InvalidArgumentError("计数器名称不能为空", "name");
  std::string counter(name);
  long long value = 0;
  try {
    // One statement, so the read and the write cannot be split by another
    // writer; RETURNING needs SQLite 3.35+ (bookworm ships 3.40).
    session << "INSERT INTO serial_counter (name, value) VALUES (:name, 1) "
               "ON CONFLICT (name) DO UPDATE SET value = serial_counter.value + 1 "
               "RETURNING value",
        soci::use(counter), soci::into(value);
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return static_cast<int64_t>(value);
}

StatusOr<int64_t> NextUsccBody(soci::session& session) {
  if (session.get_backend_name() != "postgresql") return NextSerial(session, "uscc.body");
  long long value = 0;
  try {
    session << "SELECT nextval('uscc_body_seq')", soci::into(value);
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return static_cast<int64_t>(value);
}

}  // namespace amr::storage
