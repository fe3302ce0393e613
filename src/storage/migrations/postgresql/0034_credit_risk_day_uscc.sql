-- SPDX-License-Identifier: MulanPSL-2.0
-- 0034 credit risk classes (PostgreSQL): the classification runs in batches of
-- entities in USCC order, each replacing that day's rows in its range of
-- USCCs (docs/credit.md), so a day's rows are found by (classified_on, uscc).
-- With the index on (classified_on, class), which nothing else reads, both
-- engines' planners read all of that day's rows for each batch.
DROP INDEX credit_risk_day;
CREATE INDEX credit_risk_day ON credit_risk (classified_on, uscc);
