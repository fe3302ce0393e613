// SPDX-License-Identifier: MulanPSL-2.0
// Importing transferred and historical records on both backends: CSV, a JSON
// array and JSON lines; an open transfer gets its clock from the day received
// (12345 work order received Monday 2026-11-30 → decision by Wednesday 12-09);
// a bad line fails the file naming it and writes nothing; the same file twice
// is refused naming the line.
#include "complaints/complaint_import.h"

#include <sstream>

#include "complaints/complaint_test_fixture.h"

namespace amr::complaints {
namespace {

using amr::testing::IsOk;

class ComplaintImportTest : public ComplaintServiceTest {
 protected:
  StatusOr<ImportReport> Import(const std::string& text) {
    std::istringstream in(text);
    return ImportComplaints(db(), in, clock_, codes::ShippedCalendar());
  }
};

constexpr const char* kCsv =
    "channel,external_ref,kind,received_on,business_uscc,business_name,region_code,"
    "consumer_phone,summary,problem_kind,state,decided_on,outcome,amount_recovered,closed_on\n"
    "hotline_12345,GD-2026-0001,complaint,2026-11-30,91330106MAGCWHUC74,,,13812345678,"
    "12345 转来：电水壶漏电，商家拒绝退货。,quality,,,,,\n"
    "petition,XF-77,complaint,2026-03-02,,某某超市,330106,0571-87654321,"
    "信访转来：超市称重不准，多收费用。,measurement,closed,2026-03-04,agreement,120,2026-03-20\n";

TEST_P(ComplaintImportTest, CsvRecordsGoToTheirUnitsAndAnOpenTransferStartsItsClock) {
  auto report = Import(kCsv);
  ASSERT_TRUE(IsOk(report));
  EXPECT_EQ(report->rows, 2);
  EXPECT_EQ(report->open, 1);
  EXPECT_EQ(report->matched, 1);
  auto queue = service_->Queue(As(officer_a_), std::nullopt, 10);
  ASSERT_TRUE(IsOk(queue));
  ASSERT_EQ(queue->size(), 2u);
  const Complaint& open =
      queue->at(1).channel == Channel::kHotline12345 ? queue->at(1) : queue->at(0);
  const Complaint& old = queue->at(1).channel == Channel::kPetition ? queue->at(1) : queue->at(0);
  EXPECT_EQ(open.state, State::kReceived);
  EXPECT_EQ(open.business_name, "杭州西湖某某电器有限公司");  // from the register
  EXPECT_EQ(open.accept_due.date.ToString(), "2026-12-09");
  std::optional<calendar::Deadline> d;
  ASSERT_TRUE(IsOk(db().ReadTransaction([&](soci::session& sql) -> Status {
    ASSIGN_OR_RETURN(d, calendar::FindDeadline(sql, kAcceptanceDeadline,
                                               "complaint:" + std::to_string(open.id)));
    return OkStatus();
  })));
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->open);
  EXPECT_EQ(old.state, State::kClosed);
  EXPECT_EQ(old.amount_recovered, 120);
  EXPECT_EQ(old.accept_due.date.ToString(), "2026-03-11");
  EXPECT_FALSE(old.decided_late);
  EXPECT_EQ(identity::testing::CountAudit(db(), "complaint.import"), 1);

  // The same file again: refused at its first line, nothing written.
  auto again = Import(kCsv);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().field(), "external_ref");
  EXPECT_NE(again.status().message().find("第 2 行"), std::string::npos)
      << again.status().message();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM complaint"), 2);
}

TEST_P(ComplaintImportTest, JsonArraysAndLinesReadTheSameColumns) {
  auto lines = Import(
      "{\"channel\": \"hotline_12345\", \"external_ref\": \"A1\", \"received_on\": "
      "\"2026-12-01\", \"business_uscc\": \"91330106MAGCWHUC74\", \"consumer_phone\": "
      "\"13812345678\", \"summary\": \"热线转来：商家拒绝七天无理由退货。\"}\n"
      "\n"
      "{\"channel\": \"petition\", \"external_ref\": \"B2\", \"kind\": \"report\", "
      "\"received_on\": \"2026-12-02\", \"business_name\": \"无证小作坊\", \"region_code\": "
      "\"330106\", \"consumer_phone\": \"13812345678\", \"summary\": "
      "\"举报该作坊无证生产销售食品。\"}\n");
  ASSERT_TRUE(IsOk(lines));
  EXPECT_EQ(lines->rows, 2);
  EXPECT_EQ(lines->open, 2);
  auto array = Import(
      "[{\"channel\": \"hotline_12345\", \"external_ref\": \"C3\", \"received_on\": "
      "\"2026-12-03\", \"business_uscc\": \"91330106MAGCWHUC74\", \"consumer_phone\": "
      "\"13812345678\", \"summary\": \"热线转来：预付卡商家关门跑路。\", \"problem_kind\": "
      "\"prepaid_card\", \"state\": \"not_accepted\", \"decided_on\": \"2026-12-04\", "
      "\"not_accept_reason\": \"handled_elsewhere\"}]");
  ASSERT_TRUE(IsOk(array));
  EXPECT_EQ(array->open, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM complaint WHERE kind = 'report' AND check_due_on = "
                  "'2026-12-23'"),
            1);
}

TEST_P(ComplaintImportTest, TheFirstBadRecordFailsTheFileNamingItsLineAndField) {
  struct Case {
    std::string text, field, line;
  };
  const std::string header =
      "channel,external_ref,received_on,business_uscc,consumer_phone,summary,state,decided_on,"
      "outcome,amount_recovered,closed_on\n";
  const std::string good =
      "hotline_12345,G1,2026-12-01,91330106MAGCWHUC74,13812345678,热线转来：商家拒绝退货退款。,,,,,"
      "\n";
  const Case cases[] = {
      {header + good +
           "hotline_12345,G2,2026-12-31,91330106MAGCWHUC74,13812345678,"
           "热线转来：商家拒绝退货退款。,,,,,\n",
       "received_on", "第 3 行"},
      {header + good +
           "hotline_12345,G1,2026-12-01,91330106MAGCWHUC74,13812345678,"
           "热线转来：同一工单又来了一次。,,,,,\n",
       "external_ref", "第 3 行"},
      {header + good +
           "fax,G3,2026-12-01,91330106MAGCWHUC74,13812345678,"
           "热线转来：商家拒绝退货退款。,,,,,\n",
       "channel", "第 3 行"},
      {header + good +
           "hotline_12345,G4,2026-12-01,91330106MAGCWHUC74,12345,"
           "热线转来：商家拒绝退货退款。,,,,,\n",
       "consumer.phone", "第 3 行"},
      {header + good +
           "hotline_12345,G5,2026-12-01,91330106MAGCWHUC74,13812345678,"
           "热线转来：商家拒绝退货退款。,closed,2026-12-02,withdrawn,50,2026-12-03\n",
       "amount_recovered", "第 3 行"},
      {"channel,external_ref,colour\nhotline_12345,G6,red\n", "header", "第 1 行"},
  };
  for (const Case& c : cases) {
    auto r = Import(c.text);
    EXPECT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.status().field(), c.field) << r.status().message();
    EXPECT_NE(r.status().message().find(c.line), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM complaint"), 0);
  EXPECT_EQ(Import("").status().field(), "file");
}

INSTANTIATE_TEST_SUITE_P(Backends, ComplaintImportTest, amr::testing::AllBackends(),
                         amr::testing::BackendName);

}  // namespace
}  // namespace amr::complaints
