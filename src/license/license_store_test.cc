// SPDX-License-Identifier: MulanPSL-2.0
#include "license/license_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>

#include "codes/citizen_id.h"
#include "codes/uscc.h"
#include "identity/identity_test_util.h"
#include "registry/entity_store.h"
#include "testing/db_fixture.h"

namespace amr::license {
namespace {

using amr::testing::IsOk;

std::string CitizenId() { return *codes::MakeCitizenId("110101", *Date::Parse("1990-03-07"), 451); }

// The same number with a wrong check character.
std::string BadCitizenId() {
  std::string id = CitizenId();
  id.back() = id.back() == '0' ? '1' : '0';
  return id;
}

registry::Entity Company(std::string uscc, std::string name) {
  registry::Entity e;
  e.uscc = std::move(uscc);
  e.name = std::move(name);
  e.kind = registry::EntityKind::kEnterprise;
  e.org_form = "有限责任公司";
  e.region_code = "330106";
  e.industry_code = "65";
  e.legal_rep_id = "330106199001011234";
  e.legal_rep_name = "张三";
  e.registered_capital = 1'000'000;
  e.address = "浙江省杭州市西湖区文三路 1 号";
  e.established_on = *Date::Parse("2026-02-13");
  return e;
}

class LicenseStoreTest : public amr::testing::DbTest {
 protected:
  void SetUpStore() override {
    auto holder = identity::testing::AddApplicant(db(), clock_, hasher_, "holder");
    auto agent = identity::testing::AddApplicant(db(), clock_, hasher_, "agent");
    auto other = identity::testing::AddApplicant(db(), clock_, hasher_, "other");
    ASSERT_TRUE(holder.ok() && agent.ok() && other.ok());
    holder_ = holder->id;
    agent_ = agent->id;
    other_ = other->id;
    entity_ = Company("91330106MA2B00001X", "杭州西湖示例科技有限公司");
    ASSERT_TRUE(IsOk(Issue(entity_)));
  }

  StatusOr<IssuedLicense> Issue(const registry::Entity& e, bool insert = true) {
    IssuedLicense out;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      if (insert) RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
      ASSIGN_OR_RETURN(out, IssueLicense(sql, e,
                                         {"软件开发；信息技术咨询服务",
                                          "杭州市西湖区市场监督管理局", holder_, std::nullopt},
                                         clock_));
      return OkStatus();
    }));
    return out;
  }

  StatusOr<Verification> Verify(const SignedDocument& doc) {
    Verification v;
    RETURN_IF_ERROR(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(v, VerifyDocument(sql, doc));
      return OkStatus();
    }));
    return v;
  }

  StatusOr<Authorization> Grant(NewAuthorization g) {
    Authorization a;
    RETURN_IF_ERROR(db().Transaction([&](soci::session& sql) -> Status {
      audit::Actor actor;
      actor.user_id = holder_;
      ASSIGN_OR_RETURN(a, GrantAuthorization(sql, entity_.uscc, g, actor, clock_));
      return OkStatus();
    }));
    return a;
  }

  Status Revoke(int64_t id) {
    return db().Transaction([&](soci::session& sql) -> Status {
      audit::Actor actor;
      actor.user_id = holder_;
      return RevokeAuthorization(sql, entity_.uscc, id, actor, clock_).status();
    });
  }

  bool Authorized(int64_t user, std::string_view task) {
    auto r = IsAuthorized(db(), entity_.uscc, user, task, clock_.Now());
    EXPECT_TRUE(IsOk(r));
    return r.ok() && *r;
  }

  // 2026-09-30, the working day before the National Day holiday.
  FakeClock clock_{*ParseTime("2026-09-30T16:00:00+08:00")};
  identity::PasswordHasher hasher_{identity::MinimumCostForTest()};
  registry::Entity entity_;
  int64_t holder_ = 0, agent_ = 0, other_ = 0;
};

