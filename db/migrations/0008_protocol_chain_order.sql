-- Chain order of the transaction protocol. The id (a sequence default) is drawn before the insert trigger
-- takes its lock, so under concurrency id order and chain order disagreed and the trigger could link two
-- rows to one predecessor. Now a single chain-head row is locked and advanced inside the inserting
-- transaction: `seq` is the chain order, gap-free, committed in order; verification walks `seq`.

ALTER TABLE protocol ADD COLUMN seq bigint;

-- The head of the chain: its row lock serialises writers until they commit.
CREATE TABLE protocol_head (
  one  boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq  bigint NOT NULL,
  hash text NOT NULL
);

-- Existing rows: chain order = id order (what verification used). Rows whose own hash no longer matches
-- their content, or whose link points at no row at all, keep their stored values and stay reported as
-- broken; every other row is re-linked to its predecessor in id order and sealed again, so the artefacts of
-- the old race are healed without hiding a changed or removed row.
DO $$
DECLARE
  r record;
  previous text := repeat('0', 64);
  n bigint := 0;
  sealed text;
BEGIN
  CREATE TEMP TABLE protocol_legacy ON COMMIT DROP AS
    SELECT p.id,
           p.hash = protocol_hash(p)
             AND (p.prev_hash = repeat('0', 64)
                  OR EXISTS (SELECT 1 FROM protocol q WHERE q.hash = p.prev_hash AND q.id <> p.id)) AS sound
      FROM protocol p;
  ALTER TABLE protocol DISABLE TRIGGER protocol_no_update;
  FOR r IN SELECT p.*, l.sound FROM protocol p JOIN protocol_legacy l USING (id) ORDER BY p.id LOOP
    n := n + 1;
    IF r.sound THEN
      UPDATE protocol SET seq = n, prev_hash = previous WHERE id = r.id;
      UPDATE protocol p SET hash = protocol_hash(p) WHERE id = r.id RETURNING hash INTO sealed;
      previous := sealed;
    ELSE
      UPDATE protocol SET seq = n WHERE id = r.id;
      previous := r.hash;
    END IF;
  END LOOP;
  ALTER TABLE protocol ENABLE TRIGGER protocol_no_update;
  INSERT INTO protocol_head (seq, hash) VALUES (n, previous);
END $$;

ALTER TABLE protocol ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX protocol_seq_idx ON protocol (seq);

CREATE OR REPLACE FUNCTION protocol_chain() RETURNS trigger AS $$
BEGIN
  -- Locks the head row until commit; a waiting writer then reads the head its predecessor left.
  UPDATE protocol_head SET seq = seq + 1 RETURNING seq, hash INTO NEW.seq, NEW.prev_hash;
  NEW.at := clock_timestamp();
  NEW.hash := protocol_hash(NEW);
  UPDATE protocol_head SET hash = NEW.hash;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

-- The head moves only with an insert; nobody rewinds it by hand without it showing (see verifyProtocol).
CREATE FUNCTION protocol_head_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'the protocol head moves only with an insert into the protocol'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER protocol_head_guard BEFORE UPDATE OR DELETE ON protocol_head FOR EACH ROW
  EXECUTE FUNCTION protocol_head_guard();
