// SPDX-License-Identifier: MulanPSL-2.0
#include "common/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

namespace amr {
namespace {

StatusOr<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgumentError("不是偶数", "x");
  return x / 2;
}

StatusOr<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(h, Half(h));
  return h;
}

Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x));
  return OkStatus();
}

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, CarriesCodeMessageAndField) {
  Status s = InvalidArgumentError("长度应为18位", "uscc");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(StatusCodeSlug(s.code()), "invalid_argument");
  EXPECT_EQ(s.message(), "长度应为18位");
  EXPECT_EQ(s.field(), "uscc");
  EXPECT_EQ(s.ToString(), "invalid_argument: 长度应为18位 [uscc]");
  EXPECT_EQ(NotFoundError("无").WithField("code").field(), "code");
}

TEST(StatusTest, EverySlugIsDistinct) {
  std::set<std::string_view> slugs;
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    slugs.insert(StatusCodeSlug(static_cast<StatusCode>(c)));
  }
  EXPECT_EQ(slugs.size(), static_cast<size_t>(StatusCode::kInternal) + 1);
}

TEST(StatusOrTest, ValueAndError) {
  auto ok = Half(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "x");
}

TEST(StatusOrTest, MacrosPropagate) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckEven(2).ok());
  EXPECT_EQ(CheckEven(1).message(), "不是偶数");
}

TEST(StatusOrTest, MoveOnlyValue) {
  StatusOr<std::unique_ptr<int>> p = std::make_unique<int>(7);
  ASSERT_TRUE(p.ok());
  std::unique_ptr<int> v = std::move(p).value();
  EXPECT_EQ(*v, 7);
}

}  // namespace
}  // namespace amr
