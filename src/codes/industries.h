// SPDX-License-Identifier: MulanPSL-2.0
// 国民经济行业分类 (industry codes), GB/T 4754-2017: the 20 sections (门类,
// letters A–T) and 97 divisions (大类, two digits 01–97), from data/industries.csv.
// Groups (中类) and classes (小类) are not loaded.
//
// Thread-safety: an IndustryTable is immutable after loading; concurrent reads are safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace amr::codes {

enum class IndustryLevel { kSection, kDivision };

struct Industry {
  std::string code;     // "C" for a section, "13" for a division
  std::string name;     // "制造业", "农副食品加工业"
  std::string section;  // the section letter of a division; empty for a section
  IndustryLevel level;
};

class IndustryTable {
 public:
  // Loads a CSV with the header "code,name,section". A section row has a single
  // capital letter and an empty section column; a division row has two digits
  // and the letter of a section listed earlier in the file.
  // Returns NotFound for a missing file, InvalidArgument for a malformed one.
  static StatusOr<IndustryTable> LoadCsv(const std::filesystem::path& path);

  // A section ("C") or a division ("13"); nullptr if not listed.
  const Industry* Find(std::string_view code) const;
  // In code order.
  std::vector<const Industry*> Sections() const;
  std::vector<const Industry*> Divisions() const;
  // The divisions of one section, in code order; empty for an unknown section.
  std::vector<const Industry*> DivisionsOf(std::string_view section) const;

 private:
  IndustryTable() = default;

  std::vector<Industry> industries_;  // in file order
};

// The process-wide table from DataDir()/"industries.csv", loaded on first use
// (thread-safe). Prints the reason to stderr and aborts if it cannot be loaded.
const IndustryTable& Industries();

}  // namespace amr::codes
