// SPDX-License-Identifier: MulanPSL-2.0
// amr codes uscc CODE [--json] | id NUMBER [--json] | region CODE
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "codes/citizen_id.h"
#include "codes/json.h"
#include "codes/regions.h"
#include "codes/uscc.h"

namespace amr::cli {

namespace {

int RunUscc(const std::string& code, bool json) {
  const codes::UsccCheck check = codes::CheckUscc(code);
  if (json) {
    fmt::print("{}\n", codes::UsccCheckToJson(check).dump());
  } else if (check.valid) {
    fmt::print("有效：{}（{}，{}，登记机关 {} {}）\n", code, check.department_name, check.kind_name,
               check.region_code, codes::Regions().ChainName(check.region_code));
  } else {
    fmt::print(stderr, "无效：{}\n", check.problem.message());
    if (check.legacy) fmt::print(stderr, "（早期试点代码：可作为历史数据导入，不可再赋码）\n");
  }
  return check.valid ? 0 : 1;
}

int RunId(const std::string& number, bool json) {
  const codes::CitizenIdCheck check = codes::CheckCitizenId(number);
  if (json) {
    fmt::print("{}\n", codes::CitizenIdCheckToJson(check).dump());
  } else if (check.valid) {
    fmt::print("有效：出生日期 {}，性别 {}，地址码 {}\n", check.birth_date->ToString(),
               check.sex == "male" ? "男" : "女", check.region_code);
  } else {
    fmt::print(stderr, "无效：{}\n", check.problem.message());
  }
  return check.valid ? 0 : 1;
}

int RunRegion(const std::string& code) {
  if (codes::Regions().Find(code) == nullptr) {
    return ReportError(NotFoundError(fmt::format("行政区划代码“{}”不在代码表中", code), "code"));
  }
  fmt::print("{}\n", codes::Regions().ChainName(code));
  return 0;
}

}  // namespace

void AddCodesCommands(CLI::App& app, int* exit_code) {
  auto* codes =
      app.add_subcommand("codes", "校验国家标准代码：统一社会信用代码、身份证号、行政区划");
  codes->require_subcommand(1);

  struct Args {
    std::string value;
    bool json = false;
  };
  auto args = std::make_shared<Args>();

  auto* uscc = codes->add_subcommand("uscc", "校验统一社会信用代码（GB 32100-2015）");
  uscc->add_option("CODE", args->value, "18 位代码")->required();
  uscc->add_flag("--json", args->json, "以 JSON 输出");
  uscc->callback([=] { *exit_code = RunUscc(args->value, args->json); });

  auto* id = codes->add_subcommand("id", "校验居民身份证号码（GB 11643-1999）");
  id->add_option("NUMBER", args->value, "18 位号码")->required();
  id->add_flag("--json", args->json, "以 JSON 输出");
  id->callback([=] { *exit_code = RunId(args->value, args->json); });

  auto* region = codes->add_subcommand("region", "查询行政区划代码（GB/T 2260）");
  region->add_option("CODE", args->value, "6 位代码")->required();
  region->callback([=] { *exit_code = RunRegion(args->value); });
}

}  // namespace amr::cli
