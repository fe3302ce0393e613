// SPDX-License-Identifier: MulanPSL-2.0
#include "export/json_export.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "export/xlsx_testing.h"

namespace amr::exports {
namespace {

using nlohmann::json;

JsonExport QueueExport() {
  return {.filename = "登记审核队列.xlsx",
          .title = "企业开办 登记审核队列",
          .columns = {Field("编号", "/id", 8), Field("企业名称", "/name", 30),
                      Labeled("状态", "/state", {{"pending_review", "待审核"}}),
                      Time("提交时间", "/submitted_at"),
                      Joined("容缺材料", "/deferred_materials", "name"), Field("超时", "/overdue"),
                      Field("不存在", "/no/such/field"),
                      Computed("已用（小时）", 10, [](const json& item) -> XlsxCell {
                        return item.value("elapsed_working_minutes", 0) / 60.0;
                      })}};
}

json QueueAnswer() {
  return json::parse(R"({"items": [
    {"id": 17, "name": "杭州西湖茶叶有限公司", "state": "pending_review",
     "submitted_at": "2026-12-04T08:32:05Z", "overdue": true, "elapsed_working_minutes": 90,
     "deferred_materials": [{"name": "住所使用证明"}, {"name": "章程"}]},
    {"id": 18, "name": "西湖区龙井茶馆", "state": "registered",
     "submitted_at": "2026-12-04T09:00:00+08:00", "overdue": false, "elapsed_working_minutes": 0,
     "deferred_materials": []}]})");
}

std::string Text(const XlsxCell& cell) {
  return std::holds_alternative<std::string>(cell) ? std::get<std::string>(cell) : "";
}

TEST(JsonExportTest, TurnsItemsIntoRowsAClerkReads) {
  auto table = TableFromJson(QueueAnswer(), QueueExport());
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->sheet_name, "登记审核队列");
  EXPECT_EQ(table->title, "企业开办 登记审核队列");
  ASSERT_EQ(table->columns.size(), 8u);
  EXPECT_EQ(table->columns[1].title, "企业名称");
  EXPECT_EQ(table->columns[1].width, 30);
  ASSERT_EQ(table->rows.size(), 2u);
  const auto& first = table->rows[0];
  EXPECT_EQ(std::get<double>(first[0]), 17);
  EXPECT_EQ(Text(first[1]), "杭州西湖茶叶有限公司");
  EXPECT_EQ(Text(first[2]), "待审核");
  // 08:32 UTC is 16:32 in China.
  EXPECT_EQ(Text(first[3]), "2026-12-04 16:32");
  EXPECT_EQ(Text(first[4]), "住所使用证明、章程");
  EXPECT_EQ(Text(first[5]), "是");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(first[6]));
  EXPECT_EQ(std::get<double>(first[7]), 1.5);
  const auto& second = table->rows[1];
  // A code without a label is shown as it is; an offset time is kept in China time.
  EXPECT_EQ(Text(second[2]), "registered");
  EXPECT_EQ(Text(second[3]), "2026-12-04 09:00");
  EXPECT_EQ(Text(second[4]), "");
  EXPECT_EQ(Text(second[5]), "否");
  EXPECT_EQ(table->note, "共 2 条。");
}

TEST(JsonExportTest, ScalarArraysAreJoinedAndUnparsableTimesKept) {
  JsonExport spec{.filename = "x.xlsx",
                  .title = "",
                  .columns = {Field("标签", "/labels"), Time("时间", "/at")}};
  auto table =
      TableFromJson(json::parse(R"({"items":[{"labels":["食品","重点"],"at":"昨天"}]})"), spec);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Text(table->rows[0][0]), "食品、重点");
  EXPECT_EQ(Text(table->rows[0][1]), "昨天");
}

TEST(JsonExportTest, RowsElsewhereInTheAnswer) {
  JsonExport spec{
      .filename = "抽取结果.xlsx",
      .title = "",
      .items_pointer = "/selected",
      .columns = {Field("统一社会信用代码", "/uscc", 22), Joined("检查人员", "/officers", "name")}};
  auto table = TableFromJson(json::parse(R"({"name":"t","selected":[
      {"uscc":"91330106MA2H000017","officers":[{"name":"张三"},{"name":"李四"}]}]})"),
                             spec);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(Text(table->rows[0][0]), "91330106MA2H000017");
  EXPECT_EQ(Text(table->rows[0][1]), "张三、李四");
}

