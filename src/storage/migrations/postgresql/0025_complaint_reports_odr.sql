-- SPDX-License-Identifier: MulanPSL-2.0
-- 0025 complaints, part two (PostgreSQL): reports checked and turned into case
-- leads, reporter protection, ODR enterprises first, the registers and the
-- classification for hot spots (docs/complaints.md). Kept column-for-column
-- with sqlite/0025_complaint_reports_odr.sql.

ALTER TABLE complaint DROP CONSTRAINT complaint_state_check;
ALTER TABLE complaint DROP CONSTRAINT complaint_outcome_check;
ALTER TABLE complaint ADD CONSTRAINT complaint_outcome_check
  CHECK (outcome IN ('', 'agreement', 'no_agreement', 'withdrawn', 'ended', 'odr_settled'));
ALTER TABLE complaint ADD CONSTRAINT complaint_state_check
  CHECK (state IN ('with_business', 'received', 'accepted', 'not_accepted', 'closed'));
-- What the complaint is about (data/complaints/rules.json problem_kinds) and
-- the business's industry (GB/T 4754 division, from the register).
ALTER TABLE complaint ADD COLUMN problem_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN industry_code TEXT NOT NULL DEFAULT '';
-- Reports (举报): the check's last day (15 working days from receipt, +15
-- with a leader's approval), the decision, its note, where it was
-- transferred, the case lead it became and when a named reporter was told.
ALTER TABLE complaint ADD COLUMN check_due_on TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN check_due_provisional INTEGER NOT NULL DEFAULT 0
  CHECK (check_due_provisional IN (0, 1));
ALTER TABLE complaint ADD COLUMN check_extended_by TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN report_decision TEXT NOT NULL DEFAULT ''
  CHECK (report_decision IN ('', 'case_filed', 'not_filed', 'transferred'));
ALTER TABLE complaint ADD COLUMN report_note TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN transferred_to TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN lead_id BIGINT;
ALTER TABLE complaint ADD COLUMN reporter_told_on TEXT NOT NULL DEFAULT '';
-- ODR (在线消费纠纷解决): a complaint against an enrolled enterprise goes to
-- it first; its last day (10 working days), its answer and when.
ALTER TABLE complaint ADD COLUMN odr_due_on TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN odr_due_provisional INTEGER NOT NULL DEFAULT 0
  CHECK (odr_due_provisional IN (0, 1));
ALTER TABLE complaint ADD COLUMN odr_result TEXT NOT NULL DEFAULT ''
  CHECK (odr_result IN ('', 'settled', 'refused', 'expired'));
ALTER TABLE complaint ADD COLUMN odr_replied_on TEXT NOT NULL DEFAULT '';
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
  complaint_id BIGINT NOT NULL REFERENCES complaint (id),
  username TEXT NOT NULL,
  since TEXT NOT NULL,
  PRIMARY KEY (complaint_id, username)
);

-- The registers of the 12315 work: enterprises enrolled in ODR (在线消费纠纷
-- 解决) and the commitments 放心消费承诺 and 线下无理由退货. An entry ends
-- (ended_on) rather than being deleted; at most one open entry per business
-- and kind.
CREATE TABLE consumer_register (
  id BIGSERIAL PRIMARY KEY,
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
  lead_id BIGINT NOT NULL REFERENCES case_lead (id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  ref TEXT NOT NULL,  -- what it points at: "complaint:12", a file's sha256, a document number
  PRIMARY KEY (lead_id, position)
);
