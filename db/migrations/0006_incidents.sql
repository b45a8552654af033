-- Incidents: a case paused at a step by an unexpected failure, waiting for an administrator's retry or
-- resolution. The status read model gets a sequence number; intake records when the workflow started.

CREATE TABLE incidents (
  id             text PRIMARY KEY,
  -- The case (a BPMN process's business key); no foreign key, so a process run outside a case still records.
  application_id text NOT NULL,
  -- The workflow that holds the incident: the case, or its BPMN office process (retry/resolve go there).
  workflow_id    text NOT NULL,
  ars            char(12),
  office_id      text,
  leika_id       text,
  step           text NOT NULL,
  element_id     text,
  error_type     text NOT NULL,
  -- Scrubbed of personal data (no quoted values, no e-mail addresses) and shortened.
  message        text NOT NULL,
  state          text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'retried', 'resolved')),
  outcome        jsonb,
  closed_by      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  closed_at      timestamptz
);
CREATE INDEX incidents_state_idx ON incidents (state, ars, office_id, leika_id, step);
CREATE INDEX incidents_app_idx ON incidents (application_id);

-- Written by the workflow with a growing sequence number; an older write never overwrites a newer one.
ALTER TABLE application_status ADD COLUMN seq bigint NOT NULL DEFAULT 0;

-- Set once the lifecycle workflow has been started (or found started); only unset rows are restarted.
ALTER TABLE applications ADD COLUMN workflow_started_at timestamptz;
UPDATE applications a SET workflow_started_at = a.created_at
  FROM application_status s WHERE s.application_id = a.id AND s.status <> 'SUBMITTED';
CREATE INDEX applications_unstarted_idx ON applications (created_at) WHERE workflow_started_at IS NULL;
