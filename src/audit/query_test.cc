// SPDX-License-Identifier: MulanPSL-2.0
#include "audit/query.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit_test_util.h"

namespace amr::audit {
namespace {

using ::amr::testing::IsOk;
using std::chrono::minutes;

class QueryTest : public testing::AuditDbTest {
 protected:
  // Ten records a minute apart from 15:31 to 15:40: targets user/1..user/10
  // by users user1, user2, user0, user1 … (ids 101, 102, 100, …), actions
  // user.create (odd) and user.update (even); then a failed login (11), an
  // org unit's creation (12) and an oddly named action (13).
  void SetUpStore() override {
    AppendSamples(10);
    AuditEntry login = testing::SampleEntry(11);
    login.action = "auth.login_failed";
    login.actor = {0, "system", "", 0, "10.9.9.9", ""};
    login.target_type = "user";
    login.target_id = "mallory";
    clock_.Advance(minutes(1));
    ASSERT_TRUE(IsOk(AppendOne(login)));
    AuditEntry org = testing::SampleEntry(12);
    org.action = "org_unit.create";
    org.target_type = "org_unit";
    org.target_id = "3";
    org.actor.username = "101";  // a username that looks like a user id
    org.actor.user_id = 555;
    clock_.Advance(minutes(1));
    ASSERT_TRUE(IsOk(AppendOne(org)));
    AuditEntry odd = testing::SampleEntry(13);
    odd.action = "orgxunit.create";  // must not match "org_unit.*" through LIKE's '_'
    clock_.Advance(minutes(1));
    ASSERT_TRUE(IsOk(AppendOne(odd)));
  }

