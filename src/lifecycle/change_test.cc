// SPDX-License-Identifier: MulanPSL-2.0
// Change registration, 个体工商户变更经营者 and 受益所有人备案 over the store,
// on SQLite and PostgreSQL: every field kind with its version, 双告知 for a
// scope adding 许可项目, a "similar" name through the registrar, refusals
// (deregistered, bad IDs, nothing to change), the operator change keeping
// USCC, founding date and 字号 and passing the licence's administrator
// rights, and the beneficial owners' visibility.
#include "lifecycle/change.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "codes/calendar.h"
#include "codes/citizen_id.h"
#include "codes/uscc.h"
#include "establishment/service.h"
#include "identity/identity_test_util.h"
#include "identity/roles.h"
#include "license/license_store.h"
#include "lifecycle/beneficial_owner.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::lifecycle {
namespace {

using amr::testing::IsOk;
using identity::Role;
using nlohmann::json;

std::string Id(int sequence, int year = 1985) {
  return *codes::MakeCitizenId("330106", *Date::FromYmd(year, 5, 17), sequence);
}

class ChangeTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto tree = identity::testing::SeedTree(db(), clock_);
    ASSERT_TRUE(IsOk(tree));
    t_ = *tree;
    // The competent departments of two permit items (双告知).
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      identity::NewOrgUnit u{t_.root.id,   "dept-drug",           "药品监管科",
                             "department", "drug_administration", "330106"};
      ASSIGN_OR_RETURN(drug_,
                       identity::CreateOrgUnit(sql, u, identity::testing::SystemCaller(), clock_));
      return OkStatus();
    })));
    hooks_.check_name = [this](soci::session&, std::string_view name, std::string_view,
                               std::string_view, std::string_view, std::string_view,
                               const establishment::NameSource*) -> StatusOr<ChangeNameDecision> {
      ++name_checks_;
      if (name.find("近似") != std::string_view::npos)
        return ChangeNameDecision{"similar", "字号近似", ""};
      if (name.find("冲突") != std::string_view::npos) {
        return ChangeNameDecision{"conflict", "字号已被使用", ""};
      }
      return ChangeNameDecision{};
    };
    hooks_.record_name = [this](soci::session&, const registry::Entity& e, std::string_view old,
                                const Date& on, std::string_view, const establishment::NameSource*,
                                const audit::Actor&) -> Status {
      recorded_.push_back(std::string(old) + "→" + e.name + "@" + on.ToString());
      return OkStatus();
    };
    service_ = std::make_unique<ChangeService>(establishment::Rules::Default(), clock_, hooks_);
  }

  identity::Principal Staff(const std::string& name, Role role, const identity::OrgUnit& unit) {
    auto user =
        identity::testing::AddStaff(db(), clock_, hasher_, name, unit.id, {{role, unit.id}});
    EXPECT_TRUE(IsOk(user));
    identity::Principal p;
    p.user_id = user.ok() ? user->id : 0;
    p.username = name;
    p.kind = identity::UserKind::kStaff;
    p.org_unit_id = unit.id;
    p.grants.push_back({role, unit.Ref()});
    return p;
  }
  identity::Principal Applicant(const std::string& name, const std::string& citizen_id = "") {
    auto user = identity::testing::AddApplicant(db(), clock_, hasher_, name);
    EXPECT_TRUE(IsOk(user));
    identity::Principal p;
    p.user_id = user.ok() ? user->id : 0;
    p.username = name;
    p.kind = identity::UserKind::kApplicant;
    p.grants.push_back({Role::kApplicant, {}});
    if (!citizen_id.empty()) {
      long long id = p.user_id;
      EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
        sql << "UPDATE app_user SET citizen_id = :c WHERE id = :id", soci::use(citizen_id),
            soci::use(id);
        return OkStatus();
      })));
    }
    return p;
  }
  static identity::Caller As(const identity::Principal& p) { return {&p, "", "", ""}; }
  static identity::Caller Cli() { return identity::testing::SystemCaller(); }

  // An entity of county-a (330106) established 2025-03-10; `holder` (a user
  // id) administers its e-licence when given.
  std::string AddEntity(registry::EntityKind kind, const std::string& name, int serial,
                        int64_t holder = 0, const std::string& region = "330106") {
    registry::Entity e;
    e.uscc = *codes::IssueUscc('9', kind == registry::EntityKind::kIndividualBusiness ? '2' : '1',
                               region, static_cast<uint64_t>(900000 + serial));
    e.name = name;
    e.kind = kind;
    e.org_form = kind == registry::EntityKind::kEnterprise ? "有限责任公司" : "";
    e.region_code = region;
    e.industry_code = "65";
    e.legal_rep_name = "王芳";
    e.legal_rep_id = Id(12);
    if (kind == registry::EntityKind::kEnterprise) e.registered_capital = 1'000'000;
    e.address = "杭州市西湖区文三路 1 号";
    e.established_on = *Date::FromYmd(2025, 3, 10);
    EXPECT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, "2025-03-10T09:00:00+08:00"));
      if (holder != 0) {
        RETURN_IF_ERROR(
            license::IssueLicense(sql, e, {"日用百货销售", "甲县局", holder, std::nullopt}, clock_)
                .status());
      }
      return OkStatus();
    })));
    return e.uscc;
  }

  StatusOr<Change> Submit(const identity::Caller& who, const std::string& uscc, const json& body,
                          ChangeChannel channel = ChangeChannel::kWindow) {
    ASSIGN_OR_RETURN(ChangeRequest r, ParseChangeRequest(body, establishment::Rules::Default(),
                                                         ChinaDate(clock_.Now())));
    std::optional<Change> out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(Change c, service_->Submit(sql, who, channel, uscc, r));
      out = std::move(c);
      return OkStatus();
    }));
    return *out;
  }
  History HistoryOf(const std::string& uscc) {
    History h;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(h, service_->GetHistory(sql, uscc));
      return OkStatus();
    })));
    return h;
  }
  registry::Entity EntityOf(const std::string& uscc) {
    auto e = registry::GetEntity(db(), uscc);
    EXPECT_TRUE(IsOk(e));
    return e.ok() ? *e : registry::Entity{};
  }
  long long Count(const std::string& sql_text) {
    long long n = 0;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) {
      sql << sql_text, soci::into(n);
      return OkStatus();
    })));
    return n;
  }

  // Tuesday 2026-09-29, 10:00 (before the National Day holiday).
  FakeClock clock_{*ParseTime("2026-09-29T10:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  identity::testing::Tree t_;
  identity::OrgUnit drug_;
  ChangeHooks hooks_;
  std::unique_ptr<ChangeService> service_;
  int name_checks_ = 0;
  std::vector<std::string> recorded_;
};

TEST_P(ChangeTest, EveryFieldKindWritesOneVersionEach) {
  const identity::Principal clerk = Staff("clerk", Role::kWindowClerk, t_.a);
  const std::string uscc = AddEntity(registry::EntityKind::kEnterprise, "杭州青松科技有限公司", 1);

  // Never changed: the public history is the registration.
  History h = HistoryOf(uscc);
  ASSERT_EQ(h.versions.size(), 1u);
  EXPECT_EQ(h.versions[0].kind, "registration");
  EXPECT_EQ(h.versions[0].effective_on, "2025-03-10");

  auto address = Submit(As(clerk), uscc,
                        {{"address", "杭州市西湖区文一路 8 号"}, {"address_commitment", true}});
  ASSERT_TRUE(IsOk(address));
  EXPECT_EQ(address->state, "effective");
  EXPECT_EQ(address->version, 2);  // version 1: the registration, written with the first change
  EXPECT_EQ(EntityOf(uscc).address, "杭州市西湖区文一路 8 号");

  auto rep = Submit(As(clerk), uscc, {{"legal_rep", {{"name", "李强"}, {"citizen_id", Id(31)}}}});
  ASSERT_TRUE(IsOk(rep));
  EXPECT_EQ(rep->kind, "change");  // an enterprise: not an operator change
  EXPECT_EQ(EntityOf(uscc).legal_rep_name, "李强");
  EXPECT_EQ(EntityOf(uscc).legal_rep_id, Id(31));

  auto investors =
      Submit(As(clerk), uscc,
             {{"investors",
               {{{"name", "李强"}, {"citizen_id", Id(31)}, {"subscribed_capital", 1'200'000}},
                {{"name", "杭州示范投资有限公司"},
                 {"uscc", "91310110666007217T"},
                 {"subscribed_capital", 300'000}}}}});
  ASSERT_TRUE(IsOk(investors));
  EXPECT_EQ(EntityOf(uscc).registered_capital, 1'500'000);  // the sum of subscriptions

  // Capital alone must match the investors on file.
  auto capital = Submit(As(clerk), uscc, {{"registered_capital", 2'000'000}});
  EXPECT_EQ(capital.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(capital.status().field(), "registered_capital");

  auto name = Submit(As(clerk), uscc, {{"name", "杭州青松信息技术有限公司"}});
  ASSERT_TRUE(IsOk(name));
  EXPECT_EQ(EntityOf(uscc).name, "杭州青松信息技术有限公司");
  ASSERT_EQ(recorded_.size(), 1u);
  EXPECT_EQ(recorded_[0], "杭州青松科技有限公司→杭州青松信息技术有限公司@2026-09-29");

  auto scope = Submit(As(clerk), uscc, {{"scope", {"G04", "P04"}}});
  ASSERT_TRUE(IsOk(scope));

  h = HistoryOf(uscc);
  ASSERT_EQ(h.versions.size(), 6u);
  EXPECT_EQ(h.versions[1].changes[0].field, "address");
  EXPECT_EQ(h.versions[1].changes[0].before, "杭州市西湖区文三路 1 号");
  EXPECT_EQ(h.versions[1].channel, "window");
  EXPECT_EQ(h.versions[1].recorded_by, "clerk");
  EXPECT_EQ(h.versions[3].changes.size(), 2u);  // investors and the capital they add up to
  EXPECT_EQ(h.versions[4].changes[0].field, "name");
  EXPECT_EQ(h.versions[5].changes[0].field, "scope");

  // The public history: no citizen ID anywhere, natural persons masked.
  const std::string text = PublicHistoryJson(h, establishment::Rules::Default()).dump();
  EXPECT_EQ(text.find(Id(31)), std::string::npos);
  EXPECT_EQ(text.find(Id(12)), std::string::npos);
  EXPECT_NE(text.find("李*"), std::string::npos);
  EXPECT_NE(text.find("杭州示范投资有限公司"), std::string::npos);
  EXPECT_NE(text.find("药品零售"), std::string::npos);
  // Audit records keep masked IDs only.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%" + Id(31) + "%'"), 0);
  EXPECT_GE(identity::testing::CountAudit(db(), "entity.change"), 5);
}

TEST_P(ChangeTest, ScopeAddingPermitItemsRerunsDualNotification) {
  const std::string uscc = AddEntity(registry::EntityKind::kEnterprise, "杭州松柏贸易有限公司", 2);
  ASSERT_TRUE(IsOk(Submit(Cli(), uscc, {{"scope", {"G01", "P01"}}})));
  auto change = Submit(Cli(), uscc, {{"scope", {"G01", "P01", "P04", "G02"}}});
  ASSERT_TRUE(IsOk(change));
  // Only the item the scope adds: 药品零售 to the drug administration; P01
  // was notified by the first change.
  ASSERT_EQ(change->notices.size(), 1u);
  EXPECT_EQ(change->notices[0]["scope_code"], "P04");
  EXPECT_EQ(change->notices[0]["permit"], "药品经营许可");
  EXPECT_EQ(change->notices[0]["org_unit_id"], drug_.id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_change_notice"), 2);
  // A scope of general items only adds none.
  ASSERT_TRUE(IsOk(Submit(Cli(), uscc, {{"scope", {"G01", "G02"}}})));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_change_notice"), 2);

  // The drug administration's officer finds it in its 双告知 queue (变更), with
  // the entity's name, and claims it; an officer of another county does not
  // see it and may not claim it; returning needs a reason.
  const identity::Principal drug = Staff("drug-officer", Role::kDepartmentOfficer, drug_);
  const identity::Principal other = Staff("tax-b", Role::kDepartmentOfficer, t_.b);
  establishment::EstablishmentService service(establishment::Rules::Default(), clock_,
                                              codes::ShippedCalendar());
  const auto change_notices = establishment::NoticeSource::kChange;
  std::vector<establishment::Notice> queue, foreign, opening;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(queue, service.ListNotices(sql, As(drug), {}, change_notices));
    ASSIGN_OR_RETURN(foreign, service.ListNotices(sql, As(other), {}, change_notices));
    ASSIGN_OR_RETURN(opening, service.ListNotices(sql, As(drug), {}));
    return OkStatus();
  })));
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].uscc, uscc);
  EXPECT_EQ(queue[0].entity_name, "杭州松柏贸易有限公司");
  EXPECT_EQ(queue[0].scope_code, "P04");
  EXPECT_EQ(queue[0].change_id, change->id);
  EXPECT_TRUE(foreign.empty());
  EXPECT_TRUE(opening.empty());  // not a 企业开办 notice
  const int64_t notice = queue[0].id;
  Status refused = db().Transaction([&](soci::session& sql) {
    return service.ClaimNotice(sql, As(other), notice, change_notices).status();
  });
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  Status no_reason = db().Transaction([&](soci::session& sql) {
    return service.ReturnNotice(sql, As(drug), notice, "", change_notices).status();
  });
  EXPECT_EQ(no_reason.code(), StatusCode::kInvalidArgument);
  StatusOr<establishment::Notice> claimed = establishment::Notice{};
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    claimed = service.ClaimNotice(sql, As(drug), notice, change_notices);
    return claimed.status();
  })));
  EXPECT_EQ(claimed->state, "claimed");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_change_notice WHERE state = 'claimed'"), 1);
  EXPECT_EQ(identity::testing::CountAudit(db(), "change.notice.claim"), 1);
  Status again = db().Transaction([&](soci::session& sql) {
    return service.ClaimNotice(sql, As(drug), notice, change_notices).status();
  });
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
}

