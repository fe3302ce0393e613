// SPDX-License-Identifier: MulanPSL-2.0
// amr license verify FILE (--db URL | --keys FILE)
// amr license show USCC [--db URL]
// amr license pdf USCC [--db URL] -o FILE [--base-url URL]
// amr license issue USCC --scope TEXT --authority NAME --holder USER_ID [--db URL]
// amr license keys [--db URL] [-o FILE]
// amr license rotate-key [--db URL]
//
// Exit codes of verify: 0 the licence is valid (signature by a known key of
// the platform and, with --db, the licence on file for an entity not
// deregistered or revoked); 1 it is not (the reason in Chinese); 2 it could
// not be checked (no file, no keys).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "license/license_pdf.h"
#include "license/license_store.h"
#include "license/routes.h"
#include "registry/entity_store.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {

namespace {

constexpr int kCannotCheck = 2;

StatusOr<std::string> ReadFile(const std::string& path, std::string_view field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(fmt::format("无法读取文件 {}", path), std::string(field));
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return UnavailableError(fmt::format("无法写入文件 {}", path));
  return OkStatus();
}

int RunVerify(const std::string& file, const std::string& db_url, const std::string& keys_file) {
  if (db_url.empty() == keys_file.empty()) {
    return ReportError(InvalidArgumentError("须且只须给出 --db（登记机关的数据库）或 --keys（公布的"
                                            "公钥文件，GET /api/v1/licenses/keys 的内容）之一",
                                            "keys"),
                       kCannotCheck);
  }
  auto bytes = ReadFile(file, "file");
  if (!bytes.ok()) return ReportError(bytes.status(), kCannotCheck);
  auto doc = license::ReadDocumentFile(*bytes);
  if (!doc.ok()) {
    fmt::print("执照无效：{}\n", doc.status().message());
    return 1;
  }
  const nlohmann::json& p = doc->payload;
  const std::string who = fmt::format("{}（{}）", p.value("name", "?"), p.value("uscc", "?"));
  if (!keys_file.empty()) {
    auto text = ReadFile(keys_file, "keys");
    if (!text.ok()) return ReportError(text.status(), kCannotCheck);
    auto keys = license::ParsePublicKeys(*text);
    if (!keys.ok()) return ReportError(keys.status(), kCannotCheck);
    license::SignatureCheck check = license::CheckSignature(*doc, *keys);
    if (!check.valid()) {
      fmt::print("执照无效：{}（{}）\n", check.reason, license::VerdictId(check.verdict));
      return 1;
    }
    fmt::print("签名有效：{}，编号 {}，签名密钥 {}\n", who, p.value("serial", "?"), doc->KeyId());
    fmt::print(stderr, "未查询登记机关的数据库：主体状态（注销、吊销）请用 --db 或在线核验\n");
    return 0;
  }
  auto db = OpenStore(db_url);
  if (!db.ok()) return ReportError(db.status(), kCannotCheck);
  license::Verification v;
  Status s = (*db)->ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(v, license::VerifyDocument(sql, *doc));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s, kCannotCheck);
  if (!v.valid) {
    fmt::print("执照无效：{}（{}）\n", v.reason, v.code);
    return 1;
  }
  fmt::print("执照有效：{}，编号 {}，签名密钥 {}，主体状态 {}\n", who, p.value("serial", "?"),
             v.key_id, v.entity_status_name);
  return 0;
}

StatusOr<license::IssuedLicense> Load(storage::Database& db, const std::string& uscc) {
  license::IssuedLicense l;
  RETURN_IF_ERROR(db.ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(l, license::GetLicense(sql, uscc));
    return OkStatus();
  }));
  return l;
}

int RunShow(const std::string& uscc, const std::string& db_url) {
  auto db = OpenStore(db_url);
  if (!db.ok()) return ReportError(db.status());
  auto l = Load(**db, uscc);
  if (!l.ok()) return ReportError(l.status());
  fmt::print("{}\n", l->document.ToJsonText());
  return 0;
}