TEST(JsonExportTest, AnAnswerWithoutAListIsRefused) {
  auto missing = TableFromJson(json::parse(R"({"total": 3})"), QueueExport());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.status().field(), "format");
  auto scalars = TableFromJson(json::parse(R"({"items": [1, 2]})"), QueueExport());
  EXPECT_EQ(scalars.status().code(), StatusCode::kInvalidArgument);
}

http::Handler Queue(int* calls) {
  return [calls](http::Request& req) {
    ++*calls;
    // The handler never sees the format parameter.
    EXPECT_FALSE(req.Query("format").has_value());
    return http::Response::Json(QueueAnswer());
  };
}

http::Request Get(const std::string& target) {
  http::Request req;
  req.method = "GET";
  EXPECT_TRUE(req.SetTarget(target).ok());
  return req;
}

TEST(JsonExportTest, WithoutFormatTheRouteAnswersJson) {
  int calls = 0;
  auto handler = WithXlsxExport(Queue(&calls), QueueExport());
  http::Request req = Get("/api/v1/registration/queue?state=pending_review");
  http::Response r = handler(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, http::kJsonContentType);
  EXPECT_EQ(json::parse(r.body)["items"].size(), 2u);
  EXPECT_EQ(calls, 1);
}

TEST(JsonExportTest, FormatXlsxAnswersTheWorkbook) {
  int calls = 0;
  auto handler = WithXlsxExport(Queue(&calls), QueueExport());
  http::Request req = Get("/api/v1/registration/queue?format=xlsx&state=pending_review");
  http::Response r = handler(req);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r.content_type, kXlsxContentType);
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  auto disposition = r.Header("Content-Disposition");
  ASSERT_TRUE(disposition.has_value());
  EXPECT_NE(disposition->find("filename*=UTF-8''"), std::string::npos) << *disposition;
  // The filters still reach the handler.
  EXPECT_EQ(req.Query("state"), "pending_review");
  XlsxFile file(r.body);
  const std::string strings = file.Read("xl/sharedStrings.xml");
  for (const char* s : {"企业开办 登记审核队列", "企业名称", "杭州西湖茶叶有限公司", "待审核",
                        "2026-12-04 16:32", "住所使用证明、章程", "共 2 条。"}) {
    EXPECT_NE(strings.find(s), std::string::npos) << s;
  }
}

TEST(JsonExportTest, RefusalsPassThroughAndUnknownFormatsAre400) {
  auto forbidden = WithXlsxExport(
      [](http::Request&) { return http::Response::Error(PermissionDeniedError("超出管辖范围")); },
      QueueExport());
  http::Request req = Get("/q?format=xlsx");
  EXPECT_EQ(forbidden(req).status, 403);

  int calls = 0;
  auto handler = WithXlsxExport(Queue(&calls), QueueExport());
  http::Request csv = Get("/q?format=csv");
  http::Response r = handler(csv);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("\"format\""), std::string::npos) << r.body;
  EXPECT_EQ(calls, 0);
}

TEST(JsonExportTest, ColumnsMayDependOnTheRequest) {
  int calls = 0;
  auto handler = WithXlsxExport(
      Queue(&calls), ExportFor([](const http::Request& req) -> StatusOr<JsonExport> {
        if (req.Query("kind") == "bad") return InvalidArgumentError("没有这种名录", "kind");
        return JsonExport{.filename = "a.xlsx", .title = "", .columns = {Field("名称", "/name")}};
      }));
  http::Request bad = Get("/q?format=xlsx&kind=bad");
  EXPECT_EQ(handler(bad).status, 400);
  EXPECT_EQ(calls, 0);
  http::Request good = Get("/q?format=xlsx&kind=items");
  EXPECT_EQ(handler(good).status, 200);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace amr::exports