TEST_P(LicenseStoreTest, IssuesASignedLicenceWithSealsAndItsHolderAsAdministrator) {
  IssuedLicense l;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(l, GetLicense(sql, entity_.uscc));
    return OkStatus();
  })));
  EXPECT_EQ(l.serial, "20260000000001");
  EXPECT_EQ(l.document.payload["name"], entity_.name);
  EXPECT_EQ(l.document.payload["issued_on"], "2026-09-30");
  EXPECT_EQ(l.document.payload["key_id"], l.key_id);
  ASSERT_EQ(l.seals.size(), 4u);
  EXPECT_EQ(l.seals[0].kind_name, "公章");
  for (const IssuedSeal& s : l.seals) {
    EXPECT_TRUE(s.private_key.empty());  // never stored
    EXPECT_EQ(s.certificate.payload["public_key"], s.public_key);
  }
  auto v = Verify(l.document);
  ASSERT_TRUE(IsOk(v));
  EXPECT_TRUE(v->valid) << v->reason;
  EXPECT_EQ(v->entity_status_name, "存续");
  EXPECT_TRUE(Authorized(holder_, "tax"));
  EXPECT_FALSE(Authorized(other_, "tax"));
  // The audit trail records the issue.
  long long n = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'license.issue' AND target_id = :u",
        soci::into(n), soci::use(entity_.uscc);
    return OkStatus();
  })));
  EXPECT_EQ(n, 1);
}

TEST_P(LicenseStoreTest, SealPrivateKeysSignAndTheCertificateVouchesForThem) {
  registry::Entity e = Company("91330106MA2B00002X", "杭州第二示例有限公司");
  auto l = Issue(e);
  ASSERT_TRUE(IsOk(l));
  ASSERT_FALSE(l->seals.empty());
  const IssuedSeal& seal = l->seals[0];
  auto secret = Base64Decode(seal.private_key, "private_key");
  auto pub = Base64Decode(seal.public_key, "public_key");
  ASSERT_TRUE(secret.ok() && pub.ok());
  // The holder signs with the seal; anyone checks with the certified key.
  auto seal_key_or = KeyPairFromBytes(KeyIdOf(*pub), *pub, *secret);
  ASSERT_TRUE(seal_key_or.ok()) << seal_key_or.status().message();
  const KeyPair& seal_key = *seal_key_or;
  EXPECT_EQ(seal_key.algorithm, SignatureAlgorithm::kSm2Sm3);
  EXPECT_EQ(seal.certificate.algorithm, SignatureAlgorithm::kSm2Sm3);
  SignedDocument stamped =
      Sign({{"contract", "购销合同 001"}, {"key_id", seal_key.key_id}}, seal_key);
  EXPECT_TRUE(CheckSignature(stamped, {{seal_key.key_id, *pub}}).valid());
  // The certificate is the platform's signature over the seal's key.
  std::map<std::string, std::string> platform;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(platform, PublicKeys(sql));
    return OkStatus();
  })));
  EXPECT_TRUE(CheckSignature(seal.certificate, platform).valid());
  // A certificate is not a licence.
  auto v = Verify(seal.certificate);
  ASSERT_TRUE(IsOk(v));
  EXPECT_FALSE(v->valid);
  EXPECT_EQ(v->code, "malformed");
}

TEST_P(LicenseStoreTest, RefusesASecondLicenceAndBadInputWritingNothing) {
  auto again = Issue(entity_, false);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  registry::Entity ghost = Company("91330106MA2B00003X", "不存在有限公司");
  auto missing = Issue(ghost, false);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  registry::Entity gone = Company("91330106MA2B00004X", "已注销有限公司");
  gone.status = registry::EntityStatus::kDeregistered;
  auto dead = Issue(gone);
  EXPECT_EQ(dead.status().code(), StatusCode::kFailedPrecondition);
  Status empty_scope = db().Transaction([&](soci::session& sql) -> Status {
    return IssueLicense(sql, entity_, {"", "登记机关", holder_, std::nullopt}, clock_).status();
  });
  EXPECT_EQ(empty_scope.field(), "business_scope");
  long long licences = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COUNT(*) FROM license", soci::into(licences);
    return OkStatus();
  })));
  EXPECT_EQ(licences, 1);
}

