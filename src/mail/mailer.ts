import type { Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Rejects with an Error saying why (the server's refusal, a timeout, a refused mail) when the mail is not delivered. */
  send(mail: Mail): Promise<void>;
  close(): void;
}

const MAX_SUBJECT = 200;
const MAX_TEXT = 20_000;
// nodemailer waits 2 minutes for a connection and 10 for a silent socket by default: a dead server would hold the request.
const TIMEOUT_MS = 10_000;
// nodemailer reads `to` as an address list: 'ada@example.org Bcc: eve@evil.test' is a group that sends to eve only.
// One bare address (no space, quote, bracket, comma or other specials) is read as itself.
const PLAIN_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** A mailer that sends from `from` through the server of `smtpUrl` (`smtp://user:pass@host:port` or `smtps://…`). */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const secrets = secretsOf(smtpUrl);
  // nodemailer loads with the first mail, not with every server that might send one.
  let transport: Promise<Transporter> | undefined;
  const connect = () => (transport ??= import('nodemailer').then(({ createTransport }) => createTransport(
    {
      url: smtpUrl,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
      dnsTimeout: TIMEOUT_MS,
    },
    { from },
  )));
  return {
    async send(mail) {
      refuseMalformed(mail);
      try {
        await (await connect()).sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
      } catch (error) {
        // No `cause`: nodemailer's error keeps the unredacted text in its message and its `response`.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(`mail not sent: ${redact(error instanceof Error ? error.message : String(error), secrets)}`);
      }
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}

function refuseMalformed(mail: Mail): void {
  if (!PLAIN_ADDRESS.test(mail.to)) throw new Error('mail not sent: the recipient is not one plain address');
  // A line break would end the header and have the rest of the value read as headers of its own.
  if (/[\r\n]/.test(mail.subject)) throw new Error('mail not sent: a line break in the subject');
  if (mail.subject.length > MAX_SUBJECT) throw new Error(`mail not sent: the subject is over ${MAX_SUBJECT} characters`);
  if (mail.text.length > MAX_TEXT) throw new Error(`mail not sent: the text is over ${MAX_TEXT} characters`);
}

/** The password in every form an error could show it: as written in the URL, decoded, and as AUTH LOGIN and AUTH PLAIN send it. */
function secretsOf(smtpUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // Not the URL parser's TypeError: its `input` field is the whole URL, password included.
    throw new Error('the SMTP URL is not a URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('the SMTP URL must start with smtp:// or smtps://');
  if (!url.password) return [];
  const [user, password] = [safeDecode(url.username), safeDecode(url.password)];
  const base64 = (s: string) => Buffer.from(s).toString('base64');
  return [url.password, password, base64(password), base64(`\0${user}\0${password}`)];
}

// As nodemailer reads the URL: a malformed escape is taken as written.
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function redact(message: string, secrets: string[]): string {
  return secrets.reduce((text, secret) => text.replaceAll(secret, '***'), message);
}