int RunPdf(const std::string& uscc, const std::string& db_url, const std::string& out,
           const std::string& base_url) {
  auto db = OpenStore(db_url);
  if (!db.ok()) return ReportError(db.status());
  auto l = Load(**db, uscc);
  if (!l.ok()) return ReportError(l.status());
  auto pdf =
      license::RenderLicensePdf(l->document, license::PrintedVerifyUrl(base_url, uscc, l->serial));
  if (!pdf.ok()) return ReportError(pdf.status());
  if (Status s = WriteFile(out, *pdf); !s.ok()) return ReportError(s);
  fmt::print(stderr, "已写入 {}（{} 字节）\n", out, pdf->size());
  return 0;
}

int RunIssue(const std::string& uscc, const std::string& db_url, const std::string& scope,
             const std::string& authority, int64_t holder) {
  auto db = OpenStore(db_url);
  if (!db.ok()) return ReportError(db.status());
  auto entity = registry::GetEntity(**db, uscc);
  if (!entity.ok()) return ReportError(entity.status());
  license::IssuedLicense issued;
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    license::LicenseExtras extras{scope, authority, holder, std::nullopt};
    extras.actor = audit::Actor{};
    extras.actor->username = "cli:license";
    ASSIGN_OR_RETURN(issued, license::IssueLicense(sql, *entity, extras, Clock::Real()));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  fmt::print("{}\n", issued.document.ToJsonText());
  fmt::print(stderr, "已签发执照 {}（签名密钥 {}）和 {} 枚电子印章；印章私钥只在签发时交付\n",
             issued.serial, issued.key_id, issued.seals.size());
  return 0;
}

nlohmann::json KeysJson(const std::vector<license::SigningKeyInfo>& keys) {
  nlohmann::json items = nlohmann::json::array();
  for (const license::SigningKeyInfo& k : keys) {
    items.push_back(
        {{"key_id", k.key_id},
         {"alg", k.algorithm},
         {"public_key", k.public_key},
         {"created_at", k.created_at},
         {"retired_at", k.active() ? nlohmann::json(nullptr) : nlohmann::json(k.retired_at)},
         {"signing", k.active()}});
  }
  return {{"keys", items}};
}

int RunKeys(const std::string& db_url, const std::string& out) {
  auto db = OpenStore(db_url);
  if (!db.ok()) return ReportError(db.status());
  std::vector<license::SigningKeyInfo> keys;
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(license::KeyPair active, license::ActiveSigningKey(sql, Clock::Real()));
    (void)active;
    ASSIGN_OR_RETURN(keys, license::ListSigningKeys(sql));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  const std::string text = KeysJson(keys).dump(2) + "\n";
  if (out.empty()) {
    fmt::print("{}", text);
  } else if (Status w = WriteFile(out, text); !w.ok()) {
    return ReportError(w);
  }
  return 0;
}

int RunRotate(const std::string& db_url) {
  auto db = OpenStore(db_url);
  if (!db.ok()) return ReportError(db.status());
  license::SigningKeyInfo key;
  Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
    audit::Actor actor;
    actor.username = "cli:license";
    ASSIGN_OR_RETURN(key, license::RotateSigningKey(sql, actor, Clock::Real()));
    return OkStatus();
  });
  if (!s.ok()) return ReportError(s);
  fmt::print("新的签名密钥 {}（公钥 {}）；旧密钥已停用签发，仍可用于核验\n", key.key_id,
             key.public_key);
  return 0;
}

}  // namespace

