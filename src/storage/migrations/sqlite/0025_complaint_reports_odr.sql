-- SPDX-License-Identifier: MulanPSL-2.0
-- 0025 complaints, part two (SQLite): reports checked and turned into case
-- leads, reporter protection, ODR enterprises first, the registers and the
-- classification for hot spots (docs/complaints.md). Kept column-for-column
-- with postgresql/0025_complaint_reports_odr.sql.

-- complaint gains the state with_business (at an ODR enterprise) and the
-- columns below: SQLite cannot alter a CHECK, so complaint and the table
-- referring to it are rebuilt with the same rows.
CREATE TABLE complaint_0025 (
  id INTEGER PRIMARY KEY,
  query_code TEXT NOT NULL UNIQUE,          -- what the consumer quotes to follow it
  client_key TEXT UNIQUE,                   -- the submitter's Idempotency-Key, if any
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'report', 'enquiry')),
  channel TEXT NOT NULL
    CHECK (channel IN ('portal', 'phone', 'walk_in', 'hotline_12345', 'petition')),
  state TEXT NOT NULL CHECK (state IN ('with_business', 'received', 'accepted', 'not_accepted', 'closed')),
  business_uscc TEXT NOT NULL DEFAULT '',
  business_name TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL,                -- the county where the business is
  consumer_name TEXT NOT NULL DEFAULT '',
  consumer_phone TEXT NOT NULL,             -- personal data: staff reads are audited
  summary TEXT NOT NULL,
  occurred_on TEXT,                         -- YYYY-MM-DD
  received_at TEXT NOT NULL,                -- RFC 3339
  received_on TEXT NOT NULL,                -- YYYY-MM-DD, China date
  unit_id INTEGER NOT NULL REFERENCES org_unit (id),
  unit_path TEXT NOT NULL,
  accept_due_on TEXT NOT NULL,              -- the decision's last day ('' while with the business)
  accept_due_provisional INTEGER NOT NULL DEFAULT 0 CHECK (accept_due_provisional IN (0, 1)),
  decided_on TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL DEFAULT '',
  not_accept_reason TEXT NOT NULL DEFAULT '',
  decided_late INTEGER NOT NULL DEFAULT 0 CHECK (decided_late IN (0, 1)),
  -- Mediation, once accepted: its last day (45 working days from acceptance),
  -- how it ended, the money recovered for the consumer (yuan) and the rating.
  mediation_due_on TEXT NOT NULL DEFAULT '',
  mediation_due_provisional INTEGER NOT NULL DEFAULT 0 CHECK (mediation_due_provisional IN (0, 1)),
  outcome TEXT NOT NULL DEFAULT ''
    CHECK (outcome IN ('', 'agreement', 'no_agreement', 'withdrawn', 'ended', 'odr_settled')),
  amount_recovered BIGINT NOT NULL DEFAULT 0 CHECK (amount_recovered >= 0),
  closed_on TEXT NOT NULL DEFAULT '',
  rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  -- What the complaint is about (data/complaints/rules.json problem_kinds)
  -- and the business's industry (GB/T 4754 division, from the register).
  problem_kind TEXT NOT NULL DEFAULT '',
  industry_code TEXT NOT NULL DEFAULT '',
  -- Reports (举报): the check's last day (15 working days from receipt, +15
  -- with a leader's approval), the decision, its note, where it was
  -- transferred, the case lead it became and when a named reporter was told.
  check_due_on TEXT NOT NULL DEFAULT '',
  check_due_provisional INTEGER NOT NULL DEFAULT 0 CHECK (check_due_provisional IN (0, 1)),
  check_extended_by TEXT NOT NULL DEFAULT '',
  report_decision TEXT NOT NULL DEFAULT ''
    CHECK (report_decision IN ('', 'case_filed', 'not_filed', 'transferred')),
  report_note TEXT NOT NULL DEFAULT '',
  transferred_to TEXT NOT NULL DEFAULT '',
  lead_id BIGINT,
  reporter_told_on TEXT NOT NULL DEFAULT '',
  -- ODR (在线消费纠纷解决): a complaint against an enrolled enterprise goes to
  -- it first; its last day (10 working days), its answer and when.
  odr_due_on TEXT NOT NULL DEFAULT '',
  odr_due_provisional INTEGER NOT NULL DEFAULT 0 CHECK (odr_due_provisional IN (0, 1)),
  odr_result TEXT NOT NULL DEFAULT '' CHECK (odr_result IN ('', 'settled', 'refused', 'expired')),
  odr_replied_on TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
