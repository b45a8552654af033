-- Case handling: caseworker tasks, the applicant's mailbox, deliveries to target systems and case documents.

ALTER TABLE applications ADD COLUMN route jsonb;

-- Caseworker tasks; the owning workflow completes them through a Temporal update.
CREATE TABLE tasks (
  id             text PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id),
  ars            char(12) NOT NULL,
  office_id      text NOT NULL,
  leika_id       text NOT NULL,
  workflow_id    text NOT NULL,
  element_id     text NOT NULL,
  kind           text NOT NULL,
  title          text NOT NULL,
  form_fields    jsonb NOT NULL DEFAULT '[]',
  context        jsonb NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'cancelled')),
  due_at         timestamptz,
  output         jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  closed_at      timestamptz
);
CREATE INDEX tasks_office_idx ON tasks (ars, office_id, status, created_at);
CREATE INDEX tasks_app_idx ON tasks (application_id);

-- The applicant's mailbox (requests, notices, confirmations); documents are stored in case_documents.
CREATE TABLE mailbox_messages (
  id             text PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id),
  kind           text NOT NULL CHECK (kind IN ('confirmation', 'request', 'reminder', 'notice', 'payment', 'information')),
  subject        text NOT NULL,
  body           text NOT NULL,
  document_ids   text[] NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  retrieved_at   timestamptz
);
CREATE INDEX mailbox_app_idx ON mailbox_messages (application_id, created_at);

-- Every document of a case: notices, supplements, statements, generated PDFs.
CREATE TABLE case_documents (
  id             text PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id),
  kind           text NOT NULL,
  filename       text NOT NULL,
  media_type     text NOT NULL,
  content        bytea NOT NULL,
  sha256         text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_documents_app_idx ON case_documents (application_id);

-- One row per message to one target system; parked deliveries wait for an administrator.
CREATE TABLE deliveries (
  id              text PRIMARY KEY,
  application_id  text NOT NULL REFERENCES applications (id),
  system_id       text,
  target          text NOT NULL,
  message_type    text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'parked')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  rule_version    text,
  payload_sha256  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_status_idx ON deliveries (status, updated_at);
