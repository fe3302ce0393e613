// SPDX-License-Identifier: MulanPSL-2.0
// 企业开办 end to end: submit → registered (秒批) → department steps dispatched,
// one application per transaction, wired as `amr serve` wires it (the name
// engine checks the name and records it, the e-licence is issued, the steps
// go to the outbox), against the plain way: the same rows (application, 7
// steps, entity) written by hand-made INSERTs with no validation, no USCC
// counter, no name record, no licence and no audit record.
//
//   establishment_bench --db URL [--count N] [--clients C]
//
// C client threads (default 1), each with its own pooled connection, share
// the N applications of each path. Prints median and p99 latency per
// application, applications per second over the whole run, and the attempts
// the store had to rerun after a concurrency conflict.
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/registration_wiring.h"
#include "codes/calendar.h"
#include "codes/uscc.h"
#include "establishment/service.h"
#include "identity/org_unit_store.h"
#include "names/name_service.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr {
namespace {

using Clock_ = std::chrono::steady_clock;
using nlohmann::json;

// A 字号 of three characters per i (i < 1,681): its first two characters
// differ from every other's and no two share a reading, so no name of the run
// is similar to another (containment, homophone) and each goes to 秒批.
std::string TradeName(int i) {
  static constexpr const char* kChars[] = {
      "嘉", "禾", "瑞", "丰", "泰", "鑫", "恒", "翰", "墨", "韵", "澄", "朗", "柏", "榕",
      "棠", "琪", "珂", "骁", "皓", "霁", "岚", "沐", "汐", "笙", "宸", "璐", "铭", "诺",
      "帆", "途", "舟", "悦", "旭", "逸", "卓", "凯", "拓", "黎", "闻", "策", "舒"};
  constexpr int kCount = sizeof(kChars) / sizeof(kChars[0]);
  return std::string(kChars[i % kCount]) + kChars[(i / kCount) % kCount] + "达";
}

json Form(int i) {
  return {
      {"kind", "有限责任公司"},
      {"name", "杭州" + TradeName(i) + "科技有限公司"},
      {"legal_rep", {{"name", "张三"}, {"citizen_id", "11010519491231002X"}}},
      {"investors",
       {{{"name", "张三"}, {"citizen_id", "11010519491231002X"}, {"subscribed_capital", 100000}}}},
      {"registered_capital", 100000},
      {"address", "浙江省杭州市西湖区文三路 90 号"},
      {"address_commitment", true},
      {"scope", {"G04", "G05"}},
      {"region_code", "330106"},
      {"industry_code", "65"},
      {"materials",
       {"application_form", "legal_rep_id", "articles", "investor_ids", "officer_appointment",
        "address_commitment"}},
      {"options",
       {{"seal", {{"kinds", {"公章"}}}},
        {"tax", {{"invoice_kinds", {"全面数字化的电子发票"}}, {"tax_ukey", true}}},
        {"social_insurance", true},
        {"medical_insurance", true},
        {"housing_fund", true},
        {"bank_account", {{"bank", "中国工商银行"}, {"branch", "文三路支行"}}}}}};
}

struct Summary {
  double median_ms = 0, p99_ms = 0, per_second = 0;
};

Summary Summarise(std::vector<double> ms, double total_seconds) {
  std::sort(ms.begin(), ms.end());
  Summary s;
  s.median_ms = ms[ms.size() / 2];
  s.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  s.per_second = static_cast<double>(ms.size()) / total_seconds;
  return s;
}

// Runs `one(i)` for i in [0, count) on `clients` threads; the first error
// stops every thread and lands in `failed`.
Summary RunClients(int count, int clients, const std::function<Status(int)>& one, Status& failed) {
  std::vector<std::vector<double>> ms(clients);
  std::atomic<int> next{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  const auto start = Clock_::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = next++; i < count && !stop; i = next++) {
        const auto t0 = Clock_::now();
        Status s = one(i);
        if (!s.ok()) {
          std::lock_guard lock(mu);
          if (failed.ok()) failed = s;
          stop = true;
          return;
        }
        ms[c].push_back(std::chrono::duration<double, std::milli>(Clock_::now() - t0).count());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock_::now() - start).count();
  std::vector<double> all;
  for (auto& v : ms) all.insert(all.end(), v.begin(), v.end());
  if (all.empty()) return {};
  return Summarise(std::move(all), seconds);
}

int Run(const std::string& url, int count, int clients) {
  auto db = storage::Database::Open(url, clients + 1);
  if (!db.ok()) return fmt::print(stderr, "{}\n", db.status().message()), 1;
  if (Status s = storage::Migrate(**db); !s.ok()) return fmt::print(stderr, "{}\n", s.message()), 1;
  const Clock& clock = Clock::Real();
  identity::Caller system;
  int64_t authority = 0;
  Status seeded = (*db)->Transaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(identity::OrgUnit root, identity::CreateRootOrgUnit(sql, system, clock));
    ASSIGN_OR_RETURN(
        identity::OrgUnit a,
        identity::CreateOrgUnit(
            sql, {root.id, "bench-a", "基准县局", "county_bureau", "", "330106"}, system, clock));
    authority = a.id;
    for (const char* d :
         {"seal", "tax", "social_insurance", "medical_insurance", "housing_fund", "bank_account"}) {
      RETURN_IF_ERROR(identity::CreateOrgUnit(
                          sql, {root.id, std::string("bench-") + d, d, "department", d, "330106"},
                          system, clock)
                          .status());
    }
    return OkStatus();
  });
  if (!seeded.ok()) return fmt::print(stderr, "{}\n", seeded.message()), 1;

  names::NameService names(db->get(), clock);
  if (Status s = names.Start(); !s.ok()) return fmt::print(stderr, "{}\n", s.message()), 1;
  const establishment::Rules& rules = establishment::Rules::Default();
  establishment::EstablishmentService service(rules, clock, codes::ShippedCalendar(),
                                              cli::RegistrationWiring(names, rules, clock));
  std::atomic<int> reviewed{0};
  // As the route does: parse, follow the change log, then one READ COMMITTED
  // transaction.
  auto amr_one = [&](int i) -> Status {
    auto form = establishment::ParseForm(Form(i), service.rules(), ChinaDate(clock.Now()));
    if (!form.ok()) return form.status();
    RETURN_IF_ERROR(service.CatchUp());
    return (*db)->Transaction(
        [&](soci::session& sql) -> Status {
          ASSIGN_OR_RETURN(auto app,
                           service.Submit(sql, system, establishment::Channel::kCli, *form));
          if (app.decision != "instant_approval") {
            ++reviewed;
          } else if (app.steps.size() != 7) {
            return InternalError("steps not dispatched");
          }
          return OkStatus();
        },
        storage::Database::Isolation::kReadCommitted);
  };
  // Plain: PostgreSQL's default isolation, as a peer would write them.
  auto plain_one = [&](int i) -> Status {
    return (*db)->Transaction(
        [&](soci::session& sql) -> Status {
          const std::string now = FormatChinaTime(clock.Now());
          const std::string form = Form(i).dump();
          const std::string name = fmt::format("杭州直写{}科技有限公司", i);
          ASSIGN_OR_RETURN(std::string uscc, codes::IssueUscc('9', '1', "330106", 5'000'000 + i));
          long long unit = authority, id = 0;
          sql << "INSERT INTO establishment_application (submitted_by, channel, "
                 "authority_org_unit_id, "
                 "region_code, entity_kind, name, form_json, decision, state, uscc, submitted_at, "
                 "registered_at, updated_at) VALUES ('bench', 'cli', :u, '330106', "
                 "'limited_company', "
                 ":n, :f, 'instant_approval', 'registered', :c, :t1, :t2, :t3) RETURNING id",
              soci::use(unit), soci::use(name), soci::use(form), soci::use(uscc), soci::use(now),
              soci::use(now), soci::use(now), soci::into(id);
          for (const char* kind : {"registration", "seal", "tax", "social_insurance",
                                   "medical_insurance", "housing_fund", "bank_account"}) {
            const std::string k = kind;
            sql << "INSERT INTO establishment_step (application_id, kind, org_unit_id, state, "
                   "sla_minutes, started_at, updated_at) VALUES (:a, :k, :u, 'pending', 420, :t1, "
                   ":t2)",
                soci::use(id), soci::use(k), soci::use(unit), soci::use(now), soci::use(now);
          }
          sql << "INSERT INTO entity (uscc, name, kind, org_form, region_code, industry_code, "
                 "legal_rep_id, legal_rep_name, registered_capital, address, status, "
                 "established_on, "
                 "created_at, updated_at) VALUES (:c, :n, 'enterprise', '有限责任公司', '330106', "
                 "'65', "
                 "'11010519491231002X', '张三', 100000, '文三路 90 号', 'active', '2026-11-24', "
                 ":t1, "
                 ":t2)",
              soci::use(uscc), soci::use(name), soci::use(now), soci::use(now);
          return OkStatus();
        },
        storage::Database::Isolation::kReadCommitted);
  };
  Status failed;
  const long long reruns0 = (*db)->reruns();
  const Summary amr = RunClients(count, clients, amr_one, failed);
  if (!failed.ok()) return fmt::print(stderr, "{}\n", failed.message()), 1;
  const long long amr_reruns = (*db)->reruns() - reruns0;
  const Summary plain = RunClients(count, clients, plain_one, failed);
  if (!failed.ok()) return fmt::print(stderr, "{}\n", failed.message()), 1;
  const long long plain_reruns = (*db)->reruns() - reruns0 - amr_reruns;
  fmt::print("backend {}, {} client(s), {} applications per path\n",
             storage::BackendName((*db)->backend()), clients, count);
  fmt::print(
      "| path | applications | median ms | p99 ms | applications/s |\n|---|---|---|---|---|\n");
  fmt::print(
      "| amr (validate, 秒批, USCC, entity, 7 steps, audit) | {} | {:.2f} | {:.2f} | {:.0f} |\n",
      count, amr.median_ms, amr.p99_ms, amr.per_second);
  fmt::print("reruns after a conflict: amr {}, plain {}; sent to review instead of 秒批: {}\n",
             amr_reruns, plain_reruns, reviewed.load());
  fmt::print("| plain INSERTs (same rows, no checks) | {} | {:.2f} | {:.2f} | {:.0f} |\n", count,
             plain.median_ms, plain.p99_ms, plain.per_second);
  fmt::print("ratio amr/plain: median time {:.2f}, throughput {:.2f}\n",
             amr.median_ms / plain.median_ms, plain.per_second / amr.per_second);
  return 0;
}

}  // namespace
}  // namespace amr

int main(int argc, char** argv) {
  std::string url;
  int count = 1000;
  int clients = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--db") url = argv[i + 1];
    if (arg == "--count") count = std::atoi(argv[i + 1]);
    if (arg == "--clients") clients = std::atoi(argv[i + 1]);
  }
  if (url.empty() || count <= 0 || count > 1681 || clients <= 0 || clients > 256) {
    fmt::print(stderr,
               "usage: establishment_bench --db URL [--count N ≤ 1681] [--clients C ≤ 256]\n");
    return 2;
  }
  return amr::Run(url, count, clients);
}