INSERT INTO complaint_0025 (id, query_code, client_key, kind, channel, state, business_uscc, business_name, region_code,
  consumer_name, consumer_phone, summary, occurred_on, received_at, received_on, unit_id, unit_path,
  accept_due_on, accept_due_provisional, decided_on, decided_by, not_accept_reason, decided_late,
  mediation_due_on, mediation_due_provisional, outcome, amount_recovered, closed_on, rating,
  updated_at)
SELECT id, query_code, client_key, kind, channel, state, business_uscc, business_name, region_code,
  consumer_name, consumer_phone, summary, occurred_on, received_at, received_on, unit_id, unit_path,
  accept_due_on, accept_due_provisional, decided_on, decided_by, not_accept_reason, decided_late,
  mediation_due_on, mediation_due_provisional, outcome, amount_recovered, closed_on, rating,
  updated_at FROM complaint;
CREATE TABLE complaint_session_0025 (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaint_0025 (id),
  held_on TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
INSERT INTO complaint_session_0025 SELECT id, complaint_id, held_on, note, recorded_by, recorded_at
FROM complaint_session;
DROP TABLE complaint_session;
DROP TABLE complaint;
ALTER TABLE complaint_0025 RENAME TO complaint;
ALTER TABLE complaint_session_0025 RENAME TO complaint_session;
CREATE INDEX complaint_unit_state ON complaint (unit_path, state);
CREATE INDEX complaint_business ON complaint (business_uscc);
CREATE INDEX complaint_session_complaint ON complaint_session (complaint_id);
CREATE INDEX complaint_received ON complaint (received_on);
-- The hot spots (complaint_figures.h) read these alone (index-only), grouped
-- in index order: each figure over a million records in well under a second.
CREATE INDEX complaint_hot_business
  ON complaint (kind, business_uscc, business_name, received_on, unit_id);
CREATE INDEX complaint_hot_industry ON complaint (kind, industry_code, received_on, unit_id);
CREATE INDEX complaint_hot_problem ON complaint (kind, problem_kind, received_on, unit_id);

-- Who is on a report: its reporter's identity is shown to these officers
-- only, and each reading is audited (complaint.reporter.read).
CREATE TABLE complaint_handler (
  complaint_id INTEGER NOT NULL REFERENCES complaint (id),
  username TEXT NOT NULL,
  since TEXT NOT NULL,
  PRIMARY KEY (complaint_id, username)
);

-- The registers of the 12315 work: enterprises enrolled in ODR (在线消费纠纷
-- 解决) and the commitments 放心消费承诺 and 线下无理由退货. An entry ends
-- (ended_on) rather than being deleted; at most one open entry per business
-- and kind.
CREATE TABLE consumer_register (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('odr', 'assured_consumption', 'offline_return')),
  uscc TEXT NOT NULL,
  business_name TEXT NOT NULL,
  unit_path TEXT NOT NULL,
  from_on TEXT NOT NULL,
  ended_on TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  ended_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consumer_register_uscc ON consumer_register (uscc, kind, ended_on);
CREATE INDEX consumer_register_unit ON consumer_register (unit_path, kind);

-- Case leads (线索, src/leads) come from inspection results and verified
-- reports; each names its source record and carries its evidence.
ALTER TABLE case_lead ADD COLUMN source_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE case_lead ADD COLUMN business_name TEXT NOT NULL DEFAULT '';
CREATE TABLE case_lead_evidence (
  lead_id INTEGER NOT NULL REFERENCES case_lead (id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  ref TEXT NOT NULL,  -- what it points at: "complaint:12", a file's sha256, a document number
  PRIMARY KEY (lead_id, position)
);
