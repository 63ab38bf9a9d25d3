-- Demo data for local development only (loaded in the `dev` environment, never in tests or
-- production). CPR numbers are fake: made up for this file (serials 0001-0005 and 4006).
-- Institutions: storstroem (Storstrøm Fængsel), nyborg (Nyborg Fængsel), kbh (Københavns Fængsler).
-- Municipalities: 101 København, 751 Aarhus, 461 Odense.
INSERT INTO inmate (id, version, last_updated, cpr, name, birth_date, custody_status, expelled_by_judgment,
                    current_institution, sentence_start, sentence_length_days, expected_parole_date,
                    expected_release_date, actual_release_date, acting_municipality,
                    created_by_org_type, created_by_org_id)
VALUES
  ('d0000000-0000-4000-8000-000000000001', 1, now(), '0101900001', 'Demo Jensen',   '1990-01-01', 'sentenced', false, 'storstroem', '2026-03-01', 540, '2027-03-01', '2027-08-23', NULL, '101', 'prison', 'storstroem'),
  ('d0000000-0000-4000-8000-000000000002', 1, now(), '1502850002', 'Demo Hansen',   '1985-02-15', 'sentenced', false, 'storstroem', '2026-06-10', 120, NULL,         '2026-10-08', NULL, '751', 'prison', 'storstroem'),
  ('d0000000-0000-4000-8000-000000000003', 1, now(), '3007990003', 'Demo Nielsen',  '1999-07-30', 'remand',    false, 'kbh',        NULL,         NULL, NULL,       NULL,         NULL, '101', 'prison', 'kbh'),
  ('d0000000-0000-4000-8000-000000000004', 1, now(), '0911780004', 'Demo Pedersen', '1978-11-09', 'sentenced', true,  'nyborg',     '2025-01-20', 1460, '2027-09-20', '2029-01-19', NULL, '461', 'prison', 'nyborg'),
  ('d0000000-0000-4000-8000-000000000005', 1, now(), '2204920005', 'Demo Andersen', '1992-04-22', 'released',  false, 'nyborg',     '2025-05-01', 365, '2025-12-01', '2026-04-30', '2026-04-28', '461', 'prison', 'nyborg'),
  ('d0000000-0000-4000-8000-000000000006', 1, now(), '0303014006', 'Demo Larsen',   '2001-03-03', 'sentenced', false, 'kbh',        '2026-09-01', 60,  NULL,         '2026-10-30', NULL, '101', 'prison', 'kbh')
ON CONFLICT (id) DO NOTHING;

-- KSP demo: the Copenhagen cooperation (secretariat kif-hovedstaden, police koebenhavn, municipality
-- 101, institution kbh), one meeting and version 1 of its list.
INSERT INTO ksp_forum (id, name, secretariat, police_district, created_at, created_by)
VALUES ('d0000000-0000-4000-8000-00000000c001', 'KSP Københavns Politikreds', 'kif-hovedstaden', 'koebenhavn', now(), 'demo')
ON CONFLICT (id) DO NOTHING;
INSERT INTO ksp_forum_member (forum_id, org_type, org_id)
VALUES ('d0000000-0000-4000-8000-00000000c001', 'municipality', '101'),
       ('d0000000-0000-4000-8000-00000000c001', 'prison', 'kbh')
ON CONFLICT DO NOTHING;
INSERT INTO ksp_meeting (id, forum_id, meeting_date, place, created_at, created_by)
VALUES ('d0000000-0000-4000-8000-00000000c002', 'd0000000-0000-4000-8000-00000000c001', '2026-12-15',
        'Politigården, lokale 3', now(), 'demo')
ON CONFLICT (id) DO NOTHING;
INSERT INTO ksp_meeting_participant (meeting_id, org_type, org_id)
VALUES ('d0000000-0000-4000-8000-00000000c002', 'police', 'koebenhavn'),
       ('d0000000-0000-4000-8000-00000000c002', 'municipality', '101'),
       ('d0000000-0000-4000-8000-00000000c002', 'prison', 'kbh')
ON CONFLICT DO NOTHING;
INSERT INTO ksp_list_version (meeting_id, version_id, published_at, published_by, change_note, entries)
VALUES ('d0000000-0000-4000-8000-00000000c002', 1, now(), 'demo', 'Første udgave',
        '[{"entryId":"d0000000-0000-4000-8000-00000000c003","inmateId":"d0000000-0000-4000-8000-000000000006","name":"Demo Larsen","cpr":"0303014006","reason":"Tidligere vold mod naboer; vender tilbage til samme opgang.","legalBasis":"released-from-institution","proposedBy":{"orgType":"prison","orgId":"kbh"},"addedInVersion":1,"window":{"status":"in-custody","custodyFrom":"2026-09-01"}}]')
ON CONFLICT DO NOTHING;

-- Supervision and release meeting demo (R10): Demo Jensen is expected to be paroled 2027-03-01 with
-- supervision by kif-hovedstaden; Storstrøm has called the release meeting, to which the institution,
-- Copenhagen (101) and kif-hovedstaden are invited.
INSERT INTO supervision (inmate_id, version, last_updated, probation_office, status, supervision_from, supervision_until,
                         note, updated_by_sub, updated_by_org_type, updated_by_org_id)
VALUES ('d0000000-0000-4000-8000-000000000001', 1, now(), 'kif-hovedstaden', 'assigned', '2027-03-01', NULL,
        'Prøveløsladelse med tilsyn forventes', 'demo', 'prison', 'storstroem')
