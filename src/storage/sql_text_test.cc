// SPDX-License-Identifier: MulanPSL-2.0
#include "storage/sql_text.h"

#include <gtest/gtest.h>

namespace amr::storage {
namespace {

TEST(SqlTextTest, EscapesWildcardsAndTheEscapeCharacter) {
  EXPECT_EQ(EscapeLike("杭州"), "杭州");
  EXPECT_EQ(EscapeLike("100%_a\\b"), "100\\%\\_a\\\\b");
  EXPECT_EQ(EscapeLike(""), "");
}

}  // namespace
}  // namespace amr::storage
