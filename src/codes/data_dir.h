// SPDX-License-Identifier: MulanPSL-2.0
// Where the platform's data files (data/regions.csv, data/calendar.csv …) live.
//
// Thread-safety: thread-safe; reads the environment on every call.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace amr::codes {

// The data directory, in this order:
//   1. the environment variable AMR_DATA_DIR, if set and not empty (used as is,
//      even if it does not exist: an administrator's explicit choice wins);
//   2. the first existing directory of <exe dir>/../data, <exe dir>/../../data,
//      <exe dir>/../../../data, where <exe dir> holds /proc/self/exe (an
//      installed tree, or a binary inside a build directory of the source tree);
//   3. the source tree's data/ as configured at build time.
std::filesystem::path DataDir();

namespace internal {
// DataDir() with its inputs spelled out, for tests.
std::filesystem::path ResolveDataDir(const std::optional<std::string>& env_value,
                                     const std::filesystem::path& exe_path,
                                     const std::filesystem::path& fallback);
}  // namespace internal

}  // namespace amr::codes
