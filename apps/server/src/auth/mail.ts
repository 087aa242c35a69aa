/**
 * E-mail, only when SMTP is configured (SMTP_URL): invitations are sent by mail then, and are always shown to the
 * administrator too, so mail is never required. Nodemailer speaks SMTP (STARTTLS when the server offers it, smtps://
 * for TLS from the start, user and password in the URL).
 */

import { createTransport } from "nodemailer";

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A mailer over the SMTP server of `url` (smtp://user:password@host:587 or smtps://…), sending from `from`. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
