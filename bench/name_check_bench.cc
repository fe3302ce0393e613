// SPDX-License-Identifier: MulanPSL-2.0
// Name-check benchmark: the in-memory NameIndex against PostgreSQL pg_trgm on
// the same names and queries (bench/names.sh runs it; figures in RESULTS.md).
//
//   amr_name_bench COUNT QUERIES [rows:FILE | POSTGRES_URL]
// Generates COUNT entities (registry::EntityGenerator, seed 1), parses and
// indexes their names, then checks QUERIES names (half taken from the
// register, half new) and prints build time, RSS and per-check latency. With
// a URL it loads the same (city, 字号, name) rows into a table with a GIN
// trigram index and runs the same queries as `similarity()` / `%` lookups.
#include <soci/soci.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "codes/regions.h"
#include "common/text.h"
#include "names/name_index.h"
#include "names/name_rules.h"
#include "registry/entity_generator.h"
#include "storage/database.h"

namespace {

using Clock = std::chrono::steady_clock;

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// CPU time of this thread: the check's own work, without time spent
// descheduled on a busy machine.
double ThreadCpuUs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

struct Query {
  std::string name, city, trade;
};

void Report(const char* what, std::vector<double>& us) {
  std::sort(us.begin(), us.end());
  const double median = us[us.size() / 2];
  const double p99 = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  std::printf("%s: n=%zu median %.1f us, p99 %.1f us\n", what, us.size(), median, p99);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace amr;
  if (argc < 3) {
    std::fprintf(stderr, "usage: amr_name_bench COUNT QUERIES [rows:FILE | POSTGRES_URL]\n");
    return 2;
  }
  const long count = std::stol(argv[1]);
  const long queries = std::stol(argv[2]);
  const names::NameWords& words = names::Words();
  const long rss0 = RssKb();
  names::NameIndex index(words);
  auto gen = registry::EntityGenerator::Create(1, {});
  if (!gen.ok()) return 1;
  std::vector<Query> picked;
  // "rows:FILE" writes the (city, 字号, name) rows for PostgreSQL and stops
  // after the index figures; a postgresql:// URL runs the queries there too.
  const std::string target = argc > 3 ? argv[3] : "";
  const bool write_rows = target.rfind("rows:", 0) == 0;
  const bool use_pg = !target.empty() && !write_rows;
  std::ofstream rows;
  if (write_rows) rows.open(target.substr(5));
  const auto t0 = Clock::now();
  long indexed = 0;
  for (long i = 0; i < count; ++i) {
    auto e = gen->Next();
    if (!e.ok()) return 1;
    const codes::Region* city = codes::Regions().AuthorityCity(e->region_code);
    if (city == nullptr) continue;
    auto parts = words.Parse(FoldText(e->name));
    if (!parts.ok()) continue;
    if (static_cast<long>(picked.size()) < queries / 2 && i % 97 == 0) {
      picked.push_back({e->name, city->code, parts->trade_name});
    }
    if (rows.is_open()) rows << city->code << '\t' << parts->trade_name << '\t' << e->name << '\n';
    index.Add({e->uscc, e->name, e->uscc, city->code, e->industry_code, std::move(*parts)});
    ++indexed;
  }
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const long rss1 = RssKb();
  std::printf("indexed %ld of %ld names in %.1f s; RSS +%.0f MiB (total %.0f MiB)\n", indexed,
              count, build_s, (rss1 - rss0) / 1024.0, rss1 / 1024.0);
  // New names: same generator, another seed.
  auto fresh = registry::EntityGenerator::Create(2, {});
  while (static_cast<long>(picked.size()) < queries) {
    auto e = fresh->Next();
    const codes::Region* city = codes::Regions().AuthorityCity(e->region_code);
    auto parts = words.Parse(FoldText(e->name));
    if (city == nullptr || !parts.ok()) continue;
    picked.push_back({e->name, city->code, parts->trade_name});
  }
  const Date today = *Date::FromYmd(2026, 11, 24);
  std::vector<double> us, cpu;
  long conflicts = 0, similar = 0;
  for (const Query& q : picked) {
    const auto s = Clock::now();
    const double c0 = ThreadCpuUs();
    names::NameCheck c = words.CheckWords(q.name);
    if (c.verdict == names::Verdict::kOk) index.Find(c, q.city, "", today);
    cpu.push_back(ThreadCpuUs() - c0);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
    conflicts += c.verdict == names::Verdict::kConflict;
    similar += c.verdict == names::Verdict::kSimilar;
  }
  std::printf("index verdicts: %ld conflict, %ld similar of %zu\n", conflicts, similar,
              picked.size());
  Report("index check (word rules + Art.17 + hints), wall", us);
  Report("index check, thread CPU time", cpu);
  const double index_p99 = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  const double index_median = us[us.size() / 2];

  if (write_rows) rows.close();
  if (use_pg) {
    auto db = storage::Database::Open(argv[3], 1);
    if (!db.ok()) {
      std::fprintf(stderr, "%s\n", db.status().message().c_str());
      return 1;
    }
    auto conn = (*db)->Acquire();
    soci::session& sql = conn->session();
    std::vector<double> pg;
    long found = 0;
    for (const Query& q : picked) {
      const auto s = Clock::now();
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT name, similarity(trade_name, :t) FROM bench_name "
                          "WHERE city = :c AND trade_name % :t2 "
                          "ORDER BY similarity(trade_name, :t3) DESC LIMIT 20",
           soci::use(q.trade), soci::use(q.city), soci::use(q.trade), soci::use(q.trade));
      for (const soci::row& r : rs) {
        (void)r;
        ++found;
      }
      pg.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
    }
    std::printf("pg_trgm rows returned: %ld\n", found);
    Report("PostgreSQL pg_trgm (city = , trade_name %, ORDER BY similarity)", pg);
    const double pg_median = pg[pg.size() / 2];
    const double pg_p99 = pg[std::min(pg.size() - 1, pg.size() * 99 / 100)];
    std::printf("ratio pg/index: median %.1fx, p99 %.1fx\n", pg_median / index_median,
                pg_p99 / index_p99);
  }
  return 0;
}
