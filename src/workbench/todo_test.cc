// SPDX-License-Identifier: MulanPSL-2.0
// The counts beside the menu: only the sources whose permission the caller
// holds are asked; two sources of one menu add up; no login, no counts.
#include "workbench/todo.h"

#include <gtest/gtest.h>

#include "identity/roles.h"

namespace amr::workbench {
namespace {

TEST(TodoTest, OnlyThePermittedSourcesAreAskedAndTheyAddUp) {
  int asked = 0;
  TodoService todo({
      {"/workbench/review", std::string(identity::perm::kRegistrationReview),
       [&](const identity::Caller&) -> StatusOr<int64_t> {
         ++asked;
         return 3;
       }},
      {"/workbench/department", std::string(identity::perm::kDepartmentQueueWork),
       [&](const identity::Caller&) -> StatusOr<int64_t> {
         ++asked;
         return 5;
       }},
      {"/workbench/review", std::string(identity::perm::kRegistrationReview),
       [&](const identity::Caller&) -> StatusOr<int64_t> {
         ++asked;
         return 2;
       }},
  });
  identity::Principal registrar;
  registrar.grants.push_back(
      {identity::Role::kRegistrar, {1, "330106-amr", "西湖区市场监督管理局", "/1/"}});
  identity::Caller caller;
  caller.principal = &registrar;
  auto counts = todo.Counts(caller);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(asked, 2);
  EXPECT_EQ(counts->at("/workbench/review"), 5);
  EXPECT_FALSE(counts->contains("/workbench/department"));
  EXPECT_EQ(todo.Counts(identity::Caller{}).status().code(), StatusCode::kUnauthenticated);
}

TEST(TodoTest, AnAuthenticatedSourceIsAskedForEveryLoggedInUser) {
  TodoService todo({{"/workbench/messages", std::string(identity::kAuthenticatedPermission),
                     [](const identity::Caller&) -> StatusOr<int64_t> { return 4; }}});
  identity::Principal applicant;
  applicant.kind = identity::UserKind::kApplicant;
  identity::Caller caller;
  caller.principal = &applicant;
  auto counts = todo.Counts(caller);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->at("/workbench/messages"), 4);
  EXPECT_EQ(todo.Counts(identity::Caller{}).status().code(), StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace amr::workbench
