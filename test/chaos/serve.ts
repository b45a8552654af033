// One part of the chaos run's throwaway hub as a process of its own, so the run can kill and restart it:
//   serve.ts postgres <dataDir> <port>
//   serve.ts fachverfahren <xml|json> <port> <journalFile>
//   serve.ts demo-rest <basePort> <journalDir>   (DMS, mail, registers, e-payment at DEMO_PORT_OFFSETS)
import path from 'node:path';
import { startEmbeddedPostgres } from '../../platform/embeddedPostgres';
import { DEMO_CREDENTIALS, DEMO_PORT_OFFSETS, DEMO_PRODUCTS } from '../../demo/organisation';
import { startFachverfahren } from '../../demo/servers/fachverfahren';
import { startDms } from '../../demo/servers/dms';
import { startMailServer } from '../../demo/servers/mailServer';
import { startResidentsRegister } from '../../demo/servers/residentsRegister';
import { startTradeRegister } from '../../demo/servers/tradeRegister';
import { startPaymentProvider } from '../../demo/servers/payment';
import { startTradeReceivers } from '../../demo/servers/tradeReceivers';

const [role, ...args] = process.argv.slice(2);
const log = (m: string) => process.stderr.write(`[${role}] ${m}\n`);

async function start(): Promise<{ stop(): Promise<void> }[]> {
  if (role === 'postgres') return [await startEmbeddedPostgres(args[0]!, Number(args[1]), log)];
  if (role === 'fachverfahren') {
    const format = args[0] === 'json' ? 'fachverfahrenJson' : 'fachverfahrenXml';
    return [
      await startFachverfahren({
        ...DEMO_PRODUCTS[format],
        port: Number(args[1]),
        credential: DEMO_CREDENTIALS[format],
        journalFile: args[2],
      }),
    ];
  }
  if (role === 'demo-rest') {
    const base = Number(args[0]);
    const dir = args[1]!;
    return [
      await startDms({
        port: base + DEMO_PORT_OFFSETS.dms,
        credential: DEMO_CREDENTIALS.dms,
        journalFile: path.join(dir, 'dms.jsonl'),
      }),
      await startMailServer({
        smtpPort: base + DEMO_PORT_OFFSETS.smtp,
        httpPort: base + DEMO_PORT_OFFSETS.mailHttp,
      }),
      await startResidentsRegister({
        port: base + DEMO_PORT_OFFSETS.residents,
        credential: DEMO_CREDENTIALS.residents,
      }),
      await startTradeRegister({
        port: base + DEMO_PORT_OFFSETS.trades,
        credential: DEMO_CREDENTIALS.trades,
      }),
      // Confirmations are retried for ~100 s, longer than an API restart of the chaos run lasts.
      await startPaymentProvider({
        port: base + DEMO_PORT_OFFSETS.payment,
        credential: DEMO_CREDENTIALS.payment,
        autoPay: true,
        callbackAttempts: 10,
        callbackRetryDelayMs: 200,
      }),
      await startTradeReceivers({
        port: base + DEMO_PORT_OFFSETS.tradeReceivers,
        credential: DEMO_CREDENTIALS.tradeReceivers,
      }),
    ];
  }
  throw new Error(`unknown role ${role}`);
}

const servers = await start();
process.stdout.write('ready\n');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all(servers.map((s) => s.stop())).then(() => process.exit(0));
  });
}
