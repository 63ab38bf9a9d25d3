-- R10 release meetings (løsladelsesmøder), the guide's §3.3.3: "Den handleplansansvarlige medarbejder i
-- kriminalforsorgen bør så vidt muligt indkalde kommunen og andre relevante samarbejdspartnere til
-- løsladelsesmødet senest 3 måneder før forventet løsladelse. Hvis afsoneren er i målgruppen for
-- prøveløsladelse med tilsyn, skal KiF også inviteres."
-- The institution, the acting municipality and a supervising probation office are invited because of
-- the case (worked out when read, so they follow a transfer or a new supervision); further authorities
-- the institution adds are stored with the meeting.
CREATE TABLE release_meeting (
    id                   uuid        PRIMARY KEY,
    version              bigint      NOT NULL CHECK (version >= 0),
    last_updated         timestamptz NOT NULL,
    inmate_id            uuid        NOT NULL REFERENCES inmate (id),
    starts_at            timestamptz NOT NULL,
    -- The meeting's day in Denmark: keyset order of searches and the due date on worklists.
    meeting_date         date        NOT NULL,
    place                text        CHECK (length(place) BETWEEN 1 AND 200),
    video_link           text        CHECK (video_link ~ '^https://[^[:space:]]+$' AND length(video_link) <= 500),
    inmate_invited       boolean     NOT NULL,
    additional_invitees  text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    outcome_notes        text        CHECK (length(outcome_notes) <= 4000),
    called_on            date        NOT NULL,
    called_by_sub        text        NOT NULL,
    called_by_org_type   text        NOT NULL,
    called_by_org_id     text        NOT NULL,
    updated_by_sub       text        NOT NULL,
    CHECK (place IS NOT NULL OR video_link IS NOT NULL)
);
CREATE INDEX release_meeting_by_inmate ON release_meeting (inmate_id, meeting_date);
CREATE INDEX release_meeting_by_date ON release_meeting (meeting_date, id);

-- The authorities added to a meeting besides those the case invites: who else may read it.
CREATE TABLE release_meeting_invitee (
    meeting_id  uuid NOT NULL REFERENCES release_meeting (id),
    org_type    text NOT NULL CHECK (org_type IN ('prison', 'probation', 'municipality')),
    org_id      text NOT NULL CHECK (length(org_id) BETWEEN 1 AND 64),
    PRIMARY KEY (meeting_id, org_type, org_id)
);
CREATE INDEX release_meeting_invitee_by_org ON release_meeting_invitee (org_type, org_id, meeting_id);

CREATE TABLE release_meeting_history (
    history_id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id           uuid        NOT NULL REFERENCES release_meeting (id),
    version              bigint      NOT NULL,
    last_updated         timestamptz NOT NULL,
    inmate_id            uuid        NOT NULL,
    starts_at            timestamptz NOT NULL,
    meeting_date         date        NOT NULL,
    place                text,
    video_link           text,
    inmate_invited       boolean     NOT NULL,
    additional_invitees  text        NOT NULL,
    status               text        NOT NULL,
    outcome_notes        text,
    called_on            date        NOT NULL,
    called_by_sub        text        NOT NULL,
    called_by_org_type   text        NOT NULL,
    called_by_org_id     text        NOT NULL,
    updated_by_sub       text        NOT NULL,
    UNIQUE (meeting_id, version)
);

CREATE FUNCTION release_meeting_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO release_meeting_history (meeting_id, version, last_updated, inmate_id, starts_at, meeting_date, place,
                                         video_link, inmate_invited, additional_invitees, status, outcome_notes,
                                         called_on, called_by_sub, called_by_org_type, called_by_org_id, updated_by_sub)
    VALUES (NEW.id, NEW.version, NEW.last_updated, NEW.inmate_id, NEW.starts_at, NEW.meeting_date, NEW.place,
            NEW.video_link, NEW.inmate_invited, NEW.additional_invitees, NEW.status, NEW.outcome_notes,
            NEW.called_on, NEW.called_by_sub, NEW.called_by_org_type, NEW.called_by_org_id, NEW.updated_by_sub);
    RETURN NEW;
END;
$$;
CREATE TRIGGER release_meeting_versions AFTER INSERT OR UPDATE ON release_meeting
    FOR EACH ROW EXECUTE FUNCTION release_meeting_record_version();
CREATE TRIGGER release_meeting_history_append_only BEFORE UPDATE OR DELETE ON release_meeting_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER release_meeting_history_no_truncate BEFORE TRUNCATE ON release_meeting_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER release_meeting_no_delete BEFORE DELETE ON release_meeting
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Worklists: a coming meeting is an item on each invited organisation's worklist until its day
-- (kind 'release-meeting-invitation', responsible 'invitee', `invitee` = 'org_type:org_id'). The
-- probation offices' old list of every release-meeting deadline in the country goes.
ALTER TABLE obligation ADD COLUMN invitee text;
ALTER TABLE obligation ADD COLUMN release_meeting_id uuid REFERENCES release_meeting (id);
ALTER TABLE obligation DROP CONSTRAINT obligation_responsible_check;
ALTER TABLE obligation ADD CONSTRAINT obligation_responsible_check
    CHECK (responsible IN ('prison', 'prison-security-unit', 'municipality', 'probation', 'invitee'));
ALTER TABLE obligation ADD CONSTRAINT obligation_invitee_named CHECK ((responsible = 'invitee') = (invitee IS NOT NULL));
DROP INDEX obligation_one_per_kind;
CREATE UNIQUE INDEX obligation_one_per_kind ON obligation (inmate_id, kind)
    WHERE kind NOT IN ('acting-municipality-changed', 'release-meeting-invitation');
CREATE INDEX obligation_invitations_by_inmate ON obligation (inmate_id) WHERE kind = 'release-meeting-invitation';
CREATE INDEX obligation_invitee_worklist ON obligation (invitee, due_date, id)
    WHERE done_on IS NULL AND responsible = 'invitee';
DROP INDEX obligation_release_meeting_worklist;
