// SPDX-License-Identifier: MulanPSL-2.0
// Officer assignment: on many random instances, checked by brute force, every
// constraint holds, loads are even among officers of equal eligibility and no
// single move would even them further; failures name the visit and the
// constraint.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/random.h"
#include "inspection/draw/draw.h"

namespace amr::inspection {
namespace {

bool Contains(const std::vector<int64_t>& v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool Eligible(const VisitRequest& v, const OfficerCandidate& o) {
  bool dep =
      std::find(v.departments.begin(), v.departments.end(), o.department) != v.departments.end();
  bool station = v.stations.empty() || Contains(v.stations, o.station);
  return dep && station && !Contains(v.conflicted_officers, o.id) &&
         !Contains(v.last_inspectors, o.id);
}

struct Instance {
  std::vector<OfficerCandidate> officers;
  std::vector<VisitRequest> visits;
  int per_visit = 2;
};

Instance RandomInstance(Random& rng) {
  static const std::vector<std::string> kDeps = {"市场监管", "卫生健康", "消防救援"};
  Instance in;
  in.per_visit = 2 + static_cast<int>(rng.Uniform(3) == 0);
  const size_t n = 2 + rng.Uniform(30);
  std::set<int64_t> ids;
  while (ids.size() < n) ids.insert(static_cast<int64_t>(1 + rng.Uniform(1000)));
  for (int64_t id : ids) {
    in.officers.push_back(
        {id, kDeps[rng.Uniform(kDeps.size())], static_cast<int64_t>(1 + rng.Uniform(3))});
  }
  std::reverse(in.officers.begin(), in.officers.end());  // argument order is free
  const size_t visits = rng.Uniform(60);
  for (size_t v = 0; v < visits; ++v) {
    VisitRequest visit;
    visit.uscc = "V" + std::to_string(10000 + v);
    for (const auto& d : kDeps) {
      if (rng.Uniform(3) != 0) visit.departments.push_back(d);
    }
    if (visit.departments.empty()) visit.departments.push_back(kDeps[0]);
    if (rng.Uniform(5) == 0) visit.stations.push_back(static_cast<int64_t>(1 + rng.Uniform(3)));
    for (int k = 0; k < 2; ++k) {
      const auto& o = in.officers[rng.Uniform(in.officers.size())];
      if (rng.Uniform(8) == 0) visit.conflicted_officers.push_back(o.id);
      if (rng.Uniform(3) == 0) visit.last_inspectors.push_back(o.id);
    }
    if (rng.Uniform(10) == 0) visit.last_inspectors.push_back(99999);  // no longer active
    in.visits.push_back(std::move(visit));
  }
  return in;
}

// The first visit with too few eligible officers and the constraint the spec
// names for it, or -1.
std::pair<int, std::string> ExpectedFailure(const Instance& in) {
  for (size_t v = 0; v < in.visits.size(); ++v) {
    VisitRequest base = in.visits[v];
    base.conflicted_officers.clear();
    base.last_inspectors.clear();
    VisitRequest no_conflicts = in.visits[v];
    no_conflicts.last_inspectors.clear();
    auto count = [&](const VisitRequest& r) {
      return std::count_if(in.officers.begin(), in.officers.end(),
                           [&](const OfficerCandidate& o) { return Eligible(r, o); });
    };
    if (count(base) < in.per_visit) return {static_cast<int>(v), "部门/站所"};
    if (count(no_conflicts) < in.per_visit) return {static_cast<int>(v), "回避"};
    if (count(in.visits[v]) < in.per_visit) return {static_cast<int>(v), "上次检查"};
  }
  return {-1, ""};
}

void CheckProperties(const Instance& in, const Assignment& a) {
  std::map<int64_t, const OfficerCandidate*> by_id;
  for (const auto& o : in.officers) by_id[o.id] = &o;
  std::map<int64_t, int64_t> loads;
  ASSERT_EQ(a.officer_ids.size(), in.visits.size() * static_cast<size_t>(in.per_visit));
  for (size_t v = 0; v < in.visits.size(); ++v) {
    auto officers = a.OfficersOf(v);
    for (size_t p = 0; p < officers.size(); ++p) {
      if (p > 0) {
        ASSERT_LT(officers[p - 1], officers[p]) << "distinct, ascending";
      }
      ASSERT_TRUE(by_id.count(officers[p]));
      ASSERT_TRUE(Eligible(in.visits[v], *by_id[officers[p]])) << in.visits[v].uscc;
      ++loads[officers[p]];
    }
  }
  for (size_t j = 0; j < in.officers.size(); ++j) {
    ASSERT_EQ(a.loads[j], loads[in.officers[j].id]);
  }
  // Officers eligible for exactly the same visits: max − min ≤ 1.
  std::map<std::vector<bool>, std::vector<int64_t>> groups;
  for (const auto& o : in.officers) {
    std::vector<bool> sig;
    for (const auto& v : in.visits) sig.push_back(Eligible(v, o));
    groups[sig].push_back(loads[o.id]);
  }
  for (const auto& [sig, group_loads] : groups) {
    auto [lo, hi] = std::minmax_element(group_loads.begin(), group_loads.end());
    ASSERT_LE(*hi - *lo, 1);
  }
  // No single move from a to an eligible b not on the visit with
  // load(b) ≤ load(a) − 2 remains.
  for (size_t v = 0; v < in.visits.size(); ++v) {
    auto on = a.OfficersOf(v);
    for (int64_t x : on) {
      for (const auto& b : in.officers) {
        if (std::find(on.begin(), on.end(), b.id) != on.end()) continue;
        if (!Eligible(in.visits[v], b)) continue;
        ASSERT_GT(loads[b.id], loads[x] - 2) << in.visits[v].uscc;
      }
    }
  }
}

TEST(AssignTest, RandomInstancesKeepEveryConstraintAndBalance) {
  Random rng(2026);
  int assigned = 0;
  int refused = 0;
  for (int round = 0; round < 600; ++round) {
    Instance in = RandomInstance(rng);
    const std::string round_id = std::to_string(round);
    DrawStream stream(DrawSeed("assign", round_id, "x"));
    auto result = AssignOfficers(in.visits, in.officers, in.per_visit, stream);
    auto [bad_visit, constraint] = ExpectedFailure(in);
    if (bad_visit >= 0) {
      ASSERT_FALSE(result.ok()) << round;
      ++refused;
      EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
      EXPECT_EQ(result.status().field(), "officers");
      const std::string m = result.status().message();
      EXPECT_NE(m.find(in.visits[static_cast<size_t>(bad_visit)].uscc), std::string::npos) << m;
      EXPECT_NE(m.find(constraint), std::string::npos) << m;
      continue;
    }
    ASSERT_TRUE(result.ok()) << round << " " << result.status().ToString();
    ++assigned;
    CheckProperties(in, *result);
    if (::testing::Test::HasFatalFailure()) return;
    // Deterministic from the stream.
    DrawStream again(DrawSeed("assign", round_id, "x"));
    auto replay = AssignOfficers(in.visits, in.officers, in.per_visit, again);
    ASSERT_TRUE(replay.ok());
    EXPECT_EQ(replay->officer_ids, result->officer_ids);
  }
  // Both outcomes were exercised often.
  EXPECT_GT(assigned, 150);
  EXPECT_GT(refused, 50);
}

TEST(AssignTest, AFlatVisitListAssignsAsTheVisitRequestsDo) {
  Random rng(2027);
  for (int round = 0; round < 200; ++round) {
    Instance in = RandomInstance(rng);
    VisitList list;
    list.Reserve(in.visits.size(), 4 * in.visits.size());
    for (const VisitRequest& v : in.visits) {
      const std::vector<std::string_view> departments(v.departments.begin(), v.departments.end());
      list.Add(v.uscc, departments, v.stations, v.conflicted_officers, v.last_inspectors);
    }
    ASSERT_EQ(list.size(), in.visits.size());
    EXPECT_EQ(list.first_unordered(), list.size());
    const std::string round_id = std::to_string(round);
    DrawStream s1(DrawSeed("flat", round_id, "x"));
    DrawStream s2(DrawSeed("flat", round_id, "x"));
    auto from_requests = AssignOfficers(in.visits, in.officers, in.per_visit, s1);
    auto from_list = AssignOfficers(list, in.officers, in.per_visit, s2);
    ASSERT_EQ(from_requests.ok(), from_list.ok()) << round;
    if (!from_list.ok()) {
      EXPECT_EQ(from_list.status().message(), from_requests.status().message());
      continue;
    }
    EXPECT_EQ(from_list->officer_ids, from_requests->officer_ids);
    EXPECT_EQ(from_list->loads, from_requests->loads);
    EXPECT_EQ(s1.position(), s2.position());
  }
  // Keys out of order are refused at the first visit out of order.
  std::vector<OfficerCandidate> officers = {{1, "市场监管", 1}, {2, "市场监管", 1}};
  const std::string_view departments[] = {"市场监管"};
  VisitList list;
  for (std::string_view key : {"V1", "V3", "V2", "V0"}) list.Add(key, departments, {}, {}, {});
  EXPECT_EQ(list.first_unordered(), 2U);
  DrawStream s(Seed{});
  auto refused = AssignOfficers(list, officers, 2, s);
  EXPECT_EQ(refused.status().field(), "visits");
  EXPECT_NE(refused.status().message().find("V2 排在 V3 之后"), std::string::npos);
}

TEST(AssignTest, RepairEvensLoadsTheGreedyPassCannotSee) {
  // 100 visits any of four officers may take, then 100 only officers 1 and 2
  // may take. Greedy alone gives 150/150/50/50; the even answer is 100 each.
  std::vector<OfficerCandidate> officers = {
      {1, "市场监管", 1}, {2, "市场监管", 1}, {3, "市场监管", 2}, {4, "市场监管", 2}};
  std::vector<VisitRequest> visits;
  for (int v = 0; v < 200; ++v) {
    VisitRequest r;
    r.uscc = "V" + std::to_string(1000 + v);
    r.departments = {"市场监管"};
    if (v >= 100) r.stations = {1};
    visits.push_back(r);
  }
  DrawStream stream(Seed{});
  auto a = AssignOfficers(visits, officers, 2, stream);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->loads, (std::vector<int64_t>{100, 100, 100, 100}));
}

TEST(AssignTest, EvenLoadsWhenEveryoneIsEligible) {
  std::vector<OfficerCandidate> officers;
  for (int i = 0; i < 30; ++i)
    officers.push_back({100 + i, i % 2 ? "市场监管" : "卫生健康", i % 3});
  std::vector<VisitRequest> visits;
  for (int v = 0; v < 1001; ++v) {
    visits.push_back({"V" + std::to_string(10000 + v), {"市场监管", "卫生健康"}, {}, {}, {}});
  }
  DrawStream s1(DrawSeed("a", "b", "1"));
  DrawStream s2(DrawSeed("a", "b", "2"));
  auto a = AssignOfficers(visits, officers, 2, s1);
  auto b = AssignOfficers(visits, officers, 2, s2);
  ASSERT_TRUE(a.ok() && b.ok());
  auto [lo, hi] = std::minmax_element(a->loads.begin(), a->loads.end());
  EXPECT_LE(*hi - *lo, 1);
  EXPECT_NE(a->officer_ids, b->officer_ids);  // the seed decides who goes where
}

TEST(AssignTest, RefusesBadArgumentsNamingTheField) {
  std::vector<OfficerCandidate> officers = {{1, "市场监管", 1}, {2, "市场监管", 1}};
  std::vector<VisitRequest> visits = {{"V1", {"市场监管"}, {}, {}, {}}};
  DrawStream s(Seed{});
  auto one = AssignOfficers(visits, officers, 1, s);
  EXPECT_EQ(one.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(one.status().field(), "per_visit");
  EXPECT_NE(one.status().message().find("至少须派 2 名"), std::string::npos);
  EXPECT_EQ(AssignOfficers(visits, {}, 2, s).status().field(), "officers");
  std::vector<OfficerCandidate> dup = {{1, "市场监管", 1}, {1, "市场监管", 2}};
  EXPECT_NE(AssignOfficers(visits, dup, 2, s).status().message().find("重复"), std::string::npos);
  std::vector<VisitRequest> unsorted = {{"V2", {"市场监管"}, {}, {}, {}},
                                        {"V1", {"市场监管"}, {}, {}, {}}};
  EXPECT_EQ(AssignOfficers(unsorted, officers, 2, s).status().field(), "visits");
  std::vector<VisitRequest> no_dep = {{"V1", {}, {}, {}, {}}};
  EXPECT_EQ(AssignOfficers(no_dep, officers, 2, s).status().field(), "departments");
}

TEST(AssignTest, NamesTheEntityAndTheConstraintThatLeftTooFew) {
  std::vector<OfficerCandidate> officers = {
      {1, "市场监管", 1}, {2, "市场监管", 1}, {3, "市场监管", 2}, {4, "卫生健康", 1}};
  auto fail = [&](VisitRequest visit) {
    std::vector<VisitRequest> visits = {{"91330100MA2AXXXX1K", {"市场监管"}, {}, {}, {}},
                                        std::move(visit)};
    DrawStream s(Seed{});
    auto r = AssignOfficers(visits, officers, 2, s);
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(r.status().message().find("91330106MA27XXXX5H"), std::string::npos);
    return r.status().message();
  };
  EXPECT_NE(fail({"91330106MA27XXXX5H", {"卫生健康"}, {}, {}, {}}).find("部门/站所"),
            std::string::npos);
  EXPECT_NE(fail({"91330106MA27XXXX5H", {"市场监管"}, {2}, {}, {}}).find("部门/站所"),
            std::string::npos);
  EXPECT_NE(fail({"91330106MA27XXXX5H", {"市场监管"}, {1}, {2}, {}}).find("回避"),
            std::string::npos);
  EXPECT_NE(fail({"91330106MA27XXXX5H", {"市场监管"}, {}, {1}, {3}}).find("上次检查"),
            std::string::npos);
  // Enough once the last inspector is someone else.
  std::vector<VisitRequest> ok = {{"91330106MA27XXXX5H", {"市场监管"}, {}, {1}, {4}}};
  DrawStream s(Seed{});
  auto r = AssignOfficers(ok, officers, 2, s);
  ASSERT_TRUE(r.ok());
  std::vector<int64_t> got(r->OfficersOf(0).begin(), r->OfficersOf(0).end());
  EXPECT_EQ(got, (std::vector<int64_t>{2, 3}));
}

}  // namespace
}  // namespace amr::inspection
