-- The process-model depot: imported BPMN models as immutable versions per service (optionally per
-- municipality) and the activation history that decides which version new cases run.

CREATE TABLE process_models (
  id          uuid PRIMARY KEY,
  leika_id    text NOT NULL REFERENCES services (leika_id),
  -- Set for a municipality's own model; null for the service-wide one.
  ars         char(12) REFERENCES municipalities (ars),
  version     integer NOT NULL CHECK (version > 0),
  name        text NOT NULL,
  -- filename -> XML as imported; main_file holds the main process (jsonb does not keep key order).
  files       jsonb NOT NULL,
  main_file   text NOT NULL,
  report      jsonb NOT NULL,
  -- The ProcessModel (bpmn/model.ts) the interpreter runs; null when the report has blocking findings.
  compiled    jsonb,
  executable  boolean NOT NULL,
  sha256      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  CHECK (files ? main_file),
  CHECK (executable = (compiled IS NOT NULL))
);
CREATE UNIQUE INDEX process_models_version_idx ON process_models (leika_id, coalesce(ars, ''), version);

-- A version is evidence of what a case ran: what it is never changes (only its display name may).
CREATE FUNCTION process_models_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'process model versions are immutable: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.files, NEW.main_file, NEW.compiled, NEW.report, NEW.sha256, NEW.version, NEW.leika_id, NEW.ars, NEW.executable)
     IS DISTINCT FROM (OLD.files, OLD.main_file, OLD.compiled, OLD.report, OLD.sha256, OLD.version, OLD.leika_id, OLD.ars, OLD.executable) THEN
    RAISE EXCEPTION 'process model versions are immutable: import a new version instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER process_models_immutable BEFORE UPDATE OR DELETE ON process_models
  FOR EACH ROW EXECUTE FUNCTION process_models_immutable();

-- Activation history: per service and scope (ars null = service-wide) the newest row wins; a
-- municipality's activation wins over the service-wide one. Rolling back = activating an older version.
CREATE TABLE process_model_activations (
  id            bigserial PRIMARY KEY,
  model_id      uuid NOT NULL REFERENCES process_models (id),
  leika_id      text NOT NULL,
  ars           char(12) REFERENCES municipalities (ars),
  activated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  activated_by  text NOT NULL
);
CREATE INDEX process_model_activations_scope_idx ON process_model_activations (leika_id, ars, id DESC);

CREATE FUNCTION process_model_activation_check() RETURNS trigger AS $$
DECLARE
  model process_models;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'the activation history is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO model FROM process_models WHERE id = NEW.model_id;
  IF NOT model.executable THEN
    RAISE EXCEPTION 'process model % (version %) is not executable; fix the blocking findings and import a new version', model.id, model.version
      USING ERRCODE = 'check_violation';
  END IF;
  IF model.leika_id <> NEW.leika_id OR (model.ars IS NOT NULL AND model.ars IS DISTINCT FROM NEW.ars) THEN
    RAISE EXCEPTION 'process model % belongs to service % municipality %', model.id, model.leika_id, coalesce(model.ars, '(all)')
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER process_model_activation_check BEFORE INSERT OR UPDATE OR DELETE ON process_model_activations
  FOR EACH ROW EXECUTE FUNCTION process_model_activation_check();
