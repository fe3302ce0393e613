// SPDX-License-Identifier: MulanPSL-2.0
// Test helper: a file in a fresh temporary directory, removed afterwards.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace amr::codes {

class TempFile {
 public:
  TempFile(std::string_view name, std::string_view contents) {
    std::string pattern = (std::filesystem::temp_directory_path() / "amr-codes-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    path_ = dir_ / name;
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::filesystem::remove_all(dir_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path path_;
};

}  // namespace amr::codes
