// SPDX-License-Identifier: MulanPSL-2.0
// The message centre's store on both engines: a message per event with its
// words and link; the same event told twice writes one message and one SMS;
// the SMS event only for a recipient with a confirmed phone; a user reads and
// marks only their own messages; the recipients of a unit's work are its
// nearest staff holding the permission.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "identity/identity_test_util.h"
#include "identity/roles.h"
#include "identity/user_store.h"
#include "messages/messages.h"
#include "testing/db_fixture.h"

namespace amr::messages {
namespace {

using amr::testing::IsOk;
using nlohmann::json;

class MessagesStoreTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    tree_ = *tree;
    auto a = identity::testing::AddApplicant(db(), clock_, hasher_, "applicant-a");
    auto b = identity::testing::AddApplicant(db(), clock_, hasher_, "applicant-b");
    ASSERT_TRUE(IsOk(a));
    ASSERT_TRUE(IsOk(b));
    with_phone_ = a->id;
    without_phone_ = b->id;
    // Applicant a registered itself: its phone confirmed by code.
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) {
      long long id = with_phone_;
      sql << "INSERT INTO applicant_signup (phone, name, citizen_id, password_hash, code_salt, "
             "code_digest, code_sent_at, attempts, send_day, sends_that_day, state, user_id, "
             "created_at, verified_at) VALUES ('13905710001', '李秀英', '330106197503140577', "
             "'x', 's', 'd', '2026-12-07T10:00:00+08:00', 0, '2026-12-07', 1, 'verified', :u, "
             "'2026-12-07T10:00:00+08:00', '2026-12-07T10:01:00+08:00')",
          soci::use(id);
      return OkStatus();
    })));
  }

  Status PostOne(int64_t to, const std::string& key) {
    return db().Transaction([&](soci::session& sql) {
      return Post(
          sql, to, Kind::kApplicationApproved,
          json{{"name", "西湖区丽华茶叶店"}, {"how", "秒批"}, {"uscc", "92330106MA2K0001X1"}},
          "/progress?id=42", key, clock_);
    });
  }
  long long Count(const std::string& query) {
    long long n = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << query, soci::into(n);
      return OkStatus();
    })));
    return n;
  }
  MessagePage Page(int64_t who, bool unread_only = false) {
    MessagePage page;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(page, ListMessages(sql, {who, unread_only, 20, 0}));
      return OkStatus();
    })));
    return page;
  }

  FakeClock clock_{*ParseTime("2026-12-07T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree tree_;
  int64_t with_phone_ = 0, without_phone_ = 0;
};

TEST_P(MessagesStoreTest, AnEventBecomesAMessageWithItsWordsAndLink) {
  ASSERT_TRUE(IsOk(PostOne(without_phone_, "establishment.approved:42")));
  MessagePage page = Page(without_phone_);
  ASSERT_EQ(page.items.size(), 1u);
  const Message& m = page.items[0];
  EXPECT_EQ(m.kind, "establishment_approved");
  EXPECT_EQ(m.title, "企业开办申请已核准");
  EXPECT_NE(m.body.find("“西湖区丽华茶叶店”已核准登记（秒批）"), std::string::npos) << m.body;
  EXPECT_EQ(m.link, "/progress?id=42");
  EXPECT_EQ(m.created_at, "2026-12-07T10:00:00+08:00");
  EXPECT_TRUE(m.unread());
  EXPECT_EQ(page.unread_count, 1);
  // No phone: in-site only.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE topic = 'notify.sms'"), 0);
}

TEST_P(MessagesStoreTest, TheSameEventToldTwiceIsOneMessageAndOneSms) {
  ASSERT_TRUE(IsOk(PostOne(with_phone_, "establishment.approved:42")));
  ASSERT_TRUE(IsOk(PostOne(with_phone_, "establishment.approved:42")));
  EXPECT_EQ(Page(with_phone_).total, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE topic = 'notify.sms'"), 1);
  // Another event, and the same event to someone else, are messages of their own.
  ASSERT_TRUE(IsOk(PostOne(with_phone_, "establishment.approved:43")));
  ASSERT_TRUE(IsOk(PostOne(without_phone_, "establishment.approved:42")));
  EXPECT_EQ(Page(with_phone_).total, 2);
  EXPECT_EQ(Page(without_phone_).total, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox_event WHERE topic = 'notify.sms'"), 2);
}

TEST_P(MessagesStoreTest, TheSmsCarriesThePhoneTheTemplateTheFactsAndTheText) {
  ASSERT_TRUE(IsOk(PostOne(with_phone_, "establishment.approved:42")));
  std::string payload;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
    sql << "SELECT payload FROM outbox_event WHERE topic = 'notify.sms'", soci::into(payload);
    return OkStatus();
  })));
  const json sms = json::parse(payload);
  EXPECT_EQ(sms["phone"], "13905710001");
  EXPECT_EQ(sms["template"], "establishment_approved");
  EXPECT_EQ(sms["params"]["uscc"], "92330106MA2K0001X1");
  EXPECT_EQ(sms["text"].get<std::string>().rfind("企业开办申请已核准：您申请的", 0), 0u)
      << sms["text"];
}