  std::vector<int64_t> Find(const AuditQuery& q, int64_t* total = nullptr) {
    auto page = Query(db(), q);
    EXPECT_TRUE(IsOk(page));
    std::vector<int64_t> out;
    if (!page.ok()) return out;
    for (const AuditRecord& r : page->items) out.push_back(r.seq);
    if (total != nullptr) *total = page->total;
    return out;
  }
};

using Seqs = std::vector<int64_t>;

TEST_P(QueryTest, EverythingNewestFirstWithTotal) {
  int64_t total = 0;
  AuditQuery q;
  q.limit = 3;
  EXPECT_EQ(Find(q, &total), (Seqs{13, 12, 11}));
  EXPECT_EQ(total, 13);
  q.offset = 11;
  EXPECT_EQ(Find(q, &total), (Seqs{2, 1}));
  EXPECT_EQ(total, 13);
}

TEST_P(QueryTest, ReturnsTheStoredRecord) {
  AuditQuery q;
  q.target_type = "user";
  q.target_id = "mallory";
  auto page = Query(db(), q);
  ASSERT_TRUE(IsOk(page));
  ASSERT_EQ(page->items.size(), 1u);
  const AuditRecord& r = page->items[0];
  EXPECT_EQ(r.seq, 11);
  EXPECT_EQ(r.action, "auth.login_failed");
  EXPECT_EQ(r.actor.username, "system");
  EXPECT_EQ(r.actor.ip, "10.9.9.9");
  EXPECT_EQ(r.recorded_at, "2026-02-13T15:41:00+08:00");
  EXPECT_EQ(r.hash.size(), 64u);
}

TEST_P(QueryTest, ByTarget) {
  AuditQuery q;
  q.target_type = "user";
  q.target_id = "4";
  EXPECT_EQ(Find(q), (Seqs{4}));
  q.target_type = "org_unit";
  EXPECT_EQ(Find(q), Seqs{});
  q.target_id = "";
  EXPECT_EQ(Find(q), (Seqs{12}));
}

TEST_P(QueryTest, ByUsernameOrUserId) {
  AuditQuery q;
  q.user = "user2";
  EXPECT_EQ(Find(q), (Seqs{8, 5, 2}));
  q.user = "102";  // user2's id
  EXPECT_EQ(Find(q), (Seqs{8, 5, 2}));
  q.user = "101";  // user1's id, and the username of record 12
  EXPECT_EQ(Find(q), (Seqs{13, 12, 10, 7, 4, 1}));
  q.user = "nobody";
  EXPECT_EQ(Find(q), Seqs{});
}

TEST_P(QueryTest, ByTimeRangeIncludingFromExcludingTo) {
  AuditQuery q;
  q.from = testing::kStart + minutes(3);  // 15:33, record 3
  q.to = testing::kStart + minutes(6);    // 15:36, record 6
  EXPECT_EQ(Find(q), (Seqs{5, 4, 3}));
  q.to.reset();
  q.from = testing::kStart + minutes(12);
  EXPECT_EQ(Find(q), (Seqs{13, 12}));
  q.from.reset();
  q.to = testing::kStart + minutes(2);
  EXPECT_EQ(Find(q), (Seqs{1}));
}

TEST_P(QueryTest, ByExactActionOrPrefix) {
  AuditQuery q;
  q.action = "user.update";
  EXPECT_EQ(Find(q), (Seqs{10, 8, 6, 4, 2}));
  q.action = "auth.*";
  EXPECT_EQ(Find(q), (Seqs{11}));
  q.action = "org_unit.*";
  EXPECT_EQ(Find(q), (Seqs{12}));
  q.action = "auth";
  EXPECT_EQ(Find(q), Seqs{});
  q.action = "%";
  EXPECT_EQ(Find(q), Seqs{});
}

TEST_P(QueryTest, FiltersCombine) {
  AuditQuery q;
  q.user = "user1";
  q.action = "user.*";
  q.from = testing::kStart + minutes(4);
  EXPECT_EQ(Find(q), (Seqs{10, 7, 4}));
  q.target_type = "user";
  q.target_id = "7";
  EXPECT_EQ(Find(q), (Seqs{7}));
}

TEST_P(QueryTest, InjectionStringsAreJustValues) {
  AuditQuery q;
  q.user = "' OR '1'='1";
  EXPECT_EQ(Find(q), Seqs{});
  q.user = "";
  q.target_type = "user' OR 1=1 --";
  EXPECT_EQ(Find(q), Seqs{});
}

TEST_P(QueryTest, RejectsBadQueriesNamingTheField) {
  auto field_of = [&](AuditQuery q) { return Query(db(), q).status().field(); };
  AuditQuery q;
  q.target_id = "4";
  EXPECT_EQ(field_of(q), "target_id");
  q = AuditQuery{};
  q.from = testing::kStart;
  q.to = testing::kStart;
  EXPECT_EQ(field_of(q), "to");
  q = AuditQuery{};
  q.limit = 0;
  EXPECT_EQ(field_of(q), "limit");
  q.limit = kMaxQueryLimit + 1;
  EXPECT_EQ(field_of(q), "limit");
  q = AuditQuery{};
  q.offset = -1;
  EXPECT_EQ(field_of(q), "offset");
}

TEST_P(QueryTest, ScopeLimitsRecordsToTheReadersSubtree) {
  // root ─┬─ county a ── station a1
  //       └─ county b
  std::map<std::string, int64_t> id;
  std::map<std::string, std::string> path;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"r", ""}, {"a", "r"}, {"a1", "a"}, {"b", "r"}}) {
      long long parent_id = parent.empty() ? 0 : id[parent];
      soci::indicator ind = parent.empty() ? soci::i_null : soci::i_ok;
      sql << "INSERT INTO org_unit (parent_id, code, name, kind, region_code) "
             "VALUES (:p, :c, :c2, 'station', '330106')",
          soci::use(parent_id, ind), soci::use(code), soci::use(code);
      long long new_id = 0;
      std::string new_path;
      sql << "SELECT id, path FROM org_unit WHERE code = :c", soci::use(code), soci::into(new_id),
          soci::into(new_path);
      id[code] = new_id;
      path[code] = new_path;
    }
    return OkStatus();
  })));
  auto append = [&](int64_t org_unit_id, const std::string& target) {
    AuditEntry e = testing::SampleEntry(1);
    e.action = "scope.test";
    e.actor.user_id = 999;  // no such user: the record belongs to its role's unit only
    e.actor.org_unit_id = org_unit_id;
    e.target_id = target;
    ASSERT_TRUE(IsOk(AppendOne(e)));
  };
  append(id["a1"], "in_a1");
  append(id["b"], "in_b");
  append(0, "unowned");
  auto targets = [&](std::optional<std::vector<std::string>> scope, bool unowned) {
    AuditQuery q;
    q.action = "scope.test";
    q.scope_paths = std::move(scope);
    q.include_unowned = unowned;
    auto page = Query(db(), q);
    EXPECT_TRUE(IsOk(page));
    std::set<std::string> out;
    if (page.ok()) {
      for (const AuditRecord& r : page->items) out.insert(r.target_id);
    }
    return out;
  };
  using Set = std::set<std::string>;
  EXPECT_EQ(targets(std::nullopt, false), (Set{"in_a1", "in_b", "unowned"}));
  EXPECT_EQ(targets(std::vector<std::string>{path["a"]}, false), (Set{"in_a1"}));
  EXPECT_EQ(targets(std::vector<std::string>{path["a1"], path["b"]}, false),
            (Set{"in_a1", "in_b"}));
  EXPECT_EQ(targets(std::vector<std::string>{path["r"]}, false), (Set{"in_a1", "in_b"}));
  EXPECT_EQ(targets(std::vector<std::string>{path["r"]}, true), (Set{"in_a1", "in_b", "unowned"}));
  EXPECT_EQ(targets(std::vector<std::string>{}, false), Set{});
}

INSTANTIATE_TEST_SUITE_P(Backends, QueryTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::audit
