-- SPDX-License-Identifier: MulanPSL-2.0
-- 0002 identity (SQLite): users, roles at org units, login sessions,
-- idempotency keys, and the materialised path of the org tree. Kept
-- column-for-column with postgresql/0002_identity.sql. See docs/security.md.

-- The org tree's materialised path, "/1/3/7/" for unit 7 under 3 under 1: a
-- role held at a unit covers every unit whose path starts with that unit's
-- path (its data scope). Kept by triggers, so every writer of org_unit gets
-- it right; moving a unit (changing parent_id) is refused.
ALTER TABLE org_unit ADD COLUMN path TEXT NOT NULL DEFAULT '';
WITH RECURSIVE tree (id, path) AS (
  SELECT id, '/' || CAST(id AS TEXT) || '/' FROM org_unit WHERE parent_id IS NULL
  UNION ALL
  SELECT o.id, t.path || CAST(o.id AS TEXT) || '/' FROM org_unit o JOIN tree t ON o.parent_id = t.id
)
UPDATE org_unit SET path = (SELECT tree.path FROM tree WHERE tree.id = org_unit.id);
CREATE INDEX org_unit_path ON org_unit (path);
CREATE TRIGGER org_unit_path_insert AFTER INSERT ON org_unit
BEGIN
  UPDATE org_unit
  SET path = COALESCE((SELECT p.path FROM org_unit p WHERE p.id = NEW.parent_id), '/') ||
             CAST(NEW.id AS TEXT) || '/'
  WHERE id = NEW.id;
END;
CREATE TRIGGER org_unit_no_move BEFORE UPDATE OF parent_id ON org_unit
WHEN NEW.parent_id IS NOT OLD.parent_id
BEGIN
  SELECT RAISE(ABORT, '机构不能移动到另一上级机构之下');
END;

-- Everyone who logs in: staff of an org unit, or a public applicant (a natural
-- person, or an agent acting for an enterprise). The staff table stays the HR
-- record (title); staff_id links a login to it.
CREATE TABLE app_user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('staff', 'applicant')),
  org_unit_id BIGINT REFERENCES org_unit (id),
  staff_id BIGINT REFERENCES staff (id),
  entity_uscc TEXT,  -- applicant: the enterprise it acts for
  citizen_id TEXT,   -- applicant: the natural person
  password_hash TEXT NOT NULL,  -- argon2id, libsodium's encoded string
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,  -- RFC 3339; NULL when not locked
  password_changed_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT ''  -- of its org unit; '' for applicants
);
CREATE INDEX app_user_org_unit ON app_user (org_unit_id);

-- A role held at an org unit; the unit's subtree is the role's data scope.
-- Role names are checked by the program (src/identity/roles.cc, the one table).
CREATE TABLE user_role (
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  role TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
  PRIMARY KEY (user_id, role, org_unit_id)
);
CREATE INDEX user_role_org_unit ON user_role (org_unit_id);
CREATE INDEX user_role_role ON user_role (role);

-- Login sessions. The token itself is never stored: only its SHA-256.
CREATE TABLE auth_session (
  token_hash TEXT PRIMARY KEY,  -- 64 lowercase hex
  user_id BIGINT NOT NULL REFERENCES app_user (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_session_user ON auth_session (user_id);
CREATE INDEX auth_session_expires ON auth_session (expires_at);

-- The first answer to a request sent with an Idempotency-Key, so a retry
-- gets the same answer and creates nothing (identity/idempotency.h).
CREATE TABLE idempotency_key (
  user_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,  -- SHA-256 of method, path and body
  status INTEGER NOT NULL,
  response TEXT NOT NULL,  -- the JSON body, secrets removed
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
