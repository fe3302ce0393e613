// SPDX-License-Identifier: MulanPSL-2.0
// RFC 4180 CSV reading and writing: fields separated by commas, optionally
// quoted with '"' (a quote inside a quoted field is doubled), records ended by
// LF or CRLF. Quoted fields may hold commas and line breaks.
//
// Thread-safety: a CsvReader is used by one thread at a time.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr {

class CsvReader {
 public:
  // Does not take ownership of `in`, which must outlive the reader.
  explicit CsvReader(std::istream& in) : in_(in) {}

  // Reads the next record into `fields`. Returns false at end of input.
  // A malformed record (an unterminated quote, text after a closing quote)
  // gives InvalidArgument naming the line.
  StatusOr<bool> Next(std::vector<std::string>& fields);
  // The line on which the last record returned by Next started (1-based).
  size_t line() const { return record_line_; }

 private:
  std::istream& in_;
  size_t next_line_ = 1;
  size_t record_line_ = 0;
};

// Appends `field` to `out`, quoted only if it needs to be.
void AppendCsvField(std::string_view field, std::string& out);
// One record with a trailing "\n".
std::string CsvRecord(const std::vector<std::string>& fields);

}  // namespace amr