TEST_P(LicenseStoreTest, RotatedKeysKeepOldLicencesValidAndSignNewOnes) {
  IssuedLicense first;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(first, GetLicense(sql, entity_.uscc));
    return OkStatus();
  })));
  SigningKeyInfo rotated;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(rotated, RotateSigningKey(sql, audit::Actor{}, clock_));
    return OkStatus();
  })));
  EXPECT_NE(rotated.key_id, first.key_id);
  auto second = Issue(Company("91330106MA2B00005X", "杭州轮换示例有限公司"));
  ASSERT_TRUE(IsOk(second));
  EXPECT_EQ(second->key_id, rotated.key_id);
  auto v1 = Verify(first.document);
  auto v2 = Verify(second->document);
  ASSERT_TRUE(IsOk(v1) && IsOk(v2));
  EXPECT_TRUE(v1->valid) << v1->reason;
  EXPECT_TRUE(v2->valid) << v2->reason;
  std::vector<SigningKeyInfo> keys;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(keys, ListSigningKeys(sql));
    return OkStatus();
  })));
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].key_id, rotated.key_id);
  EXPECT_TRUE(keys[0].active());
  EXPECT_FALSE(keys[1].active());
}

// A platform upgraded from Ed25519: its signing key is retired on first use,
// a new SM2 key signs, and what the old key signed still verifies.
TEST_P(LicenseStoreTest, AnEd25519SigningKeyGivesWayToSm2AndItsDocumentsStayValid) {
  const KeyPair old = GenerateKeyPair(SignatureAlgorithm::kEd25519);
  SignedDocument signed_before =
      Sign({{"key_id", old.key_id}, {"type", std::string(kLicenseType)}}, old);
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    const std::string pub = Base64Encode(old.public_key);
    const std::string sec = Base64Encode(old.secret_key);
    const std::string later = "2026-09-30T17:00:00+08:00";  // newer than the fixture's key
    sql << "UPDATE license_signing_key SET retired_at = :t WHERE retired_at IS NULL",
        soci::use(later);
    sql << "INSERT INTO license_signing_key (key_id, public_key, secret_key, created_at, "
           "retired_at) VALUES (:id, :pub, :sec, :t, NULL)",
        soci::use(old.key_id), soci::use(pub), soci::use(sec), soci::use(later);
    return OkStatus();
  })));
  KeyPair active;
  std::vector<SigningKeyInfo> keys;
  std::map<std::string, std::string> published;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(active, ActiveSigningKey(sql, clock_));
    ASSIGN_OR_RETURN(keys, ListSigningKeys(sql));
    ASSIGN_OR_RETURN(published, PublicKeys(sql));
    return OkStatus();
  })));
  EXPECT_EQ(active.algorithm, SignatureAlgorithm::kSm2Sm3);
  EXPECT_NE(active.key_id, old.key_id);
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].key_id, active.key_id);
  EXPECT_EQ(keys[0].algorithm, "SM3withSM2");
  auto old_info = std::find_if(keys.begin(), keys.end(),
                               [&](const SigningKeyInfo& k) { return k.key_id == old.key_id; });
  ASSERT_NE(old_info, keys.end());
  EXPECT_EQ(old_info->algorithm, "Ed25519");
  EXPECT_FALSE(old_info->active());
  EXPECT_TRUE(CheckSignature(signed_before, published).valid());
  // The next licence is signed by the SM2 key.
  auto next = Issue(Company("91330106MA2B00006X", "杭州国密示例有限公司"));
  ASSERT_TRUE(IsOk(next));
  EXPECT_EQ(next->key_id, active.key_id);
  EXPECT_EQ(next->document.algorithm, SignatureAlgorithm::kSm2Sm3);
}

