/** Coverage of the machines: which state nodes and transition definitions were reached. */

export interface Coverage {
  [machine: string]: {
    readonly states: readonly { readonly key: string; readonly reached: boolean }[];
    readonly transitions: readonly { readonly key: string; readonly reached: boolean }[];
  };
}

/** `machine | states reached/total | transitions reached/total`, and what was missed. */
export function coverageTable(coverage: Coverage): { table: string; missing: string[] } {
  const rows = [['machine', 'states reached/total', 'transitions reached/total']];
  const missing: string[] = [];
  for (const [machine, c] of Object.entries(coverage)) {
    const s = c.states.filter((x) => x.reached).length;
    const t = c.transitions.filter((x) => x.reached).length;
    rows.push([machine, `${s}/${c.states.length}`, `${t}/${c.transitions.length}`]);
    for (const x of [...c.states, ...c.transitions]) if (!x.reached) missing.push(x.key);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return { table: [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n'), missing };
}
