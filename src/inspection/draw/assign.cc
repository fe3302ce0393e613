// SPDX-License-Identifier: MulanPSL-2.0
// Officer assignment (docs/draw-spec.md §5): per visit the least-loaded
// eligible officers with random tie-breaking from the draw stream, then a
// deterministic repair that moves visits from heavy to light officers.
//
// Officers are kept in ascending id order as bit positions; a visit's eligible
// set is a bitset, and officers are also bucketed by load (one bitset per load
// level), so "the eligible officers of least load" is a few word operations.
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <unordered_map>
#include <utility>
#include <vector>

#include "inspection/draw/draw.h"

namespace amr::inspection {

namespace {

using Bits = std::vector<uint64_t>;

size_t Popcount(const uint64_t* w, size_t words) {
  size_t n = 0;
  for (size_t i = 0; i < words; ++i) n += static_cast<size_t>(std::popcount(w[i]));
  return n;
}

class Assigner {
 public:
  Assigner(const VisitList& visits, std::span<const OfficerCandidate> officers, int per_visit)
      : visits_(visits), per_visit_(static_cast<size_t>(per_visit)) {
    order_.resize(officers.size());
    for (size_t i = 0; i < officers.size(); ++i) order_[i] = i;
    std::sort(order_.begin(), order_.end(),
              [&](size_t a, size_t b) { return officers[a].id < officers[b].id; });
    for (size_t pos : order_) {
      ids_.push_back(officers[pos].id);
      stations_.push_back(officers[pos].station);
      auto [it, inserted] = department_ids_.try_emplace(officers[pos].department,
                                                        static_cast<int>(department_ids_.size()));
      departments_.push_back(it->second);
    }
    n_ = ids_.size();
    words_ = (n_ + 63) / 64;
    loads_.assign(n_, 0);
    level_count_.assign(1, n_);
    level_bits_.assign(words_, 0);
    for (size_t j = 0; j < n_; ++j) level_bits_[j / 64] |= uint64_t{1} << (j % 64);
    for (std::string_view name : visits_.department_names()) {
      auto it = department_ids_.find(std::string(name));
      visit_departments_.push_back(it == department_ids_.end() ? -1 : it->second);
    }
  }

  Status CheckOfficers() const {
    for (size_t j = 1; j < n_; ++j) {
      if (ids_[j] == ids_[j - 1]) {
        return InvalidArgumentError(fmt::format("执法人员 {} 重复列出", ids_[j]), "officers");
      }
    }
    return OkStatus();
  }

  // Groups visits by their department/station requirement and checks that each
  // visit has enough eligible officers, naming the first that has not.
  Status Prepare() {
    group_of_.resize(visits_.size());
    Bits scratch(words_);
    for (size_t v = 0; v < visits_.size(); ++v) {
      const std::string_view key = visits_.key(v);
      if (visits_.departments(v).empty()) {
        return InvalidArgumentError(fmt::format("检查对象 {} 未指明可派出执法人员的部门", key),
                                    "departments");
      }
      if (v == visits_.first_unordered()) {
        return InvalidArgumentError(
            fmt::format("检查对象须按标识升序且不重复：{} 排在 {} 之后", key, visits_.key(v - 1)),
            "visits");
      }
      if (v > 0 && std::ranges::equal(visits_.departments(v - 1), visits_.departments(v)) &&
          std::ranges::equal(visits_.stations(v - 1), visits_.stations(v))) {
        group_of_[v] = group_of_[v - 1];
      } else {
        group_of_[v] = GroupOf(v);
      }
      RETURN_IF_ERROR(CheckEnough(v, scratch));
    }
    return OkStatus();
  }

  // The greedy phase: consumes the stream.
  void Greedy(DrawStream& stream) {
    result_.assign(visits_.size() * per_visit_, 0);
    Bits eligible(words_);
    for (size_t v = 0; v < visits_.size(); ++v) {
      const bool exact_group = EligibleOf(v, eligible.data());
      size_t start = group_min_hint_[group_of_[v]];
      for (size_t p = 0; p < per_visit_; ++p) {
        auto [level, ties] = LeastLoaded(eligible.data(), start);
        if (p == 0 && exact_group) group_min_hint_[group_of_[v]] = level;
        start = level;
        size_t pick = NthAt(level, eligible.data(), stream.Uniform(ties));
        eligible[pick / 64] &= ~(uint64_t{1} << (pick % 64));
        result_[v * per_visit_ + p] = static_cast<uint32_t>(pick);
        Move(pick, +1);
      }
    }
  }

