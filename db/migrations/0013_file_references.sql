-- The office's file reference (Aktenzeichen) beside the portal id: a pattern per office, a sequence per office and
-- year, and the reference each application got (allocated once, kept when the pattern changes later).
-- Existing offices get the default pattern; db/fileReferences.ts validates patterns fully, the check is a backstop.
ALTER TABLE offices
  ADD COLUMN file_reference_pattern text NOT NULL DEFAULT '{office}-{year}-{seq:5}'
    CHECK (length(file_reference_pattern) <= 100 AND file_reference_pattern ~ '\{seq(:[1-9])?\}');

CREATE TABLE file_reference_counters (
  office_id text NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
  year      smallint NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_seq  integer NOT NULL CHECK (last_seq > 0),
  PRIMARY KEY (office_id, year)
);

CREATE TABLE file_references (
  application_id text PRIMARY KEY REFERENCES applications (id),
  -- No cascade: an office whose cases carry its references is not deleted from under them.
  office_id      text NOT NULL REFERENCES offices (id),
  year           smallint NOT NULL,
  seq            integer NOT NULL CHECK (seq > 0),
  file_reference text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (office_id, year, seq)
);
