-- Issue 13, second part.
--
-- Outcomes (domain.md "Outcomes", seed 003: at least 60 % of released people in activation,
-- employment or education 3, 6 and 12 months after release). The acting municipality records one
-- status per release and checkpoint; a correction is a new version, kept in outcome_history.
CREATE TABLE outcome (
    id                   uuid PRIMARY KEY,
    version              bigint NOT NULL CHECK (version >= 0),
    last_updated         timestamptz NOT NULL,
    inmate_id            uuid NOT NULL REFERENCES inmate (id),
    checkpoint_months    smallint NOT NULL CHECK (checkpoint_months IN (3, 6, 12)),
    status               text NOT NULL CHECK (status IN ('activation', 'employment', 'education', 'other', 'unknown')),
    released_on          date NOT NULL,
    municipality         text NOT NULL CHECK (municipality ~ '^[0-9]{3}$'),
    recorded_on          date NOT NULL,
    recorded_by_org_type text NOT NULL,
    recorded_by_org_id   text NOT NULL,
    recorded_by_sub      text NOT NULL,
    UNIQUE (inmate_id, released_on, checkpoint_months)
);
-- Statistics read one checkpoint at a time.
CREATE INDEX outcome_checkpoint_idx ON outcome (checkpoint_months, municipality);

CREATE TABLE outcome_history (
    history_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outcome_id        uuid NOT NULL REFERENCES outcome (id),
    version           bigint NOT NULL,
    last_updated      timestamptz NOT NULL,
    status            text NOT NULL,
    municipality      text NOT NULL,
    recorded_on       date NOT NULL,
    recorded_by_org_type text NOT NULL,
    recorded_by_org_id   text NOT NULL,
    recorded_by_sub      text NOT NULL,
    UNIQUE (outcome_id, version)
);

CREATE FUNCTION outcome_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outcome_history (outcome_id, version, last_updated, status, municipality, recorded_on,
                                 recorded_by_org_type, recorded_by_org_id, recorded_by_sub)
    VALUES (NEW.id, NEW.version, NEW.last_updated, NEW.status, NEW.municipality, NEW.recorded_on,
            NEW.recorded_by_org_type, NEW.recorded_by_org_id, NEW.recorded_by_sub);
    RETURN NEW;
END;
$$;
CREATE TRIGGER outcome_versions AFTER INSERT OR UPDATE ON outcome
    FOR EACH ROW EXECUTE FUNCTION outcome_record_version();
CREATE TRIGGER outcome_history_append_only BEFORE UPDATE OR DELETE ON outcome_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER outcome_no_delete BEFORE DELETE ON outcome
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Programme participation for the statistics: when a referral first became active.
ALTER TABLE referral ADD COLUMN activated_at timestamptz;
UPDATE referral SET activated_at = last_updated WHERE status IN ('active', 'paused');

-- NGO notes are the NGO's own ("end hvis vi repræsenterede en myndighed"): a table of their own,
-- never joined into an authority's representation; an authority reads a note only when the NGO
-- recorded that the person agreed to share it AND a note-sharing consent is valid (access/ConsentCheck).
-- Append-only: a correction is a new note.
CREATE TABLE ngo_note (
    id                       uuid PRIMARY KEY,
    referral_id              uuid NOT NULL REFERENCES referral (id),
    inmate_id                uuid NOT NULL REFERENCES inmate (id),
    programme_id             text NOT NULL REFERENCES programme (id),
    written_at               timestamptz NOT NULL,
    author_sub               text NOT NULL,
    text                     text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    share_with_authorities   boolean NOT NULL
);
CREATE INDEX ngo_note_referral_idx ON ngo_note (referral_id, written_at, id);
CREATE INDEX ngo_note_person_idx ON ngo_note (inmate_id) WHERE share_with_authorities;
CREATE TRIGGER ngo_note_append_only BEFORE UPDATE OR DELETE ON ngo_note
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
