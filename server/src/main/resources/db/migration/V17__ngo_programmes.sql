-- NGO programmes (issue 13; seed 000 §2.1-2.3): the catalogue each NGO programme maintains. A
-- programme's id is the org_id its NGO tokens carry. Who a programme is for is code
-- (rules/ProgrammeEligibility); the numbers the seed leaves open are columns here.
CREATE TABLE programme (
    id                     text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    version                bigint NOT NULL DEFAULT 0,
    last_updated           timestamptz NOT NULL DEFAULT now(),
    ngo                    text NOT NULL,
    kind                   text NOT NULL CHECK (kind IN ('visit-service', 'release-mentor', 'young-remand')),
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description            text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
    -- Institutions the programme covers; empty: every prison, arrest house and halfway house.
    institutions           text[] NOT NULL DEFAULT '{}',
    -- What the programme needs to know of a person (never CPR, LS/RNR or offence data, R6).
    data_items             text[] NOT NULL CHECK (data_items <@ ARRAY['first-name', 'age-band', 'institution',
                                                   'release-municipality', 'release-date']::text[]),
    min_age                integer,
    max_age                integer,
    months_before_release  integer,
    months_after_release   integer,
    updated_by_sub         text
);

INSERT INTO programme (id, ngo, kind, name, description, institutions, data_items, min_age, max_age,
                       months_before_release, months_after_release)
VALUES
    ('roede-kors-besoegstjeneste', 'Røde Kors', 'visit-service', 'Fængselsbesøgstjenesten',
     'Frivillige besøger indsatte i fængslet, arresten eller udslusningsfængslet i cirka 1,5 time hver 14. dag. '
         || 'Alle har ret til basal menneskelig kontakt; tilbuddet er især for indsatte med et meget lille netværk.',
     '{}', ARRAY['first-name', 'institution'], NULL, NULL, NULL, NULL),
    ('roede-kors-primus-motor', 'Røde Kors', 'release-mentor', 'Primus Motor',
     'To frivillige mentorer støtter i den sidste del af afsoningen og op til et år efter løsladelsen, med '
         || 'uddannelse, økonomi, bolig, sundhed og netværk, uanset hvor i landet personen løslades til.',
     '{}', ARRAY['first-name', 'age-band', 'institution', 'release-municipality', 'release-date'], NULL, NULL, 6, 12),
    ('roede-kors-kickstart', 'Røde Kors', 'young-remand', 'Kickstart',
     'En frivillig følger 17-25-årige varetægtsfængslede fra første dag i arresten, gennem alle overgange og '
         || 'indtil et år efter løsladelsen; den unge får ikke en ny frivillig, når varetægt afløses af afsoning.',
     '{}', ARRAY['first-name', 'age-band', 'institution', 'release-date'], 17, 25, NULL, 12);