  // The repair phase: deterministic, no stream.
  void Repair() {
    Bits eligible(words_);
    bool moved = true;
    while (moved) {
      moved = false;
      const size_t floor = min_level_;
      for (size_t v = 0; v < visits_.size(); ++v) {
        uint32_t* slots = &result_[v * per_visit_];
        bool any = false;
        for (size_t p = 0; p < per_visit_; ++p) any = any || loads_[slots[p]] >= floor + 2;
        if (!any) continue;
        EligibleOf(v, eligible.data());
        for (size_t p = 0; p < per_visit_; ++p) {
          eligible[slots[p] / 64] &= ~(uint64_t{1} << (slots[p] % 64));
        }
        snapshot_.assign(slots, slots + per_visit_);
        std::sort(snapshot_.begin(), snapshot_.end());
        for (uint32_t a : snapshot_) {
          const size_t la = loads_[a];
          if (la < floor + 2) continue;
          auto [level, ties] = LeastLoaded(eligible.data(), floor, la - 2);
          if (ties == 0) continue;
          size_t b = NthAt(level, eligible.data(), 0);
          uint32_t* slot = std::find(slots, slots + per_visit_, a);
          *slot = static_cast<uint32_t>(b);
          eligible[b / 64] &= ~(uint64_t{1} << (b % 64));
          eligible[a / 64] |= uint64_t{1} << (a % 64);
          Move(a, -1);
          Move(b, +1);
          moved = true;
        }
      }
    }
  }

  Assignment Result(std::span<const OfficerCandidate> officers) const {
    Assignment out;
    out.per_visit = static_cast<int>(per_visit_);
    out.officer_ids.resize(result_.size());
    for (size_t i = 0; i < result_.size(); ++i) out.officer_ids[i] = ids_[result_[i]];
    for (size_t v = 0; v < visits_.size(); ++v) {
      auto first = out.officer_ids.begin() + static_cast<std::ptrdiff_t>(v * per_visit_);
      std::sort(first, first + static_cast<std::ptrdiff_t>(per_visit_));
    }
    out.loads.assign(officers.size(), 0);
    for (size_t j = 0; j < n_; ++j) out.loads[order_[j]] = static_cast<int64_t>(loads_[j]);
    return out;
  }

 private:
  static uint64_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }

  // The officers' department id of a visit's department reference (−1: none).
  int DepartmentId(uint32_t ref) const { return visit_departments_[ref]; }

  // The group of officers a visit's department/station requirement admits,
  // found by an order-insensitive hash and an exact set comparison (no
  // allocation for a requirement seen before).
  uint32_t GroupOf(size_t v) {
    uint64_t key = 0;
    for (uint32_t d : visits_.departments(v)) {
      key += Mix(static_cast<uint64_t>(DepartmentId(d)) + 0x9E3779B97F4A7C15ULL);
    }
    for (int64_t st : visits_.stations(v)) {
      key += Mix(static_cast<uint64_t>(st) ^ 0x5bd1e995ULL) * 3;
    }
    auto& candidates = group_index_[key];
    for (uint32_t g : candidates) {
      if (SameRequirement(v, g)) return g;
    }
    Requirement req;
    for (uint32_t d : visits_.departments(v)) req.departments.push_back(DepartmentId(d));
    std::sort(req.departments.begin(), req.departments.end());
    req.departments.erase(std::unique(req.departments.begin(), req.departments.end()),
                          req.departments.end());
    req.stations.assign(visits_.stations(v).begin(), visits_.stations(v).end());
    std::sort(req.stations.begin(), req.stations.end());
    req.stations.erase(std::unique(req.stations.begin(), req.stations.end()), req.stations.end());
    Bits bits(words_, 0);
    for (size_t j = 0; j < n_; ++j) {
      bool dep_ok =
          std::binary_search(req.departments.begin(), req.departments.end(), departments_[j]);
      bool station_ok = req.stations.empty() ||
                        std::binary_search(req.stations.begin(), req.stations.end(), stations_[j]);
      if (dep_ok && station_ok) bits[j / 64] |= uint64_t{1} << (j % 64);
    }
    group_bits_.insert(group_bits_.end(), bits.begin(), bits.end());
    group_size_.push_back(Popcount(bits.data(), words_));
    group_min_hint_.push_back(0);
    requirements_.push_back(std::move(req));
    const auto g = static_cast<uint32_t>(requirements_.size() - 1);
    candidates.push_back(g);
    return g;
  }

