// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/entity_generator.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "codes/citizen_id.h"
#include "codes/regions.h"
#include "codes/uscc.h"
#include "common/text.h"

namespace amr::registry {

namespace {

// Characters common in trade names (字号). Synthetic data only.
constexpr std::string_view kTradeChars =
    "华恒鑫瑞泰盛达信德嘉宏昌兴隆丰源顺通安康福祥和金银广联创新天宇博智远航明辉晨启元正诚益汇润永佳"
    "美优品尚荣凯越峰海云星光立鼎腾跃卓睿锦绿青蓝春秋雅乐聚合众万百千江山川林森旺富宝玉成利发强伟建"
    "振"
    "时代际豪骏翔鹏龙凤麒麟诺禾田米鲜味香甜湘蜀粤闽徽赣昊晟煜璟瀚沐禹舜尧";
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁";
constexpr std::string_view kGivenChars =
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌辉玲萍鹏宇浩然欣怡子涵梓轩";
constexpr std::string_view kRoads = "人民解放建设中山文化长江黄河和平胜利新华东风朝阳";

struct Trade {
  std::string_view division;  // GB/T 4754 大类
  std::string_view term;      // 行业或经营特点 in the name
  double enterprise_weight, individual_weight, cooperative_weight;
};
// Kept short: the generator only needs plausible pairs of industry and term.
constexpr std::array<Trade, 22> kTrades = {{
    {"01", "种植", 0.5, 0.5, 6},   {"03", "养殖", 0.5, 0.5, 4},   {"05", "农业服务", 0.5, 0.2, 1},
    {"13", "食品", 2, 0.5, 0},     {"18", "服饰", 2, 1, 0},       {"39", "电子科技", 3, 0, 0},
    {"47", "建筑工程", 6, 0, 0},   {"51", "贸易", 14, 2, 0},      {"52", "商贸", 8, 20, 0},
    {"52", "便利店", 0, 12, 0},    {"54", "物流", 4, 2, 0},       {"61", "酒店", 1, 2, 0},
    {"62", "餐饮", 4, 22, 0},      {"62", "小吃", 0, 10, 0},      {"64", "网络科技", 6, 0.5, 0},
    {"65", "信息技术", 8, 0.5, 0}, {"70", "房地产开发", 2, 0, 0}, {"72", "企业管理咨询", 9, 1, 0},
    {"75", "科技", 10, 1, 0},      {"80", "家政服务", 1, 5, 0},   {"81", "汽车维修", 1, 5, 0},
    {"81", "理发", 0, 6, 0},
}};

std::vector<std::string_view> SplitChars(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t len = (static_cast<unsigned char>(s[i]) >= 0xF0)   ? 4
                 : (static_cast<unsigned char>(s[i]) >= 0xE0) ? 3
                 : (static_cast<unsigned char>(s[i]) >= 0xC0) ? 2
                                                              : 1;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

const std::vector<std::string_view>& Chars(std::string_view set) {
  // One split per distinct set; the sets are compile-time constants.
  static const auto trade = SplitChars(kTradeChars);
  static const auto surnames = SplitChars(kSurnames);
  static const auto given = SplitChars(kGivenChars);
  static const auto roads = SplitChars(kRoads);
  if (set == kTradeChars) return trade;
  if (set == kSurnames) return surnames;
  if (set == kGivenChars) return given;
  return roads;
}

// "杭州市" → "杭州", "西湖区" → "西湖"; names of two characters stay whole.
std::string ShortName(const std::string& name) {
  static constexpr std::array<std::string_view, 7> kSuffixes = {
      "特别行政区", "自治区", "自治州", "地区", "市", "省", "区"};
  for (auto suffix : kSuffixes) {
    if (name.size() > suffix.size() + 3 && name.ends_with(suffix)) {
      std::string s = name.substr(0, name.size() - suffix.size());
      if (suffix == "自治区") {  // 广西壮族 → 广西, 内蒙古 stays.
        return Utf8Length(s) > 3 ? s.substr(0, 6) : s;
      }
      return s;
    }
  }
  return name;
}

bool IsPseudo(const std::string& name) {
  return name == "市辖区" || name == "县" || name == "省直辖县级行政区划" ||
         name == "自治区直辖县级行政区划";
}

}  // namespace

StatusOr<EntityGenerator> EntityGenerator::Create(uint64_t seed, GeneratorOptions options) {
  std::vector<std::string> counties;
  for (const codes::Region& r : codes::Regions().All()) {
    if (r.level == codes::RegionLevel::kCounty && r.code.starts_with(options.region_prefix) &&
        !IsPseudo(r.name)) {
      counties.push_back(r.code);
    }
  }
  if (counties.empty()) {
    return InvalidArgumentError(fmt::format("没有以“{}”开头的县级行政区划", options.region_prefix),
                                "region");
  }
  return EntityGenerator(seed, std::move(options), std::move(counties));
}

EntityGenerator::EntityGenerator(uint64_t seed, GeneratorOptions options,
                                 std::vector<std::string> counties)
    : random_(seed),
      options_(std::move(options)),
      counties_(std::move(counties)),
      serial_base_(400'000'000 + (seed % 40) * 10'000'000) {}

std::string EntityGenerator::TradeName() {
  const auto& chars = Chars(kTradeChars);
  int n = random_.Bernoulli(0.7) ? 2 : 3;
  std::string out;
  for (int i = 0; i < n; ++i) out += chars[random_.Uniform(chars.size())];
  return out;
}

std::string EntityGenerator::PersonName() {
  const auto& surnames = Chars(kSurnames);
  const auto& given = Chars(kGivenChars);
  std::string out(surnames[random_.Uniform(surnames.size())]);
  int n = random_.Bernoulli(0.6) ? 2 : 1;
  for (int i = 0; i < n; ++i) out += given[random_.Uniform(given.size())];
  return out;
}

StatusOr<Entity> EntityGenerator::Next() {
  if (count_ >= kMaxCount) {
    return OutOfRangeError(fmt::format("一次最多生成 {} 个主体", kMaxCount), "count");
  }
  const uint64_t serial = serial_base_ + count_++;
  Entity e;
  e.region_code = counties_[random_.Uniform(counties_.size())];
  const auto chain = codes::Regions().Chain(e.region_code);
  const codes::Region& county = *chain.back();
  std::string place = ShortName(chain.front()->name);  // Province, for municipalities.
  for (const codes::Region* r : chain) {
    if (r->level == codes::RegionLevel::kCity && !IsPseudo(r->name)) place = ShortName(r->name);
  }

  static constexpr std::array<double, 3> kKindWeights = {0.25, 0.735, 0.015};
  e.kind = static_cast<EntityKind>(random_.Weighted(kKindWeights));
  std::array<double, kTrades.size()> weights{};
  for (size_t i = 0; i < kTrades.size(); ++i) {
    weights[i] = e.kind == EntityKind::kEnterprise           ? kTrades[i].enterprise_weight
                 : e.kind == EntityKind::kIndividualBusiness ? kTrades[i].individual_weight
                                                             : kTrades[i].cooperative_weight;
  }
  const Trade& trade = kTrades[random_.Weighted(weights)];
  e.industry_code = std::string(trade.division);
  const std::string trade_name = TradeName();

  char kind_char = '1';
  switch (e.kind) {
    case EntityKind::kEnterprise: {
      static constexpr std::array<double, 4> kForms = {0.86, 0.03, 0.07, 0.04};
      switch (random_.Weighted(kForms)) {
        case 0:
          e.org_form = "有限责任公司";
          e.name = place + trade_name + std::string(trade.term) +
                   (random_.Bernoulli(0.8) ? "有限公司" : "有限责任公司");
          break;
        case 1:
          e.org_form = "股份有限公司";
          e.name = place + trade_name + std::string(trade.term) + "股份有限公司";
          break;
        case 2:
          e.org_form = "个人独资企业";
          e.name = place + trade_name + std::string(trade.term) + "商行";
          break;
        default:
          e.org_form = "合伙企业";
          e.name = place + trade_name + std::string(trade.term) + "合伙企业（有限合伙）";
          break;
      }
      e.registered_capital = (1 + static_cast<int64_t>(random_.Uniform(500))) * 100'000;
      break;
    }
    case EntityKind::kIndividualBusiness: {
      static constexpr std::array<std::string_view, 5> kShops = {"店", "馆", "经营部", "工作室",
                                                                 "商行"};
      kind_char = '2';
      e.name =
          ShortName(county.name) + trade_name + std::string(trade.term) +
          std::string(trade.term.ends_with("店") ? "" : kShops[random_.Uniform(kShops.size())]);
      break;
    }
    case EntityKind::kCooperative:
      kind_char = '3';
      e.org_form = "农民专业合作社";
      e.family_farm = false;
      e.name = ShortName(county.name) + trade_name + std::string(trade.term) + "专业合作社";
      e.registered_capital = (1 + static_cast<int64_t>(random_.Uniform(100))) * 10'000;
      break;
  }
  if (e.kind != EntityKind::kCooperative && e.industry_code <= "05") {
    e.family_farm = random_.Bernoulli(0.3);
  }

  ASSIGN_OR_RETURN(e.uscc, codes::IssueUscc('9', kind_char, e.region_code, serial));

  // Established within the last ~28 years, more of them recently.
  const int span = 28 * 365;
  const int back = static_cast<int>(span * random_.UnitDouble() * random_.UnitDouble());
  e.established_on = options_.as_of.AddDays(-back);

  e.legal_rep_name = PersonName();
  const int age_days = static_cast<int>(random_.UniformInRange(22 * 365, 70 * 365));
  ASSIGN_OR_RETURN(e.legal_rep_id,
                   codes::MakeCitizenId(e.region_code, e.established_on.AddDays(-age_days),
                                        static_cast<int>(random_.Uniform(1000))));

  const auto& roads = Chars(kRoads);
  e.address = codes::Regions().ChainName(e.region_code) +
              std::string(roads[random_.Uniform(roads.size())]) +
              std::string(roads[random_.Uniform(roads.size())]) + "路" +
              std::to_string(1 + random_.Uniform(999)) + "号";

  static constexpr std::array<double, 4> kCredit = {0.30, 0.55, 0.12, 0.03};
  e.credit_class = static_cast<char>('A' + random_.Weighted(kCredit));
  static constexpr std::array<double, 4> kStatus = {0.86, 0.02, 0.10, 0.02};
  e.status = static_cast<EntityStatus>(random_.Weighted(kStatus));
  return e;
}

}  // namespace amr::registry
