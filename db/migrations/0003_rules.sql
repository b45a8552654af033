-- The rule depot: integration rules (XSLT) as immutable versions per rule key
-- (service x message type x target format), and the history of which version is active.

CREATE TABLE rules (
  id            text PRIMARY KEY,
  leika_id      text NOT NULL REFERENCES services (leika_id),
  message_type  text NOT NULL CHECK (message_type IN ('application', 'supplement', 'notice', 'record')),
  target_format text NOT NULL CHECK (target_format ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  version       integer NOT NULL CHECK (version >= 1),
  xslt          text NOT NULL,
  -- The compiled stylesheet (saxon-js SEF), so running a rule never compiles.
  sef           jsonb NOT NULL,
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  note          text,
  UNIQUE (leika_id, message_type, target_format, version),
  -- Target of the composite foreign key below: an activation names a version of its own key.
  UNIQUE (id, leika_id, message_type, target_format)
);

-- A version, once uploaded, is what the protocol's rule_version refers to: its content never changes.
CREATE FUNCTION rules_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'rule versions are immutable: DELETE of % is not allowed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.xslt IS DISTINCT FROM OLD.xslt OR NEW.sef IS DISTINCT FROM OLD.sef OR NEW.sha256 IS DISTINCT FROM OLD.sha256
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.version IS DISTINCT FROM OLD.version OR NEW.leika_id IS DISTINCT FROM OLD.leika_id
     OR NEW.message_type IS DISTINCT FROM OLD.message_type OR NEW.target_format IS DISTINCT FROM OLD.target_format
     OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'rule versions are immutable: upload a new version instead of changing %', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER rules_immutable BEFORE UPDATE OR DELETE ON rules FOR EACH ROW EXECUTE FUNCTION rules_immutable();

-- Activation history: the newest row of a key names its active version; a rollback is a new row.
CREATE TABLE rule_activations (
  id            bigserial PRIMARY KEY,
  rule_id       text NOT NULL,
  leika_id      text NOT NULL,
  message_type  text NOT NULL,
  target_format text NOT NULL,
  reason        text NOT NULL CHECK (reason IN ('activate', 'rollback', 'seed')),
  activated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  activated_by  text NOT NULL,
  FOREIGN KEY (rule_id, leika_id, message_type, target_format) REFERENCES rules (id, leika_id, message_type, target_format)
);
CREATE INDEX rule_activations_key_idx ON rule_activations (leika_id, message_type, target_format, id DESC);

CREATE FUNCTION rule_activations_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the rule activation history is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;

CREATE TRIGGER rule_activations_append_only BEFORE UPDATE OR DELETE ON rule_activations
  FOR EACH ROW EXECUTE FUNCTION rule_activations_append_only();
