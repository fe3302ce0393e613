// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/data_dir.h"

#include <cstdlib>
#include <system_error>

#ifndef AMR_SOURCE_DATA_DIR
#error "AMR_SOURCE_DATA_DIR must be defined by the build"
#endif

namespace amr::codes {

namespace internal {

std::filesystem::path ResolveDataDir(const std::optional<std::string>& env_value,
                                     const std::filesystem::path& exe_path,
                                     const std::filesystem::path& fallback) {
  if (env_value.has_value() && !env_value->empty()) return *env_value;
  if (!exe_path.empty()) {
    const std::filesystem::path exe_dir = exe_path.parent_path();
    for (const char* up : {"..", "../..", "../../.."}) {
      std::filesystem::path candidate = (exe_dir / up / "data").lexically_normal();
      std::error_code ec;
      if (std::filesystem::is_directory(candidate, ec)) return candidate;
    }
  }
  return fallback;
}

}  // namespace internal

std::filesystem::path DataDir() {
  std::optional<std::string> env;
  if (const char* value = std::getenv("AMR_DATA_DIR"); value != nullptr) env = value;
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) exe.clear();
  return internal::ResolveDataDir(env, exe, AMR_SOURCE_DATA_DIR);
}

}  // namespace amr::codes
