-- Guided mode per process-model version (docs/bpmn-interpreter.md, "Guided mode"): the version was imported
-- so that descriptive elements run as caseworker steps, choices and confirmations. Existing versions were
-- imported as executable models, hence false.
ALTER TABLE process_models ADD COLUMN guided boolean NOT NULL DEFAULT false;

-- Like everything else a version ran with, the mode never changes (process_models_immutable covers the rest).
CREATE FUNCTION process_models_guided_immutable() RETURNS trigger AS $$
BEGIN
  IF NEW.guided IS DISTINCT FROM OLD.guided THEN
    RAISE EXCEPTION 'process model versions are immutable: import a new version to change guided mode' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER process_models_guided_immutable BEFORE UPDATE ON process_models
  FOR EACH ROW EXECUTE FUNCTION process_models_guided_immutable();
