-- SPDX-License-Identifier: MulanPSL-2.0
-- 0023 reservation pre-approval (PostgreSQL): the approval required before registration
-- (data/names/pre_approval_items.csv) a reservation names, which keeps it one
-- year instead of two months (企业名称登记管理规定实施办法; docs/names.md "Dates").
-- Kept column-for-column with sqlite/0023_reservation_pre_approval.sql.
ALTER TABLE name_reservation ADD COLUMN pre_approval_item TEXT NOT NULL DEFAULT '';
