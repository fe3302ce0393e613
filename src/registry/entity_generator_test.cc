// SPDX-License-Identifier: MulanPSL-2.0
#include "registry/entity_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "codes/citizen_id.h"
#include "codes/regions.h"
#include "codes/uscc.h"
#include "registry/entity_csv.h"

namespace amr::registry {
namespace {

TEST(EntityGeneratorTest, SameSeedSameEntities) {
  auto a = *EntityGenerator::Create(7, {});
  auto b = *EntityGenerator::Create(7, {});
  auto c = *EntityGenerator::Create(8, {});
  bool differs = false;
  for (int i = 0; i < 200; ++i) {
    Entity x = *a.Next(), y = *b.Next(), z = *c.Next();
    EXPECT_EQ(EntityToCsvFields(x), EntityToCsvFields(y));
    differs |= x.name != z.name;
  }
  EXPECT_TRUE(differs);
}

TEST(EntityGeneratorTest, EntitiesPassTheImportValidation) {
  GeneratorOptions options;
  options.region_prefix = "3301";
  auto gen = *EntityGenerator::Create(42, options);
  EntityCsvParser parser(options.as_of);
  ASSERT_TRUE(parser.SetHeader(EntityCsvColumns()).ok());
  std::set<std::string> codes;
  std::map<EntityKind, int> kinds;
  std::map<char, int> credit;
  const int n = 5000;
  for (int i = 0; i < n; ++i) {
    Entity e = *gen.Next();
    ASSERT_TRUE(e.region_code.starts_with("3301")) << e.region_code;
    ASSERT_TRUE(codes::CheckUscc(e.uscc).valid) << e.uscc;
    ASSERT_EQ(e.uscc.substr(2, 6), e.region_code);
    ASSERT_TRUE(codes::CheckCitizenId(e.legal_rep_id).valid) << e.legal_rep_id;
    ASSERT_TRUE(codes.insert(e.uscc).second) << "duplicate " << e.uscc;
    auto parsed = parser.Parse(EntityToCsvFields(e), nullptr);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << " " << e.name;
    ++kinds[e.kind];
    ++credit[e.credit_class];
  }
  // Individual businesses outnumber enterprises about three to one.
  EXPECT_GT(kinds[EntityKind::kIndividualBusiness], 2 * kinds[EntityKind::kEnterprise]);
  EXPECT_GT(kinds[EntityKind::kCooperative], 0);
  for (char cls : {'A', 'B', 'C', 'D'}) EXPECT_GT(credit[cls], 0) << cls;
}

TEST(EntityGeneratorTest, NamesCarryRegionAndForm) {
  GeneratorOptions options;
  options.region_prefix = "330106";
  auto gen = *EntityGenerator::Create(1, options);
  for (int i = 0; i < 300; ++i) {
    Entity e = *gen.Next();
    if (e.kind == EntityKind::kEnterprise && e.org_form == "有限责任公司") {
      EXPECT_TRUE(e.name.starts_with("杭州")) << e.name;
      EXPECT_TRUE(e.name.ends_with("公司")) << e.name;
    }
    if (e.kind == EntityKind::kCooperative) {
      EXPECT_TRUE(e.name.ends_with("专业合作社"));
    }
  }
}

TEST(EntityGeneratorTest, UnknownRegionPrefixIsAnError) {
  GeneratorOptions options;
  options.region_prefix = "99";
  EXPECT_EQ(EntityGenerator::Create(1, options).status().field(), "region");
}

}  // namespace
}  // namespace amr::registry
