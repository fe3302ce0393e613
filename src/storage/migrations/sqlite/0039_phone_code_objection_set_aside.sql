-- SPDX-License-Identifier: MulanPSL-2.0
-- 0039 (sqlite) A mobile phone confirmed by an SMS code for a purpose (a public
-- objection to a 简易注销: docs/lifecycle.md), one row per purpose and phone;
-- and an objection a registrar sets aside as plainly not one (spam), with the
-- reason and who did it. Kept column-for-column with the other engine's 0039.
CREATE TABLE phone_code (
  id INTEGER PRIMARY KEY,
  purpose TEXT NOT NULL,
  phone TEXT NOT NULL,
  code_salt TEXT NOT NULL,
  code_digest TEXT NOT NULL,
  code_sent_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  send_day TEXT NOT NULL,
  sends_that_day INTEGER NOT NULL,
  confirmed_at TEXT NOT NULL DEFAULT '',
  UNIQUE (purpose, phone)
);
ALTER TABLE deregistration_objection ADD COLUMN set_aside_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE deregistration_objection ADD COLUMN set_aside_at TEXT NOT NULL DEFAULT '';
ALTER TABLE deregistration_objection ADD COLUMN set_aside_by TEXT NOT NULL DEFAULT '';
