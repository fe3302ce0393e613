// SPDX-License-Identifier: MulanPSL-2.0
#include "cli/calendar_wiring.h"

#include "codes/data_dir.h"
#include "complaints/complaint_service.h"
#include "complaints/complaint_store.h"
#include "establishment/service.h"
#include "inspection/visit_store.h"
#include "lifecycle/beneficial_owner_due.h"
#include "lifecycle/compulsory.h"
#include "lifecycle/liquidation.h"
#include "lifecycle/simplified.h"

namespace amr::cli {

namespace {

void RegisterMovers(calendar::CalendarService& service) {
  service.RegisterMover(
      inspection::kResultDeadlineKind,
      [](soci::session& sql, const calendar::Deadline& d, const codes::CountedDate& due,
         const Clock&) { return inspection::MoveResultDeadline(sql, d.subject, due.date); });
  service.RegisterMover(establishment::kDeferredMaterialDeadlineKind,
                        [](soci::session& sql, const calendar::Deadline& d,
                           const codes::CountedDate& due, const Clock&) {
                          return establishment::MoveDeferredMaterialDeadline(sql, d.subject,
                                                                             due.date);
                        });
  service.RegisterMover(
      lifecycle::kStepDeadlineKind, [](soci::session& sql, const calendar::Deadline& d,
                                       const codes::CountedDate& due, const Clock& clock) {
        return lifecycle::MoveLiquidationStepDeadline(sql, d.subject, due.date, clock);
      });
  service.RegisterMover(std::string(complaints::kMediationDeadline),
                        [](soci::session& sql, const calendar::Deadline& d,
                           const codes::CountedDate& due, const Clock& clock) {
                          return complaints::MoveMediationDeadline(sql, d.subject, due, clock);
                        });
  service.RegisterMover(
      std::string(complaints::kAcceptanceDeadline),
      [](soci::session& sql, const calendar::Deadline& d, const codes::CountedDate& due,
         const Clock&) { return complaints::MoveAcceptDue(sql, d.subject, due); });
  service.RegisterMover(
      std::string(complaints::kCheckDeadline),
      [](soci::session& sql, const calendar::Deadline& d, const codes::CountedDate& due,
         const Clock&) { return complaints::MoveCheckDue(sql, d.subject, due); });
  service.RegisterMover(
      std::string(complaints::kOdrDeadline),
      [](soci::session& sql, const calendar::Deadline& d, const codes::CountedDate& due,
         const Clock& clock) { return complaints::MoveOdrDeadline(sql, d.subject, due, clock); });
  service.RegisterMover(std::string(lifecycle::kBeneficialOwnerDueTimer),
                        [](soci::session& sql, const calendar::Deadline& d,
                           const codes::CountedDate& due, const Clock& clock) {
                          return lifecycle::MoveBeneficialOwnerDeadline(sql, d.subject, due.date,
                                                                        clock);
                        });
  service.RegisterMover(std::string(lifecycle::kCompulsoryNoticeTimer),
                        [](soci::session& sql, const calendar::Deadline& d,
                           const codes::CountedDate& due, const Clock& clock) {
                          return lifecycle::MoveCompulsoryNoticeDeadline(sql, d.subject, due.date,
                                                                         clock);
                        });
  for (std::string_view kind : {lifecycle::kNoticeEndTimer, lifecycle::kCompletionExpiredTimer,
                                lifecycle::kOneScreenWindowTimer}) {
    service.RegisterMover(
        std::string(kind), [kind](soci::session& sql, const calendar::Deadline& d,
                                  const codes::CountedDate& due, const Clock& clock) {
          return lifecycle::MoveDeregistrationDeadline(sql, kind, d.subject, due.date, clock);
        });
  }
}

}  // namespace

StatusOr<std::shared_ptr<calendar::CalendarService>> StartCalendar(storage::Database& db,
                                                                   const Clock& clock, bool seed) {
  auto service = std::make_shared<calendar::CalendarService>(db, clock);
  RegisterMovers(*service);
  if (seed) {
    ASSIGN_OR_RETURN(std::vector<codes::CalendarYear> shipped,
                     codes::WorkdayCalendar::ReadShippedYears(codes::DataDir() / "calendar.csv"));
    RETURN_IF_ERROR(service->Start(shipped));
  } else {
    RETURN_IF_ERROR(service->Load());
  }
  return service;
}

}  // namespace amr::cli
