// SPDX-License-Identifier: MulanPSL-2.0
#include "common/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace amr {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> fields;
  while (true) {
    auto more = reader.Next(fields);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    out.push_back(fields);
  }
  return out;
}

TEST(CsvTest, PlainQuotedAndEmptyFields) {
  auto rows = ReadAll("a,b,c\n1,\"x,y\",\n\"say \"\"hi\"\"\",,z\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x,y", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"say \"hi\"", "", "z"}));
}

TEST(CsvTest, QuotedLineBreakAndLineNumbers) {
  std::istringstream in("h\n\"two\nlines\"\nnext\n");
  CsvReader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(f[0], "two\nlines");
  EXPECT_EQ(reader.line(), 2u);
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(f[0], "next");
  EXPECT_EQ(reader.line(), 4u);
  EXPECT_FALSE(*reader.Next(f));
}

TEST(CsvTest, StripsByteOrderMark) {
  auto rows = ReadAll("\xEF\xBB\xBFuscc,name\n");
  EXPECT_EQ(rows[0][0], "uscc");
}

TEST(CsvTest, MalformedQuotesAreErrors) {
  for (const char* text : {"\"open\n", "\"a\"b,c\n"}) {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::string> f;
    auto r = reader.Next(f);
    EXPECT_FALSE(r.ok()) << text;
  }
}

TEST(CsvTest, WriteRoundTrips) {
  std::vector<std::string> rec = {"杭州", "a,b", "q\"q", "", "l1\nl2"};
  auto rows = ReadAll(CsvRecord(rec));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], rec);
}

}  // namespace
}  // namespace amr
