-- SPDX-License-Identifier: MulanPSL-2.0
-- 0035 A penalty published after the authority's 20 working days
-- (企业信息公示暂行条例 第六条; data/credit/repair.json publication_limit) is
-- marked late (docs/credit.md).
ALTER TABLE penalty_publication ADD COLUMN published_late INTEGER NOT NULL DEFAULT 0
  CHECK (published_late IN (0, 1));
