// SPDX-License-Identifier: MulanPSL-2.0
// The `make test` side of the fuzz targets: built with g++ and without
// libFuzzer, a harness replays every file of the corpus directories it is
// given through LLVMFuzzerTestOneInput, so the kept corpus (and every crash
// once found and fixed, kept there) is checked on every test run.
// `make fuzz` builds the same harnesses with clang and -fsanitize=fuzzer.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    std::vector<std::filesystem::path> files;
    const std::filesystem::path root(argv[i]);
    if (std::filesystem::is_regular_file(root)) {
      files.push_back(root);
    } else {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    }
    for (const std::filesystem::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  std::printf("replayed %zu inputs\n", replayed);
  return replayed > 0 ? 0 : 1;
}
