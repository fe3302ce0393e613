// SPDX-License-Identifier: MulanPSL-2.0
// The verifiable draw at city scale (bench/draw.sh runs it beside PostgreSQL).
//
//   draw_bench POOL_FILE RUNS [PER_VISIT] [OFFICERS]
//   draw_bench --synthetic ENTITIES RUNS [PER_VISIT] [OFFICERS]
//
// POOL_FILE has `key,class` lines (the filtered pool as the store publishes
// it). --synthetic builds the same pool in the process, without PostgreSQL (for
// profiling): the keys and classes bench/draw.sh generates, the 5/6 of ENTITIES
// that pass its filter, sorted.
//
// Not timed: reading or building the pool. Timed once, as when a task's pool is
// published: CheckedPool::Check (the pool check, the pool hash and the strata;
// the check and the hash are also timed apart). Timed RUNS
// times, each with a different entropy: the seed and stratified sampling at 5 %
// per class, the visit list, AssignOfficers over OFFICERS officers in 10
// stations (each visit may take officers of two stations; 1 % of visits carry a
// declared conflict, 10 % a last inspector).
//
// Prints one `name seconds...` line per measure (one figure per run), then
// `name median p99` lines, the result digest (equal digests = equal selections
// and assignments) and the peak resident memory.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "inspection/draw/draw.h"

namespace {

using amr::inspection::PoolEntry;

long PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// A line of /proc/self/status ("VmRSS", "VmHWM") in MiB.
long StatusMiB(const std::string& name) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(name + ":")) return std::stol(line.substr(name.size() + 1)) / 1024;
  }
  return -1;
}

// Resets the peak (VmHWM) to the current resident size (Linux ≥ 4.0).
void ResetPeak() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Wall-clock and CPU seconds since a mark: the machine may be shared, so both
// are reported (CPU time is what the draw itself costs).
struct Mark {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = CpuNow();

  static double CpuNow() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  double Wall() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  }
  double Cpu() const { return CpuNow() - cpu; }
};

std::vector<PoolEntry> ReadPool(const char* path) {
  std::vector<PoolEntry> pool;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t comma = line.find(',');
    if (comma == std::string::npos) continue;
    pool.push_back({line.substr(0, comma), line[comma + 1]});
  }
  return pool;
}

// The entities of bench/draw.sh that pass its filter, in key order. The keys
// are fixed-width, so numeric order is key order; the strings are made in key
// order, as when the pool is read from its file.
std::vector<PoolEntry> SyntheticPool(int64_t entities) {
  std::vector<std::pair<int64_t, char>> numbered;
  numbered.reserve(static_cast<size_t>(entities - entities / 6));
  for (int64_t i = 1; i <= entities; ++i) {
    if (i % 6 == 0) continue;
    const int64_t c = (i * 31) % 100;
    numbered.emplace_back((i * 7919) % 1000000000039, c < 50   ? 'A'
                                                      : c < 85 ? 'B'
                                                      : c < 95 ? 'C'
                                                               : 'D');
  }
  std::sort(numbered.begin(), numbered.end());
  std::vector<PoolEntry> pool;
  pool.reserve(numbered.size());
  char key[32];
  for (const auto& [number, credit_class] : numbered) {
    std::snprintf(key, sizeof(key), "91330%012lldX", static_cast<long long>(number));
    pool.push_back({key, credit_class});
  }
  return pool;
}

// FNV-1a over 64-bit values: a digest of the results of every run.
struct Digest {
  uint64_t h = 0xcbf29ce484222325ULL;
  void Add(uint64_t x) {
    for (int i = 0; i < 8; ++i) {
      h ^= (x >> (8 * i)) & 0xFF;
      h *= 0x100000001b3ULL;
    }
  }
};

// Median and nearest-rank p99.
std::pair<double, double> MedianP99(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  const double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  size_t rank = static_cast<size_t>(0.99 * static_cast<double>(n) + 0.999999);
  return {median, v[std::clamp<size_t>(rank, 1, n) - 1]};
}

}  // namespace