TEST_P(LicenseStoreTest, VerificationNamesTamperingUnknownKeysAndTheEntityStatus) {
  IssuedLicense l;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(l, GetLicense(sql, entity_.uscc));
    return OkStatus();
  })));
  SignedDocument tampered = l.document;
  tampered.payload["registered_capital"] = 100'000'000;
  auto bad = Verify(tampered);
  ASSERT_TRUE(IsOk(bad));
  EXPECT_EQ(bad->code, "bad_signature");
  KeyPair stranger = GenerateKeyPair();
  nlohmann::json p = l.document.payload;
  p["key_id"] = stranger.key_id;
  auto unknown = Verify(Sign(p, stranger));
  ASSERT_TRUE(IsOk(unknown));
  EXPECT_EQ(unknown->code, "unknown_key");
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    sql << "UPDATE entity SET status = 'revoked' WHERE uscc = :u", soci::use(entity_.uscc);
    return OkStatus();
  })));
  auto revoked = Verify(l.document);
  ASSERT_TRUE(IsOk(revoked));
  EXPECT_FALSE(revoked->valid);
  EXPECT_EQ(revoked->code, "entity_revoked");
  EXPECT_EQ(revoked->entity_status_name, "吊销");
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    sql << "UPDATE entity SET status = 'suspended' WHERE uscc = :u", soci::use(entity_.uscc);
    return OkStatus();
  })));
  auto suspended = Verify(l.document);
  ASSERT_TRUE(IsOk(suspended));
  EXPECT_TRUE(suspended->valid);  // 歇业 keeps the licence
  EXPECT_EQ(suspended->entity_status_name, "歇业");
}

TEST_P(LicenseStoreTest, QrTokensShowTheLicenceUntilTheyExpire) {
  QrToken t;
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(
        t, CreateQrToken(sql, entity_.uscc, std::chrono::seconds(180), audit::Actor{}, clock_));
    return OkStatus();
  })));
  EXPECT_EQ(t.expires_at, "2026-09-30T16:03:00+08:00");
  auto lookup = [&]() -> StatusOr<QrLookup> {
    QrLookup out;
    RETURN_IF_ERROR(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, ResolveQrToken(sql, t.token, clock_));
      return OkStatus();
    }));
    return out;
  };
  clock_.Advance(std::chrono::seconds(179));
  auto live = lookup();
  ASSERT_TRUE(IsOk(live));
  EXPECT_FALSE(live->expired);
  EXPECT_EQ(live->license.uscc, entity_.uscc);
  clock_.Advance(std::chrono::seconds(1));
  auto dead = lookup();
  ASSERT_TRUE(IsOk(dead));
  EXPECT_TRUE(dead->expired);
  Status unknown = db().ReadTransaction([&](soci::session& sql) -> Status {
    return ResolveQrToken(sql, "no-such-token", clock_).status();
  });
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
}

TEST_P(LicenseStoreTest, AuthorisationRunsFromItsFirstToItsLastDayAcrossTheHoliday) {
  // Granted on 2026-09-30 for the National Day week only.
  NewAuthorization g;
  g.agent_user_id = agent_;
  g.tasks = {"annual_report", "税务办理"};
  g.valid_from = *Date::Parse("2026-10-01");
  g.valid_until = *Date::Parse("2026-10-07");
  auto a = Grant(g);
  ASSERT_TRUE(IsOk(a));
  EXPECT_EQ(a->tasks, (std::vector<std::string>{"annual_report", "tax"}));
  EXPECT_EQ(a->StateAt(clock_.Now()), "pending");
  EXPECT_FALSE(Authorized(agent_, "annual_report"));  // not yet
  clock_.Set(*ParseTime("2026-10-01T00:00:00+08:00"));
  EXPECT_TRUE(Authorized(agent_, "annual_report"));
  EXPECT_TRUE(Authorized(agent_, "tax"));
  EXPECT_FALSE(Authorized(agent_, "deregistration"));  // not granted
  EXPECT_FALSE(Authorized(other_, "annual_report"));
  clock_.Set(*ParseTime("2026-10-07T23:59:59+08:00"));
  EXPECT_TRUE(Authorized(agent_, "annual_report"));
  clock_.Set(*ParseTime("2026-10-08T00:00:00+08:00"));
  EXPECT_FALSE(Authorized(agent_, "annual_report"));  // expired at midnight China time
  auto unknown_task = IsAuthorized(db(), entity_.uscc, agent_, "炒股", clock_.Now());
  EXPECT_EQ(unknown_task.status().field(), "tasks");
}

