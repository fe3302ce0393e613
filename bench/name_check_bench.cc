// SPDX-License-Identifier: MulanPSL-2.0
// Name-check benchmark: the in-memory NameIndex against PostgreSQL pg_trgm on
// the same names and queries (bench/names.sh runs it; figures in RESULTS.md).
//
//   amr_name_bench COUNT QUERIES [rows:FILE | POSTGRES_URL] [--snapshot-dir DIR]
// Generates COUNT entities (registry::EntityGenerator, seed 1) one at a
// time (only the queries are kept aside), parses and indexes their names,
// then checks QUERIES names (half taken from the register, half new) and
// prints: build time, RSS growth and bytes per name; the snapshot
// (name_snapshot.h) written to DIR (default the system's temporary folder;
// the file is removed at the end): write time and size; the first index
// dropped, the snapshot loaded into a fresh one (the file evicted from the
// page cache first, so the read is from disk where the system allows it):
// load time and RSS growth; whether every verdict and hit count is the same
// on the loaded index; and check latency (wall and thread CPU) on it. With a
// URL it loads the same (city, 字号, name) rows into a table with a GIN
// trigram index and runs the same queries as `similarity()` / `%` lookups.
#include <fcntl.h>
#include <fmt/format.h>
#include <malloc.h>
#include <soci/soci.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "codes/regions.h"
#include "common/text.h"
#include "names/name_index.h"
#include "names/name_rules.h"
#include "names/name_snapshot.h"
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

