-- SPDX-License-Identifier: MulanPSL-2.0
-- 0013 deregistration (PostgreSQL): the restrictions that exclude an entity from
-- 简易注销 (股权冻结、出质、动产抵押、立案调查、涉诉、未缴罚款 …), 简易注销
-- applications with their 20-day public notice and objections, and the
-- 个体工商户一屏注销 pushed to tax and the other departments. Kept
-- column-for-column with sqlite/0013_deregistration.sql. See docs/lifecycle.md.

-- A restriction recorded on an entity by staff (restrictions.write), with the
-- document it rests on; lifted_on is set when it is lifted (the row stays).
-- kind: data/lifecycle/restrictions.csv.
CREATE TABLE entity_restriction (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  kind TEXT NOT NULL,
  document_number TEXT NOT NULL,      -- 文书号 of the decision that imposed it
  issued_by TEXT NOT NULL DEFAULT '', -- the deciding body (court, bureau …)
  effective_on TEXT NOT NULL,         -- YYYY-MM-DD
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,          -- username
  recorded_at TEXT NOT NULL,
  lifted_on TEXT,
  lift_document_number TEXT NOT NULL DEFAULT '',
  lift_note TEXT NOT NULL DEFAULT '',
  lifted_by TEXT NOT NULL DEFAULT '',
  lifted_at TEXT
);
CREATE INDEX entity_restriction_uscc ON entity_restriction (uscc, lifted_on);

-- 简易注销: state notice (公示中) → objected (异议终止) | ready (公示期满，待申请注销)
-- → completed | lapsed (逾期未申请). authority_org_unit_id: the county bureau.
-- commitment_json: the investors' commitment and the declarations. At most one
-- open (notice, ready) application per entity.
CREATE TABLE simplified_deregistration (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  entity_name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  authority_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  applicant_user_id BIGINT REFERENCES app_user (id),
  submitted_by TEXT NOT NULL,
  commitment_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('notice', 'objected', 'ready', 'completed', 'lapsed')),
  applied_on TEXT NOT NULL,
  notice_start_on TEXT NOT NULL,
  notice_end_on TEXT NOT NULL,
  completion_due_on TEXT,
  closed_reason TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL,
  closed_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX simplified_deregistration_open ON simplified_deregistration (uscc)
  WHERE state IN ('notice', 'ready');
CREATE INDEX simplified_deregistration_unit ON simplified_deregistration (authority_org_unit_id, state);
CREATE INDEX simplified_deregistration_applied ON simplified_deregistration (applied_on);

-- 个体工商户一屏注销: state pending (推送各部门) → objected | granted.
CREATE TABLE one_screen_deregistration (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  entity_name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  authority_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  applicant_user_id BIGINT REFERENCES app_user (id),
  submitted_by TEXT NOT NULL,
  declaration_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'objected', 'granted')),
  applied_on TEXT NOT NULL,
  window_end_on TEXT NOT NULL,
  closed_reason TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL,
  closed_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX one_screen_deregistration_open ON one_screen_deregistration (uscc)
  WHERE state = 'pending';
CREATE INDEX one_screen_deregistration_applied ON one_screen_deregistration (applied_on);

-- The departments a one-screen application was pushed to, each one's answer.
CREATE TABLE one_screen_department (
  id BIGSERIAL PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES one_screen_deregistration (id),
  department TEXT NOT NULL,  -- tax, social_insurance … (org_unit.department)
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'cleared', 'objected', 'closed')),
  reason TEXT NOT NULL DEFAULT '',
  handled_by BIGINT REFERENCES app_user (id),
  handled_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (application_id, department)
);
CREATE INDEX one_screen_department_unit ON one_screen_department (org_unit_id, state);

-- Objections to a simplified deregistration's notice: by anyone (public, with
-- name and contact, never published) or by a department officer.
CREATE TABLE deregistration_objection (
  id BIGSERIAL PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES simplified_deregistration (id),
  objector_kind TEXT NOT NULL CHECK (objector_kind IN ('creditor', 'department', 'other')),
  objector_name TEXT NOT NULL,
  objector_contact TEXT NOT NULL DEFAULT '',
  org_unit_id BIGINT REFERENCES org_unit (id),
  user_id BIGINT REFERENCES app_user (id),
  reason TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  filed_at TEXT NOT NULL
);
CREATE INDEX deregistration_objection_application ON deregistration_objection (application_id);
CREATE INDEX deregistration_objection_filed ON deregistration_objection (filed_on);