TEST_P(ChangeTest, SimilarNameGoesToTheRegistrarConflictIsRefused) {
  const identity::Principal clerk = Staff("clerk", Role::kWindowClerk, t_.a);
  const identity::Principal registrar = Staff("reg", Role::kRegistrar, t_.a);
  const identity::Principal registrar_b = Staff("reg-b", Role::kRegistrar, t_.b);
  const std::string uscc = AddEntity(registry::EntityKind::kEnterprise, "杭州云杉科技有限公司", 3);

  // A company's new name keeps a company's organisation form: refused on the field, the forms
  // named, nothing written.
  auto wrong_form = Submit(As(clerk), uscc, {{"name", "杭州云杉科技商行"}});
  EXPECT_EQ(wrong_form.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong_form.status().field(), "name");
  EXPECT_NE(wrong_form.status().message().find("有限公司"), std::string::npos)
      << wrong_form.status().message();
  auto conflict = Submit(As(clerk), uscc, {{"name", "杭州冲突科技有限公司"}});
  EXPECT_EQ(conflict.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(conflict.status().field(), "name");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_change"), 0);

  auto similar = Submit(As(clerk), uscc, {{"name", "杭州近似科技有限公司"}});
  ASSERT_TRUE(IsOk(similar));
  EXPECT_EQ(similar->state, "pending_review");
  EXPECT_EQ(similar->name_verdict, "similar");
  EXPECT_EQ(EntityOf(uscc).name, "杭州云杉科技有限公司");  // not yet
  // One change at a time.
  auto second =
      Submit(As(clerk), uscc, {{"address", "杭州市西湖区文二路"}, {"address_commitment", true}});
  EXPECT_EQ(second.status().field(), "state");

  auto run = [&](const identity::Principal& who, bool approve) {
    std::optional<Change> out;
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(Change c, approve ? service_->Approve(sql, As(who), similar->id)
                                         : service_->Reject(sql, As(who), similar->id, "字号近似"));
      out = c;
      return OkStatus();
    });
    return s.ok() ? StatusOr<Change>(*out) : StatusOr<Change>(s);
  };
  // The queue of the registrar of county-a, not of county-b.
  auto queue = [&](const identity::Principal& who) {
    std::vector<Change> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, service_->ListPending(sql, As(who)));
      return OkStatus();
    })));
    return out.size();
  };
  EXPECT_EQ(queue(registrar), 1u);
  EXPECT_EQ(queue(registrar_b), 0u);
  EXPECT_EQ(run(registrar_b, true).status().code(), StatusCode::kPermissionDenied);
  auto approved = run(registrar, true);
  ASSERT_TRUE(IsOk(approved));
  EXPECT_EQ(approved->state, "effective");
  EXPECT_EQ(EntityOf(uscc).name, "杭州近似科技有限公司");
  EXPECT_EQ(run(registrar, false).status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(ChangeTest, RefusalsNameTheField) {
  const std::string uscc = AddEntity(registry::EntityKind::kEnterprise, "杭州银杏科技有限公司", 4);
  auto bad_id = Submit(Cli(), uscc,
                       {{"legal_rep", {{"name", "李强"}, {"citizen_id", "11010519491231002Y"}}}});
  EXPECT_EQ(bad_id.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_id.status().field(), "legal_rep.citizen_id");
  auto bad_investor = Submit(
      Cli(), uscc,
      {{"investors", {{{"name", "赵六"}, {"citizen_id", "123"}, {"subscribed_capital", 10}}}}});
  EXPECT_EQ(bad_investor.status().field(), "investors[0].citizen_id");
  auto no_commitment = Submit(Cli(), uscc, {{"address", "杭州市西湖区某路"}});
  EXPECT_EQ(no_commitment.status().field(), "address_commitment");
  auto unknown_scope = Submit(Cli(), uscc, {{"scope", {"G01", "Z99"}}});
  EXPECT_EQ(unknown_scope.status().field(), "scope[1]");
  auto same = Submit(Cli(), uscc, {{"name", "杭州银杏科技有限公司"}});
  EXPECT_EQ(same.status().field(), "body");
  auto unknown = Submit(Cli(), uscc, {{"credit_class", "A"}});
  EXPECT_EQ(unknown.status().field(), "credit_class");

  // A suspended (歇业) entity may change; a deregistered or revoked one may not.
  auto set_status = [&](const std::string& status) {
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      sql << "UPDATE entity SET status = :s WHERE uscc = :u", soci::use(status), soci::use(uscc);
      return OkStatus();
    })));
  };
  set_status("suspended");
  EXPECT_TRUE(IsOk(
      Submit(Cli(), uscc, {{"address", "杭州市西湖区某路 2 号"}, {"address_commitment", true}})));
  for (const char* status : {"deregistered", "revoked"}) {
    set_status(status);
    auto refused =
        Submit(Cli(), uscc, {{"address", "杭州市西湖区某路 3 号"}, {"address_commitment", true}});
    EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition) << status;
    EXPECT_EQ(refused.status().field(), "uscc");
  }
  // Outside the clerk's county: 403; an applicant without the licence: 403.
  const identity::Principal clerk_b = Staff("clerk-b", Role::kWindowClerk, t_.b);
  const std::string other = AddEntity(registry::EntityKind::kEnterprise, "杭州梧桐科技有限公司", 5);
  auto outside = Submit(As(clerk_b), other,
                        {{"address", "杭州市西湖区某路 4 号"}, {"address_commitment", true}});
  EXPECT_EQ(outside.status().code(), StatusCode::kPermissionDenied);
  const identity::Principal stranger = Applicant("stranger");
  auto not_holder = Submit(As(stranger), other,
                           {{"address", "杭州市西湖区某路 4 号"}, {"address_commitment", true}},
                           ChangeChannel::kOnline);
  EXPECT_EQ(not_holder.status().code(), StatusCode::kPermissionDenied);
}

