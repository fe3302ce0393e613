// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/profile_cache.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "storage/change_log.h"
#include "testing/db_fixture.h"

namespace amr::registry {
namespace {

using amr::testing::IsOk;

constexpr char kAt[] = "2026-12-08T09:00:00+08:00";

class ProfileCacheTest : public amr::testing::DbTest {
 protected:
  // A change made through the change log by this process.
  void ChangeHere(const std::string& key) {
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      return storage::AppendChange(sql, "entity", key, "update", "330106", kAt);
    })));
  }
  // A change made by another instance: a row in the change log only.
  void ChangeElsewhere(const std::string& key) {
    const std::string at = kAt;
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      sql << "INSERT INTO change_log (table_name, row_key, op, region_code, changed_at) VALUES "
             "('entity', :k, 'update', '330106', :at)",
          soci::use(key), soci::use(at);
      return OkStatus();
    })));
  }
};

TEST_P(ProfileCacheTest, AnAnswerIsServedUntilThisProcessChangesSomething) {
  ProfileCache cache(db(), {});
  uint64_t stamp = cache.Stamp();
  EXPECT_FALSE(cache.Find("A", stamp));
  cache.Store("A", "{\"name\":\"甲\"}", stamp);
  stamp = cache.Stamp();
  ASSERT_TRUE(cache.Find("A", stamp));
  EXPECT_EQ(*cache.Find("A", stamp), "{\"name\":\"甲\"}");
  EXPECT_FALSE(cache.Find("B", stamp));
  ChangeHere("B");  // any change empties the cache, at once
  EXPECT_FALSE(cache.Find("A", stamp));
  EXPECT_FALSE(cache.Find("A", cache.Stamp()));
  EXPECT_EQ(cache.hits(), 2);
}

TEST_P(ProfileCacheTest, AnAnswerReadBeforeAChangeIsNotKept) {
  ProfileCache cache(db(), {});
  const uint64_t before = cache.Stamp();
  ChangeHere("A");  // commits while the answer is being read
  cache.Store("A", "old", before);
  EXPECT_FALSE(cache.Find("A", cache.Stamp()));
  // Nor is a rolled-back change a change.
  const uint64_t stamp = cache.Stamp();
  Status failed = db().Transaction([&](soci::session& sql) -> Status {
    RETURN_IF_ERROR(storage::AppendChange(sql, "entity", "A", "update", "330106", kAt));
    return InvalidArgumentError("不提交", "x");
  });
  EXPECT_FALSE(failed.ok());
  cache.Store("A", "new", stamp);
  EXPECT_EQ(cache.Find("A", cache.Stamp()).value_or(""), "new");
}

TEST_P(ProfileCacheTest, AnotherInstancesChangeShowsWhenTheChangeLogIsFollowed) {
  ProfileCache following(db(),
                         {.max_entries = 100, .follow_interval = std::chrono::milliseconds(0)});
  ProfileCache waiting(db(), {.max_entries = 100, .follow_interval = std::chrono::hours(1)});
  for (ProfileCache* cache : {&following, &waiting}) {
    cache->Store("A", "old", cache->Stamp());
    ASSERT_TRUE(cache->Find("A", cache->Stamp()));
  }
  ChangeElsewhere("A");
  EXPECT_FALSE(following.Find("A", following.Stamp()));
  // Not followed yet: served as it was, for at most follow_interval.
  EXPECT_TRUE(waiting.Find("A", waiting.Stamp()));
}

TEST_P(ProfileCacheTest, AFullCacheStartsAgain) {
  ProfileCache cache(db(), {.max_entries = 2, .follow_interval = std::chrono::hours(1)});
  const uint64_t stamp = cache.Stamp();
  cache.Store("A", "a", stamp);
  cache.Store("B", "b", stamp);
  cache.Store("C", "c", stamp);
  EXPECT_FALSE(cache.Find("A", stamp));
  EXPECT_TRUE(cache.Find("C", stamp));
}

INSTANTIATE_TEST_SUITE_P(Backends, ProfileCacheTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::registry
