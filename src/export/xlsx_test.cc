// SPDX-License-Identifier: MulanPSL-2.0
#include "export/xlsx.h"

#include <gtest/gtest.h>

#include <string>

#include "export/xlsx_testing.h"

namespace amr::exports {
namespace {

XlsxTable Sample() {
  XlsxTable t;
  t.sheet_name = "市场主体";
  t.title = "市场主体公示信息";
  t.note = "共 3 条";
  t.columns = {{"统一社会信用代码", 22}, {"名称", 30}, {"注册资本（万元）", 12}};
  t.rows = {{std::string("91330106MA2H000017"), std::string("杭州西湖茶叶有限公司"), 100.0},
            {std::string("92330106MA2H000025"), std::string("西湖区龙井茶馆"), XlsxCell{}},
            {std::string("0012345"), std::string("旧号码"), 12.5}};
  return t;
}

TEST(XlsxTest, WritesAZipWithTheWorkbookParts) {
  auto bytes = RenderXlsx(Sample());
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  ASSERT_GT(bytes->size(), 4u);
  EXPECT_EQ(bytes->substr(0, 4), std::string("PK\x03\x04", 4));
  XlsxFile file(*bytes);
  const std::string list = file.List();
  EXPECT_NE(list.find("xl/workbook.xml"), std::string::npos) << list;
  EXPECT_NE(list.find("xl/worksheets/sheet1.xml"), std::string::npos) << list;
  EXPECT_NE(list.find("xl/sharedStrings.xml"), std::string::npos) << list;
}

TEST(XlsxTest, KeepsTextAsTextAndNumbersAsNumbers) {
  auto bytes = RenderXlsx(Sample());
  ASSERT_TRUE(bytes.ok());
  XlsxFile file(*bytes);
  const std::string strings = file.Read("xl/sharedStrings.xml");
  for (const char* s : {"市场主体公示信息", "统一社会信用代码", "杭州西湖茶叶有限公司",
                        "91330106MA2H000017", "0012345", "共 3 条"}) {
    EXPECT_NE(strings.find(s), std::string::npos) << s;
  }
  const std::string sheet = file.Read("xl/worksheets/sheet1.xml");
  // Numbers are numeric cells, not shared strings; "0012345" keeps its zeros (a string).
  EXPECT_NE(sheet.find("<v>100</v>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<v>12.5</v>"), std::string::npos) << sheet;
  EXPECT_EQ(strings.find(">100<"), std::string::npos);
  // The title row is merged over the three columns; the header row filters and stays in view.
  EXPECT_NE(sheet.find("<mergeCell ref=\"A1:C1\"/>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<autoFilter ref=\"A2:C5\"/>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("topLeftCell=\"A3\""), std::string::npos) << sheet;
  const std::string workbook = file.Read("xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"市场主体\""), std::string::npos) << workbook;
}

TEST(XlsxTest, RefusesATableWithoutColumnsOrWithLongRows) {
  XlsxTable none;
  auto a = RenderXlsx(none);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().field(), "columns");
  XlsxTable t = Sample();
  t.rows.push_back({std::string("a"), std::string("b"), 1.0, std::string("多出一列")});
  auto b = RenderXlsx(t);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().field(), "rows");
  EXPECT_NE(b.status().message().find("第 4 行"), std::string::npos);
}

TEST(XlsxTest, SheetNamesAreCutAndCleaned) {
  XlsxTable t = Sample();
  t.sheet_name = "a/b:c" + std::string(40, 'x');
  auto bytes = RenderXlsx(t);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  XlsxFile file(*bytes);
  const std::string workbook = file.Read("xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"a_b_c" + std::string(26, 'x') + "\""), std::string::npos)
      << workbook;
}

TEST(XlsxTest, DispositionCarriesTheChineseNameEncoded) {
  EXPECT_EQ(AttachmentDisposition("市场主体.xlsx"),
            "attachment; filename=\"export.xlsx\"; "
            "filename*=UTF-8''%E5%B8%82%E5%9C%BA%E4%B8%BB%E4%BD%93.xlsx");
  EXPECT_EQ(AttachmentDisposition("entities-2026.xlsx"),
            "attachment; filename=\"entities-2026.xlsx\"; filename*=UTF-8''entities-2026.xlsx");
}

}  // namespace
}  // namespace amr::exports
