// SPDX-License-Identifier: MulanPSL-2.0
// The flat visit list of AssignOfficers.
#include <algorithm>

#include "inspection/draw/draw.h"

namespace amr::inspection {

void VisitList::Reserve(size_t visits, size_t numbers) {
  visits_.reserve(visits);
  department_refs_.reserve(visits);
  numbers_.reserve(numbers);
}

void VisitList::Add(std::string_view key, std::span<const std::string_view> departments,
                    std::span<const int64_t> stations, std::span<const int64_t> conflicted_officers,
                    std::span<const int64_t> last_inspectors) {
  if (!first_unordered_ && !visits_.empty() && !(visits_.back().key < key)) {
    first_unordered_ = visits_.size();
  }
  Visit visit;
  visit.key = key;
  visit.departments = static_cast<uint32_t>(department_refs_.size());
  visit.department_count = static_cast<uint32_t>(departments.size());
  for (std::string_view name : departments) department_refs_.push_back(DepartmentRef(name));
  visit.numbers = numbers_.size();
  const std::array<std::span<const int64_t>, 3> lists = {stations, conflicted_officers,
                                                         last_inspectors};
  for (size_t i = 0; i < lists.size(); ++i) {
    visit.counts[i] = static_cast<uint32_t>(lists[i].size());
    numbers_.insert(numbers_.end(), lists[i].begin(), lists[i].end());
  }
  visits_.push_back(visit);
}

void VisitList::Add(const VisitRequest& visit) {
  std::vector<std::string_view> departments(visit.departments.begin(), visit.departments.end());
  Add(visit.uscc, departments, visit.stations, visit.conflicted_officers, visit.last_inspectors);
}

std::span<const int64_t> VisitList::Numbers(size_t v, size_t which) const {
  const Visit& visit = visits_[v];
  size_t first = visit.numbers;
  for (size_t i = 0; i < which; ++i) first += visit.counts[i];
  return std::span<const int64_t>(numbers_).subspan(first, visit.counts[which]);
}

// A task has few departments: a linear search beats a hash here.
uint32_t VisitList::DepartmentRef(std::string_view name) {
  auto it = std::find(department_names_.begin(), department_names_.end(), name);
  if (it == department_names_.end()) {
    department_names_.push_back(name);
    return static_cast<uint32_t>(department_names_.size() - 1);
  }
  return static_cast<uint32_t>(it - department_names_.begin());
}

}  // namespace amr::inspection
