-- SPDX-License-Identifier: MulanPSL-2.0
-- 0042 (postgresql) write throughput: concurrent writers no longer queue for
-- the audit chain nor conflict on the USCC counter (docs/audit.md
-- "Concurrency", docs/operations.md "Write throughput").
--
-- audit_pending: audit::Append writes a record here inside the writer's
-- transaction (no lock, no chain link: a SERIALIZABLE snapshot cannot see the
-- chain's head); just after the commit, audit::SealPending moves the pending
-- records into audit_log in a short READ COMMITTED transaction under the
-- chain's lock, numbering and hashing them in that order. Kept
-- column-for-column with the other engine's 0042 (unused there: SQLite has
-- one writer at a time and appends to the chain directly).
CREATE TABLE audit_pending (
  id BIGSERIAL PRIMARY KEY,
  recorded_at TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL,
  ip TEXT NOT NULL,
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  summary TEXT NOT NULL
);

-- Body codes of the USCCs the deployment issues (storage::NextUsccBody),
-- continuing the counter used so far.
CREATE SEQUENCE uscc_body_seq;
SELECT setval('uscc_body_seq',
              COALESCE((SELECT value FROM serial_counter WHERE name = 'uscc.body'), 0) + 1, false);

-- name_claim: one row per (authority city, 字号) ever registered or reserved,
-- taken (inserted or updated) by names::NameService before the store is
-- re-checked for Art. 17 conflicts, so two writers of one 字号 queue on it
-- whatever their transactions' isolation; claims counts the takings.
CREATE TABLE name_claim (
  authority_city TEXT NOT NULL,
  trade_name TEXT NOT NULL,
  claims BIGINT NOT NULL,
  PRIMARY KEY (authority_city, trade_name)
);
