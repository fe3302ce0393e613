// SPDX-License-Identifier: MulanPSL-2.0
// A snapshot of the name index: its flat arrays written to a file, so a
// server starts in seconds instead of parsing every name of the store again
// (docs/names.md "Snapshot"). NameService decides when to write one and
// whether one it finds may be used; this file only writes and reads them.
//
// The file, in the byte order of the machine that wrote it:
//   "AMRNAMES", format version (u32), byte-order mark 0x01020304 (u32),
//   checksum (u64) of every byte after it, file size (u64), change-log
//   position (i64), then four texts (u32 length, bytes): store, position
//   row, name rules, and the arrays, each a u64 element count and its
//   elements, padded to eight bytes.
// Reading checks the size against the file's (truncated files), every count
// against the bytes left before allocating, the checksum over all of it, and
// every id and offset in the arrays against the arrays it points into, so a
// damaged or foreign file is refused rather than trusted.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "common/status.h"
#include "names/name_index.h"

namespace amr::names {

// Raise when the arrays or their meaning change: older files are then rebuilt.
inline constexpr uint32_t kNameSnapshotFormat = 1;

struct NameSnapshotHeader {
  int64_t seq = 0;           // the change-log position the arrays reflect
  std::string store;         // which store they come from (NameService::StoreIdentity)
  std::string position_row;  // the change-log row at `seq`, "" if seq is 0
  std::string rules;         // NameWords::fingerprint() they were parsed with
  uint32_t format = kNameSnapshotFormat;
};

// Writes `index` (under its shared lock: checks go on, changes wait) and
// `header` to a temporary file beside `path`, flushes it to disk and renames
// it over `path`. Returns the file's size.
StatusOr<uint64_t> WriteNameSnapshot(const NameIndex& index, const NameSnapshotHeader& header,
                                     const std::filesystem::path& path);

// The header alone: NotFound if there is no file; FailedPrecondition (the
// reason in the message) for another format or a damaged header.
StatusOr<NameSnapshotHeader> ReadNameSnapshotHeader(const std::filesystem::path& path);

// Replaces the contents of `index` with the snapshot's. On any error the
// index is left empty and the message says why (truncated, checksum, an id
// out of range).
StatusOr<NameSnapshotHeader> ReadNameSnapshot(const std::filesystem::path& path, NameIndex& index);

}  // namespace amr::names
