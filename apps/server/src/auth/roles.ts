/**
 * Roles and what they may do. The public has no account; an editor runs the content (inventory, metadata, tables);
 * an administrator also manages the accounts. Code asks `can(user, action)` rather than comparing roles, so that a
 * role added later (a country's data provider, limited to its countries) changes this table and not every route.
 */

/** Least rights first. */
export const ROLES = ["editor", "administrator"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = ["inventory:moderate", "metadata:edit", "tables:publish", "users:manage"] as const;
export type Action = (typeof ACTIONS)[number];

const EDITING: readonly Action[] = ["inventory:moderate", "metadata:edit", "tables:publish"];

const RIGHTS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  editor: new Set(EDITING),
  administrator: new Set([...EDITING, "users:manage"]),
};

export const ROLE_LABELS: Readonly<Record<Role, { readonly en: string; readonly ru: string }>> = {
  editor: { en: "editor", ru: "редактор" },
  administrator: { en: "administrator", ru: "администратор" },
};

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Whether a user (null: the public) may do `action`. */
export function can(user: { readonly role: Role } | null | undefined, action: Action): boolean {
  return user ? RIGHTS[user.role].has(action) : false;
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