void AddLicenseCommands(CLI::App& app, int* exit_code) {
  auto* group = app.add_subcommand("license", "电子营业执照：核验、查看、打印、签名密钥");
  group->require_subcommand(1);

  auto file = std::make_shared<std::string>();
  auto verify_db = std::make_shared<std::string>();
  auto keys_file = std::make_shared<std::string>();
  auto* verify = group->add_subcommand(
      "verify", "核验执照文件（JSON 或 PDF）：有效退出码 0，无效 1，无法核验 2");
  verify->add_option("FILE", *file, "执照文件：JSON 或本平台生成的 PDF")->required();
  verify->add_option("--db", *verify_db, "登记机关的数据库 URL（同时核对主体状态）");
  verify->add_option("--keys", *keys_file, "公布的公钥文件（GET /api/v1/licenses/keys 的内容）");
  verify->callback([=] { *exit_code = RunVerify(*file, *verify_db, *keys_file); });

  auto show_uscc = std::make_shared<std::string>();
  auto show_db = std::make_shared<std::string>(kDefaultDb);
  auto* show = group->add_subcommand("show", "输出某主体的已签名执照（JSON）");
  show->add_option("USCC", *show_uscc, "统一社会信用代码")->required();
  show->add_option("--db", *show_db, "数据库 URL")->capture_default_str();
  show->callback([=] { *exit_code = RunShow(*show_uscc, *show_db); });

  auto pdf_uscc = std::make_shared<std::string>();
  auto pdf_db = std::make_shared<std::string>(kDefaultDb);
  auto pdf_out = std::make_shared<std::string>();
  auto pdf_base = std::make_shared<std::string>();
  auto* pdf = group->add_subcommand("pdf", "生成执照的 PDF（内嵌签名数据，可用 verify 核验）");
  pdf->add_option("USCC", *pdf_uscc, "统一社会信用代码")->required();
  pdf->add_option("--db", *pdf_db, "数据库 URL")->capture_default_str();
  pdf->add_option("-o,--output", *pdf_out, "输出文件")->required();
  pdf->add_option("--base-url", *pdf_base, "二维码中核验地址的前缀，如 https://amr.example.gov.cn");
  pdf->callback([=] { *exit_code = RunPdf(*pdf_uscc, *pdf_db, *pdf_out, *pdf_base); });

  auto issue_uscc = std::make_shared<std::string>();
  auto issue_db = std::make_shared<std::string>(kDefaultDb);
  auto issue_scope = std::make_shared<std::string>();
  auto issue_authority = std::make_shared<std::string>();
  auto issue_holder = std::make_shared<int64_t>(0);
  auto* issue = group->add_subcommand(
      "issue", "为已登记但尚无电子营业执照的主体签发执照和电子印章（如导入的存量主体）");
  issue->add_option("USCC", *issue_uscc, "统一社会信用代码")->required();
  issue->add_option("--db", *issue_db, "数据库 URL")->capture_default_str();
  issue->add_option("--scope", *issue_scope, "经营范围")->required();
  issue->add_option("--authority", *issue_authority, "登记机关名称")->required();
  issue->add_option("--holder", *issue_holder, "持照人管理员的用户编号")->required();
  issue->callback([=] {
    *exit_code = RunIssue(*issue_uscc, *issue_db, *issue_scope, *issue_authority, *issue_holder);
  });

  auto keys_db = std::make_shared<std::string>(kDefaultDb);
  auto keys_out = std::make_shared<std::string>();
  auto* keys = group->add_subcommand(
      "keys", "输出平台的签名公钥（供 verify --keys 使用；首次调用时生成密钥）");
  keys->add_option("--db", *keys_db, "数据库 URL")->capture_default_str();
  keys->add_option("-o,--output", *keys_out, "输出文件（默认标准输出）");
  keys->callback([=] { *exit_code = RunKeys(*keys_db, *keys_out); });

  auto rotate_db = std::make_shared<std::string>(kDefaultDb);
  auto* rotate = group->add_subcommand("rotate-key", "更换签名密钥：旧密钥停止签发，仍可核验");
  rotate->add_option("--db", *rotate_db, "数据库 URL")->capture_default_str();
  rotate->callback([=] { *exit_code = RunRotate(*rotate_db); });
}

}  // namespace amr::cli
