// SPDX-License-Identifier: MulanPSL-2.0
// Licence benchmark: issuing a licence with its e-seals inside a
// registration transaction against inserting the entity alone, rendering the
// PDF, and checking a signature. Prints median and p99 per operation.
//   license_bench [N] [sqlite:PATH]   (default 300 and a fresh file in /tmp)
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "codes/uscc.h"
#include "common/clock.h"
#include "license/license_pdf.h"
#include "license/license_store.h"
#include "registry/entity_store.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace {

using namespace amr;
using Micros = std::chrono::duration<double, std::micro>;

struct Figures {
  double median = 0, p99 = 0;
};

Figures Summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]};
}

registry::Entity Make(int i) {
  registry::Entity e;
  e.uscc = *codes::IssueUscc('9', '1', "330106", static_cast<uint64_t>(i));
  e.name = fmt::format("杭州基准示例{}有限公司", i);
  e.org_form = "有限责任公司";
  e.region_code = "330106";
  e.industry_code = "65";
  e.legal_rep_name = "张三";
  e.registered_capital = 1'000'000;
  e.address = "浙江省杭州市西湖区文三路 1 号";
  e.established_on = ChinaDate(Clock::Real().Now());
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 300;
  std::string url = argc > 2 ? argv[2] : "";
  std::filesystem::path dir;
  if (url.empty()) {
    dir = std::filesystem::temp_directory_path() / fmt::format("amr-license-bench-{}", getpid());
    std::filesystem::create_directories(dir);
    url = "sqlite:" + (dir / "bench.db").string();
  }
  auto db = storage::Database::Open(url);
  if (!db.ok() || !storage::Migrate(**db).ok()) {
    fmt::print(stderr, "cannot open {}\n", url);
    return 1;
  }
  const Clock& clock = Clock::Real();
  std::vector<double> plain, issue;
  license::IssuedLicense last;
  for (int i = 0; i < 2 * n; ++i) {
    const registry::Entity e = Make(i + 1);
    const bool with_licence = i % 2 == 1;  // interleaved, so both see the same file state
    const auto start = std::chrono::steady_clock::now();
    Status s = (*db)->Transaction([&](soci::session& sql) -> Status {
      RETURN_IF_ERROR(registry::InsertEntity(sql, e, FormatChinaTime(clock.Now())));
      if (with_licence) {
        ASSIGN_OR_RETURN(
            last, license::IssueLicense(
                      sql, e,
                      {"软件开发；信息技术咨询服务", "杭州市西湖区市场监督管理局", 1, std::nullopt},
                      clock));
      }
      return OkStatus();
    });
    const double us = Micros(std::chrono::steady_clock::now() - start).count();
    if (!s.ok()) {
      fmt::print(stderr, "{}\n", s.message());
      return 1;
    }
    (with_licence ? issue : plain).push_back(us);
  }
  std::vector<double> pdf, sign, verify;
  license::KeyPair key = license::GenerateKeyPair();
  const std::map<std::string, std::string> keys = {{key.key_id, key.public_key}};
  for (int i = 0; i < std::max(10, n / 10); ++i) {
    auto start = std::chrono::steady_clock::now();
    auto bytes = license::RenderLicensePdf(last.document, "https://amr.example.gov.cn/v");
    pdf.push_back(Micros(std::chrono::steady_clock::now() - start).count());
    if (!bytes.ok()) {
      fmt::print(stderr, "{}\n", bytes.status().message());
      return 1;
    }
  }
  nlohmann::json payload = last.document.payload;
  payload["key_id"] = key.key_id;
  for (int i = 0; i < n; ++i) {
    auto start = std::chrono::steady_clock::now();
    license::SignedDocument d = license::Sign(payload, key);
    sign.push_back(Micros(std::chrono::steady_clock::now() - start).count());
    start = std::chrono::steady_clock::now();
    const bool ok = license::CheckSignature(d, keys).valid();
    verify.push_back(Micros(std::chrono::steady_clock::now() - start).count());
    if (!ok) {
      fmt::print(stderr, "signature check failed\n");
      return 1;
    }
  }
  const Figures fp = Summarise(plain), fi = Summarise(issue), fpdf = Summarise(pdf),
                fs = Summarise(sign), fv = Summarise(verify);
  fmt::print("backend {} n={}\n", storage::BackendName((*db)->backend()), n);
  fmt::print("| operation | median µs | p99 µs |\n|---|---|---|\n");
  fmt::print("| insert entity (one transaction) | {:.0f} | {:.0f} |\n", fp.median, fp.p99);
  fmt::print("| insert entity + IssueLicense (licence, 4 seals, audit) | {:.0f} | {:.0f} |\n",
             fi.median, fi.p99);
  fmt::print("| render PDF (first render, with font loading, included) | {:.0f} | {:.0f} |\n",
             fpdf.median, fpdf.p99);
  fmt::print("| sign licence payload | {:.1f} | {:.1f} |\n", fs.median, fs.p99);
  fmt::print("| check signature | {:.1f} | {:.1f} |\n", fv.median, fv.p99);
  fmt::print("ratio issue/plain (median): {:.2f}; licences issued/s (median): {:.0f}\n",
             fi.median / fp.median, 1e6 / fi.median);
  if (!dir.empty()) std::filesystem::remove_all(dir);
  return 0;
}
