/** One measured figure, printed as a JSON line (machine-readable) and in the closing table. */
export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** The ceiling measured in the same run, when the figure is compared against one. */
  baseline?: number;
  /** value / baseline */
  ratio?: number;
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);

/** Collects figures, prints each as a JSON line at once and a readable table at the end. */
export class Report {
  readonly figures: Figure[] = [];
  constructor(readonly bench: string) {}

  add(metric: string, value: number, unit: string, baseline?: number): Figure {
    const figure: Figure = { bench: this.bench, metric, value: round(value), unit };
    if (baseline !== undefined) {
      figure.baseline = round(baseline);
      figure.ratio = Math.round((value / baseline) * 1000) / 1000;
    }
    this.figures.push(figure);
    process.stdout.write(`${JSON.stringify(figure)}\n`);
    return figure;
  }

  printTable(): void {
    const rows = this.figures.map((f) => [
      f.metric,
      `${f.value} ${f.unit}`,
      f.baseline === undefined ? '' : `${f.baseline} ${f.unit}`,
      f.ratio === undefined ? '' : String(f.ratio),
    ]);
    const header = ['metric', 'value', 'baseline', 'ratio'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    process.stdout.write(
      `\n${this.bench}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`,
    );
    for (const row of rows) process.stdout.write(`${line(row)}\n`);
  }
}