// A new legal representative of an enterprise goes through the people
// check (wired to the 严重违法失信名单's bar by the server): refused, nothing
// is written; the same person kept, or an individual business, is not asked.
TEST_P(ChangeTest, ABarredLegalRepresentativeIsRefusedBeforeAnythingIsWritten) {
  std::vector<std::string> asked;
  hooks_.check_legal_rep = [&](soci::session&, const establishment::Person& p) -> Status {
    asked.push_back(p.citizen_id);
    return FailedPreconditionError("不得担任法定代表人", "legal_rep.citizen_id");
  };
  service_ = std::make_unique<ChangeService>(establishment::Rules::Default(), clock_, hooks_);
  const std::string uscc = AddEntity(registry::EntityKind::kEnterprise, "杭州红枫科技有限公司", 6);
  const long long before = Count("SELECT COUNT(*) FROM entity_change");
  auto refused = Submit(Cli(), uscc, {{"legal_rep", {{"name", "李强"}, {"citizen_id", Id(31)}}}});
  EXPECT_EQ(refused.status().field(), "legal_rep.citizen_id");
  EXPECT_EQ(asked, std::vector<std::string>{Id(31)});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM entity_change"), before);
  EXPECT_EQ(EntityOf(uscc).legal_rep_name, "王芳");
}