TEST_P(MessagesStoreTest, BadInputWritesNothing) {
  Status s = db().Transaction([&](soci::session& sql) {
    return Post(sql, with_phone_, Kind::kStepReturned, json{{"name", "甲"}}, "", "k", clock_);
  });
  EXPECT_EQ(s.field(), "params.step_name");
  s = db().Transaction([&](soci::session& sql) {
    return Post(sql, with_phone_, Kind::kApplicationRejected,
                json{{"name", "甲"}, {"reason", "乙"}}, "https://evil.example/", "k", clock_);
  });
  EXPECT_EQ(s.field(), "link");
  s = db().Transaction([&](soci::session& sql) {
    return Post(sql, with_phone_, Kind::kApplicationRejected,
                json{{"name", "甲"}, {"reason", "乙"}}, "", "", clock_);
  });
  EXPECT_EQ(s.field(), "dedupe_key");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM user_message"), 0);
}

TEST_P(MessagesStoreTest, NewestFirstPagedUnreadOnlyAndReadMarks) {
  for (int i = 1; i <= 3; ++i) {
    clock_.Advance(std::chrono::minutes(1));
    ASSERT_TRUE(IsOk(PostOne(without_phone_, "e:" + std::to_string(i))));
  }
  MessagePage all = Page(without_phone_);
  ASSERT_EQ(all.items.size(), 3u);
  EXPECT_GT(all.items[0].id, all.items[1].id);
  MessagePage second;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(second, ListMessages(sql, {without_phone_, false, 1, 1}));
    return OkStatus();
  })));
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].id, all.items[1].id);
  EXPECT_EQ(second.total, 3);

  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Message m, MarkRead(sql, without_phone_, all.items[1].id, clock_));
    EXPECT_EQ(m.read_at, "2026-12-07T10:08:00+08:00");
    return OkStatus();
  })));
  MessagePage unread = Page(without_phone_, true);
  EXPECT_EQ(unread.total, 2);
  EXPECT_EQ(unread.unread_count, 2);
  ASSERT_EQ(unread.items.size(), 2u);
  // Read again: it keeps its first time.
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(Message m, MarkRead(sql, without_phone_, all.items[1].id, clock_));
    EXPECT_EQ(m.read_at, "2026-12-07T10:08:00+08:00");
    ASSIGN_OR_RETURN(int64_t n, MarkAllRead(sql, without_phone_, clock_));
    EXPECT_EQ(n, 2);
    return OkStatus();
  })));
  EXPECT_EQ(Page(without_phone_).unread_count, 0);
}

TEST_P(MessagesStoreTest, AnotherUsersMessageIsNotFound) {
  ASSERT_TRUE(IsOk(PostOne(with_phone_, "establishment.approved:42")));
  const int64_t id = Page(with_phone_).items.at(0).id;
  Status s = db().Transaction([&](soci::session& sql) -> Status {
    return MarkRead(sql, without_phone_, id, clock_).status();
  });
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.field(), "id");
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    return MarkAllRead(sql, without_phone_, clock_).status();
  })));
  EXPECT_EQ(Page(with_phone_).unread_count, 1);  // untouched
  EXPECT_TRUE(Page(without_phone_).items.empty());
}

TEST_P(MessagesStoreTest, AUnitsWorkGoesToItsNearestStaffHoldingThePermission) {
  using identity::Role;
  auto officer = identity::testing::AddStaff(db(), clock_, hasher_, "tax-officer", tree_.tax.id,
                                             {{Role::kDepartmentOfficer, tree_.tax.id}});
  auto clerk = identity::testing::AddStaff(db(), clock_, hasher_, "tax-clerk", tree_.tax.id, {});
  auto county = identity::testing::AddStaff(db(), clock_, hasher_, "county-handler", tree_.a.id,
                                            {{Role::kInspector, tree_.a.id}});
  ASSERT_TRUE(IsOk(officer));
  ASSERT_TRUE(IsOk(clerk));
  ASSERT_TRUE(IsOk(county));
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(auto tax, identity::UsersServingUnit(sql, tree_.tax.id,
                                                          identity::perm::kDepartmentQueueWork));
    EXPECT_EQ(tax, std::vector<int64_t>{officer->id});
    // Nobody at the station: the county above it.
    ASSIGN_OR_RETURN(auto station, identity::UsersServingUnit(
                                       sql, tree_.a1.id, identity::perm::kInspectionTaskWrite));
    EXPECT_EQ(station, std::vector<int64_t>{county->id});
    // Nobody anywhere on the path.
    ASSIGN_OR_RETURN(auto none, identity::UsersServingUnit(sql, tree_.b1.id,
                                                           identity::perm::kInspectionTaskWrite));
    EXPECT_TRUE(none.empty());
    return OkStatus();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, MessagesStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::messages
