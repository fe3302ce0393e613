-- SPDX-License-Identifier: MulanPSL-2.0
-- 0003 audit (SQLite): the tamper-evident audit trail (执法全过程记录), see
-- src/audit/ and docs/audit.md. Kept column-for-column with
-- postgresql/0003_audit.sql.
--
-- Rows are written only by audit::Append, which assigns seq = head + 1 inside
-- the writer's transaction and chains each row's SHA-256 hash to the previous
-- row's. seq is a plain INTEGER PRIMARY KEY (no AUTOINCREMENT): Append chooses
-- it, so a rolled-back transaction leaves no gap. Integer columns other than
-- seq are BIGINT so soci::row reads them alike on both engines.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  recorded_at TEXT NOT NULL,  -- RFC 3339, +08:00, seconds
  user_id BIGINT NOT NULL,    -- 0 for the platform itself ("system")
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL,  -- 0 if none
  ip TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  summary TEXT NOT NULL,    -- JSON {"after":…,"before":…}
  prev_hash TEXT NOT NULL,  -- 64 lowercase hex; 64 zeros for seq 1
  hash TEXT NOT NULL        -- SHA-256 of the canonical encoding (docs/audit.md)
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);
CREATE INDEX audit_log_user ON audit_log (user_id);
CREATE INDEX audit_log_username ON audit_log (username);
CREATE INDEX audit_log_recorded_at ON audit_log (recorded_at);

-- Append-only for the program. Someone who can change the schema can drop
-- these triggers; the hash chain is what exposes that (docs/audit.md).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计记录只能追加，不能修改');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计记录只能追加，不能删除');
END;
