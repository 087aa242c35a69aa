/**
 * Invitations, in the accounts' scope (api-common.ts):
 *   GET    /api/users/invitations          every invitation with its status (administrators)
 *   POST   /api/users/invitations          {email, role, countries?, days?} → 201 {invitation, link, mailed}
 *   DELETE /api/users/invitations/{id}     withdraws a pending one (administrators)
 *   POST   /api/users/invitations/preview  {token} → what the link invites to (public)
 *   POST   /api/users/invitations/accept   {token, name, password} → {user, csrfToken}: the account, signed in
 * The link is in the answer once (the database has only the token's hash); it is e-mailed too when SMTP is set up.
 */

import type { FastifyInstance, FastifyRequest } from "fastify";
import { auditSource, recordAudit } from "../audit/index.ts";
import { type Lang, requestLanguage } from "../http/language.ts";
import { ApiProblem, notFound } from "../http/problem.ts";
import {
  type AccountSettings,
  countriesField,
  emailField,
  errors,
  FieldProblem,
  idParams,
  inputProblem,
  langQuery,
  MAX_BODY_BYTES,
  nameField,
  passwordField,
  roleField,
  signedInSchema,
  startSession,
} from "./api-common.ts";
import { CSRF_HEADER, requireCsrf, requirePermission } from "./guards.ts";
import { parseAcceptance, parseInvitation, parseToken, parseUserId, passwordInputProblem } from "./input.ts";
import {
  findInvitationByToken,
  issueInvitation,
  listInvitations,
  lockInvitation,
  markAccepted,
  markRevoked,
} from "./invitation-store.ts";
import {
  DEFAULT_INVITATION_DAYS,
  INVITATION_STATUSES,
  type Invitation,
  invitationLink,
  invitationStatus,
  MAX_INVITATION_DAYS,
} from "./invitations.ts";
import { invitationExpiredMessage, invitationMail, TEXTS } from "./messages.ts";
import { hashPassword } from "./password.ts";
import { accountUser, createUser } from "./store.ts";
import { isWellFormedToken, sessionIdOf } from "./tokens.ts";

const invitationSchema = {
  type: "object",
  required: ["id", "email", "role", "countries", "status", "createdAt", "expiresAt"],
  properties: {
    id: { type: "integer" },
    email: { type: "string" },
    role: roleField,
    countries: countriesField,
    status: { type: "string", enum: [...INVITATION_STATUSES] },
    invitedBy: { type: "string", nullable: true, description: "The email of the administrator who invited" },
    createdAt: { type: "string", format: "date-time" },
    expiresAt: { type: "string", format: "date-time" },
    acceptedAt: { type: "string", format: "date-time", nullable: true },
    revokedAt: { type: "string", format: "date-time", nullable: true },
  },
} as const;

const view = (invitation: Invitation & { readonly invitedByEmail?: string | null }, at: Date) => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  countries: invitation.countries,
  status: invitationStatus(invitation, at),
  invitedBy: invitation.invitedByEmail ?? null,
  createdAt: invitation.createdAt.toISOString(),
  expiresAt: invitation.expiresAt.toISOString(),
  acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
  revokedAt: invitation.revokedAt?.toISOString() ?? null,
});

/** Why a link no longer opens anything, in the reader's language; undefined while it is pending. */
function unusable(invitation: Invitation | undefined, at: Date, lang: Lang): ApiProblem | undefined {
  if (!invitation) return new FieldProblem(404, TEXTS.invitationUnknown[lang], "token");
  switch (invitationStatus(invitation, at)) {
    case "pending":
      return undefined;
    case "accepted":
      return new FieldProblem(410, TEXTS.invitationAccepted[lang], "token");
    case "revoked":
      return new FieldProblem(410, TEXTS.invitationRevoked[lang], "token");
    case "expired":
      return new FieldProblem(410, invitationExpiredMessage(invitation.expiresAt, lang), "token");
  }
}

/** The origin links point at: PUBLIC_URL, else the one this request came to. */
const originOf = (request: FastifyRequest, publicUrl: string | undefined): string =>
  publicUrl ?? `${request.protocol}://${request.host}`;

