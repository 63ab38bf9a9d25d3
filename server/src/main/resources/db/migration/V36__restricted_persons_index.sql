-- Issue 28 §4: the restricted-person check (dk.overgang.access.InmateVisibility, issue 17) is a
-- NOT EXISTS on inmate.restricted. PostgreSQL runs it as a hashed subplan over every restricted
-- person, and without an index that is a scan of the whole register: 150 ms a worklist page at
-- 2,000,000 people (bench/scale: 9.5 worklist pages/s, p99 2 s). Restricted persons are few, so a
-- partial index holds only them: the subplan reads a handful of index entries (0.75 ms a page).
CREATE INDEX inmate_restricted_idx ON inmate (id) WHERE restricted;
