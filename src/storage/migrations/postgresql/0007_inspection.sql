-- SPDX-License-Identifier: MulanPSL-2.0
-- 0007 inspection (PostgreSQL): 双随机、一公开. The item list and the two
-- libraries (一单两库), plans, tasks, the published pool and the draw, visits
-- with their officers and results, attachments and case leads. Kept
-- column-for-column with sqlite/0007_inspection.sql; docs/inspection.md.

-- 抽查事项清单: what a department (an org unit) may inspect.
CREATE TABLE inspection_item (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('key', 'general')),
  legal_basis TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  entity_kinds TEXT NOT NULL DEFAULT '',  -- ';'-separated entity kinds; '' = all
  industries TEXT NOT NULL DEFAULT '',    -- ';'-separated industry code prefixes; '' = all
  region_code TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX inspection_item_unit ON inspection_item (org_unit_id);

-- 检查对象名录库 beyond the registry: labels and special libraries of an
-- entity (kind 'entity', key = USCC), and products, projects and premises of
-- an owner entity (their labels count for the owner when filtering).
CREATE TABLE inspection_target (
  id BIGSERIAL PRIMARY KEY,
  target_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('entity', 'product', 'project', 'premises')),
  name TEXT NOT NULL,
  entity_uscc TEXT NOT NULL REFERENCES entity (uscc),
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  labels TEXT NOT NULL DEFAULT '',           -- ';'-separated
  special_library TEXT NOT NULL DEFAULT '',  -- e.g. 特种设备使用单位
  region_code TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX inspection_target_entity ON inspection_target (entity_uscc);

-- 执法检查人员名录库.
CREATE TABLE inspection_officer (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,  -- 执法证号 or staff number
  name TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),  -- the department
  station_unit_id BIGINT REFERENCES org_unit (id),       -- 监管所, if any
  user_id BIGINT REFERENCES app_user (id),               -- the login, if any
  qualifications TEXT NOT NULL DEFAULT '',               -- ';'-separated
  status TEXT NOT NULL CHECK (status IN ('active', 'on_leave', 'inactive')),
  region_code TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX inspection_officer_unit ON inspection_officer (org_unit_id);
CREATE INDEX inspection_officer_user ON inspection_officer (user_id);

-- Declared conflicts of interest (回避).
CREATE TABLE inspection_officer_conflict (
  officer_id BIGINT NOT NULL REFERENCES inspection_officer (id),
  entity_uscc TEXT NOT NULL,
  PRIMARY KEY (officer_id, entity_uscc)
);

-- Annual plans, filed upward to the parent unit.
CREATE TABLE inspection_plan (
  id BIGSERIAL PRIMARY KEY,
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'filed')),
  filed_to_unit_id BIGINT REFERENCES org_unit (id),
  filed_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX inspection_plan_unit ON inspection_plan (org_unit_id);

-- Tasks. status: planned → pool_published (pool and pool_hash fixed) → drawn.
-- ratios, filters and officer_snapshot are JSON text.
CREATE TABLE inspection_task (
  id BIGSERIAL PRIMARY KEY,
  plan_id BIGINT NOT NULL REFERENCES inspection_plan (id),
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),  -- the leading department
  name TEXT NOT NULL,
  joint INTEGER NOT NULL CHECK (joint IN (0, 1)),
  filters TEXT NOT NULL,
  ratios TEXT NOT NULL,
  officers_per_visit INTEGER NOT NULL,
  exclude_within_days INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'pool_published', 'drawn')),
  pool_size BIGINT,
  pool_hash TEXT,
  pool_published_at TEXT,
  entropy TEXT,
  witness TEXT,
  seed TEXT,
  officer_snapshot TEXT,
  drawn_at TEXT,
  region_code TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX inspection_task_plan ON inspection_task (plan_id);
CREATE INDEX inspection_task_unit ON inspection_task (org_unit_id);

CREATE TABLE inspection_task_item (
  task_id BIGINT NOT NULL REFERENCES inspection_task (id),
  item_id BIGINT NOT NULL REFERENCES inspection_item (id),
  PRIMARY KEY (task_id, item_id)
);

-- The published pool: eligible entities sorted by USCC. Never changed after
-- publication (amr draw verify recomputes the hash from these rows).
CREATE TABLE inspection_pool (
  task_id BIGINT NOT NULL REFERENCES inspection_task (id),
  position BIGINT NOT NULL,
  uscc TEXT NOT NULL,
  credit_class TEXT NOT NULL,
  PRIMARY KEY (task_id, position)
);

-- One visit per drawn entity per task (进一次门、查多项事).
CREATE TABLE inspection_visit (
  id BIGSERIAL PRIMARY KEY,
  task_id BIGINT NOT NULL REFERENCES inspection_task (id),
  uscc TEXT NOT NULL,
  credit_class TEXT NOT NULL,
  item_ids TEXT NOT NULL,  -- ';'-separated item ids that apply to the entity
  result_state TEXT NOT NULL DEFAULT 'not_inspected',
  check_date TEXT,
  deadline TEXT,  -- 20 working days after check_date (data/inspection/settings.csv)
  notes TEXT NOT NULL DEFAULT '',
  entered_at TEXT,
  entered_by BIGINT,
  published_at TEXT,
  region_code TEXT NOT NULL,
  UNIQUE (task_id, uscc)
);
CREATE INDEX inspection_visit_uscc ON inspection_visit (uscc);

CREATE TABLE inspection_visit_officer (
  visit_id BIGINT NOT NULL REFERENCES inspection_visit (id),
  officer_id BIGINT NOT NULL REFERENCES inspection_officer (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (visit_id, officer_id)
);
CREATE INDEX inspection_visit_officer_officer ON inspection_visit_officer (officer_id);

-- Attachments: metadata and content hash (the content lives in the file store).
CREATE TABLE inspection_attachment (
  id BIGSERIAL PRIMARY KEY,
  visit_id BIGINT NOT NULL REFERENCES inspection_visit (id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX inspection_attachment_visit ON inspection_attachment (visit_id);

-- A problem found, sent on as a case lead (案源线索).
CREATE TABLE case_lead (
  id BIGSERIAL PRIMARY KEY,
  source TEXT NOT NULL,  -- 'inspection'
  visit_id BIGINT REFERENCES inspection_visit (id),
  uscc TEXT NOT NULL,
  description TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  status TEXT NOT NULL DEFAULT 'open',
  created_by BIGINT,
  created_at TEXT NOT NULL
);
CREATE INDEX case_lead_unit ON case_lead (org_unit_id);
