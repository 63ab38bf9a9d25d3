-- The deadline engine's results, kept current on every change of an inmate, its action plan or a
-- fulfilment, so each organisation's worklist is one index range scan at national scale. Status
-- (due, overdue) depends on the day and is computed when read. Only obligations with a due date are
-- stored; the per-inmate view computes the rest live.
CREATE TABLE obligation (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id            uuid        NOT NULL REFERENCES inmate (id),
    kind                 text        NOT NULL,
    responsible          text        NOT NULL CHECK (responsible IN ('prison', 'prison-security-unit', 'municipality', 'probation')),
    institution          text        NOT NULL,
    acting_municipality  text        NOT NULL,
    due_date             date        NOT NULL,
    done_on              date,
    reason               text        NOT NULL
);

-- One computed obligation per inmate and kind; R20 notices (one per old and new municipality) aside.
CREATE UNIQUE INDEX obligation_one_per_kind ON obligation (inmate_id, kind) WHERE kind <> 'acting-municipality-changed';
CREATE INDEX obligation_notices_by_inmate ON obligation (inmate_id) WHERE kind = 'acting-municipality-changed';
-- Worklists, one partial index each, holding only the open rows that list can show, in keyset
-- order (due date, id): a worklist page is one range scan, and a full recompute maintains as few
-- index entries as possible. The worklist queries repeat these predicates literally.
CREATE INDEX obligation_municipality_worklist ON obligation (acting_municipality, due_date, id)
    WHERE done_on IS NULL AND responsible = 'municipality';
CREATE INDEX obligation_institution_worklist ON obligation (institution, due_date, id)
    WHERE done_on IS NULL AND responsible IN ('prison', 'prison-security-unit');
CREATE INDEX obligation_release_meeting_worklist ON obligation (due_date, id)
    WHERE done_on IS NULL AND kind = 'release-meeting';

-- Who recorded that an obligation was fulfilled, and when: append-only.
CREATE TABLE obligation_fulfilment (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id        uuid        NOT NULL REFERENCES inmate (id),
    kind             text        NOT NULL,
    done_on          date        NOT NULL,
    note             text,
    recorded         timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_by_sub  text        NOT NULL,
    org_type         text        NOT NULL,
    org_id           text        NOT NULL
);
CREATE INDEX obligation_fulfilment_by_inmate ON obligation_fulfilment (inmate_id, kind, id);
CREATE TRIGGER obligation_fulfilment_append_only BEFORE UPDATE OR DELETE ON obligation_fulfilment
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check
    CHECK (action IN ('create', 'read', 'update', 'search', 'history', 'lookup', 'fulfil'));
