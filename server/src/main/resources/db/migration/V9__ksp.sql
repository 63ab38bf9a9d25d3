-- KSP (R6, R17, R18, R19): the cooperation of prison service, social authorities and police. The
-- probation office that is a forum's secretariat (KiF) calls its meetings and publishes each
-- meeting's list as immutable versions; participants propose cases; exchanges are recorded.

CREATE TABLE ksp_forum (
    id               uuid        PRIMARY KEY,
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    secretariat      text        NOT NULL CHECK (length(secretariat) BETWEEN 1 AND 64),
    police_district  text        NOT NULL CHECK (length(police_district) BETWEEN 1 AND 64),
    created_at       timestamptz NOT NULL,
    created_by       text        NOT NULL
);

-- Member municipalities, institutions and further probation offices of a forum.
CREATE TABLE ksp_forum_member (
    forum_id  uuid NOT NULL REFERENCES ksp_forum (id),
    org_type  text NOT NULL CHECK (org_type IN ('prison', 'probation', 'municipality')),
    org_id    text NOT NULL CHECK (length(org_id) BETWEEN 1 AND 64),
    PRIMARY KEY (forum_id, org_type, org_id)
);
CREATE INDEX ksp_forum_member_by_org ON ksp_forum_member (org_type, org_id, forum_id);
CREATE INDEX ksp_forum_by_secretariat ON ksp_forum (secretariat, id);
CREATE INDEX ksp_forum_by_police ON ksp_forum (police_district, id);

CREATE TABLE ksp_meeting (
    id            uuid        PRIMARY KEY,
    forum_id      uuid        NOT NULL REFERENCES ksp_forum (id),
    meeting_date  date        NOT NULL,
    place         text        NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL
);
CREATE INDEX ksp_meeting_by_forum ON ksp_meeting (forum_id, meeting_date DESC, id);

-- Who reads a meeting's list (R17): its participants, besides the forum's secretariat.
CREATE TABLE ksp_meeting_participant (
    meeting_id  uuid NOT NULL REFERENCES ksp_meeting (id),
    org_type    text NOT NULL CHECK (org_type IN ('prison', 'probation', 'municipality', 'police')),
    org_id      text NOT NULL CHECK (length(org_id) BETWEEN 1 AND 64),
    PRIMARY KEY (meeting_id, org_type, org_id)
);
CREATE INDEX ksp_participant_by_org ON ksp_meeting_participant (org_type, org_id, meeting_id);

-- R17: a published list version is never changed or removed; a change publishes version n + 1.
-- `entries` is the canonical JSON of the entries as published (names and CPR as they were then).
-- The previous version must exist, and two publishers of the same version cannot both succeed.
CREATE TABLE ksp_list_version (
    meeting_id           uuid        NOT NULL REFERENCES ksp_meeting (id),
    version_id           integer     NOT NULL CHECK (version_id >= 1),
    previous_version_id  integer     GENERATED ALWAYS AS (NULLIF(version_id - 1, 0)) STORED,
    published_at         timestamptz NOT NULL,
    published_by         text        NOT NULL,
    change_note          text,
    entries              text        NOT NULL,
    PRIMARY KEY (meeting_id, version_id),
    FOREIGN KEY (meeting_id, previous_version_id) REFERENCES ksp_list_version (meeting_id, version_id)
);

CREATE TRIGGER ksp_list_version_immutable BEFORE UPDATE OR DELETE ON ksp_list_version
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ksp_list_version_no_truncate BEFORE TRUNCATE ON ksp_list_version
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
-- Belt and braces: the role that owns the table (the one the server uses) loses the privileges too.
-- (A superuser ignores privileges; the triggers above still stop it.)
REVOKE UPDATE, DELETE, TRUNCATE ON ksp_list_version FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON ksp_list_version FROM CURRENT_USER;

CREATE TABLE ksp_proposal (
    id                  uuid        PRIMARY KEY,
    meeting_id          uuid        NOT NULL REFERENCES ksp_meeting (id),
    proposer_org_type   text        NOT NULL,
    proposer_org_id     text        NOT NULL,
    proposed_by         text        NOT NULL,
    proposed_at         timestamptz NOT NULL,
    entry               text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    decided_by          text,
    decided_at          timestamptz,
    decision_reason     text,
    accepted_in_version integer,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (status <> 'declined' OR decision_reason IS NOT NULL),
    CHECK (status <> 'accepted' OR accepted_in_version IS NOT NULL),
    FOREIGN KEY (meeting_id, accepted_in_version) REFERENCES ksp_list_version (meeting_id, version_id)
);
CREATE INDEX ksp_proposal_by_meeting ON ksp_proposal (meeting_id, proposed_at);

-- A decided proposal stays decided.
CREATE FUNCTION ksp_proposal_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'pending' OR NEW.entry IS DISTINCT FROM OLD.entry OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id
            OR NEW.proposer_org_id IS DISTINCT FROM OLD.proposer_org_id THEN
        RAISE EXCEPTION 'a decided proposal is immutable' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ksp_proposal_immutable BEFORE UPDATE ON ksp_proposal
    FOR EACH ROW EXECUTE FUNCTION ksp_proposal_decided_once();
CREATE TRIGGER ksp_proposal_no_delete BEFORE DELETE ON ksp_proposal
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- R19: what was exchanged about a person in KSP, and whether they were told; if not, the protection
-- reason and the manager who decided it.
CREATE TABLE ksp_exchange (
    id                  uuid        PRIMARY KEY,
    meeting_id          uuid        NOT NULL REFERENCES ksp_meeting (id),
    entry_id            uuid        NOT NULL,
    inmate_id           uuid        REFERENCES inmate (id),
    summary             text        NOT NULL,
    inmate_informed     boolean     NOT NULL,
    protection_reason   text,
    approved_by         text,
    noted_on_plan       uuid,
    recorded_by         text        NOT NULL,
    recorded_at         timestamptz NOT NULL,
    CHECK (inmate_informed OR (protection_reason IS NOT NULL AND approved_by IS NOT NULL))
);
CREATE INDEX ksp_exchange_by_meeting ON ksp_exchange (meeting_id, recorded_at);
CREATE TRIGGER ksp_exchange_append_only BEFORE UPDATE OR DELETE ON ksp_exchange
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
