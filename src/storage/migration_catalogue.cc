// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/internal/migration_catalogue.h"

#include <map>
#include <optional>
#include <string>

namespace amr::storage::internal {
namespace {

struct Version {
  std::string name;
  std::optional<std::string_view> sqlite, postgresql, shared;
};

std::string PathOf(const EmbeddedFile& file) {
  return std::string(file.folder) + "/" + std::string(file.name);
}

// "0012_entity_names.sql" -> {12, "entity_names"}.
std::optional<std::pair<int, std::string>> ParseName(std::string_view file) {
  constexpr std::string_view kSuffix = ".sql";
  if (file.size() < 4 + 1 + 1 + kSuffix.size() || !file.ends_with(kSuffix) || file[4] != '_') {
    return std::nullopt;
  }
  int version = 0;
  for (char c : file.substr(0, 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    version = version * 10 + (c - '0');
  }
  std::string_view name = file.substr(5, file.size() - 5 - kSuffix.size());
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return std::nullopt;
  }
  if (version == 0 || name.empty()) return std::nullopt;
  return std::make_pair(version, std::string(name));
}

}  // namespace

StatusOr<std::vector<Migration>> BuildCatalogue(std::span<const EmbeddedFile> files,
                                                Backend backend) {
  std::map<int, Version> versions;
  for (const EmbeddedFile& file : files) {
    auto parsed = ParseName(file.name);
    if (!parsed) {
      return InternalError("迁移文件名应为 NNNN_小写名称.sql：" + PathOf(file));
    }
    auto [version, name] = *parsed;
    Version& entry = versions[version];
    if (entry.name.empty()) entry.name = name;
    if (entry.name != name) {
      return InternalError("同一版本的迁移文件名称不一致：" + PathOf(file) + " 与 " + entry.name);
    }
    std::optional<std::string_view>* slot = nullptr;
    if (file.folder == "sqlite") {
      slot = &entry.sqlite;
    } else if (file.folder == "postgresql") {
      slot = &entry.postgresql;
    } else if (file.folder == "shared") {
      slot = &entry.shared;
    } else {
      return InternalError("未知的迁移目录：" + PathOf(file));
    }
    if (slot->has_value()) return InternalError("迁移版本重复：" + PathOf(file));
    *slot = file.sql;
  }

  std::vector<Migration> out;
  for (const auto& [version, entry] : versions) {
    if (entry.sqlite.has_value() != entry.postgresql.has_value()) {
      return InternalError("迁移 " + std::to_string(version) + "_" + entry.name +
                           " 只有一种数据库的结构定义，sqlite/ 与 postgresql/ 须成对提供");
    }
    Migration migration{version, entry.name, ""};
    const auto& own = backend == Backend::kSqlite ? entry.sqlite : entry.postgresql;
    if (own) migration.sql += *own;
    if (own && entry.shared) migration.sql += "\n";
    if (entry.shared) migration.sql += *entry.shared;
    out.push_back(std::move(migration));
  }
  return out;
}

}  // namespace amr::storage::internal
