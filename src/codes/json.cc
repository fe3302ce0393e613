// SPDX-License-Identifier: MulanPSL-2.0
#include "codes/json.h"

#include "codes/regions.h"

namespace amr::codes {

namespace {
// The region as the CLI contract names it ("region"), with its name chain when
// the code is on the list.
void AddRegion(const std::string& code, nlohmann::json& j) {
  j["region"] = code;
  j["region_code"] = code;
  j["region_name"] = Regions().Find(code) != nullptr ? nlohmann::json(Regions().ChainName(code))
                                                     : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json ProblemToJson(const Status& problem) {
  if (problem.ok()) return nullptr;
  return {{"code", std::string(StatusCodeSlug(problem.code()))},
          {"message", problem.message()},
          {"field", problem.field()}};
}

nlohmann::json UsccCheckToJson(const UsccCheck& check) {
  nlohmann::json j;
  j["valid"] = check.valid;
  j["legacy"] = check.legacy;
  j["department"] = check.department;
  j["department_name"] = check.department_name;
  j["kind"] = check.kind;
  j["kind_name"] = check.kind_name;
  AddRegion(check.region_code, j);
  j["problem"] = ProblemToJson(check.problem);
  return j;
}

nlohmann::json CitizenIdCheckToJson(const CitizenIdCheck& check) {
  nlohmann::json j;
  j["valid"] = check.valid;
  j["birth_date"] =
      check.birth_date ? nlohmann::json(check.birth_date->ToString()) : nlohmann::json(nullptr);
  j["sex"] = check.sex;
  AddRegion(check.region_code, j);
  j["problem"] = ProblemToJson(check.problem);
  return j;
}

}  // namespace amr::codes
