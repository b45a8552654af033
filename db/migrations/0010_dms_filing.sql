-- Filing in the records system (xdomea FVDaten): per office the file plan entry (Aktenplaneinheit), how long
-- the DMS keeps a closed case (Aufbewahrungsdauer; NULL = unbefristet), what happens after it (Aussonderungsart)
-- and the confidentiality level (Vertraulichkeitsstufe). Existing offices get the defaults below.
ALTER TABLE offices
  ADD COLUMN dms_file_plan_entry text CHECK (dms_file_plan_entry IS NULL OR length(dms_file_plan_entry) BETWEEN 1 AND 100),
  ADD COLUMN dms_retention_years smallint DEFAULT 10 CHECK (dms_retention_years IS NULL OR dms_retention_years BETWEEN 1 AND 999),
  ADD COLUMN dms_disposal text NOT NULL DEFAULT 'bewerten'
    CHECK (dms_disposal IN ('archivwuerdig', 'bewerten', 'vernichten')),
  ADD COLUMN dms_confidentiality text NOT NULL DEFAULT 'offen'
    CHECK (dms_confidentiality IN ('offen', 'nfd', 'vertraulich', 'geheim', 'streng-geheim'));

-- Closing a case in the DMS (FVDaten.SGOZDAVerfuegen.0624) is a message of its own, with its own rules.
ALTER TABLE rules DROP CONSTRAINT IF EXISTS rules_message_type_check;
ALTER TABLE rules ADD CONSTRAINT rules_message_type_check
  CHECK (message_type IN ('application', 'supplement', 'notice', 'record', 'closing'));
