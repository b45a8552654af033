-- The configuration portal: who receives which service, through which systems, at which level.

CREATE TABLE municipalities (
  ars        char(12) PRIMARY KEY CHECK (ars ~ '^[0-9]{12}$'),
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE offices (
  id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  ars        char(12) NOT NULL REFERENCES municipalities (ars),
  name       text NOT NULL,
  email      text,
  address    text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE services (
  leika_id    text PRIMARY KEY CHECK (leika_id ~ '^99[0-9]{12}$'),
  name        text NOT NULL,
  bundle      text NOT NULL CHECK (bundle IN ('trade', 'street-use', 'civil-status', 'other')),
  form_schema jsonb,
  fee_cents   integer CHECK (fee_cents IS NULL OR fee_cents >= 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A vendor's product: which adapter speaks to it and which message format it takes.
CREATE TABLE system_products (
  id             text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name           text NOT NULL,
  vendor         text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('fachverfahren', 'dms', 'mail')),
  adapter        text NOT NULL CHECK (adapter IN ('http', 'smtp', 'xdomea')),
  message_format text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- An installation of a product: endpoint and credentials (never returned by the API).
CREATE TABLE systems (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  product_id  text NOT NULL REFERENCES system_products (id),
  ars         char(12) REFERENCES municipalities (ars),
  endpoint    text NOT NULL,
  credentials jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bindings (
  id                      text PRIMARY KEY,
  ars                     char(12) NOT NULL REFERENCES municipalities (ars),
  leika_id                text NOT NULL REFERENCES services (leika_id),
  office_id               text REFERENCES offices (id),
  level                   smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 4),
  fachverfahren_system_id text REFERENCES systems (id),
  dms_system_id           text REFERENCES systems (id),
  mail_system_id          text REFERENCES systems (id),
  redirect_ars            char(12) REFERENCES municipalities (ars),
  participating_office_ids text[] NOT NULL DEFAULT '{}',
  created_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ars, leika_id),
  CHECK (redirect_ars IS NULL OR redirect_ars <> ars),
  -- A binding either redirects (shared service) or names the office that decides.
  CHECK ((redirect_ars IS NULL) <> (office_id IS NULL))
);

CREATE TABLE audit_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  entity    text NOT NULL,
  entity_id text NOT NULL,
  action    text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  before    jsonb,
  after     jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
