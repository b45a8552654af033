-- Applications as accepted at intake, the applicant-facing status read model and the transaction protocol.

CREATE TABLE applications (
  id               text PRIMARY KEY,
  idempotency_key  text UNIQUE,
  leika_id         text NOT NULL,
  ars              char(12) NOT NULL,
  applicant        jsonb NOT NULL,
  form_data        jsonb,
  xml_document     text,
  access_token_hash text NOT NULL,
  request_hash     text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_ars_idx ON applications (ars, created_at);

CREATE TABLE attachments (
  id             bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id),
  filename       text NOT NULL,
  media_type     text NOT NULL,
  content        bytea NOT NULL,
  sha256         text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_app_idx ON attachments (application_id);

-- Kept current by the application workflow (through an activity) so polling never touches Temporal.
CREATE TABLE application_status (
  application_id text PRIMARY KEY REFERENCES applications (id),
  status         text NOT NULL,
  phase          text NOT NULL,
  status_text    text NOT NULL,
  open_requests  jsonb NOT NULL DEFAULT '[]',
  version        bigint NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE status_history (
  id             bigserial PRIMARY KEY,
  application_id text NOT NULL REFERENCES applications (id),
  status         text NOT NULL,
  phase          text NOT NULL,
  status_text    text NOT NULL,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_history_app_idx ON status_history (application_id, id);

-- Transaction protocol: append-only and hash-chained, so a changed or removed row shows.
CREATE TABLE protocol (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT clock_timestamp(),
  application_id text,
  ars            char(12),
  leika_id       text,
  step           text NOT NULL CHECK (step IN ('receive', 'reject', 'route', 'transform', 'validate', 'deliver', 'retry', 'failure', 'file', 'notify', 'process', 'decide', 'admin')),
  rule_version   text,
  target         text,
  payload_hash   text,
  outcome        text NOT NULL CHECK (outcome IN ('ok', 'refused', 'error', 'parked')),
  detail         jsonb NOT NULL DEFAULT '{}',
  prev_hash      text NOT NULL,
  hash           text NOT NULL
);
CREATE INDEX protocol_app_idx ON protocol (application_id, id);
CREATE INDEX protocol_ars_idx ON protocol (ars, at);

-- One definition of a row's hash, used by the insert trigger and by verification.
CREATE FUNCTION protocol_hash(p protocol) RETURNS text AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', p.prev_hash, p.id, extract(epoch FROM p.at)::text, p.application_id,
    p.ars, p.leika_id, p.step, p.rule_version, p.target, p.payload_hash, p.outcome, p.detail::text), 'UTF8')), 'hex');
$$ LANGUAGE sql IMMUTABLE;

CREATE FUNCTION protocol_chain() RETURNS trigger AS $$
DECLARE
  previous text;
BEGIN
  -- Serialise writers so each row links to exactly one predecessor.
  PERFORM pg_advisory_xact_lock(4711);
  SELECT hash INTO previous FROM protocol ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(previous, repeat('0', 64));
  NEW.at := clock_timestamp();
  NEW.hash := protocol_hash(NEW);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER protocol_chain BEFORE INSERT ON protocol FOR EACH ROW EXECUTE FUNCTION protocol_chain();

CREATE FUNCTION protocol_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the transaction protocol is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;

CREATE TRIGGER protocol_no_update BEFORE UPDATE OR DELETE ON protocol FOR EACH ROW EXECUTE FUNCTION protocol_append_only();
CREATE TRIGGER protocol_no_truncate BEFORE TRUNCATE ON protocol FOR EACH STATEMENT EXECUTE FUNCTION protocol_append_only();

-- Bearer tokens: only their SHA-256 is stored. Applicant tokens are bound to one application.
CREATE TABLE api_tokens (
  token_hash     text PRIMARY KEY,
  role           text NOT NULL CHECK (role IN ('portal', 'applicant', 'caseworker', 'admin')),
  ars            char(12),
  office_id      text,
  application_id text REFERENCES applications (id),
  label          text NOT NULL,
  demo           boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'caseworker' OR (ars IS NOT NULL AND office_id IS NOT NULL)),
  CHECK (role <> 'applicant' OR application_id IS NOT NULL)
);
