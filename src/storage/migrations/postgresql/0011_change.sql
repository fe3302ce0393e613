-- SPDX-License-Identifier: MulanPSL-2.0
-- 0011 change (postgresql): change registration (变更登记) with its versions, the
-- entity's registered detail (scope, investors), 双告知 for a scope change,
-- 个转企 links and beneficial-owner filings (受益所有人备案). Kept
-- column-for-column with the other engine's 0011_change.sql. See
-- docs/lifecycle.md (sections change and beneficial_owner).

-- What the entity row does not hold: business scope (catalogue codes) and
-- investors, as JSON {"scope": [...], "investors": [...]}. Seeded from the
-- 企业开办 form when the entity was registered here.
CREATE TABLE entity_detail (
  uscc TEXT PRIMARY KEY REFERENCES entity (uscc),
  detail_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One change application. request_json holds the requested values (citizen
-- IDs included: never public). state: pending_review (a "similar" name waits
-- for the registrar) → effective | rejected; standard changes are effective
-- at once (即时办结).
CREATE TABLE entity_change (
  id BIGSERIAL PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  kind TEXT NOT NULL CHECK (kind IN ('change', 'operator_change')),
  channel TEXT NOT NULL CHECK (channel IN ('online', 'window', 'cli')),
  submitted_by TEXT NOT NULL,
  applicant_user_id BIGINT REFERENCES app_user (id),
  authority_org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  request_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending_review', 'effective', 'rejected')),
  name_verdict TEXT NOT NULL DEFAULT '',
  name_message TEXT NOT NULL DEFAULT '',
  reviewer_user_id BIGINT REFERENCES app_user (id),
  reject_reason TEXT NOT NULL DEFAULT '',
  version INTEGER,  -- the entity_version it wrote
  submitted_at TEXT NOT NULL,
  decided_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX entity_change_uscc ON entity_change (uscc, state);
CREATE INDEX entity_change_unit ON entity_change (authority_org_unit_id, state);

-- The registered history: version 1 is the registration (or the state when
-- history began), each effective change adds one. changes_json:
-- [{"field", "before", "after"}] with private values; the public history
-- filters them.
CREATE TABLE entity_version (
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  version INTEGER NOT NULL,
  effective_on TEXT NOT NULL,
  kind TEXT NOT NULL,  -- registration | change | operator_change | conversion
  changes_json TEXT NOT NULL,
  channel TEXT NOT NULL,  -- online | window | cli | registration | system
  recorded_by TEXT NOT NULL,
  change_id BIGINT REFERENCES entity_change (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (uscc, version)
);

-- 双告知 for a change whose scope adds 许可项目: pushed to the competent
-- department as at registration (establishment_notice).
CREATE TABLE entity_change_notice (
  id BIGSERIAL PRIMARY KEY,
  change_id BIGINT NOT NULL REFERENCES entity_change (id),
  uscc TEXT NOT NULL,
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
CREATE INDEX entity_change_notice_unit ON entity_change_notice (org_unit_id, state);

-- 个转企: the individual business from_uscc continues as the enterprise to_uscc.
CREATE TABLE entity_conversion (
  from_uscc TEXT PRIMARY KEY REFERENCES entity (uscc),
  to_uscc TEXT NOT NULL UNIQUE REFERENCES entity (uscc),
  target_kind TEXT NOT NULL,  -- limited_company | sole_proprietorship
  converted_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- 受益所有人备案: each filing replaces the previous one (version n).
-- owners_json holds citizen IDs in clear: read only through
-- beneficial_owner.read or the entity's own administrator, never published.
CREATE TABLE beneficial_owner_filing (
  uscc TEXT NOT NULL REFERENCES entity (uscc),
  version INTEGER NOT NULL,
  owners_json TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'window', 'cli')),
  filed_by TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  PRIMARY KEY (uscc, version)
);
