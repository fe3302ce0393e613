-- SPDX-License-Identifier: MulanPSL-2.0
-- 0006 license (SQLite): the electronic business licence (电子营业执照), the
-- platform's signing keys, e-seals, the licence's administrators, agent
-- authorisations and short-lived QR tokens. Kept column-for-column with
-- postgresql/0006_license.sql. See docs/license.md.

-- The platform's Ed25519 signing keys. The newest key without retired_at
-- signs; every key stays here so that documents signed by a retired key still
-- verify. Keys are base64 (public: 32 bytes, secret: 64 bytes).
CREATE TABLE license_signing_key (
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,
  secret_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT  -- RFC 3339; NULL while it signs
);

-- One licence per entity: the signed document as issued (canonical JSON).
CREATE TABLE license (
  uscc TEXT PRIMARY KEY REFERENCES entity (uscc),
  serial TEXT NOT NULL UNIQUE,
  key_id TEXT NOT NULL REFERENCES license_signing_key (key_id),
  document TEXT NOT NULL,
  holder_user_id BIGINT NOT NULL,
  issued_at TEXT NOT NULL
);

-- 持照人管理员: the users who manage the licence (the applicant first).
CREATE TABLE license_admin (
  uscc TEXT NOT NULL REFERENCES license (uscc),
  user_id BIGINT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (uscc, user_id)
);

-- E-seals issued with the licence: the public key and the platform's
-- certificate (a signed JSON document). The private key is handed to the
-- holder once at issue and never stored.
CREATE TABLE e_seal (
  id BIGINT PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES license (uscc),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  public_key TEXT NOT NULL UNIQUE,
  certificate TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  UNIQUE (uscc, kind)
);

-- Agents (经办人) authorised by the licence's administrators per task and
-- period; an agent is a user (agent_user_id) or a person named by citizen ID.
-- A revoked row stays (revoked_at set) for the record.
CREATE TABLE license_authorization (
  id BIGINT PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES license (uscc),
  agent_user_id BIGINT,
  agent_citizen_id TEXT NOT NULL DEFAULT '',
  agent_name TEXT NOT NULL DEFAULT '',
  tasks TEXT NOT NULL,  -- comma-separated task ids
  valid_from TEXT NOT NULL,   -- YYYY-MM-DD, China date, inclusive
  valid_until TEXT NOT NULL,  -- YYYY-MM-DD, China date, inclusive
  granted_by BIGINT NOT NULL,
  granted_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by BIGINT
);
CREATE INDEX license_authorization_uscc ON license_authorization (uscc);
CREATE INDEX license_authorization_user ON license_authorization (agent_user_id);
CREATE INDEX license_authorization_citizen ON license_authorization (agent_citizen_id);

-- Dynamic QR codes: a random token (stored as its SHA-256, hex) that shows the
-- licence's facts until expires_at.
CREATE TABLE license_qr_token (
  token_hash TEXT PRIMARY KEY,
  uscc TEXT NOT NULL REFERENCES license (uscc),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX license_qr_token_uscc ON license_qr_token (uscc);
