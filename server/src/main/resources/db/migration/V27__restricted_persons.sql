-- Issue 17: restricted persons (protected address, protection concern). The flag lives on the inmate
-- row, so the one visibility predicate (dk.overgang.access.InmateVisibility) filters it in the same
-- index scan as everything else; it is not part of the person's record versions (it says who may see
-- the record, not what the record says), so changing it does not make a version. Every change is kept
-- in inmate_restriction (append-only): who, when, why.
ALTER TABLE inmate ADD COLUMN restricted boolean NOT NULL DEFAULT false;

CREATE TABLE inmate_restriction (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id        uuid        NOT NULL REFERENCES inmate (id),
    restricted       boolean     NOT NULL,
    reason           text        CHECK (reason IN ('protected-address', 'protection-concern', 'other')),
    changed_at       timestamptz NOT NULL,
    changed_by_sub   text        NOT NULL,
    changed_by_org_type text     NOT NULL,
    changed_by_org_id   text     NOT NULL,
    CHECK (NOT restricted OR reason IS NOT NULL)
);
CREATE INDEX inmate_restriction_by_inmate ON inmate_restriction (inmate_id, id);
CREATE TRIGGER inmate_restriction_append_only BEFORE UPDATE OR DELETE ON inmate_restriction
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A version is written when the record's version changes, not when only the restriction flag does.
DROP TRIGGER inmate_versions ON inmate;
CREATE TRIGGER inmate_versions AFTER INSERT ON inmate
    FOR EACH ROW EXECUTE FUNCTION inmate_record_version();
CREATE TRIGGER inmate_versions_on_update AFTER UPDATE ON inmate
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION inmate_record_version();
