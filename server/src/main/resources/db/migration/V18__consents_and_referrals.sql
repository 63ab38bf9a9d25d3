-- Consent and referrals to NGO programmes (issue 13; R6: an NGO has no legal basis to see anyone
-- without consent). A consent names the programme, the purpose and the data items, from when until
-- when; withdrawing it is immediate (withdrawn_at). Every NGO-facing read goes through
-- access/ConsentCheck, which denies unless a consent valid today covers the programme and purpose.
CREATE TABLE consent (
    id                   uuid PRIMARY KEY,
    version              bigint NOT NULL,
    last_updated         timestamptz NOT NULL,
    inmate_id            uuid NOT NULL REFERENCES inmate (id),
    programme_id         text NOT NULL REFERENCES programme (id),
    purpose              text NOT NULL CHECK (purpose IN ('referral', 'note-sharing')),
    data_items           text[] NOT NULL CHECK (data_items <@ ARRAY['first-name', 'age-band', 'institution',
                                                 'release-municipality', 'release-date']::text[]),
    valid_from           date NOT NULL,
    valid_until          date CHECK (valid_until IS NULL OR valid_until >= valid_from),
    withdrawn_at         timestamptz,
    withdrawal_note      text,
    recorded_by_org_type text NOT NULL,
    recorded_by_org_id   text NOT NULL,
    recorded_by_sub      text NOT NULL
);
CREATE INDEX consent_person_idx ON consent (inmate_id, programme_id, purpose);

CREATE TABLE referral (
    id                    uuid PRIMARY KEY,
    version               bigint NOT NULL,
    last_updated          timestamptz NOT NULL,
    inmate_id             uuid NOT NULL REFERENCES inmate (id),
    programme_id          text NOT NULL REFERENCES programme (id),
    status                text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'active', 'paused', 'ended')),
    referred_by_org_type  text NOT NULL,
    referred_by_org_id    text NOT NULL,
    referred_by_sub       text NOT NULL,
    referred_at           timestamptz NOT NULL,
    volunteer             text,
    next_visit            date,
    visits_held           integer NOT NULL DEFAULT 0 CHECK (visits_held >= 0),
    mentor_pair_assigned  boolean NOT NULL DEFAULT false,
    status_reason         text
);
CREATE INDEX referral_programme_idx ON referral (programme_id, id);
CREATE INDEX referral_person_idx ON referral (inmate_id);
-- One open referral per person and programme.
CREATE UNIQUE INDEX referral_open_idx ON referral (inmate_id, programme_id)
    WHERE status IN ('pending', 'accepted', 'active', 'paused');