// Drops a written file from the page cache (best effort), so reading it
// again measures the disk rather than memory.
void Evict(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

void Report(const char* what, std::vector<double>& us) {
  std::sort(us.begin(), us.end());
  const double median = us[us.size() / 2];
  const double p99 = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  std::printf("%s: n=%zu median %.1f us, p99 %.1f us\n", what, us.size(), median, p99);
}

struct Outcome {
  int verdict;
  size_t hits;
  bool operator==(const Outcome&) const = default;
};

// Checks every query against `index`: the outcomes, and latency figures.
std::vector<Outcome> RunChecks(const amr::names::NameIndex& index, const std::vector<Query>& picked,
                               const char* label, double* median_us, double* p99_us) {
  using namespace amr;
  const names::NameWords& words = names::Words();
  const Date today = *Date::FromYmd(2026, 11, 24);
  std::vector<double> us, cpu;
  std::vector<Outcome> out;
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
    out.push_back({static_cast<int>(c.verdict), c.hits.size()});
  }
  std::printf("%s verdicts: %ld conflict, %ld similar of %zu\n", label, conflicts, similar,
              picked.size());
  Report(fmt::format("{} check (word rules + Art.17 + hints), wall", label).c_str(), us);
  Report(fmt::format("{} check, thread CPU time", label).c_str(), cpu);
  *p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  *median_us = us[us.size() / 2];
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace amr;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::filesystem::path snapshot_dir = std::filesystem::temp_directory_path();
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--snapshot-dir") {
      snapshot_dir = args[i + 1];
      args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
      break;
    }
  }
  if (args.size() < 2) {
    std::fprintf(stderr,
                 "usage: amr_name_bench COUNT QUERIES [rows:FILE | POSTGRES_URL] "
                 "[--snapshot-dir DIR]\n");
    return 2;
  }
  const long count = std::stol(args[0]);
  const long queries = std::stol(args[1]);
  const names::NameWords& words = names::Words();
  // One generator gives at most kMaxCount entities; past that the next seed
  // continues (seeds 1, 2, … draw USCC bodies from disjoint ranges).
  uint64_t seed = 1;
  auto gen = registry::EntityGenerator::Create(seed, {});
  if (!gen.ok()) return 1;
  auto next_entity = [&]() -> StatusOr<registry::Entity> {
    auto e = gen->Next();
    if (e.ok() || e.status().code() != StatusCode::kOutOfRange) return e;
    auto more = registry::EntityGenerator::Create(++seed, {});
    if (!more.ok()) return more.status();
    gen = std::move(more);
    return gen->Next();
  };
  std::vector<Query> picked;
  picked.reserve(static_cast<size_t>(queries));
  // "rows:FILE" writes the (city, 字号, name) rows for PostgreSQL and stops
  // after the index figures; a postgresql:// URL runs the queries there too.
  const std::string target = args.size() > 2 ? args[2] : "";
  const bool write_rows = target.rfind("rows:", 0) == 0;
  const bool use_pg = !target.empty() && !write_rows;
  std::ofstream rows;
  if (write_rows) rows.open(target.substr(5));
  malloc_trim(0);
  const long rss0 = RssKb();
  auto index = std::make_unique<names::NameIndex>(words);
  const auto t0 = Clock::now();
  long indexed = 0;
  for (long i = 0; i < count; ++i) {
    auto e = next_entity();
    if (!e.ok()) return std::fprintf(stderr, "%s\n", e.status().message().c_str()), 1;
    const codes::Region* city = codes::Regions().AuthorityCity(e->region_code);
    if (city == nullptr) continue;
    auto parts = words.Parse(FoldText(e->name));
    if (!parts.ok()) continue;
    if (static_cast<long>(picked.size()) < queries / 2 && i % 97 == 0) {
      picked.push_back({e->name, city->code, parts->trade_name});
    }
    if (rows.is_open()) rows << city->code << '\t' << parts->trade_name << '\t' << e->name << '\n';
    index->Add({e->uscc, e->name, e->uscc, city->code, e->industry_code, std::move(*parts)});
    ++indexed;
  }
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const long rss1 = RssKb();
  const double per_name = indexed > 0 ? (rss1 - rss0) * 1024.0 / indexed : 0;
  std::printf("indexed %ld of %ld names in %.1f s (%.2f us/name)\n", indexed, count, build_s,
              indexed > 0 ? build_s * 1e6 / indexed : 0.0);
  std::printf(
      "built index: RSS +%.0f MiB (total %.0f MiB), %.1f bytes/name; arrays %.1f bytes/name\n",
      (rss1 - rss0) / 1024.0, rss1 / 1024.0, per_name,
      indexed > 0 ? static_cast<double>(index->bytes()) / indexed : 0.0);
  // New names: same generator, another seed.
  auto fresh = registry::EntityGenerator::Create(2, {});
  while (static_cast<long>(picked.size()) < queries) {
    auto e = fresh->Next();
    const codes::Region* city = codes::Regions().AuthorityCity(e->region_code);
    auto parts = words.Parse(FoldText(e->name));
    if (city == nullptr || !parts.ok()) continue;
    picked.push_back({e->name, city->code, parts->trade_name});
  }
  double median = 0, p99 = 0;
  const std::vector<Outcome> built = RunChecks(*index, picked, "built index", &median, &p99);

  // The snapshot: written, the built index dropped, read into a fresh one.
  const std::filesystem::path snap =
      snapshot_dir / fmt::format("amr_name_bench_{}.names-index", ::getpid());
  names::NameSnapshotHeader header{12345, "bench", "", words.fingerprint()};
  const auto w0 = Clock::now();
  auto written = names::WriteNameSnapshot(*index, header, snap);
  const double write_s = std::chrono::duration<double>(Clock::now() - w0).count();
  if (!written.ok()) {
    std::fprintf(stderr, "%s\n", written.status().message().c_str());
    return 1;
  }
  std::printf("snapshot written in %.2f s: %.1f MiB (%.1f bytes/name) to %s\n", write_s,
              *written / 1048576.0, static_cast<double>(*written) / std::max(1L, indexed),
              snap.c_str());
  index.reset();
  malloc_trim(0);
  Evict(snap);
  const long rss2 = RssKb();
  auto loaded = std::make_unique<names::NameIndex>(words);
  const auto l0 = Clock::now();
  auto read = names::ReadNameSnapshot(snap, *loaded);
  const double load_s = std::chrono::duration<double>(Clock::now() - l0).count();
  const long rss3 = RssKb();
  std::filesystem::remove(snap);
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", read.status().message().c_str());
    return 1;
  }
  std::printf(
      "snapshot loaded in %.2f s (%.3f us/name) into a fresh index: %zu names, RSS +%.0f MiB "
      "(%.1f bytes/name; before %.0f MiB, after %.0f MiB)\n",
      load_s, indexed > 0 ? load_s * 1e6 / indexed : 0.0, loaded->size(), (rss3 - rss2) / 1024.0,
      indexed > 0 ? (rss3 - rss2) * 1024.0 / indexed : 0.0, rss2 / 1024.0, rss3 / 1024.0);
  double loaded_median = 0, loaded_p99 = 0;
  const std::vector<Outcome> after =
      RunChecks(*loaded, picked, "loaded index", &loaded_median, &loaded_p99);
  std::printf("verdicts and hit counts identical after the snapshot: %s\n",
              built == after ? "yes" : "NO");
  const double index_p99 = loaded_p99;
  const double index_median = loaded_median;

  if (write_rows) rows.close();
  if (use_pg) {
    auto db = storage::Database::Open(target, 1);
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
  return built == after ? 0 : 1;
}
