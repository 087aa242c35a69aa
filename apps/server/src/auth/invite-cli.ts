/**
 * `clearinghouse invite --email E --role ROLE [--country XXX]… [--days N] [--lang en|ru]`: an invitation made on the
 * server's machine (the first focal points before any administrator signs in, or a script). Prints the one-time
 * link, which is nowhere else; e-mails it too when SMTP_URL is set. The audit log records it with no actor.
 */

import { DEFAULT_REPORTERS } from "@clearinghouse/domain";
import { configFromEnv } from "../config.ts";
import { openStorage } from "../storage/database.ts";
import { parseInvitation } from "./input.ts";
import { issueInvitation } from "./invitation-store.ts";
import { DEFAULT_INVITATION_DAYS, invitationLink } from "./invitations.ts";
import { smtpMailer } from "./mail.ts";
import { inputMessage, invitationMail, TEXTS } from "./messages.ts";

export const INVITE_USAGE = `  clearinghouse invite --email E --role ROLE [--country XXX]... [--days N] [--lang en|ru]
                                                      invite someone (ROLE: focal-point, editor, administrator;
                                                      a focal point needs --country; the link is valid N days,
                                                      default ${DEFAULT_INVITATION_DAYS}, and printed once)
`;

/** The values of every `name` option, in order. */
function values(args: readonly string[], name: string): string[] {
  return args.flatMap((arg, k) => (arg === name && args[k + 1] !== undefined ? [args[k + 1] as string] : []));
}

export async function inviteCommand(args: readonly string[]): Promise<number> {
  if (args.includes("--help")) {
    process.stdout.write(`Usage:\n${INVITE_USAGE}`);
    return 0;
  }
  const known = new Set(["--email", "--role", "--country", "--days", "--lang"]);
  const unknown = args.find((arg, k) => arg.startsWith("--") && !known.has(arg) && !known.has(args[k - 1] ?? ""));
  if (unknown !== undefined) {
    process.stderr.write(`unknown option ${unknown}\nUsage:\n${INVITE_USAGE}`);
    return 2;
  }
  const config = configFromEnv();
  const days = values(args, "--days")[0];
  const lang = values(args, "--lang")[0] ?? "en";
  if (lang !== "en" && lang !== "ru") {
    process.stderr.write(`--lang must be en or ru, not ${lang}\n`);
    return 2;
  }
  const input = parseInvitation(
    {
      email: values(args, "--email")[0],
      role: values(args, "--role")[0],
      countries: values(args, "--country"),
      ...(days !== undefined ? { days: /^\d+$/.test(days) ? Number(days) : days } : {}),
    },
    config.reporters ?? DEFAULT_REPORTERS,
  );
  if (!input.ok) {
    // Options, not body fields: "countries" is --country here.
    const message = inputMessage(input.problem, "en").replace(/^countries\b/, "--country");
    process.stderr.write(`${message}\nUsage:\n${INVITE_USAGE}`);
    return 2;
  }
  const storage = await openStorage(config);
  try {
    const issued = await issueInvitation(storage.db, input.value, { actor: null, ip: null }, new Date());
    if (issued === "has-account") {
      process.stderr.write(`${TEXTS.emailHasAccount.en}: ${input.value.email}\n`);
      return 1;
    }
    if (issued === "pending") {
      process.stderr.write(`${TEXTS.invitationPending.en}: ${input.value.email}\n`);
      return 1;
    }
    const origin = config.publicUrl ?? `http://localhost:${config.port}`;
    if (!config.publicUrl) process.stderr.write(`PUBLIC_URL is not set: the link points at ${origin}\n`);
    const link = invitationLink(origin, issued.token, lang);
    const { invitation } = issued;
    process.stdout.write(
      `invitation for ${invitation.email} (${invitation.role}${invitation.countries.length > 0 ? `: ${invitation.countries.join(", ")}` : ""}), valid until ${invitation.expiresAt.toISOString()}:\n${link}\n`,
    );
    if (config.smtpUrl) {
      try {
        await smtpMailer(config.smtpUrl, config.smtpFrom).send({
          to: invitation.email,
          ...invitationMail(invitation, link, lang),
        });
        process.stdout.write(`e-mailed to ${invitation.email}\n`);
      } catch (error) {
        process.stderr.write(`could not e-mail it (${(error as Error).message}): pass the link on yourself\n`);
      }
    }
    return 0;
  } finally {
    await storage.close();
  }
}
