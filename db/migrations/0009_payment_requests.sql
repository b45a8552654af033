-- Payments bound to the payment: what the hub asked the e-payment service for, so a callback can be
-- checked against it (payment id, amount, currency, one-time nonce with expiry) and confirmed only once.
CREATE TABLE payment_requests (
  application_id text PRIMARY KEY REFERENCES applications (id),
  nonce          text NOT NULL UNIQUE,
  amount_cents   integer NOT NULL CHECK (amount_cents > 0),
  currency       char(3) NOT NULL DEFAULT 'EUR',
  expires_at     timestamptz NOT NULL,
  payment_id     text UNIQUE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- Set by the first accepted callback; any later one is a replay.
  confirmed_at   timestamptz
);
