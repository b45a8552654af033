// The receivers §14 GewO names for trade notifications (statistics office, chambers, tax office, foreigners'
// authority) as one demo server: each has its inbox path, checks the official XGewerbeanzeige message it
// receives (rules/xgewerbeanzeige/officialCheck.ts), dedupes on the idempotency key and lists what arrived.
import express from 'express';
import { checkOfficialMessage, type XgwaMessageType } from '../../rules/xgewerbeanzeige/officialCheck';
import { requireBearer } from './bearer';
import { createFaults, type Faults } from './faults';
import { listen } from './listen';

export interface ReceivedTradeMessage {
  receiverId: string;
  idempotencyKey: string;
  messageType: XgwaMessageType;
  xml: string;
  receivedAt: string;
}

export interface TradeReceivers {
  url: string;
  /** Every accepted message, once per idempotency key. */
  received(receiverId?: string): ReceivedTradeMessage[];
  /** The outage switch (all receivers at once; `/_control/outage` over HTTP). */
  faults: Faults;
  stop(): Promise<void>;
}

/** Starts the demo receivers: POST /receivers/:id with an XGewerbeanzeige 2.2 message. */
export async function startTradeReceivers(options: {
  port?: number;
  credential: string;
}): Promise<TradeReceivers> {
  const messages = new Map<string, ReceivedTradeMessage>();
  const faults = createFaults();
  const app = express();
  app.use(faults.control);
  app.post(
    '/receivers/:receiverId',
    faults.guard,
    requireBearer(options.credential),
    express.text({ type: ['application/xml', 'text/xml'], limit: '2mb' }),
    (req, res) => {
      const key = req.header('idempotency-key');
      if (!key) return void res.status(400).json({ error: 'missing Idempotency-Key header' });
      const receiverId = String(req.params.receiverId);
      const earlier = messages.get(`${receiverId}|${key}`);
      if (earlier) return void res.status(200).json({ accepted: true, duplicate: true });
      const xml = typeof req.body === 'string' ? req.body : '';
      const check = checkOfficialMessage(xml);
      if (!check.valid || !check.type)
        return void res
          .status(422)
          .json({ error: 'invalid XGewerbeanzeige message', details: check.errors.slice(0, 20) });
      messages.set(`${receiverId}|${key}`, {
        receiverId,
        idempotencyKey: key,
        messageType: check.type,
        xml,
        receivedAt: new Date().toISOString(),
      });
      res.status(202).json({ accepted: true, messageType: check.type });
    },
  );
  const server = await listen(app, options.port ?? 0, 'trade receivers');
  return {
    url: server.url,
    faults,
    received: (receiverId) =>
      [...messages.values()].filter((m) => receiverId === undefined || m.receiverId === receiverId),
    stop: server.stop,
  };
}
