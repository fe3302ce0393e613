-- SPDX-License-Identifier: MulanPSL-2.0
-- 0012 suspension (SQLite): 歇业 filings with their published notices, and
-- 一般注销 liquidations with their steps and creditors' claims. Kept
-- column-for-column with postgresql/0012_suspension.sql. See docs/lifecycle.md.

-- One 歇业 period of an entity. state: filed (starts later) → in_effect →
-- resumed (resumption filed) | expired (deemed resumed at the end).
-- end_on is the last day of the period, moved by each extension.
CREATE TABLE suspension (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  authority_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  reason_category TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  filed_on TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  original_end_on TEXT NOT NULL,
  extensions INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('filed', 'in_effect', 'resumed', 'expired')),
  resumed_on TEXT,            -- the first day of business again
  outcome TEXT NOT NULL DEFAULT '',
  filed_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX suspension_uscc ON suspension (uscc);

-- What is published about suspensions (filing, extension, resumption, expiry).
CREATE TABLE suspension_notice (
  id INTEGER PRIMARY KEY,
  suspension_id BIGINT NOT NULL REFERENCES suspension (id),
  uscc TEXT NOT NULL,
  entity_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('filing', 'extension', 'resumption', 'expiry')),
  published_on TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX suspension_notice_published ON suspension_notice (published_on);

-- One 一般注销 liquidation of an entity. state: liquidating → applied →
-- deregistered | rejected.
CREATE TABLE liquidation (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  authority_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  cause TEXT NOT NULL,
  cause_on TEXT NOT NULL,           -- the day the dissolution cause arose
  group_formed_on TEXT NOT NULL,    -- the day the 清算组 was formed
  group_members TEXT NOT NULL,      -- JSON array of names
  public_notice_on TEXT,            -- the creditors' public notice, once published
  claims_until TEXT,                -- the last day of claims after the public notice
  state TEXT NOT NULL CHECK (state IN ('liquidating', 'applied', 'deregistered', 'rejected')),
  decision_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX liquidation_uscc ON liquidation (uscc);

-- Its steps (data/lifecycle/liquidation_steps.json), each with its deadline.
CREATE TABLE liquidation_step (
  id INTEGER PRIMARY KEY,
  liquidation_id BIGINT NOT NULL REFERENCES liquidation (id),
  step TEXT NOT NULL,
  due_on TEXT,                      -- NULL: no statutory limit, or not yet known
  done_on TEXT,
  overdue INTEGER NOT NULL DEFAULT 0 CHECK (overdue IN (0, 1)),
  overdue_marked_at TEXT,
  documents_json TEXT NOT NULL DEFAULT '[]',
  detail_json TEXT NOT NULL DEFAULT '{}',
  done_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (liquidation_id, step)
);

-- Creditors' claims (债权申报), filed publicly during the claims period.
CREATE TABLE liquidation_claim (
  id INTEGER PRIMARY KEY,
  liquidation_id BIGINT NOT NULL REFERENCES liquidation (id),
  creditor_name TEXT NOT NULL,
  amount_fen BIGINT NOT NULL CHECK (typeof(amount_fen) = 'integer'),
  basis TEXT NOT NULL,
  notice_received_on TEXT,          -- set when the creditor was notified directly
  filed_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX liquidation_claim_liquidation ON liquidation_claim (liquidation_id);

-- What is published about liquidations (清算组信息, 债权人公告).
CREATE TABLE liquidation_notice (
  id INTEGER PRIMARY KEY,
  liquidation_id BIGINT NOT NULL REFERENCES liquidation (id),
  uscc TEXT NOT NULL,
  entity_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('group', 'creditors', 'deregistered')),
  published_on TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX liquidation_notice_published ON liquidation_notice (published_on);
