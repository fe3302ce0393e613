// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/data_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace amr::codes {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "amr-data-dir-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(DataDirTest, EnvironmentWins) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "bin" / "data");
  EXPECT_EQ(internal::ResolveDataDir("/srv/amr/data", tmp.path() / "bin" / "amr", "/fallback"),
            fs::path("/srv/amr/data"));
}

TEST(DataDirTest, EmptyEnvironmentIsIgnored) {
  EXPECT_EQ(internal::ResolveDataDir("", "", "/fallback"), fs::path("/fallback"));
}

TEST(DataDirTest, FirstExistingCandidateBesideTheExecutable) {
  TempDir tmp;
  const fs::path exe = tmp.path() / "a" / "b" / "c" / "amr";
  fs::create_directories(exe.parent_path());
  fs::create_directories(tmp.path() / "data");  // <exe>/../../../data
  EXPECT_EQ(internal::ResolveDataDir(std::nullopt, exe, "/fallback"), tmp.path() / "data");
  fs::create_directories(tmp.path() / "a" / "data");  // <exe>/../../data
  EXPECT_EQ(internal::ResolveDataDir(std::nullopt, exe, "/fallback"), tmp.path() / "a" / "data");
  fs::create_directories(tmp.path() / "a" / "b" / "data");  // <exe>/../data
  EXPECT_EQ(internal::ResolveDataDir(std::nullopt, exe, "/fallback"),
            tmp.path() / "a" / "b" / "data");
}

TEST(DataDirTest, FallsBackToTheSourceTree) {
  TempDir tmp;
  const fs::path exe = tmp.path() / "x" / "y" / "z" / "amr";
  fs::create_directories(exe.parent_path());
  EXPECT_EQ(internal::ResolveDataDir(std::nullopt, exe, "/fallback"), fs::path("/fallback"));
}

TEST(DataDirTest, DataDirReadsTheEnvironment) {
  const char* old = std::getenv("AMR_DATA_DIR");
  const std::string saved = old ? old : "";
  setenv("AMR_DATA_DIR", "/somewhere/else", 1);
  EXPECT_EQ(DataDir(), fs::path("/somewhere/else"));
  unsetenv("AMR_DATA_DIR");
  // Without the variable the test binary, built inside the source tree, finds data/.
  EXPECT_TRUE(fs::exists(DataDir() / "regions.csv")) << DataDir();
  if (old != nullptr) setenv("AMR_DATA_DIR", saved.c_str(), 1);
}

}  // namespace
}  // namespace amr::codes
