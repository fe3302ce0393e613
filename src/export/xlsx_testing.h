// SPDX-License-Identifier: MulanPSL-2.0
// Tests' reader of the workbooks RenderXlsx writes.
#pragma once

#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace amr::exports {

// The produced file is a zip: read its parts back with unzip(1).
class XlsxFile {
 public:
  explicit XlsxFile(const std::string& bytes) {
    path_ = std::filesystem::temp_directory_path() /
            ("amr-xlsx-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(reinterpret_cast<uintptr_t>(this)) + ".xlsx");
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~XlsxFile() { std::filesystem::remove(path_); }

  // "unzip -l" lists the parts; "unzip -p" prints one.
  std::string List() const { return Unzip("-l '" + path_.string() + "'"); }
  std::string Read(const std::string& part) const {
    return Unzip("-p '" + path_.string() + "' " + part);
  }

 private:
  static std::string Unzip(const std::string& args) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("unzip " + args).c_str(), "r"), pclose);
    if (!pipe) return out;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
    return out;
  }

  std::filesystem::path path_;
};

}  // namespace amr::exports
