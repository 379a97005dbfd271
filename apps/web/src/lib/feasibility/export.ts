import { csvFile } from '../csv';
import type { WhatIfCohort } from './what-if';

/** The funnel as CSV: one row per cohort and criterion, the cohort's totals on its first row. */
export function funnelCsv(cohorts: readonly WhatIfCohort[], titles: ReadonlyMap<string, string>): string {
  const rows: string[][] = [
    [
      'cohort',
      'total',
      'eligible',
      'ineligible',
      'undetermined',
      'criterion',
      'title',
      'kind',
      'met',
      'not_met',
      'unknown',
      'excludes',
      'remaining',
      'gain',
    ],
  ];
  for (const c of cohorts) {
    const head = [c.id, c.total, c.eligible, c.ineligible, c.undetermined].map(String);
    for (const k of c.criteria)
      rows.push([
        ...head,
        k.id,
        titles.get(k.id) ?? '',
        k.kind,
        ...[k.met, k.not_met, k.unknown, k.excludes, k.remaining, k.gain].map(String),
      ]);
    if (c.criteria.length === 0) rows.push([...head, '', '', '', '', '', '', '', '', '']);
  }
  return csvFile(rows);
}

/** An SVG element as a standalone file (its namespace declared, so an image viewer opens it). */
export function svgFile(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** The SVG drawn on a canvas at `scale` and encoded as PNG, on a white ground. */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const width = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const height = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const url = URL.createObjectURL(new Blob([svgFile(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the chart could not be drawn'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a file through a temporary link. */
export function download(name: string, data: Blob | string, type: string): void {
  const url = URL.createObjectURL(typeof data === 'string' ? new Blob([data], { type }) : data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
