-- Procedure kinds (Antrag, Anzeige, Ausstellung), the cost decision's legal basis, the applicant's consent to
-- electronic notification (§ 41 (2a) VwVfG) and Fronleichnam as an office setting (FronleichnamsVO). See docs/procedure.md.

-- What a service is: an application decided by a Bescheid, a notification acknowledged by an
-- Empfangsbescheinigung within its statutory period, or the issuance of a certificate with a fee notice.
ALTER TABLE services
  ADD COLUMN procedure_kind text NOT NULL DEFAULT 'application'
    CHECK (procedure_kind IN ('application', 'notification', 'certificate')),
  -- § 15 (1) GewO: the receipt of a trade notification is certified within three days.
  ADD COLUMN acknowledgement_days smallint CHECK (acknowledgement_days BETWEEN 1 AND 90),
  ADD COLUMN fee_legal_basis text CHECK (fee_legal_basis IS NULL OR length(fee_legal_basis) BETWEEN 1 AND 300),
  ADD CONSTRAINT services_acknowledgement_days_kind
    CHECK (acknowledgement_days IS NULL OR procedure_kind = 'notification');

-- The seeded catalogue: Gewerbe an-, um-, abmelden are Anzeigen (§ 14 GewO); the register extract and the
-- civil-status certificates are issuances. Street use stays an application (the default).
UPDATE services SET procedure_kind = 'notification', acknowledgement_days = 3
 WHERE leika_id IN ('99050012104000', '99050012104001', '99050012104002');
UPDATE services SET procedure_kind = 'certificate' WHERE leika_id = '99050012104003' OR bundle = 'civil-status';
UPDATE services SET fee_legal_basis = 'Sächsisches Verwaltungskostengesetz (SächsVwKG) in Verbindung mit dem Sächsischen Kostenverzeichnis'
 WHERE fee_cents IS NOT NULL AND fee_cents > 0 AND fee_legal_basis IS NULL;

-- Municipalities where the FronleichnamsVO (4 May 1993, as municipalities merged since) makes Fronleichnam a
-- public holiday at the seat of the administration. Municipalities where only some Ortsteile observe it
-- (Bautzen, Göda, Großdubrau, Hoyerswerda) are not preset: their offices sit in parts that do not.
CREATE TABLE corpus_christi_municipalities (
  -- No reference to municipalities: on a fresh database the catalogue is seeded after the migrations.
  ars  char(12) PRIMARY KEY CHECK (ars ~ '^14[0-9]{10}$'),
  note text NOT NULL
);
INSERT INTO corpus_christi_municipalities (ars, note) VALUES
  ('146250280280', 'Königswartha (alle Ortsteile außer Wartha)'),
  ('146250490490', 'Radibor'),
  ('146250640640', 'Wittichenau'),
  ('146255223360', 'Neschwitz (Ortsteile Neschwitz und Saritsch)'),
  ('146255223460', 'Puschwitz'),
  ('146255501080', 'Crostwitz'),
  ('146255501350', 'Nebelschütz'),
  ('146255501440', 'Panschwitz-Kuckau'),
  ('146255501470', 'Räckelwitz'),
  ('146255501500', 'Ralbitz-Rosenthal');

-- The office decides (its seat is where objections are lodged, § 222 (2) ZPO); preset from the list above.
ALTER TABLE offices ADD COLUMN corpus_christi boolean;
UPDATE offices o SET corpus_christi = EXISTS (SELECT 1 FROM corpus_christi_municipalities c WHERE c.ars = o.ars);
ALTER TABLE offices ALTER COLUMN corpus_christi SET NOT NULL;

CREATE FUNCTION offices_corpus_christi_preset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.corpus_christi IS NULL THEN
    NEW.corpus_christi := EXISTS (SELECT 1 FROM corpus_christi_municipalities c WHERE c.ars = NEW.ars);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER offices_corpus_christi_preset BEFORE INSERT ON offices
  FOR EACH ROW EXECUTE FUNCTION offices_corpus_christi_preset();

-- § 41 (2a) VwVfG: what the applicant consented to at submission. NULL: accepted before this migration, when
-- the portal's terms of use stood for the consent (read as consent to retrieval and e-mail, as handled then).
ALTER TABLE applications ADD COLUMN notification_consent jsonb
  CHECK (notification_consent IS NULL OR (jsonb_typeof(notification_consent -> 'electronic') = 'boolean'
                                          AND jsonb_typeof(notification_consent -> 'email') = 'boolean'));
