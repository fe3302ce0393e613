// SPDX-License-Identifier: MulanPSL-2.0
#include "common/json_input.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "common/text_rules.h"

namespace amr {
namespace {

std::string MemberPath(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return fmt::format("{}.{}", parent, key);
}

}  // namespace

int JsonNestingDepth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) {
          deepest = depth;
          if (deepest > limit) return deepest;
        }
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return deepest;
}

StatusOr<nlohmann::json> ParseJsonInput(std::string_view text, std::string_view field,
                                        std::string_view what) {
  const std::string f(field);
  if (JsonNestingDepth(text) > kMaxJsonDepth) {
    return InvalidArgumentError(fmt::format("{}的 JSON 嵌套超过 {} 层", what, kMaxJsonDepth), f);
  }
  nlohmann::json j = nlohmann::json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgumentError(fmt::format("{}不是有效的 JSON", what), f);
  return j;
}

Status CheckJsonText(const nlohmann::json& value, const JsonTextRules& rules,
                     std::string_view root) {
  // Iterative, although parsed input is bounded by kMaxJsonDepth anyway.
  struct Item {
    const nlohmann::json* value;
    std::string path;
    TextLines lines;
  };
  std::vector<Item> todo{{&value, std::string(root), TextLines::kSingle}};
  while (!todo.empty()) {
    Item item = std::move(todo.back());
    todo.pop_back();
    const nlohmann::json& v = *item.value;
    if (v.is_string()) {
      const std::string field = item.path.empty() ? "body" : item.path;
      RETURN_IF_ERROR(CheckTextCharacters(v.get_ref<const std::string&>(), field, item.lines));
    } else if (v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string& key = it.key();
        const std::string path = MemberPath(item.path, key);
        RETURN_IF_ERROR(CheckTextCharacters(key, path));
        if (rules.unchecked_keys.contains(key)) continue;
        const TextLines lines =
            rules.multi_line_keys.contains(key) ? TextLines::kMulti : TextLines::kSingle;
        todo.push_back({&*it, path, lines});
      }
    } else if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) {
        todo.push_back({&v[i], fmt::format("{}[{}]", item.path, i), item.lines});
      }
    }
  }
  return OkStatus();
}

}  // namespace amr
