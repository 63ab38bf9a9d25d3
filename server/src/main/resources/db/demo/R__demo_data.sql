-- Demo data for local development only (loaded in the `dev` environment, never in tests or
-- production). CPR numbers are fake: made up for this file (serials 0001-0005 and 4006).
-- Institutions: storstroem (Storstrøm Fængsel), nyborg (Nyborg Fængsel), kbh (Københavns Fængsler).
-- Municipalities: 101 København, 751 Aarhus, 461 Odense.
INSERT INTO inmate (id, version, last_updated, cpr, name, birth_date, custody_status, expelled_by_judgment,
                    current_institution, sentence_start, sentence_length_days, expected_parole_date,
                    expected_release_date, actual_release_date, acting_municipality,
                    created_by_org_type, created_by_org_id)
VALUES
  ('d0000000-0000-4000-8000-000000000001', 0, now(), '0101900001', 'Demo Jensen',   '1990-01-01', 'sentenced', false, 'storstroem', '2026-03-01', 540, '2027-03-01', '2027-08-23', NULL, '101', 'prison', 'storstroem'),
  ('d0000000-0000-4000-8000-000000000002', 0, now(), '1502850002', 'Demo Hansen',   '1985-02-15', 'sentenced', false, 'storstroem', '2026-06-10', 120, NULL,         '2026-10-08', NULL, '751', 'prison', 'storstroem'),
  ('d0000000-0000-4000-8000-000000000003', 0, now(), '3007990003', 'Demo Nielsen',  '1999-07-30', 'remand',    false, 'kbh',        NULL,         NULL, NULL,       NULL,         NULL, '101', 'prison', 'kbh'),
  ('d0000000-0000-4000-8000-000000000004', 0, now(), '0911780004', 'Demo Pedersen', '1978-11-09', 'sentenced', true,  'nyborg',     '2025-01-20', 1460, '2027-09-20', '2029-01-19', NULL, '461', 'prison', 'nyborg'),
  ('d0000000-0000-4000-8000-000000000005', 0, now(), '2204920005', 'Demo Andersen', '1992-04-22', 'released',  false, 'nyborg',     '2025-05-01', 365, '2025-12-01', '2026-04-30', '2026-04-28', '461', 'prison', 'nyborg'),
  ('d0000000-0000-4000-8000-000000000006', 0, now(), '0303014006', 'Demo Larsen',   '2001-03-03', 'sentenced', false, 'kbh',        '2026-09-01', 60,  NULL,         '2026-10-30', NULL, '101', 'prison', 'kbh')
ON CONFLICT (id) DO NOTHING;
