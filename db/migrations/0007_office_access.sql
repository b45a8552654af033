-- Office-level access: a caseworker token belongs to one or more offices; an administrator token is either a
-- hub operator's (no municipality) or a municipal administrator's (role 'municipal-admin', one municipality).

CREATE TABLE api_token_offices (
  token_hash text NOT NULL REFERENCES api_tokens (token_hash) ON DELETE CASCADE,
  -- No cascade from offices: deleting an office that still has caseworkers is refused until their tokens go.
  office_id  text NOT NULL REFERENCES offices (id),
  PRIMARY KEY (token_hash, office_id)
);
CREATE INDEX api_token_offices_office_idx ON api_token_offices (office_id);

INSERT INTO api_token_offices (token_hash, office_id)
  SELECT t.token_hash, t.office_id FROM api_tokens t JOIN offices o ON o.id = t.office_id
   WHERE t.role = 'caseworker';

-- Dropping the column drops the old "caseworker needs ars and office" check with it.
ALTER TABLE api_tokens DROP COLUMN office_id;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
  CHECK (role IN ('portal', 'applicant', 'caseworker', 'municipal-admin', 'admin'));
-- The municipality is the whole scope of a municipal administrator; caseworkers are scoped by their offices.
UPDATE api_tokens SET ars = NULL WHERE role <> 'municipal-admin';
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scope_check
  CHECK ((role = 'municipal-admin') = (ars IS NOT NULL));

-- Municipal administrators read deliveries of their municipality's cases.
CREATE INDEX IF NOT EXISTS deliveries_app_idx ON deliveries (application_id);
-- Task lists are now per office (one or more), not per municipality and office.
CREATE INDEX tasks_office_status_idx ON tasks (office_id, status, created_at);
