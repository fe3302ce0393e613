-- SPDX-License-Identifier: MulanPSL-2.0
-- 0005 establishment (PostgreSQL): 企业开办 "one form, one submission"
-- applications, their department steps, deferred materials (容缺) and
-- 双告知 notices. Kept column-for-column with sqlite/0005_establishment.sql.
-- See docs/registration.md.

-- One application: the form as submitted (JSON), the registration decision
-- and, once registered, the USCC. authority_org_unit_id is the county bureau
-- of region_code: the registrar's and the window's data scope.
CREATE TABLE establishment_application (
  id BIGSERIAL PRIMARY KEY,
  applicant_user_id BIGINT REFERENCES app_user (id),  -- NULL when filed by the platform
  submitted_by TEXT NOT NULL,                          -- username, "cli:…"
  channel TEXT NOT NULL CHECK (channel IN ('online', 'window', 'cli')),
  authority_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  region_code TEXT NOT NULL,
  entity_kind TEXT NOT NULL,  -- limited_company, …, individual_business (establishment/form.h)
  name TEXT NOT NULL,
  form_json TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('instant_approval', 'review')),
  state TEXT NOT NULL
    CHECK (state IN ('queued', 'claimed', 'registered', 'rejected', 'completed')),
  registrar_user_id BIGINT REFERENCES app_user (id),
  reject_reason TEXT NOT NULL DEFAULT '',
  uscc TEXT,
  submitted_at TEXT NOT NULL,
  registered_at TEXT,
  completed_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX establishment_application_unit ON establishment_application (authority_org_unit_id, state);
CREATE INDEX establishment_application_user ON establishment_application (applicant_user_id);
CREATE INDEX establishment_application_submitted ON establishment_application (submitted_at);

-- One department step (registration included), dispatched in parallel.
-- state: pending → claimed → done | returned (→ pending when the applicant resubmits).
CREATE TABLE establishment_step (
  id BIGSERIAL PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES establishment_application (id),
  kind TEXT NOT NULL,  -- registration, seal, tax, social_insurance, …
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'done', 'returned')),
  claimed_by BIGINT REFERENCES app_user (id),
  result_json TEXT NOT NULL DEFAULT '{}',
  return_reason TEXT NOT NULL DEFAULT '',
  returns INTEGER NOT NULL DEFAULT 0,
  sla_minutes INTEGER NOT NULL,  -- working minutes allowed
  started_at TEXT NOT NULL,
  ended_at TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (application_id, kind)
);
CREATE INDEX establishment_step_unit ON establishment_step (org_unit_id, state);

-- 容缺 + 承诺: a listed non-key material accepted as missing, due later.
CREATE TABLE establishment_deferred_material (
  application_id BIGINT NOT NULL REFERENCES establishment_application (id),
  material TEXT NOT NULL,
  due_on TEXT NOT NULL,
  supplied_at TEXT,
  PRIMARY KEY (application_id, material)
);

-- 双告知: a permit-requiring scope item pushed to its competent department.
CREATE TABLE establishment_notice (
  id BIGSERIAL PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES establishment_application (id),
  scope_code TEXT NOT NULL,
  permit TEXT NOT NULL,
  department TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'returned')),
  reason TEXT NOT NULL DEFAULT '',
  handled_by BIGINT REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX establishment_notice_unit ON establishment_notice (org_unit_id, state);
