-- Deliveries churn (inserted, claimed, finished by the thousand): keep the planner's statistics and
-- the table tidy more often than PostgreSQL's defaults (10 % / 20 % of the rows changed), so the
-- delivery workers' claim keeps reading the due-deliveries index in order however large a backlog.
ALTER TABLE delivery SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
ALTER TABLE event SET (autovacuum_analyze_scale_factor = 0.02);
