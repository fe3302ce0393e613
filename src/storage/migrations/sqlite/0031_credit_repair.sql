-- SPDX-License-Identifier: MulanPSL-2.0
-- 0031 行政处罚信息公示 and 信用修复 (sqlite; docs/credit.md). Kept
-- column-for-column with postgresql/0031_credit_repair.sql.
-- A published penalty: public until its tier's period ends, or repaired.
CREATE TABLE penalty_publication (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  decision_no TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  kinds TEXT NOT NULL,  -- penalty kinds of data/credit/repair.json, comma-separated
  fine_fen BIGINT NOT NULL DEFAULT 0 CHECK (fine_fen >= 0),
  field TEXT NOT NULL,
  tier TEXT NOT NULL,
  facts TEXT NOT NULL,
  basis TEXT NOT NULL,
  content TEXT NOT NULL,
  authority_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  published_on TEXT NOT NULL,
  public_until TEXT NOT NULL,
  repairable_from TEXT NOT NULL DEFAULT '',  -- '' when no application can be made
  fulfilled_on TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('published', 'repaired')),
  repaired_on TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (uscc, decision_no)
);
CREATE INDEX penalty_publication_tier ON penalty_publication (tier, decided_on);
-- One application form for each kind of record (penalty, serious_listing).
-- state: applied → approved | refused.
CREATE TABLE repair_application (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  record_kind TEXT NOT NULL CHECK (record_kind IN ('penalty', 'serious_listing')),
  record_id BIGINT NOT NULL,
  applied_on TEXT NOT NULL,
  statement TEXT NOT NULL,
  evidence TEXT NOT NULL,
  commitment INTEGER NOT NULL CHECK (commitment IN (0, 1)),
  due TEXT NOT NULL,
  authority_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  state TEXT NOT NULL CHECK (state IN ('applied', 'approved', 'refused')),
  decided_on TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  decided_late INTEGER NOT NULL DEFAULT 0 CHECK (decided_late IN (0, 1)),
  created_at TEXT NOT NULL
);
CREATE INDEX repair_application_record ON repair_application (record_kind, record_id, state);
CREATE INDEX repair_application_uscc ON repair_application (uscc);
CREATE INDEX repair_application_queue ON repair_application (state, authority_unit_id);
