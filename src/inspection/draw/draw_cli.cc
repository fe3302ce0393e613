// SPDX-License-Identifier: MulanPSL-2.0
#include "inspection/draw/draw_cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "inspection/draw/draw.h"

namespace amr::inspection {

namespace {

constexpr int kUnreadable = 1;
constexpr int kBadInput = 2;

struct SampleArgs {
  std::string pool_file;
  std::string ratio;
  std::string entropy;
  std::string task;
  bool json = false;
};

int Report(const Status& status, int code) {
  std::string where = status.field().empty() ? "" : fmt::format("字段 {}；", status.field());
  fmt::print(stderr, "错误：{}（{}代码 {}）\n", status.message(), where,
             StatusCodeSlug(status.code()));
  return code;
}

int RunSample(const SampleArgs& args) {
  std::ifstream in(args.pool_file, std::ios::binary);
  if (!in) {
    return Report(NotFoundError(fmt::format("无法读取抽查对象库文件 {}", args.pool_file), "pool"),
                  kUnreadable);
  }
  std::stringstream text;
  text << in.rdbuf();
  auto ratios = Ratios::Parse(args.ratio);
  if (!ratios.ok()) return Report(ratios.status(), kBadInput);
  if (args.entropy.empty()) {
    return Report(InvalidArgumentError("见证人录入的公开随机数（entropy）不能为空", "entropy"),
                  kBadInput);
  }
  auto pool = ParsePool(text.str());
  if (!pool.ok()) return Report(pool.status(), kBadInput);
  auto result = DrawSample(args.task, *pool, *ratios, args.entropy);
  if (!result.ok()) return Report(result.status(), kBadInput);

  if (args.json) {
    nlohmann::json out;
    out["task"] = args.task;
    out["ratio"] = ratios->ToString();
    out["pool_size"] = pool->size();
    out["pool_hash"] = result->pool_hash;
    out["seed"] = SeedHex(result->seed);
    out["count"] = result->selected.size();
    auto& selected = out["selected"] = nlohmann::json::array();
    for (size_t i : result->selected) selected.push_back((*pool)[i].uscc);
    fmt::print("{}\n", out.dump());
    return 0;
  }
  fmt::print("抽查对象库：{} 个对象，哈希 {}\n", pool->size(), result->pool_hash);
  fmt::print("种子：{}\n", SeedHex(result->seed));
  fmt::print("抽中 {} 个（比例 {}）：\n", result->selected.size(), ratios->ToString());
  for (size_t i : result->selected) {
    fmt::print("{},{}\n", (*pool)[i].uscc, std::string(1, (*pool)[i].credit_class));
  }
  return 0;
}

}  // namespace

void AddDrawSampleCommand(CLI::App& draw_group, int* exit_code) {
  auto args = std::make_shared<SampleArgs>();
  auto* sample = draw_group.add_subcommand(
      "sample", "离线抽取：按 docs/draw-spec.md 对对象库文件分层随机抽取，任何人可复算");
  sample->add_option("--pool", args->pool_file, "对象库文件，每行“对象标识,信用风险分类(A-D)”")
      ->required();
  sample
      ->add_option("--ratio", args->ratio, "各信用风险分类的抽查比例，如 A=0.05,B=0.1,C=0.3,D=0.8")
      ->required();
  sample->add_option("--entropy", args->entropy, "见证人在抽取时录入的公开随机数")->required();
  sample->add_option("--task", args->task, "抽查任务编号（参与种子计算；默认空）");
  sample->add_flag("--json", args->json, "以 JSON 输出");
  sample->callback([=] { *exit_code = RunSample(*args); });
}

}  // namespace amr::inspection
