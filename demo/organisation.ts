// The fictive test organisation: the systems a municipality owns and the hub does not. Real servers
// on loopback, speaking HTTP, SMTP and xdomea, started by `npm start` and by the tests.
import { startDms, type Dms } from './servers/dms';
import { startFachverfahren, type Fachverfahren } from './servers/fachverfahren';
import { startMailServer, type MailServer } from './servers/mailServer';
import { startPaymentProvider, type PaymentProvider } from './servers/payment';
import { startResidentsRegister, type ResidentsRegister } from './servers/residentsRegister';
import { startTradeRegister, type TradeRegister } from './servers/tradeRegister';
import { startTradeReceivers, type TradeReceivers } from './servers/tradeReceivers';

/** Shared secrets the hub's system instances are configured with (demo only). */
export const DEMO_CREDENTIALS = {
  fachverfahrenXml: 'demo-gewerbepro-key',
  fachverfahrenJson: 'demo-amtsdesk-key',
  dms: 'demo-eakte-key',
  residents: 'demo-melderegister-key',
  trades: 'demo-gewerberegister-key',
  payment: 'demo-epayment-key',
  tradeReceivers: 'demo-gewerbemeldung-key',
} as const;

/** The two vendor products, so plug and play shows as a change of format. */
export const DEMO_PRODUCTS = {
  fachverfahrenXml: { name: 'GewerbePro', format: 'xml' },
  fachverfahrenJson: { name: 'AmtsDesk', format: 'json' },
} as const;

/** Port offsets from basePort, in start order. */
export const DEMO_PORT_OFFSETS = {
  fachverfahrenXml: 0,
  fachverfahrenJson: 1,
  dms: 2,
  smtp: 3,
  mailHttp: 4,
  residents: 5,
  trades: 6,
  payment: 7,
  tradeReceivers: 8,
} as const;

export interface DemoOrganisationOptions {
  /** First port; the others follow (see DEMO_PORT_OFFSETS). 0 (default) picks free ports. */
  basePort?: number;
  /** Payments confirm themselves ~200 ms after creation. */
  autoPay?: boolean;
}

export interface DemoOrganisation {
  urls: {
    fachverfahrenXml: string;
    fachverfahrenJson: string;
    dms: string;
    mailHttp: string;
    residents: string;
    trades: string;
    payment: string;
    tradeReceivers: string;
  };
  smtp: { host: string; port: number };
  credentials: typeof DEMO_CREDENTIALS;
  /** The running servers, for tests that want to look inside without HTTP. */
  servers: {
    fachverfahrenXml: Fachverfahren;
    fachverfahrenJson: Fachverfahren;
    dms: Dms;
    mail: MailServer;
    residents: ResidentsRegister;
    trades: TradeRegister;
    payment: PaymentProvider;
    tradeReceivers: TradeReceivers;
  };
  stop(): Promise<void>;
}

/** Starts every server of the test organisation; on a failure, stops the ones already started. */
export async function startDemoOrganisation(
  options: DemoOrganisationOptions = {},
): Promise<DemoOrganisation> {
  const base = options.basePort ?? 0;
  const port = (name: keyof typeof DEMO_PORT_OFFSETS) => (base === 0 ? 0 : base + DEMO_PORT_OFFSETS[name]);
  const credentials = DEMO_CREDENTIALS;
  const started: { stop(): Promise<void> }[] = [];
  const track = <T extends { stop(): Promise<void> }>(server: T): T => {
    started.push(server);
    return server;
  };
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  };

  try {
    const fachverfahrenXml = track(
      await startFachverfahren({
        ...DEMO_PRODUCTS.fachverfahrenXml,
        port: port('fachverfahrenXml'),
        credential: credentials.fachverfahrenXml,
      }),
    );
    const fachverfahrenJson = track(
      await startFachverfahren({
        ...DEMO_PRODUCTS.fachverfahrenJson,
        port: port('fachverfahrenJson'),
        credential: credentials.fachverfahrenJson,
      }),
    );
    const dms = track(await startDms({ port: port('dms'), credential: credentials.dms }));
    const mail = track(await startMailServer({ smtpPort: port('smtp'), httpPort: port('mailHttp') }));
    const residents = track(
      await startResidentsRegister({ port: port('residents'), credential: credentials.residents }),
    );
    const trades = track(await startTradeRegister({ port: port('trades'), credential: credentials.trades }));
    const payment = track(
      await startPaymentProvider({
        port: port('payment'),
        credential: credentials.payment,
        autoPay: options.autoPay ?? false,
      }),
    );
    const tradeReceivers = track(
      await startTradeReceivers({ port: port('tradeReceivers'), credential: credentials.tradeReceivers }),
    );
    return {
      urls: {
        fachverfahrenXml: fachverfahrenXml.url,
        fachverfahrenJson: fachverfahrenJson.url,
        dms: dms.url,
        mailHttp: mail.http.url,
        residents: residents.url,
        trades: trades.url,
        payment: payment.url,
        tradeReceivers: tradeReceivers.url,
      },
      smtp: mail.smtp,
      credentials,
      servers: { fachverfahrenXml, fachverfahrenJson, dms, mail, residents, trades, payment, tradeReceivers },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export { DEMO_MUNICIPALITIES, TEST_PERSONS, TEST_TRADES } from './servers/testPersons';