TEST_P(LicenseStoreTest, RevocationTakesEffectOnTheVeryNextCall) {
  NewAuthorization g;
  g.agent_user_id = agent_;
  g.tasks = {"bank_account"};
  g.valid_from = *Date::Parse("2026-09-30");
  g.valid_until = *Date::Parse("2026-12-31");
  auto a = Grant(g);
  ASSERT_TRUE(IsOk(a));
  EXPECT_TRUE(Authorized(agent_, "bank_account"));
  ASSERT_TRUE(IsOk(Revoke(a->id)));
  EXPECT_FALSE(Authorized(agent_, "bank_account"));
  EXPECT_EQ(Revoke(a->id).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Revoke(a->id + 100).code(), StatusCode::kNotFound);
  std::vector<Authorization> list;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(list, ListAuthorizations(sql, entity_.uscc));
    return OkStatus();
  })));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].StateAt(clock_.Now()), "revoked");
  EXPECT_EQ(list[0].revoked_by, holder_);
}

TEST_P(LicenseStoreTest, AgentsNamedByCitizenIdMatchTheirUsers) {
  // A person without an account yet: the authorisation works once a user
  // with that citizen ID logs in.
  const std::string id = CitizenId();
  NewAuthorization g;
  g.agent_citizen_id = id;
  g.agent_name = "李四";
  g.tasks = {"change"};
  g.valid_from = *Date::Parse("2026-09-30");
  g.valid_until = *Date::Parse("2026-10-31");
  ASSERT_TRUE(IsOk(Grant(g)));
  auto lisi = identity::testing::AddApplicant(db(), clock_, hasher_, "lisi-placeholder");
  ASSERT_TRUE(lisi.ok());
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    long long uid = lisi->id;
    sql << "UPDATE app_user SET citizen_id = :c WHERE id = :id", soci::use(id), soci::use(uid);
    return OkStatus();
  })));
  EXPECT_TRUE(Authorized(lisi->id, "change"));
  EXPECT_FALSE(Authorized(lisi->id, "tax"));
}

