-- SPDX-License-Identifier: MulanPSL-2.0
-- 0022 beneficial-owner exemption (SQLite): a filing may be the commitment
-- 承诺免报 instead of a list of owners (受益所有人信息管理办法 2024: capital at
-- most 10 million yuan, every shareholder or partner a natural person, no
-- other controller). Kept column-for-column with
-- postgresql/0022_beneficial_owner_exemption.sql. See docs/lifecycle.md.
ALTER TABLE beneficial_owner_filing ADD COLUMN exempt INTEGER NOT NULL DEFAULT 0
  CHECK (exempt IN (0, 1));
