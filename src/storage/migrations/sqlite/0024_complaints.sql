-- SPDX-License-Identifier: MulanPSL-2.0
-- 0024 complaints (SQLite): 12315 complaints, reports and enquiries as received
-- from every channel, the unit handling each and the acceptance decision
-- (市场监督管理投诉举报处理暂行办法; docs/complaints.md). Kept column-for-column
-- with postgresql/0024_complaints.sql.
CREATE TABLE complaint (
  id INTEGER PRIMARY KEY,
  query_code TEXT NOT NULL UNIQUE,          -- what the consumer quotes to follow it
  client_key TEXT UNIQUE,                   -- the submitter's Idempotency-Key, if any
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'report', 'enquiry')),
  channel TEXT NOT NULL
    CHECK (channel IN ('portal', 'phone', 'walk_in', 'hotline_12345', 'petition')),
  state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'not_accepted', 'closed')),
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
  accept_due_on TEXT NOT NULL,              -- the decision's last day
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
    CHECK (outcome IN ('', 'agreement', 'no_agreement', 'withdrawn', 'ended')),
  amount_recovered BIGINT NOT NULL DEFAULT 0 CHECK (amount_recovered >= 0),
  closed_on TEXT NOT NULL DEFAULT '',
  rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  updated_at TEXT NOT NULL
);
CREATE INDEX complaint_unit_state ON complaint (unit_path, state);
CREATE INDEX complaint_business ON complaint (business_uscc);

-- Mediation sessions (调解) held on an accepted complaint.
CREATE TABLE complaint_session (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaint (id),
  held_on TEXT NOT NULL,  -- YYYY-MM-DD
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX complaint_session_complaint ON complaint_session (complaint_id);
