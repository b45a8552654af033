-- Receivers of trade notifications (§14 GewO) per municipality, and the Gewerbeamt's author identity in the
-- official XGewerbeanzeige messages. New tables: existing data needs no defaults; a municipality without
-- receivers forwards nothing, an office without an author row is named by prefix MELDID and its AGS.

CREATE TABLE trade_receivers (
  id                  text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  ars                 char(12) NOT NULL REFERENCES municipalities (ars),
  -- statistics-office gets 0100, foreigners-authority 0500 (non-EU operators only), the others 0300.
  kind                text NOT NULL CHECK (kind IN ('statistics-office', 'chamber-ihk', 'chamber-hwk', 'tax-office', 'foreigners-authority', 'other')),
  name                text NOT NULL,
  reader_prefix       text NOT NULL,
  reader_id           text NOT NULL,
  reader_list_uri     text,
  reader_list_version text,
  email               text,
  url                 text,
  endpoint            text NOT NULL,
  credentials         jsonb NOT NULL DEFAULT '{}',
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trade_receivers_ars_idx ON trade_receivers (ars) WHERE active;

-- The author row names the office's own municipality: (office_id, ars) must match the office, so a municipal
-- administrator cannot give another municipality's office an identity.
ALTER TABLE offices ADD CONSTRAINT offices_id_ars_key UNIQUE (id, ars);

CREATE TABLE trade_authors (
  office_id       text PRIMARY KEY,
  ars             char(12) NOT NULL REFERENCES municipalities (ars),
  author_prefix   text NOT NULL DEFAULT 'MELDID',
  -- NULL: the AGS (8 digits) of the municipality, as the samples name a Gewerbeamt.
  author_id       text,
  author_list_uri text NOT NULL DEFAULT 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags',
  author_list_version text NOT NULL DEFAULT '2018-01-31',
  phone           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (office_id, ars) REFERENCES offices (id, ars) ON UPDATE CASCADE
);