  bool SameRequirement(size_t v, uint32_t g) const {
    const Requirement& req = requirements_[g];
    const std::span<const uint32_t> departments = visits_.departments(v);
    const std::span<const int64_t> stations = visits_.stations(v);
    for (uint32_t d : departments) {
      if (!std::binary_search(req.departments.begin(), req.departments.end(), DepartmentId(d))) {
        return false;
      }
    }
    for (int64_t st : stations) {
      if (!std::binary_search(req.stations.begin(), req.stations.end(), st)) return false;
    }
    for (int d : req.departments) {
      if (std::none_of(departments.begin(), departments.end(),
                       [&](uint32_t ref) { return DepartmentId(ref) == d; })) {
        return false;
      }
    }
    for (int64_t st : req.stations) {
      if (std::find(stations.begin(), stations.end(), st) == stations.end()) return false;
    }
    return true;
  }

  size_t IndexOf(int64_t id) const {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    return it != ids_.end() && *it == id ? static_cast<size_t>(it - ids_.begin()) : n_;
  }

  // Writes visit v's eligible set; true when it is its whole group (no
  // exclusion removed anyone).
  bool EligibleOf(size_t v, uint64_t* out) const {
    const uint64_t* group = &group_bits_[group_of_[v] * words_];
    std::copy(group, group + words_, out);
    bool exact = true;
    for (std::span<const int64_t> list :
         {visits_.conflicted_officers(v), visits_.last_inspectors(v)}) {
      for (int64_t id : list) {
        size_t j = IndexOf(id);
        if (j == n_) continue;
        uint64_t bit = uint64_t{1} << (j % 64);
        if (out[j / 64] & bit) exact = false;
        out[j / 64] &= ~bit;
      }
    }
    return exact;
  }

  Status CheckEnough(size_t v, Bits& bits) const {
    const uint64_t* group = &group_bits_[group_of_[v] * words_];
    std::copy(group, group + words_, bits.begin());
    size_t count = group_size_[group_of_[v]];
    auto fail = [&](std::string_view constraint) {
      return FailedPreconditionError(
          fmt::format("检查对象 {} 可派执法人员不足：每次检查须派 {} 名，{}仅剩 {} 名",
                      visits_.key(v), per_visit_, constraint, count),
          "officers");
    };
    if (count < per_visit_) return fail("符合部门/站所要求的执法人员");
    auto remove = [&](std::span<const int64_t> ids) {
      for (int64_t id : ids) {
        size_t j = IndexOf(id);
        if (j == n_) continue;
        uint64_t bit = uint64_t{1} << (j % 64);
        if (bits[j / 64] & bit) --count;
        bits[j / 64] &= ~bit;
      }
    };
    remove(visits_.conflicted_officers(v));
    if (count < per_visit_) return fail("排除申报利益冲突须回避的人员后");
    remove(visits_.last_inspectors(v));
    if (count < per_visit_) return fail("再排除上次检查该对象的执法人员后");
    return OkStatus();
  }