export async function invitationRoutes(api: FastifyInstance, settings: AccountSettings): Promise<void> {
  const { db, now, scrypt, reporters, publicUrl, mailer } = settings;
  const tags = ["Accounts"];
  const manageUsers = requirePermission("users:manage");
  const tokenBody = { token: { type: "string", description: "The token after # in the invitation's link" } };

  /** The invitation of a token as given; a malformed token is as unknown as a wrong one. */
  const byToken = async (token: string) =>
    isWellFormedToken(token) ? findInvitationByToken(db, sessionIdOf(token)) : undefined;

  api.get(
    "/api/users/invitations",
    {
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "The invitations, newest first (administrators)",
        querystring: langQuery,
        response: {
          200: { type: "object", properties: { invitations: { type: "array", items: invitationSchema } } },
          ...errors(401, 403),
        },
      },
    },
    async () => {
      const at = now();
      return { invitations: (await listInvitations(db)).map((i) => view(i, at)) };
    },
  );

  api.post(
    "/api/users/invitations",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "Invite someone (administrators)",
        description: `A one-time link, valid for \`days\` (default ${DEFAULT_INVITATION_DAYS}, at most ${MAX_INVITATION_DAYS}), returned in this answer only: the database keeps a hash of its token. A focal point needs at least one participating country. Sent by e-mail too when SMTP is configured (\`mailed\`). Refused (409) when an account or a pending invitation has the email. Requires the ${CSRF_HEADER} header.`,
        querystring: langQuery,
        body: {
          type: "object",
          required: ["email", "role"],
          additionalProperties: false,
          properties: {
            email: emailField,
            role: roleField,
            countries: countriesField,
            days: { type: "integer", minimum: 1, maximum: MAX_INVITATION_DAYS },
          },
        },
        response: {
          201: {
            type: "object",
            properties: {
              invitation: invitationSchema,
              link: { type: "string", description: "The one-time link: shown once" },
              mailed: { type: "boolean", description: "Whether it was sent by e-mail" },
            },
          },
          ...errors(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const input = parseInvitation(request.body, reporters);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const at = now();
      const issued = await issueInvitation(db, input.value, auditSource(request), at);
      if (issued === "has-account") throw new FieldProblem(409, TEXTS.emailHasAccount[lang], "email");
      if (issued === "pending") throw new FieldProblem(409, TEXTS.invitationPending[lang], "email");
      const link = invitationLink(originOf(request, publicUrl), issued.token, lang);
      let mailed = false;
      if (mailer) {
        try {
          await mailer.send({ to: issued.invitation.email, ...invitationMail(issued.invitation, link, lang) });
          mailed = true;
        } catch (error) {
          // The link is in the answer all the same: mail is a convenience, never required.
          request.log.warn({ err: error }, "the invitation could not be e-mailed");
        }
      }
      return reply.code(201).send({ invitation: view(issued.invitation, at), link, mailed });
    },
  );

  api.delete(
    "/api/users/invitations/:id",
    {
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "Withdraw a pending invitation (administrators)",
        description: `Its link opens nothing afterwards. Requires the ${CSRF_HEADER} header.`,
        params: idParams,
        querystring: langQuery,
        response: {
          200: { type: "object", properties: { invitation: invitationSchema } },
          ...errors(401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const id = parseUserId((request.params as { id?: unknown }).id);
      if (id === null) throw notFound(TEXTS.invitationNotFound[lang]);
      const at = now();
      const revoked = await db.transaction().execute(async (tx) => {
        const invitation = await lockInvitation(tx, { id });
        if (!invitation) throw notFound(TEXTS.invitationNotFound[lang]);
        if (invitationStatus(invitation, at) !== "pending") throw new ApiProblem(409, TEXTS.invitationNotPending[lang]);
        const by = auditSource(request);
        await markRevoked(tx, id, by.actor?.id ?? null, at);
        await recordAudit(tx, {
          ...by,
          action: "invitation.revoked",
          targetType: "invitation",
          targetId: id,
          detail: { email: invitation.email },
          at,
        });
        return { ...invitation, revokedAt: at };
      });
      return { invitation: view(revoked, at) };
    },
  );

  api.post(
    "/api/users/invitations/preview",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: requireCsrf,
      schema: {
        tags,
        summary: "What an invitation's link invites to",
        description: "For the page that accepts it. 404 for an unknown link, 410 for a used, withdrawn or expired one.",
        querystring: langQuery,
        body: { type: "object", required: ["token"], additionalProperties: false, properties: tokenBody },
        response: {
          200: {
            type: "object",
            properties: {
              email: { type: "string" },
              role: roleField,
              countries: countriesField,
              expiresAt: { type: "string", format: "date-time" },
            },
          },
          ...errors(400, 404, 410),
        },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const token = parseToken(request.body);
      if (!token.ok) throw inputProblem(token.problem, lang);
      const invitation = await byToken(token.value);
      const problem = unusable(invitation, now(), lang);
      if (problem || !invitation) throw problem;
      return {
        email: invitation.email,
        role: invitation.role,
        countries: invitation.countries,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    },
  );

  api.post(
    "/api/users/invitations/accept",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: requireCsrf,
      schema: {
        tags,
        summary: "Accept an invitation",
        description: `Creates the account with the invitation's email, role and countries, the name and password given (at least 12 characters, not a common one), and signs in (sets the session cookie). A link works once: 410 when used, withdrawn or expired, 404 when unknown.`,
        querystring: langQuery,
        body: {
          type: "object",
          required: ["token", "name", "password"],
          additionalProperties: false,
          properties: { ...tokenBody, name: nameField, password: passwordField },
        },
        response: { 200: signedInSchema, ...errors(400, 404, 409, 410, 413, 415) },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const input = parseAcceptance(request.body);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const { token, name, password } = input.value;
      const found = await byToken(token);
      const problem = unusable(found, now(), lang);
      if (problem || !found) throw problem;
      const weak = passwordInputProblem(password, found.email);
      if (weak) throw inputProblem(weak, lang);
      // Hashed before the row is locked: the lock is held for the writes only.
      const passwordHash = await hashPassword(password, scrypt);
      const at = now();
      return db.transaction().execute(async (tx) => {
        // Locked and checked again: of two acceptances at once, the second finds it used.
        const invitation = await lockInvitation(tx, { tokenHash: sessionIdOf(token) });
        const stale = unusable(invitation, at, lang);
        if (stale || !invitation) throw stale;
        const user = await createUser(
          tx,
          { email: invitation.email, name, role: invitation.role, countries: invitation.countries, passwordHash },
          at,
        );
        if (!user) throw new ApiProblem(409, TEXTS.emailHasAccount[lang]);
        await markAccepted(tx, invitation.id, user.id, at);
        await recordAudit(tx, {
          actor: { id: user.id, email: user.email },
          action: "invitation.accepted",
          targetType: "invitation",
          targetId: invitation.id,
          reporter: user.countries.length === 1 ? user.countries[0] : null,
          detail: { userId: user.id, role: user.role, countries: user.countries },
          ip: request.ip,
          at,
        });
        const { csrfToken } = await startSession(settings, tx, request, reply, user.id, at);
        return { user: accountUser(user), csrfToken };
      });
    },
  );
}
