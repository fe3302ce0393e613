-- SPDX-License-Identifier: MulanPSL-2.0
-- 0036 Self-registration of applicants (sqlite; docs/security.md, "Applicant
-- accounts"). Kept column-for-column with the other engine's 0036. One row per
-- mobile phone: a new request for the same phone replaces the pending details
-- and its code, so a retry never makes a second record. The code itself is
-- never stored, only its keyed digest.
-- state: pending → verified (then user_id names the account made).
CREATE TABLE applicant_signup (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  citizen_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  code_salt TEXT NOT NULL,
  code_digest TEXT NOT NULL,
  code_sent_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  send_day TEXT NOT NULL,       -- the China date of the last code sent
  sends_that_day INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'verified')),
  user_id BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  verified_at TEXT NOT NULL DEFAULT ''
);
-- A citizen has one applicant account: registration looks it up by ID number.
CREATE INDEX app_user_citizen ON app_user (citizen_id);
