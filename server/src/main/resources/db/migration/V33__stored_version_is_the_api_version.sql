-- Issue 26 (Asked 4): the stored version is the API's versionId. Inmates, action plans, LS/RNR
-- assessments, supervision, release meetings, outcomes, clients, consents, referrals, programmes,
-- subscriptions and directory entries counted from 0 and the code added 1 at every read and took 1
-- at every write (gang-exit cases and KSP lists already counted from 1). Every stored version moves
-- up by one, so a version a client holds (an ETag, a `_history/{versionId}` link, an event's
-- versionId) names the same version as before; nothing else in a row changes. The triggers that
-- refuse changes to history and write a history row per change are off for this one renumbering.
DO $$
DECLARE
    pair record;
BEGIN
    FOR pair IN SELECT * FROM (VALUES
            ('inmate', 'inmate_history', 'inmate_id'),
            ('action_plan', 'action_plan_history', 'plan_id'),
            ('lsrnr_assessment', 'lsrnr_assessment_history', 'assessment_id'),
            ('supervision', 'supervision_history', 'inmate_id'),
            ('release_meeting', 'release_meeting_history', 'meeting_id'),
            ('outcome', 'outcome_history', 'outcome_id'),
            ('client', NULL, NULL),
            ('consent', NULL, NULL),
            ('referral', NULL, NULL),
            ('programme', NULL, NULL),
            ('subscription', NULL, NULL),
            ('municipality_directory', NULL, NULL)) AS p (main, history, key) LOOP
        EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', pair.main);
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', pair.main, pair.main || '_version_check');
        EXECUTE format('UPDATE %I SET version = version + 1', pair.main);
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (version >= 1)', pair.main, pair.main || '_version_check');
        EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', pair.main);
        IF pair.history IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', pair.history);
            -- The (resource, version) key is dropped for the renumbering (one row's new number is
            -- another's old one until the statement ends) and made again after it.
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', pair.history, pair.history || '_' || pair.key || '_version_key');
            EXECUTE format('UPDATE %I SET version = version + 1', pair.history);
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I UNIQUE (%I, version)', pair.history,
                           pair.history || '_' || pair.key || '_version_key', pair.key);
            EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', pair.history);
        END IF;
    END LOOP;
END $$;
ALTER TABLE programme ALTER COLUMN version SET DEFAULT 1;
