// SPDX-License-Identifier: MulanPSL-2.0
// The verifiable draw at city scale (bench/draw.sh runs it beside PostgreSQL).
//
//   draw_bench POOL_FILE RUNS [PER_VISIT] [OFFICERS]
//
// POOL_FILE has `key,class` lines (the filtered pool as the store publishes
// it). Not timed: reading the file. Timed, RUNS times each with a different
// entropy: (1) publication: CheckPool + PoolHash; (2) draw + assignment: seed,
// stratified sampling at 5 % per class, the visit list, AssignOfficers over
// OFFICERS officers in 10 stations (each visit may take officers of two
// stations; 1 % of visits carry a declared conflict, 10 % a last inspector).
// Prints `name seconds...` lines and the peak resident memory.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: draw_bench POOL_FILE RUNS [PER_VISIT] [OFFICERS]\n");
    return 2;
  }
  const int runs = std::stoi(argv[2]);
  const int per_visit = argc > 3 ? std::stoi(argv[3]) : 2;
  const int officer_count = argc > 4 ? std::stoi(argv[4]) : 300;

  std::vector<PoolEntry> pool;
  {
    std::ifstream in(argv[1]);
    std::string line;
    while (std::getline(in, line)) {
      size_t comma = line.find(',');
      if (comma == std::string::npos) continue;
      pool.push_back({line.substr(0, comma), line[comma + 1]});
    }
  }
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

  std::string hash;
  std::vector<double> publish;
  std::vector<double> publish_cpu;
  for (int r = 0; r < std::max(1, runs / 4); ++r) {
    Mark t0;
    if (!amr::inspection::CheckPool(pool).ok()) {
      std::fprintf(stderr, "pool is not canonical\n");
      return 1;
    }
    hash = amr::inspection::PoolHash(pool);
    publish.push_back(t0.Wall());
    publish_cpu.push_back(t0.Cpu());
  }

  std::vector<double> draw;
  std::vector<double> draw_cpu;
  std::vector<double> sample_only;
  std::vector<double> sample_cpu;
  std::vector<double> visits_cpu;
  size_t selected = 0;
  int64_t max_load = 0;
  int64_t min_load = 0;
  for (int r = 0; r < runs; ++r) {
    Mark t0;
    amr::inspection::DrawStream stream(
        amr::inspection::DrawSeed("BENCH-2026-0001", hash, "entropy " + std::to_string(r)));
    auto picked = amr::inspection::SampleStrata(pool, ratios, stream);
    if (!picked.ok()) return 1;
    sample_only.push_back(t0.Wall());
    sample_cpu.push_back(t0.Cpu());
    std::vector<amr::inspection::VisitRequest> visits;
    visits.reserve(picked->size());
    std::hash<std::string> h;
    for (size_t i : *picked) {
      const std::string& key = pool[i].uscc;
      const size_t x = h(key);
      amr::inspection::VisitRequest v;
      v.uscc = key;
      v.departments = {"市场监管"};
      v.stations = {static_cast<int64_t>(x % 10), static_cast<int64_t>((x + 1) % 10)};
      if (x % 100 == 7) v.conflicted_officers = {1000 + static_cast<int64_t>(x % 300)};
      if (x % 10 == 3) v.last_inspectors = {1000 + static_cast<int64_t>((x / 10) % 300)};
      visits.push_back(std::move(v));
    }
    visits_cpu.push_back(t0.Cpu());
    auto assignment = amr::inspection::AssignOfficers(visits, officers, per_visit, stream);
    if (!assignment.ok()) {
      std::fprintf(stderr, "%s\n", assignment.status().ToString().c_str());
      return 1;
    }
    draw.push_back(t0.Wall());
    draw_cpu.push_back(t0.Cpu());
    selected = picked->size();
    auto [lo, hi] = std::minmax_element(assignment->loads.begin(), assignment->loads.end());
    min_load = *lo;
    max_load = *hi;
  }
  std::printf("selected %zu, loads %lld..%lld\n", selected, static_cast<long long>(min_load),
              static_cast<long long>(max_load));
  auto print = [](const char* name, const std::vector<double>& v) {
    std::printf("%s", name);
    for (double s : v) std::printf(" %.4f", s);
    std::printf("\n");
  };
  print("publish", publish);
  print("publish_cpu", publish_cpu);
  print("sample", sample_only);
  print("sample_cpu", sample_cpu);
  print("visits_built_cpu", visits_cpu);
  print("draw_assign", draw);
  print("draw_assign_cpu", draw_cpu);
  const long peak = StatusMiB("VmHWM");
  std::printf("peak_rss_mib %ld pool_rss_mib %ld draw_extra_mib %ld\n", peak, rss_pool,
              peak - rss_pool);
  return 0;
}
