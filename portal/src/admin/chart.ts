// A line chart as inline SVG (no chart library): weekly p50/p90 of one stage, with a title and description
// for screen readers and the figures repeated in a table beside it.
import { duration } from './ui';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Series {
  label: string;
  /** Dark enough for 3:1 against white (WCAG 1.4.11); the lines also differ by dash pattern. */
  color: string;
  dash?: string;
  values: (number | null)[];
}

/** A chart over the given x labels (weeks); y is seconds, shown as German durations. */
export function lineChart(id: string, title: string, xLabels: string[], series: Series[]): SVGElement {
  const width = 640;
  const height = 240;
  const pad = { left: 80, right: 16, top: 16, bottom: 48 };
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const x = (i: number) =>
    pad.left + (xLabels.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (xLabels.length - 1));
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `${id}-t ${id}-d`,
    class: 'portal-chart',
    id,
  });
  root.append(svg('title', { id: `${id}-t` }, title));
  const desc = series
    .map((s) => `${s.label}: ${s.values.map((v, i) => `${xLabels[i]} ${duration(v)}`).join(', ')}`)
    .join('. ');
  root.append(svg('desc', { id: `${id}-d` }, desc || 'Keine Daten.'));
  // Axes and three grid lines with their values.
  for (const f of [0, 0.5, 1]) {
    root.append(
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y(max * f), y2: y(max * f), stroke: '#c4c4c4' }),
    );
    root.append(
      svg(
        'text',
        { x: pad.left - 6, y: y(max * f) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1b1b' },
        duration(max * f),
      ),
    );
  }
  xLabels.forEach((label, i) => {
    if (xLabels.length > 8 && i % Math.ceil(xLabels.length / 8) !== 0) return;
    root.append(
      svg(
        'text',
        { x: x(i), y: height - pad.bottom + 18, 'text-anchor': 'middle', 'font-size': 12, fill: '#1b1b1b' },
        label.slice(5),
      ),
    );
  });
  series.forEach((s, n) => {
    const points = s.values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).filter(Boolean);
    if (points.length > 1)
      root.append(
        svg('polyline', {
          points: points.join(' '),
          fill: 'none',
          stroke: s.color,
          'stroke-width': 2,
          ...(s.dash ? { 'stroke-dasharray': s.dash } : {}),
        }),
      );
    s.values.forEach((v, i) => {
      if (v !== null) root.append(svg('circle', { cx: x(i), cy: y(v), r: 3, fill: s.color }));
    });
    // Legend below the axis.
    const lx = pad.left + n * 140;
    root.append(
      svg('line', {
        x1: lx,
        x2: lx + 24,
        y1: height - 10,
        y2: height - 10,
        stroke: s.color,
        'stroke-width': 2,
        ...(s.dash ? { 'stroke-dasharray': s.dash } : {}),
      }),
    );
    root.append(svg('text', { x: lx + 30, y: height - 6, 'font-size': 12, fill: '#1b1b1b' }, s.label));
  });
  return root;
}