TEST_P(ChangeTest, AChangeOfWhatTheLicenceShowsReissuesIt) {
  const identity::Principal holder = Applicant("licence-holder");
  const std::string uscc =
      AddEntity(registry::EntityKind::kEnterprise, "杭州银杏贸易有限公司", 7, holder.user_id);
  auto licence = [&] {
    std::optional<license::IssuedLicense> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(license::IssuedLicense l, license::GetLicense(sql, uscc));
      out = l;
      return OkStatus();
    })));
    return *out;
  };
  auto verify = [&](const license::SignedDocument& d) {
    std::optional<license::Verification> out;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(license::Verification v, license::VerifyDocument(sql, d));
      out = v;
      return OkStatus();
    })));
    return *out;
  };
  const license::IssuedLicense before = licence();
  ASSERT_TRUE(IsOk(Submit(
      Cli(), uscc, {{"address", "杭州市西湖区天目山路 200 号"}, {"address_commitment", true}})));
  const license::IssuedLicense after = licence();
  EXPECT_NE(after.serial, before.serial);
  EXPECT_EQ(after.document.payload["address"], "杭州市西湖区天目山路 200 号");
  EXPECT_EQ(after.document.payload["business_scope"], before.document.payload["business_scope"]);
  EXPECT_EQ(after.document.payload["registration_authority"],
            before.document.payload["registration_authority"]);
  EXPECT_TRUE(verify(after.document).valid);
  const license::Verification old = verify(before.document);
  EXPECT_FALSE(old.valid);
  EXPECT_EQ(old.code, "superseded");
  // The holder still administers it; the history says it was reissued.
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(bool admin, license::IsLicenseAdmin(sql, uscc, holder.user_id));
    EXPECT_TRUE(admin);
    return OkStatus();
  })));
  EXPECT_EQ(identity::testing::CountAudit(db(), "license.reissue"), 1);
  // A new scope is printed on the new licence.
  ASSERT_TRUE(IsOk(Submit(Cli(), uscc, {{"scope", {"G01", "G02"}}})));
  EXPECT_EQ(licence().document.payload["business_scope"], "日用百货销售；服装服饰零售");
  EXPECT_EQ(identity::testing::CountAudit(db(), "license.reissue"), 2);
}

