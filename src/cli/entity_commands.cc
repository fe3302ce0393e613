// SPDX-License-Identifier: MulanPSL-2.0
// amr gen entities --count N --seed S --out FILE [--region PREFIX]
// amr import entities FILE [--db URL]
#include <fmt/format.h>

#include <chrono>
#include <fstream>

#include "cli/commands.h"
#include "common/csv.h"
#include "registry/entity_csv.h"
#include "registry/entity_generator.h"
#include "registry/entity_store.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace amr::cli {

namespace {

struct GenArgs {
  int64_t count = 0;
  uint64_t seed = 1;
  std::string out;
  std::string region;
  std::string as_of;
};

int RunGen(const GenArgs& args) {
  if (args.count < 1 || static_cast<uint64_t>(args.count) > registry::EntityGenerator::kMaxCount) {
    return ReportError(InvalidArgumentError(
        fmt::format("数量应在 1 到 {} 之间", registry::EntityGenerator::kMaxCount), "count"));
  }
  registry::GeneratorOptions options;
  options.region_prefix = args.region;
  if (!args.as_of.empty()) {
    auto as_of = Date::Parse(args.as_of, "as-of");
    if (!as_of.ok()) return ReportError(as_of.status());
    options.as_of = *as_of;
  }
  auto generator = registry::EntityGenerator::Create(args.seed, options);
  if (!generator.ok()) return ReportError(generator.status());

  // Write to a temporary file and rename, so a failed run leaves no half file.
  const std::string tmp = args.out + ".part";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) {
    return ReportError(InvalidArgumentError(fmt::format("无法写入文件 {}", args.out), "out"));
  }
  std::string buffer = CsvRecord(registry::EntityCsvColumns());
  for (int64_t i = 0; i < args.count; ++i) {
    auto entity = generator->Next();
    if (!entity.ok()) {
      std::remove(tmp.c_str());
      return ReportError(entity.status());
    }
    buffer += CsvRecord(registry::EntityToCsvFields(*entity));
    if (buffer.size() > (1 << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.close();
  if (!out || std::rename(tmp.c_str(), args.out.c_str()) != 0) {
    std::remove(tmp.c_str());
    return ReportError(InvalidArgumentError(fmt::format("写入文件 {} 失败", args.out), "out"));
  }
  fmt::print(stderr, "已生成 {} 个主体：{}\n", args.count, args.out);
  return 0;
}

int RunImport(const std::string& file, const std::string& url) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return ReportError(NotFoundError(fmt::format("无法打开文件 {}", file), "file"));
  }
  auto db = storage::Database::Open(url);
  if (!db.ok()) return ReportError(db.status());
  if (Status s = storage::Migrate(**db); !s.ok()) return ReportError(s);
  const auto start = std::chrono::steady_clock::now();
  auto report = registry::ImportEntities(**db, in, Clock::Real());
  if (!report.ok()) return ReportError(report.status());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& w : report->warnings) fmt::print(stderr, "警告：{}\n", w);
  fmt::print("已导入 {} 个主体，用时 {:.2f} 秒（{:.0f} 行/秒）\n", report->rows, seconds,
             report->rows / std::max(seconds, 1e-9));
  return 0;
}

}  // namespace

void AddEntityCommands(CLI::App& app, int* exit_code) {
  auto* gen = app.add_subcommand("gen", "生成测试与基准数据");
  gen->require_subcommand(1);
  auto gen_args = std::make_shared<GenArgs>();
  auto* gen_entities = gen->add_subcommand("entities", "生成仿真市场主体 CSV");
  gen_entities->add_option("--count", gen_args->count, "主体数量")->required();
  gen_entities->add_option("--seed", gen_args->seed, "随机种子（相同种子得到相同数据）")
      ->required();
  gen_entities->add_option("--out", gen_args->out, "输出 CSV 文件")->required();
  gen_entities->add_option("--region", gen_args->region,
                           "只用此前缀下的县级区划，如 33、3301、330106");
  gen_entities->add_option("--as-of", gen_args->as_of, "成立日期不晚于此日 YYYY-MM-DD");
  gen_entities->callback([=] { *exit_code = RunGen(*gen_args); });

  auto* import = app.add_subcommand("import", "导入数据");
  import->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto* import_entities = import->add_subcommand("entities", "导入市场主体 CSV（整文件一个事务）");
  import_entities->add_option("FILE", *file, "CSV 文件")->required();
  import_entities->add_option("--db", *db, "数据库 URL")->capture_default_str();
  import_entities->callback([=] { *exit_code = RunImport(*file, *db); });
}

}  // namespace amr::cli