int main(int argc, char** argv) {
  const bool synthetic = argc > 1 && std::string(argv[1]) == "--synthetic";
  const int first = synthetic ? 2 : 1;
  if (argc < first + 2) {
    std::fprintf(stderr,
                 "usage: draw_bench (POOL_FILE | --synthetic ENTITIES) RUNS [PER_VISIT] "
                 "[OFFICERS]\n");
    return 2;
  }
  const int runs = std::stoi(argv[first + 1]);
  const int per_visit = argc > first + 2 ? std::stoi(argv[first + 2]) : 2;
  const int officer_count = argc > first + 3 ? std::stoi(argv[first + 3]) : 300;

  const std::vector<PoolEntry> pool =
      synthetic ? SyntheticPool(std::stoll(argv[first])) : ReadPool(argv[first]);
  const long loading_peak = PeakRssMiB();
  ResetPeak();
  const long rss_pool = StatusMiB("VmRSS");
  std::printf("pool %zu entries, resident after loading %ld MiB (peak while loading %ld MiB)\n",
              pool.size(), rss_pool, loading_peak);

  std::vector<amr::inspection::OfficerCandidate> officers;
  for (int i = 0; i < officer_count; ++i) {
    officers.push_back({1000 + i, "市场监管", i % 10});
  }
  const auto ratios = *amr::inspection::Ratios::Parse("A=0.05,B=0.05,C=0.05,D=0.05");

  // Once per task, when the pool is published: CheckedPool::Check is the check,
  // the hash and the strata; the check and the hash alone are timed apart too.
  std::map<std::string, std::vector<double>> once;
  {
    Mark t0;
    if (!amr::inspection::CheckPool(pool).ok()) {
      std::fprintf(stderr, "pool is not canonical\n");
      return 1;
    }
    once["pool_check"].push_back(t0.Wall());
    once["pool_check_cpu"].push_back(t0.Cpu());
    Mark t1;
    const std::string hash = amr::inspection::PoolHash(pool);
    once["pool_hash"].push_back(t1.Wall());
    once["pool_hash_cpu"].push_back(t1.Cpu());
  }
  Mark publish_mark;
  auto checked = amr::inspection::CheckedPool::Check(pool);
  if (!checked.ok()) return 1;
  once["publish"].push_back(publish_mark.Wall());
  once["publish_cpu"].push_back(publish_mark.Cpu());
  const std::string& hash = checked->hash();

  // Per run, in this order (the order of the printed lines).
  const std::vector<std::string> names = {"sample", "sample_cpu", "visits", "visits_cpu",
                                          "assign", "assign_cpu", "total",  "total_cpu"};
  std::map<std::string, std::vector<double>> per_run;
  Digest digest;
  size_t selected = 0;
  int64_t max_load = 0;
  int64_t min_load = 0;
  for (int r = 0; r < runs; ++r) {
    Mark t0;
    amr::inspection::DrawStream stream(
        amr::inspection::DrawSeed("BENCH-2026-0001", hash, "entropy " + std::to_string(r)));
    auto picked = amr::inspection::SampleStrata(*checked, ratios, stream);
    if (!picked.ok()) return 1;
    per_run["sample"].push_back(t0.Wall());
    per_run["sample_cpu"].push_back(t0.Cpu());

    Mark t1;
    amr::inspection::VisitList visits;
    visits.Reserve(picked->size(), 2 * picked->size() + picked->size() / 8);
    const std::string_view departments[] = {"市场监管"};
    const std::hash<std::string_view> h;
    // The selected entries are spread over the whole pool: fetch each entry and
    // its key text some visits ahead, so that the cache misses overlap.
    constexpr size_t kAhead = 16;
    for (size_t n = 0; n < picked->size(); ++n) {
      if (n + 2 * kAhead < picked->size()) __builtin_prefetch(&pool[(*picked)[n + 2 * kAhead]]);
      if (n + kAhead < picked->size()) __builtin_prefetch(pool[(*picked)[n + kAhead]].uscc.data());
      const std::string_view key = pool[(*picked)[n]].uscc;
      const size_t x = h(key);
      const int64_t stations[] = {static_cast<int64_t>(x % 10), static_cast<int64_t>((x + 1) % 10)};
      const int64_t conflicted[] = {1000 + static_cast<int64_t>(x % 300)};
      const int64_t last[] = {1000 + static_cast<int64_t>((x / 10) % 300)};
      visits.Add(key, departments, stations,
                 std::span<const int64_t>(conflicted, x % 100 == 7 ? 1 : 0),
                 std::span<const int64_t>(last, x % 10 == 3 ? 1 : 0));
    }
    per_run["visits"].push_back(t1.Wall());
    per_run["visits_cpu"].push_back(t1.Cpu());

    Mark t2;
    auto assignment = amr::inspection::AssignOfficers(visits, officers, per_visit, stream);
    if (!assignment.ok()) {
      std::fprintf(stderr, "%s\n", assignment.status().ToString().c_str());
      return 1;
    }
    per_run["assign"].push_back(t2.Wall());
    per_run["assign_cpu"].push_back(t2.Cpu());
    per_run["total"].push_back(t0.Wall());
    per_run["total_cpu"].push_back(t0.Cpu());

    for (size_t i : *picked) digest.Add(i);
    for (int64_t id : assignment->officer_ids) digest.Add(static_cast<uint64_t>(id));
    for (int64_t load : assignment->loads) digest.Add(static_cast<uint64_t>(load));
    selected = picked->size();
    auto [lo, hi] = std::minmax_element(assignment->loads.begin(), assignment->loads.end());
    min_load = *lo;
    max_load = *hi;
  }
  std::printf("selected %zu, loads %lld..%lld\n", selected, static_cast<long long>(min_load),
              static_cast<long long>(max_load));
  auto print = [](const std::string& name, const std::vector<double>& v) {
    std::printf("%s", name.c_str());
    for (double s : v) std::printf(" %.4f", s);
    std::printf("\n");
  };
  for (const auto& [name, v] : once) print(name, v);
  for (const std::string& name : names) print(name, per_run[name]);
  for (const std::string& name : names) {
    auto [median, p99] = MedianP99(per_run[name]);
    std::printf("%s_median_p99 %.4f %.4f\n", name.c_str(), median, p99);
  }
  std::printf("pool_hash_hex %s\nresult_digest %016llx\n", hash.c_str(),
              static_cast<unsigned long long>(digest.h));
  const long peak = StatusMiB("VmHWM");
  std::printf("peak_rss_mib %ld pool_rss_mib %ld draw_extra_mib %ld\n", peak, rss_pool,
              peak - rss_pool);
  return 0;
}
