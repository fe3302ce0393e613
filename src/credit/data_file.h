// SPDX-License-Identifier: MulanPSL-2.0
// Loading one of credit's rule files (data/credit/*.json) once, at first use:
// a type with `static StatusOr<T> FromJson(const nlohmann::json&)`. A file
// that cannot be read or is wrong stops the program with the reason: the
// platform must not decide on rules it could not read.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "codes/data_dir.h"

namespace amr::credit {

template <typename T>
const T* LoadDataOrAbort(std::string_view file) {
  const auto path = codes::DataDir() / "credit" / file;
  std::ifstream in(path);
  const nlohmann::json root = in ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
  auto loaded = T::FromJson(root);
  if (!loaded.ok()) {
    std::fprintf(stderr, "无法读取 %s：%s\n", path.string().c_str(),
                 loaded.status().message().c_str());
    std::abort();
  }
  return new T(*std::move(loaded));
}

}  // namespace amr::credit