// 电子营业执照管理办法（试行）: the holder of an enterprise's licence is its
// legal representative. An applicant who files for them is not; they manage
// the licence only as an agent the holder authorises.
TEST_P(LicenseStoreTest, TheHolderIsTheLegalRepresentativeNotTheFiler) {
  auto uscc = codes::IssueUscc('9', '1', "330106", 8801);
  ASSERT_TRUE(IsOk(uscc));
  registry::Entity e = Company(*uscc, "杭州西湖持照示例有限公司");
  e.legal_rep_id = CitizenId();
  const std::string filer_id = *codes::MakeCitizenId("330106", *Date::Parse("1985-01-01"), 123);
  auto filer = identity::testing::AddApplicant(db(), clock_, hasher_, "filer");
  auto rep = identity::testing::AddApplicant(db(), clock_, hasher_, "legal-rep");
  ASSERT_TRUE(filer.ok() && rep.ok());
  auto set_citizen = [&](int64_t user, const std::string& id) {
    ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
      long long uid = user;
      sql << "UPDATE app_user SET citizen_id = :c WHERE id = :id", soci::use(id), soci::use(uid);
      return OkStatus();
    })));
  };
  set_citizen(filer->id, filer_id);
  auto holder_for = [&](int64_t applicant) {
    int64_t out = -1;
    EXPECT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
      ASSIGN_OR_RETURN(out, LicenseHolderAccount(sql, e, applicant));
      return OkStatus();
    })));
    return out;
  };
  // The legal representative has no account yet: no holder, the filer is not one.
  EXPECT_EQ(holder_for(filer->id), 0);
  set_citizen(rep->id, CitizenId());
  EXPECT_EQ(holder_for(filer->id), rep->id);
  EXPECT_EQ(holder_for(rep->id), rep->id);
  auto issue = [&](int64_t holder) {
    return db().Transaction([&](soci::session& sql) -> Status {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM entity WHERE uscc = :u", soci::use(e.uscc), soci::into(n);
      if (n == 0) RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock_.Now())));
      return IssueLicense(sql, e, {"软件开发", "杭州市西湖区市场监督管理局", holder, std::nullopt},
                          clock_)
          .status();
    });
  };
  Status refused = issue(filer->id);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "holder_user_id");
  EXPECT_NE(refused.message().find("法定代表人"), std::string::npos) << refused.message();
  ASSERT_TRUE(IsOk(issue(rep->id)));
  auto authorized = [&](int64_t user) {
    auto r = IsAuthorized(db(), e.uscc, user, "tax", clock_.Now());
    return r.ok() && *r;
  };
  EXPECT_TRUE(authorized(rep->id));
  EXPECT_FALSE(authorized(filer->id));
  // The holder authorises the filer: an agent from then on.
  NewAuthorization g;
  g.agent_user_id = filer->id;
  g.tasks = {"tax"};
  g.valid_from = ChinaDate(clock_.Now());
  g.valid_until = *Date::Parse("2026-12-31");
  ASSERT_TRUE(IsOk(db().Transaction([&](soci::session& sql) -> Status {
    audit::Actor actor;
    actor.user_id = rep->id;
    return GrantAuthorization(sql, e.uscc, g, actor, clock_).status();
  })));
  EXPECT_TRUE(authorized(filer->id));
}

TEST_P(LicenseStoreTest, BadGrantsNameTheFieldAndWriteNothing) {
  auto expect_field = [&](NewAuthorization g, const std::string& field) {
    auto r = Grant(g);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << field;
    EXPECT_EQ(r.status().field(), field) << r.status().message();
  };
  NewAuthorization ok;
  ok.agent_user_id = agent_;
  ok.tasks = {"tax"};
  ok.valid_from = *Date::Parse("2026-09-30");
  ok.valid_until = *Date::Parse("2026-10-31");
  NewAuthorization g = ok;
  g.agent_user_id = 0;
  expect_field(g, "agent_user_id");  // nobody
  g = ok;
  g.agent_citizen_id = CitizenId();
  expect_field(g, "agent_user_id");  // both
  g = ok;
  g.agent_user_id = 999999;
  expect_field(g, "agent_user_id");  // no such user
  g = ok;
  g.agent_user_id = 0;
  g.agent_citizen_id = BadCitizenId();
  g.agent_name = "王五";
  expect_field(g, "agent_citizen_id");
  g.agent_citizen_id = CitizenId();
  g.agent_name = "";
  expect_field(g, "agent_name");
  g = ok;
  g.tasks = {};
  expect_field(g, "tasks");
  g.tasks = {"tax", "tax"};
  expect_field(g, "tasks");
  g.tasks = {"炒股"};
  expect_field(g, "tasks");
  g = ok;
  g.valid_until = *Date::Parse("2026-09-29");
  expect_field(g, "valid_until");  // before from, and past
  g = ok;
  g.valid_from = *Date::Parse("2026-01-01");
  g.valid_until = *Date::Parse("2026-09-29");
  expect_field(g, "valid_until");  // already over
  g = ok;
  g.valid_until = *Date::Parse("2030-01-01");
  expect_field(g, "valid_until");  // more than three years
  long long n = 0;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    sql << "SELECT COUNT(*) FROM license_authorization", soci::into(n);
    return OkStatus();
  })));
  EXPECT_EQ(n, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, LicenseStoreTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::license
