/** Which variables go down the side and which across, for the pivoted table. Pure. */

export interface Layout {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
}

/**
 * The layout of a result with these variables: the one asked for (variables the result lacks dropped, the rest
 * added down the side), else the table's own placement (stub / heading), else time across and the rest down.
 */
export function resolveLayout(
  variables: readonly { readonly code: string; readonly role?: string }[],
  asked: Layout,
  placement: { readonly stub?: readonly string[]; readonly heading?: readonly string[] } | undefined,
): Layout {
  const codes = variables.map((v) => v.code);
  const known = (list: readonly string[] | undefined) => (list ?? []).filter((c) => codes.includes(c));
  let rows = known(asked.rows);
  let columns = known(asked.columns).filter((c) => !rows.includes(c));
  if (rows.length === 0 && columns.length === 0) {
    rows = known(placement?.stub);
    columns = known(placement?.heading).filter((c) => !rows.includes(c));
    if (rows.length === 0 && columns.length === 0) {
      const time = variables.find((v) => v.role === "time")?.code ?? codes.at(-1);
      columns = time ? [time] : [];
    }
  }
  const rest = codes.filter((c) => !rows.includes(c) && !columns.includes(c));
  return { rows: [...rows, ...rest], columns };
}
