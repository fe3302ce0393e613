// SPDX-License-Identifier: MulanPSL-2.0
#include "guides/guide.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "common/date.h"
#include "common/text.h"

namespace amr::guides {
namespace {

using nlohmann::json;

constexpr size_t kMaxText = 500;  // characters of one text
constexpr size_t kMaxItems = 30;  // entries of one list

StatusOr<std::string> Text(const json& g, const std::string& id, const char* field) {
  auto it = g.find(field);
  if (it == g.end() || !it->is_string() || it->get<std::string>().empty()) {
    return InvalidArgumentError(fmt::format("办事指南 {} 缺少 {}", id, field), field);
  }
  const std::string value = it->get<std::string>();
  if (!IsValidUtf8(value) || Utf8Length(value) > kMaxText) {
    return InvalidArgumentError(fmt::format("办事指南 {} 的 {} 过长或含无效字符", id, field),
                                field);
  }
  return value;
}

StatusOr<std::vector<std::string>> List(const json& g, const std::string& id, const char* field) {
  auto it = g.find(field);
  if (it == g.end() || !it->is_array() || it->empty() || it->size() > kMaxItems) {
    return InvalidArgumentError(
        fmt::format("办事指南 {} 的 {} 应为 1 至 {} 项文字", id, field, kMaxItems), field);
  }
  std::vector<std::string> out;
  for (const json& item : *it) {
    if (!item.is_string() || item.get<std::string>().empty() ||
        !IsValidUtf8(item.get<std::string>()) || Utf8Length(item.get<std::string>()) > kMaxText) {
      return InvalidArgumentError(fmt::format("办事指南 {} 的 {} 有一项不是有效文字", id, field),
                                  field);
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

bool IsId(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

}  // namespace

StatusOr<GuideBook> GuideBook::Parse(const json& document) {
  if (!document.is_object() || !document.contains("guides") || !document["guides"].is_object()) {
    return InvalidArgumentError("办事指南文件应有 guides 对象", "guides");
  }
  GuideBook book;
  for (const auto& [id, g] : document["guides"].items()) {
    if (!IsId(id)) return InvalidArgumentError(fmt::format("办事指南编号 {} 不合规则", id), "id");
    if (!g.is_object()) return InvalidArgumentError(fmt::format("办事指南 {} 应为对象", id), "id");
    Guide guide;
    guide.id = id;
    ASSIGN_OR_RETURN(guide.title, Text(g, id, "title"));
    ASSIGN_OR_RETURN(guide.basis, List(g, id, "basis"));
    ASSIGN_OR_RETURN(guide.who, Text(g, id, "who"));
    ASSIGN_OR_RETURN(guide.conditions, List(g, id, "conditions"));
    ASSIGN_OR_RETURN(guide.steps, List(g, id, "steps"));
    ASSIGN_OR_RETURN(guide.time_limit, Text(g, id, "time_limit"));
    ASSIGN_OR_RETURN(guide.fee, Text(g, id, "fee"));
    ASSIGN_OR_RETURN(guide.contact, Text(g, id, "contact"));
    ASSIGN_OR_RETURN(guide.updated_on, Text(g, id, "updated_on"));
    RETURN_IF_ERROR(Date::Parse(guide.updated_on, "updated_on").status());
    book.guides_.emplace(id, std::move(guide));
  }
  return book;
}

StatusOr<GuideBook> GuideBook::Load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return InternalError(fmt::format("读不到办事指南文件 {}", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  const json document = json::parse(text.str(), nullptr, false);
  if (document.is_discarded()) {
    return InternalError(fmt::format("办事指南文件 {} 不是有效的 JSON", file.string()));
  }
  return Parse(document);
}

const Guide* GuideBook::Find(std::string_view id) const {
  auto it = guides_.find(id);
  return it == guides_.end() ? nullptr : &it->second;
}

json GuideJson(const Guide& g) {
  return {{"id", g.id},
          {"title", g.title},
          {"basis", g.basis},
          {"who", g.who},
          {"conditions", g.conditions},
          {"steps", g.steps},
          {"time_limit", g.time_limit},
          {"fee", g.fee},
          {"contact", g.contact},
          {"updated_on", g.updated_on}};
}

}  // namespace amr::guides
