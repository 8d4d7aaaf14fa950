import net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../src/mail/mailer.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1: counts the connections and keeps every mail it accepts, as sent. */
async function startSmtp(options: SMTPServerOptions = {}) {
  const received: Received[] = [];
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push({ from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return {
    port,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

const FROM = 'Switchboard <noreply@switchboard.test>';
const INVITE = { to: 'ada.lovelace+acme@example.org', subject: 'You are invited to Acme', text: 'Hello Ada,\nAccept the invitation: https://switchboard.test/i/abc\n' };

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});
async function serverAndMailer(options: SMTPServerOptions = {}, credentials = '') {
  const smtp = await startSmtp(options);
  const mailer: Mailer = createMailer(`smtp://${credentials}127.0.0.1:${smtp.port}`, FROM);
  cleanup.push(() => mailer.close(), smtp.close);
  return { smtp, mailer };
}

describe('sending a mail', () => {
  it('delivers it to the recipient, with its subject and text', async () => {
    const { smtp, mailer } = await serverAndMailer();
    await mailer.send(INVITE);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toBe('noreply@switchboard.test');
    expect(mail?.to).toEqual(['ada.lovelace+acme@example.org']);
    const [head, body] = mail!.raw.split('\r\n\r\n', 2);
    expect(head).toMatch(/^To: ada\.lovelace\+acme@example\.org$/m);
    expect(head).toMatch(/^From: Switchboard <noreply@switchboard\.test>$/m);
    expect(head).toMatch(/^Subject: You are invited to Acme$/m);
    expect(body?.replaceAll('\r\n', '\n')).toContain(INVITE.text);
  });

  it("rejects with the server's refusal when the server refuses the recipient", async () => {
    const { smtp, mailer } = await serverAndMailer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      },
    });
    await expect(mailer.send(INVITE)).rejects.toThrow(/550 No such mailbox here/);
    expect(smtp.received).toHaveLength(0);
  });

  it('rejects, not hangs, when the server is down', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, FROM);
    cleanup.push(() => mailer.close());
    await expect(mailer.send(INVITE)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives up on a server that accepts the connection and never greets', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => {
      sockets.forEach((s) => s.destroy());
      silent.close(resolve);
    }));
    const mailer = createMailer(`smtp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, FROM);
    cleanup.push(() => mailer.close());
    const started = Date.now();
    // Whichever of its timeouts fires first (the greeting's or the socket's), it gives up in bounded time.
    await expect(mailer.send(INVITE)).rejects.toThrow(/Greeting never received|Timeout/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);
});

describe('what is refused before connecting', () => {
  it.each([
    ['a line break in the recipient', { ...INVITE, to: 'ada@example.org\r\nBcc: eve@evil.test' }, /recipient is not one plain address/],
    // nodemailer would read this as a group and send to eve only.
    ['a group in the recipient', { ...INVITE, to: 'ada@example.org Bcc: eve@evil.test' }, /recipient is not one plain address/],
    ['a named address', { ...INVITE, to: 'Ada <eve@evil.test>' }, /recipient is not one plain address/],
    ['more than one recipient', { ...INVITE, to: 'ada@example.org, eve@evil.test' }, /recipient is not one plain address/],
    ['a line break in the subject', { ...INVITE, subject: 'Hi\r\nBcc: eve@evil.test' }, /line break in the subject/],
    ['a bare LF in the subject', { ...INVITE, subject: 'Hi\nBcc: eve@evil.test' }, /line break in the subject/],
    ['a subject over 200 characters', { ...INVITE, subject: 'x'.repeat(201) }, /subject is over 200/],
    ['a text over 20 000 characters', { ...INVITE, text: 'x'.repeat(20_001) }, /text is over 20000/],
  ])('%s', async (_name, mail, reason) => {
    const { smtp, mailer } = await serverAndMailer();
    await expect(mailer.send(mail)).rejects.toThrow(reason);
    expect(smtp.connections()).toBe(0);
  });

  it('an SMTP URL that is no URL, without showing it', () => {
    const attempt = () => createMailer('smtp://mailer:hunter2@mail example.test', FROM);
    expect(attempt).toThrow('the SMTP URL is not a URL');
    try {
      attempt();
    } catch (error) {
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('hunter2');
    }
  });
});

describe('logging in with the user and password of the URL', () => {
  const PASSWORD = 's3cret/p@ss:word';
  // The server says which password it was given: the mailer must not pass that on.
  const checked: SMTPServerOptions = {
    authOptional: false,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === PASSWORD) return callback(null, { user: 'mailer' });
      callback(new Error(`Wrong password ${auth.password} for ${auth.username}`));
    },
  };

  it('delivers with the right password', async () => {
    const { smtp, mailer } = await serverAndMailer(checked, `mailer:${encodeURIComponent(PASSWORD)}@`);
    await mailer.send(INVITE);
    expect(smtp.received.map((m) => m.to)).toEqual([['ada.lovelace+acme@example.org']]);
  });

  it('rejects a wrong password with a message that does not contain it', async () => {
    const wrong = 'wr0ng/p@ss:word';
    const { smtp, mailer } = await serverAndMailer(checked, `mailer:${encodeURIComponent(wrong)}@`);
    const error: Error = await mailer.send(INVITE).then(() => { throw new Error('sent'); }, (e: Error) => e);
    expect(error.message).toMatch(/535 Wrong password \*\*\* for mailer/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toMatch(/wr0ng/);
    expect(smtp.received).toHaveLength(0);
  });
});