TEST_P(ChangeTest, IndividualBusinessChangesOperatorKeepingUsccFoundingDateAndTradeName) {
  const identity::Principal old_operator = Applicant("old-operator", Id(12));
  const identity::Principal new_operator = Applicant("new-operator", Id(44, 1992));
  const std::string uscc = AddEntity(registry::EntityKind::kIndividualBusiness,
                                     "杭州市西湖区老王面馆", 6, old_operator.user_id);
  // The old operator (the licence's administrator) files it online.
  auto change = Submit(As(old_operator), uscc,
                       {{"legal_rep", {{"name", "陈静"}, {"citizen_id", Id(44, 1992)}}}},
                       ChangeChannel::kOnline);
  ASSERT_TRUE(IsOk(change));
  EXPECT_EQ(change->kind, "operator_change");
  EXPECT_EQ(change->state, "effective");
  const registry::Entity e = EntityOf(uscc);
  EXPECT_EQ(e.uscc, uscc);
  EXPECT_EQ(e.established_on.ToString(), "2025-03-10");
  EXPECT_EQ(e.name, "杭州市西湖区老王面馆");
  EXPECT_EQ(e.legal_rep_name, "陈静");
  EXPECT_EQ(e.status, registry::EntityStatus::kActive);
  // The e-licence's administrator rights passed.
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(bool old_admin, license::IsLicenseAdmin(sql, uscc, old_operator.user_id));
    ASSIGN_OR_RETURN(bool new_admin, license::IsLicenseAdmin(sql, uscc, new_operator.user_id));
    EXPECT_FALSE(old_admin);
    EXPECT_TRUE(new_admin);
    return OkStatus();
  })));
  // The history shows it.
  History h = HistoryOf(uscc);
  ASSERT_EQ(h.versions.size(), 2u);
  EXPECT_EQ(h.versions[1].kind, "operator_change");
  // The operator, the licence's administrators, and the licence reissued with the new name.
  ASSERT_EQ(h.versions[1].changes.size(), 3u);
  EXPECT_EQ(h.versions[1].changes[1].field, "license_admin");
  EXPECT_EQ(h.versions[1].changes[1].after, "新经营者");
  EXPECT_EQ(h.versions[1].changes[2].field, "license");
  // The old operator can no longer change it; the new one can.
  auto old_again = Submit(As(old_operator), uscc,
                          {{"address", "杭州市西湖区某路 5 号"}, {"address_commitment", true}},
                          ChangeChannel::kOnline);
  EXPECT_EQ(old_again.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(IsOk(Submit(As(new_operator), uscc,
                          {{"address", "杭州市西湖区某路 5 号"}, {"address_commitment", true}},
                          ChangeChannel::kOnline)));
  // 个体工商户 register no capital or investors.
  auto capital = Submit(Cli(), uscc, {{"registered_capital", 10'000}});
  EXPECT_EQ(capital.status().field(), "registered_capital");
}

TEST_P(ChangeTest, BeneficialOwnersAreFiledInFullAndReadOnlyByTheAllowed) {
  const identity::Principal holder = Applicant("holder");
  const identity::Principal stranger = Applicant("stranger");
  const identity::Principal registrar = Staff("reg", Role::kRegistrar, t_.a);
  const identity::Principal registrar_b = Staff("reg-b", Role::kRegistrar, t_.b);
  const identity::Principal inspector = Staff("insp", Role::kInspector, t_.a);
  const std::string uscc =
      AddEntity(registry::EntityKind::kEnterprise, "杭州香樟科技有限公司", 7, holder.user_id);
  auto file = [&](const identity::Principal& who, const json& body) {
    auto owners = ParseBeneficialOwners(body, ChinaDate(clock_.Now()));
    if (!owners.ok()) return StatusOr<BeneficialOwnerFiling>(owners.status());
    std::optional<BeneficialOwnerFiling> out;
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(
          BeneficialOwnerFiling f,
          FileBeneficialOwners(sql, As(who), ChangeChannel::kOnline, uscc, *owners, clock_));
      out = f;
      return OkStatus();
    });
    return s.ok() ? StatusOr<BeneficialOwnerFiling>(*out) : StatusOr<BeneficialOwnerFiling>(s);
  };
  auto read = [&](const identity::Principal& who) {
    std::optional<BeneficialOwnerFiling> out;
    Status s = db().Transaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(BeneficialOwnerFiling f, GetBeneficialOwners(sql, As(who), uscc, clock_));
      out = f;
      return OkStatus();
    });
    return s.ok() ? StatusOr<BeneficialOwnerFiling>(*out) : StatusOr<BeneficialOwnerFiling>(s);
  };
  const json owner_a = {{"name", "周敏"},        {"citizen_id", Id(52)},
                        {"nationality", "中国"}, {"control_type", "shareholding"},
                        {"ownership_share", 60}, {"from_date", "2025-03-10"}};
  const json owner_b = {{"name", "吴刚"},
                        {"citizen_id", Id(63)},
                        {"nationality", "中国"},
                        {"control_type", "控制"},
                        {"from_date", "2026-01-05"}};
  auto first = file(holder, {{"owners", {owner_a}}});
  ASSERT_TRUE(IsOk(first));
  EXPECT_EQ(first->version, 1);
  auto second = file(holder, {{"owners", {owner_a, owner_b}}});
  ASSERT_TRUE(IsOk(second));
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(file(stranger, {{"owners", {owner_a}}}).status().code(), StatusCode::kPermissionDenied);

  auto bad = owner_b;
  bad["citizen_id"] = "440524188001010015";
  auto refused = file(holder, {{"owners", {owner_a, bad}}});
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "owners[1].citizen_id");
  auto no_share = owner_a;
  no_share.erase("ownership_share");
  EXPECT_EQ(file(holder, {{"owners", {no_share}}}).status().field(), "owners[0].ownership_share");

  auto by_registrar = read(registrar);
  ASSERT_TRUE(IsOk(by_registrar));
  ASSERT_EQ(by_registrar->owners.size(), 2u);
  EXPECT_EQ(by_registrar->owners[1].control_type, "control");
  EXPECT_EQ(by_registrar->owners[0].citizen_id, Id(52));
  EXPECT_TRUE(IsOk(read(holder)));  // the entity's own administrator
  EXPECT_EQ(read(registrar_b).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(read(inspector).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(read(stranger).status().code(), StatusCode::kPermissionDenied);
  // Audit records hold masked IDs only.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%" + Id(52) + "%'"), 0);
  EXPECT_EQ(identity::testing::CountAudit(db(), "beneficial_owner.file"), 2);
  // Each read that was allowed is recorded (the registrar's and the holder's); refusals write
  // nothing.
  EXPECT_EQ(identity::testing::CountAudit(db(), "beneficial_owner.read"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'beneficial_owner.read' AND "
                  "username = 'reg'"),
            1);
}

TEST(MaskingTest, NamesAndIds) {
  EXPECT_EQ(MaskPersonName("张三"), "张*");
  EXPECT_EQ(MaskPersonName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskPersonName("李"), "李*");
  EXPECT_EQ(MaskCitizenId("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskCitizenId(""), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, ChangeTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::lifecycle