ON CONFLICT (inmate_id) DO NOTHING;
INSERT INTO release_meeting (id, version, last_updated, inmate_id, starts_at, meeting_date, place, video_link,
                             inmate_invited, additional_invitees, status, outcome_notes, called_on, called_by_sub,
                             called_by_org_type, called_by_org_id, updated_by_sub)
VALUES ('d0000000-0000-4000-8000-00000000d001', 1, now(), 'd0000000-0000-4000-8000-000000000001',
        '2026-12-14 10:00:00+01', '2026-12-14', 'Storstrøm Fængsel, mødelokale 2', 'https://meet.example/demo-jensen',
        true, '', 'planned', NULL, '2026-11-20', 'demo', 'prison', 'storstroem', 'demo')
ON CONFLICT (id) DO NOTHING;

-- Outcomes demo (G1, issue 13): 60 people released from Nyborg and Københavns Fængsler between
-- January 2025 and June 2026, with the acting municipality's status at each checkpoint passed, and a
-- Primus Motor referral that became active for every third of them (half of them still active), so /statistics has figures to
-- show (and some groups small enough to be suppressed). Names and CPR numbers are made up.
INSERT INTO inmate (id, version, last_updated, cpr, name, birth_date, custody_status, expelled_by_judgment,
                    current_institution, sentence_start, sentence_length_days, expected_parole_date,
                    expected_release_date, actual_release_date, acting_municipality,
                    created_by_org_type, created_by_org_id)
SELECT ('d0000000-0000-4000-8000-0000000' || (10000 + k)::text)::uuid, 1, now(),
       to_char(date '1980-01-01' + k * 97, 'DDMMYY') || lpad(k::text, 4, '0'), 'Demo Løsladt ' || k,
       date '1980-01-01' + k * 97, 'released', false, CASE WHEN k % 2 = 0 THEN 'nyborg' ELSE 'kbh' END,
       date '2025-01-10' + k * 9 - 200, 200, NULL, date '2025-01-10' + k * 9, date '2025-01-10' + k * 9,
       (ARRAY['101', '751', '461'])[1 + k % 3], 'prison', CASE WHEN k % 2 = 0 THEN 'nyborg' ELSE 'kbh' END
  FROM generate_series(1, 60) AS g(k)
ON CONFLICT (id) DO NOTHING;
INSERT INTO outcome (id, version, last_updated, inmate_id, checkpoint_months, status, released_on, municipality,
                     recorded_on, recorded_by_org_type, recorded_by_org_id, recorded_by_sub)
SELECT ('d0000000-0000-4000-8000-0000001' || lpad((k * 100 + m)::text, 5, '0'))::uuid, 1, now(),
       ('d0000000-0000-4000-8000-0000000' || (10000 + k)::text)::uuid, m,
       (ARRAY['employment', 'education', 'activation', 'employment', 'other', 'education', 'unknown', 'activation',
              'employment', 'other'])[1 + (k + m) % 10],
       date '2025-01-10' + k * 9, (ARRAY['101', '751', '461'])[1 + k % 3],
       ((date '2025-01-10' + k * 9) + make_interval(months => m))::date, 'municipality',
       (ARRAY['101', '751', '461'])[1 + k % 3], 'demo'
  FROM generate_series(1, 60) AS g(k), (VALUES (3), (6), (12)) AS c(m)
 WHERE (date '2025-01-10' + k * 9) + make_interval(months => m) <= current_date
ON CONFLICT DO NOTHING;
INSERT INTO referral (id, version, last_updated, inmate_id, programme_id, status, referred_by_org_type, referred_by_org_id,
                      referred_by_sub, referred_at, volunteer, visits_held, mentor_pair_assigned, activated_at)
SELECT ('d0000000-0000-4000-8000-00000002' || lpad(k::text, 4, '0'))::uuid, 1, now(),
       ('d0000000-0000-4000-8000-0000000' || (10000 + k)::text)::uuid, 'roede-kors-primus-motor',
       CASE WHEN ((k - 1) / 3 / 2) % 2 = 0 THEN 'active' ELSE 'ended' END,
       'prison', CASE WHEN k % 2 = 0 THEN 'nyborg' ELSE 'kbh' END, 'demo', now(), 'Demo-mentor', 6 + k % 5, true, now()
  FROM generate_series(1, 60, 3) AS g(k)
ON CONFLICT (id) DO NOTHING;

-- NGO demo: Demo Nielsen (remand, Københavns Fængsler) consented to the Red Cross visit service
-- seeing his first name and institution, and was referred; the programme accepted with volunteer Lis.
-- The NGO example (client-sdk-ts/examples/ngo-visits.ts) lists this referral and records a visit.
INSERT INTO consent (id, version, last_updated, inmate_id, programme_id, purpose, data_items, valid_from, valid_until,
                     recorded_by_org_type, recorded_by_org_id, recorded_by_sub)
VALUES ('d0000000-0000-4000-8000-00000000e001', 1, now(), 'd0000000-0000-4000-8000-000000000003',
        'roede-kors-besoegstjeneste', 'referral', ARRAY['first-name', 'institution'], '2026-11-01', NULL, 'prison', 'kbh', 'demo')
ON CONFLICT (id) DO NOTHING;
INSERT INTO referral (id, version, last_updated, inmate_id, programme_id, status, referred_by_org_type, referred_by_org_id,
                      referred_by_sub, referred_at, volunteer, visits_held, mentor_pair_assigned)
VALUES ('d0000000-0000-4000-8000-00000000e002', 1, now(), 'd0000000-0000-4000-8000-000000000003',
        'roede-kors-besoegstjeneste', 'accepted', 'prison', 'kbh', 'demo', now(), 'Lis', 0, false)
ON CONFLICT (id) DO NOTHING;
