// SPDX-License-Identifier: MulanPSL-2.0
// The entity CSV format written by `amr gen entities` and read by
// `amr import entities`: a header row naming the columns, then one entity a
// row. Columns may come in any order; the required ones are listed below.
//
// Thread-safety: an EntityCsvParser is used by one thread at a time.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "registry/entity.h"

namespace amr::registry {

// The columns in the order the generator writes them.
const std::vector<std::string>& EntityCsvColumns();
// The columns a file must have; the others may be absent (defaults apply).
const std::vector<std::string>& RequiredEntityCsvColumns();

std::vector<std::string> EntityToCsvFields(const Entity& entity);

class EntityCsvParser {
 public:
  // `today` bounds established_on and birth dates.
  explicit EntityCsvParser(Date today) : today_(today) {}

  // Reads the header. InvalidArgument for a missing required column, an
  // unknown or duplicated column.
  Status SetHeader(const std::vector<std::string>& fields);

  // Validates one record. Errors name the column in `field` and say why in
  // Chinese; the caller adds the line number. A legacy USCC (early pilot codes
  // that fail the mod-31 check but pass GB 11714) is accepted and reported in
  // `warning`.
  StatusOr<Entity> Parse(const std::vector<std::string>& fields, std::string* warning) const;

 private:
  const std::string& Get(const std::vector<std::string>& fields, const std::string& column) const;

  Date today_;
  std::unordered_map<std::string, size_t> index_;
  size_t width_ = 0;
};

}  // namespace amr::registry
