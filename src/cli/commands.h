// SPDX-License-Identifier: MulanPSL-2.0
// The `amr` command's subcommands. Each Add* function registers one command
// group on the app and sets `*exit_code` when its command runs.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "common/status.h"
#include "storage/database.h"

namespace amr::cli {

void AddServeCommands(CLI::App& app, int* exit_code);  // serve, migrate
void AddCodesCommands(CLI::App& app, int* exit_code);  // codes uscc|id|region
void AddCalendarCommands(CLI::App& app,
                         int* exit_code);  // calendar add-workdays|is-workday|import|years
void AddBackupCommands(CLI::App& app, int* exit_code);  // backup, restore
void AddEntityCommands(CLI::App& app, int* exit_code);  // gen entities, import entities
// import complaints, gen complaints, complaints hot-spots (after AddEntityCommands)
void AddComplaintCommands(CLI::App& app, int* exit_code);
void AddCreditCommands(CLI::App& app, int* exit_code);         // credit abnormal-batch|show
void AddUserCommands(CLI::App& app, int* exit_code);           // users import|create|…
void AddAuditCommands(CLI::App& app, int* exit_code);          // audit verify
void AddNameCommands(CLI::App& app, int* exit_code);           // names check|…
void AddEstablishmentCommands(CLI::App& app, int* exit_code);  // establishment …
void AddLicenseCommands(CLI::App& app, int* exit_code);        // license verify|…
void AddInspectionCommands(CLI::App& app, int* exit_code);     // draw sample|verify, inspection …
void AddChangeCommands(CLI::App& app, int* exit_code);         // entity change|history|convert
void AddPermitCommands(CLI::App& app, int* exit_code);         // permit kinds|record|list|cancel
void AddSchedulerCommands(CLI::App& app, int* exit_code);      // scheduler list|run-due
void AddFederationCommands(CLI::App& app, int* exit_code);     // federation publish|subscribe|…
// lifecycle:susp begin
void AddSuspensionCommands(CLI::App& app, int* exit_code);  // entity suspend|…, liquidation …
// lifecycle:susp end

// lifecycle:dereg: deregistration eligibility|simplified|one-screen|complete|list
void AddDeregistrationCommands(CLI::App& app, int* exit_code);

// Prints "错误：message（字段 field；代码 slug）" to stderr and returns `code`.
int ReportError(const Status& status, int code = 1);

inline constexpr const char* kDefaultDb = "sqlite:var/amr.db";

// Opens the store at `url` for a command that reads or changes records: a
// SQLite file must exist already (NotFound naming "db"), and the schema must
// be current (FailedPrecondition naming "db": run `amr migrate`).
StatusOr<std::unique_ptr<storage::Database>> OpenStore(const std::string& url);

}  // namespace amr::cli
