/**
 * Roles and what they may do. The public has no account; a focal point sends its countries' data (submissions);
 * an editor (the secretariat) runs the content (inventory, metadata, tables) and reviews submissions; an
 * administrator also manages the accounts and reads the audit log. Code asks `can(user, action)` and, for a
 * country's record, `actsFor(user, reporter)` rather than comparing roles, so that a new role changes this table
 * and not every route.
 */

/** Least rights first. */
export const ROLES = ["focal-point", "editor", "administrator"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "inventory:moderate",
  "metadata:edit",
  "tables:publish",
  "users:manage",
  "submissions:edit",
  "submissions:review",
  "audit:read",
] as const;
export type Action = (typeof ACTIONS)[number];

const EDITING: readonly Action[] = [
  "inventory:moderate",
  "metadata:edit",
  "tables:publish",
  "submissions:edit",
  "submissions:review",
];

const RIGHTS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  // None of the inventory, metadata or tables rights: a focal point's data reach the tables through review.
  "focal-point": new Set<Action>(["submissions:edit"]),
  editor: new Set(EDITING),
  administrator: new Set([...EDITING, "users:manage", "audit:read"]),
};

/** Roles bound to the countries of `app_user_country`; the others act for every country. */
const COUNTRY_BOUND: ReadonlySet<Role> = new Set<Role>(["focal-point"]);

export const ROLE_LABELS: Readonly<Record<Role, { readonly en: string; readonly ru: string }>> = {
  "focal-point": { en: "focal point", ru: "координатор" },
  editor: { en: "editor", ru: "редактор" },
  administrator: { en: "administrator", ru: "администратор" },
};

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Whether the role acts only for the countries given to the account (a focal point must have at least one). */
export const isCountryBound = (role: Role): boolean => COUNTRY_BOUND.has(role);

/** Whether a user (null: the public) may do `action`. */
export function can(user: { readonly role: Role } | null | undefined, action: Action): boolean {
  return user ? RIGHTS[user.role].has(action) : false;
}

/**
 * Whether a user acts for the reporting country `reporter` (ISO alpha-3): a focal point for its own countries,
 * editors and administrators for every one, the public for none. Says nothing of the action: ask `can` too.
 */
export function actsFor(
  user: { readonly role: Role; readonly countries: readonly string[] } | null | undefined,
  reporter: string,
): boolean {
  if (!user) return false;
  return !isCountryBound(user.role) || user.countries.includes(reporter);
}

/** Whether a user has at least the rights of `role` (an administrator may do all an editor may). */
export function hasRole(user: { readonly role: Role } | null | undefined, role: Role): boolean {
  if (!user) return false;
  const mine = RIGHTS[user.role];
  return [...RIGHTS[role]].every((action) => mine.has(action));
}

/** The least role that may do `action`, to say what a refused request lacks. */
export function leastRoleFor(action: Action): Role {
  return ROLES.find((role) => RIGHTS[role].has(action)) ?? "administrator";
}
