import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { SecretBox } from '../auth/secret-box.ts';
import { MailMessage } from '../db/mail-message.entity.ts';
import type { Logger } from '../log.ts';
import type { Mail, Mailer } from './mailer.ts';

export const NOT_CONFIGURED = 'not sent: no SMTP server is configured (SWITCHBOARD_SMTP_URL); share the link yourself';

/**
 * Mail is staged in the transaction that decides to send it, so it is never lost with a rollback nor
 * sent for one, then delivered once that commits. Without a mailer, delivery only logs the mail.
 */
export class Outbox {
  readonly #orm: MikroORM;
  readonly #secrets: SecretBox;
  readonly #mailer: Mailer | null;
  readonly #log: Logger;

  constructor(orm: MikroORM, secrets: SecretBox, mailer: Mailer | null, log: Logger) {
    this.#orm = orm;
    this.#secrets = secrets;
    this.#mailer = mailer;
    this.#log = log;
  }

  stage(em: EntityManager, mail: Mail & { subjectId: string }): MailMessage {
    return em.create(MailMessage, { to: mail.to, subject: mail.subject, sealedText: this.#secrets.seal(mail.text), subjectId: mail.subjectId });
  }

  /** Delivers a staged mail: resolves with why it was not delivered, or null once it was (rejects only when the database does). */
  async deliver(id: string): Promise<string | null> {
    const em = this.#orm.em.fork();
    const message = await em.findOne(MailMessage, { id }, { populate: ['sealedText'] });
    if (!message) return 'not sent: the mail is gone';
    // Claimed first: of two instances sweeping at once, one sends it.
    if (!(await em.nativeUpdate(MailMessage, { id, status: 'pending', attempts: message.attempts }, { attempts: message.attempts + 1 }))) {
      return 'not sent here: it is being delivered already';
    }
    const text = this.#secrets.open<string>(message.sealedText);
    let error: string | null = null;
    if (!this.#mailer) {
      this.#log.info('mail not sent: no SMTP server configured', { to: message.to, subject: message.subject, text });
      error = NOT_CONFIGURED;
    } else {
      try {
        await this.#mailer.send({ to: message.to, subject: message.subject, text });
      } catch (failure) {
        error = (failure as Error).message;
        this.#log.warn('mail not sent', { to: message.to, subject: message.subject, error });
      }
    }
    const status = error === null ? 'sent' : this.#mailer ? 'failed' : 'not_configured';
    await em.nativeUpdate(MailMessage, { id }, { status, lastError: error, sentAt: error === null ? new Date() : null });
    return error;
  }

  /** Mails staged at least `olderThanMs` ago and never delivered (the process ended between commit and send). */
  async undelivered(olderThanMs: number): Promise<{ id: string; subjectId: string | null }[]> {
    const rows = await this.#orm.em.fork().find(MailMessage, { status: 'pending', attempts: 0, createdAt: { $lt: new Date(Date.now() - olderThanMs) } }, { fields: ['subjectId'], limit: 100, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => ({ id: row.id, subjectId: row.subjectId ?? null }));
  }

  close(): void {
    this.#mailer?.close();
  }
}
