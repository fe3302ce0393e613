-- SPDX-License-Identifier: MulanPSL-2.0
-- 0042 (sqlite) write throughput: see the other engine's 0042. SQLite has one
-- writer at a time, so audit::Append links records into audit_log directly
-- and USCC body codes keep the "uscc.body" counter; audit_pending is kept
-- column-for-column with the other engine and stays empty here.
CREATE TABLE audit_pending (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  org_unit_id INTEGER NOT NULL,
  ip TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  summary TEXT NOT NULL
);

-- name_claim: one row per (authority city, 字号) ever registered or reserved,
-- taken (inserted or updated) by names::NameService before the store is
-- re-checked for Art. 17 conflicts, so two writers of one 字号 queue on it
-- whatever their transactions' isolation; claims counts the takings.
CREATE TABLE name_claim (
  authority_city TEXT NOT NULL,
  trade_name TEXT NOT NULL,
  claims INTEGER NOT NULL,
  PRIMARY KEY (authority_city, trade_name)
);
