-- Go-live per municipality x service (draft -> test -> pilot -> live) and test submissions (docs/go-live.md).

CREATE TABLE go_live (
  ars              char(12) NOT NULL REFERENCES municipalities (ars),
  leika_id         text NOT NULL REFERENCES services (leika_id),
  state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'test', 'pilot', 'live')),
  -- The configuration (db/goLive.ts configHash) the last passing test plan ran against; null: none passed.
  passed_config_hash text,
  passed_at        timestamptz,
  -- The last run's acceptance report (case names and outcomes, ids only) and its configuration hash.
  last_run_at      timestamptz,
  last_run_accepted boolean,
  last_run_config_hash text,
  last_report      jsonb,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  changed_by       text NOT NULL,
  PRIMARY KEY (ars, leika_id)
);

-- Services configured before go-live existed keep working: they are live (no test pass recorded).
INSERT INTO go_live (ars, leika_id, state, changed_by)
SELECT ars, leika_id, 'live', 'migration 0014' FROM bindings ON CONFLICT DO NOTHING;

-- A test submission (pilot, test plan) reaches the office marked as such and counts in no usage figure.
ALTER TABLE applications ADD COLUMN test boolean NOT NULL DEFAULT false;

-- Throughput read model queries: first time a case reached a phase.
CREATE INDEX IF NOT EXISTS status_history_phase_idx ON status_history (phase, application_id, at);