  // The least load ≥ from (and ≤ to) among the officers set in `eligible`, and
  // how many eligible officers have it; ties == 0 when none in range.
  std::pair<size_t, size_t> LeastLoaded(const uint64_t* eligible, size_t from,
                                        size_t to = SIZE_MAX) const {
    for (size_t level = std::max(from, min_level_); level < level_count_.size() && level <= to;
         ++level) {
      if (level_count_[level] == 0) continue;
      const uint64_t* bits = &level_bits_[level * words_];
      size_t ties = 0;
      for (size_t w = 0; w < words_; ++w) {
        ties += static_cast<size_t>(std::popcount(bits[w] & eligible[w]));
      }
      if (ties > 0) return {level, ties};
    }
    return {0, 0};
  }

  // The officer of the r-th (0-based, ascending id) eligible bit at `level`.
  size_t NthAt(size_t level, const uint64_t* eligible, uint64_t r) const {
    const uint64_t* bits = &level_bits_[level * words_];
    for (size_t w = 0; w < words_; ++w) {
      uint64_t m = bits[w] & eligible[w];
      auto c = static_cast<uint64_t>(std::popcount(m));
      if (r >= c) {
        r -= c;
        continue;
      }
      for (; r > 0; --r) m &= m - 1;
      return w * 64 + static_cast<size_t>(std::countr_zero(m));
    }
    return n_;  // unreachable when r < ties
  }

  void Move(size_t j, int delta) {
    const size_t from = loads_[j];
    const size_t to = delta > 0 ? from + 1 : from - 1;
    if (to >= level_count_.size()) {
      level_count_.resize(to + 1, 0);
      level_bits_.resize((to + 1) * words_, 0);
    }
    const uint64_t bit = uint64_t{1} << (j % 64);
    level_bits_[from * words_ + j / 64] &= ~bit;
    level_bits_[to * words_ + j / 64] |= bit;
    --level_count_[from];
    ++level_count_[to];
    loads_[j] = to;
    if (to < min_level_) min_level_ = to;
    while (level_count_[min_level_] == 0) ++min_level_;
  }

  const VisitList& visits_;
  size_t per_visit_;
  std::vector<size_t> order_;  // sorted position → index in the officers argument
  std::vector<int64_t> ids_;
  std::vector<int64_t> stations_;
  std::vector<int> departments_;
  std::unordered_map<std::string, int> department_ids_;
  std::vector<int> visit_departments_;  // per department of visits_: its id here, or −1
  size_t n_ = 0;
  size_t words_ = 0;
  struct Requirement {
    std::vector<int> departments;   // sorted department ids (−1: no officer's)
    std::vector<int64_t> stations;  // sorted; empty = any
  };
  std::vector<uint32_t> group_of_;
  std::vector<Requirement> requirements_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> group_index_;
  Bits group_bits_;
  std::vector<size_t> group_size_;
  std::vector<size_t> group_min_hint_;
  std::vector<size_t> loads_;
  std::vector<size_t> level_count_;
  Bits level_bits_;
  size_t min_level_ = 0;
  std::vector<uint32_t> result_;
  std::vector<uint32_t> snapshot_;  // Repair's scratch: a visit's officers at the step's start
};

}  // namespace

StatusOr<Assignment> AssignOfficers(std::span<const VisitRequest> visits,
                                    std::span<const OfficerCandidate> officers, int per_visit,
                                    DrawStream& stream) {
  VisitList list;
  list.Reserve(visits.size(), 0);
  for (const VisitRequest& visit : visits) list.Add(visit);
  return AssignOfficers(list, officers, per_visit, stream);
}

StatusOr<Assignment> AssignOfficers(const VisitList& visits,
                                    std::span<const OfficerCandidate> officers, int per_visit,
                                    DrawStream& stream) {
  if (per_visit < 2) {
    return InvalidArgumentError(
        fmt::format("每次检查派出的执法人员数 {} 无效：双随机抽查每次至少须派 2 名执法人员",
                    per_visit),
        "per_visit");
  }
  if (officers.empty()) {
    return InvalidArgumentError("执法人员库为空：没有可派的执法人员", "officers");
  }
  Assigner assigner(visits, officers, per_visit);
  RETURN_IF_ERROR(assigner.CheckOfficers());
  RETURN_IF_ERROR(assigner.Prepare());
  assigner.Greedy(stream);
  assigner.Repair();
  return assigner.Result(officers);
}

}  // namespace amr::inspection
