-- Issue 14: deadlines announced as events (obligation-due-soon, obligation-overdue, outcome-due), each
-- once per person, obligation kind, due date and stage, whichever server's scan gets there first.
CREATE TABLE obligation_announcement (
    inmate_id    uuid NOT NULL REFERENCES inmate (id),
    kind         text NOT NULL,
    due_date     date NOT NULL,
    stage        text NOT NULL CHECK (stage IN ('due-soon', 'overdue', 'outcome-due')),
    announced_at timestamptz NOT NULL,
    PRIMARY KEY (inmate_id, kind, due_date, stage)
);
ALTER TABLE event ADD COLUMN obligation_kind text, ADD COLUMN due_date date;
