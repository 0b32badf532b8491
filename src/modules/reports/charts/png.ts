// A small PNG picture of a chart, drawn in pure JavaScript: the .docx format asks for a bitmap
// beside every SVG image for word processors that cannot show SVG, and the project has no canvas
// library (no native dependencies). It draws the bars, slices and lines of the same spec without
// text; the SVG, which Word 2016+ and LibreOffice show, carries the labels.
import { deflateSync } from 'node:zlib';
import { isNumber } from '../../../domain/report/format.ts';
import { type ChartSpec, chartSize, PALETTE } from './spec.ts';

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

class Raster {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 3).fill(255);
  }
  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.data[i] = c[0];
    this.data[i + 1] = c[1];
    this.data[i + 2] = c[2];
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.round(Math.min(x, x + w));
    const x1 = Math.round(Math.max(x, x + w));
    const y0 = Math.round(Math.min(y, y + h));
    const y1 = Math.round(Math.max(y, y + h));
    for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) this.set(xx, yy, c);
  }
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thick = 2): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.rect(x - thick / 2, y - thick / 2, thick, thick, c);
    }
  }
  /** A ring slice from angle a0 to a1 (radians, clockwise from 12 o'clock). */
  slice(cx: number, cy: number, r0: number, r1: number, a0: number, a1: number, c: Rgb): void {
    for (let y = Math.floor(cy - r1); y <= cy + r1; y++) {
      for (let x = Math.floor(cx - r1); x <= cx + r1; x++) {
        const d = Math.hypot(x - cx, y - cy);
        if (d < r0 || d > r1) continue;
        let a = Math.atan2(x - cx, cy - y);
        if (a < 0) a += 2 * Math.PI;
        if (a >= a0 && a < a1) this.set(x, y, c);
      }
    }
  }
}

const AXIS: Rgb = [150, 150, 150];

function draw(spec: ChartSpec, r: Raster): void {
  const pad = 16;
  const w = r.width - 2 * pad;
  const h = r.height - 2 * pad;
  if (spec.kind === 'pie') {
    const items = spec.items.filter((i) => isNumber(i.value) && i.value > 0);
    const total = items.reduce((s, i) => s + (i.value as number), 0);
    const radius = Math.min(w, h) / 2;
    let a = 0;
    items.forEach((item, k) => {
      const da = (2 * Math.PI * (item.value as number)) / total;
      r.slice(
        r.width / 2,
        r.height / 2,
        spec.donut ? radius * 0.55 : 0,
        radius,
        a,
        a + da,
        rgb(PALETTE[k % PALETTE.length] as string),
      );
      a += da;
    });
    return;
  }
  const n = spec.categories.length;
  if (n === 0) return;
  const totals = spec.categories.map((_, i) =>
    spec.kind === 'bar' && spec.stacked
      ? spec.series.reduce((s, se) => s + (isNumber(se.values[i]) ? (se.values[i] as number) : 0), 0)
      : Math.max(0, ...spec.series.map((se) => (isNumber(se.values[i]) ? (se.values[i] as number) : 0))),
  );
  const max = Math.max(...totals) || 1;
  if (spec.kind === 'line') {
    r.line(pad, pad + h, pad + w, pad + h, AXIS, 1);
    spec.series.forEach((se, k) => {
      const c = rgb(PALETTE[k % PALETTE.length] as string);
      let prev: [number, number] | null = null;
      se.values.forEach((v, i) => {
        if (!isNumber(v)) {
          prev = null;
          return;
        }
        const pt: [number, number] = [pad + (n === 1 ? w / 2 : (w * i) / (n - 1)), pad + h - (h * v) / max];
        if (prev) r.line(prev[0], prev[1], pt[0], pt[1], c, 3);
        r.rect(pt[0] - 3, pt[1] - 3, 6, 6, c);
        prev = pt;
      });
    });
    return;
  }
  const horizontal = !!spec.horizontal;
  const band = (horizontal ? h : w) / n;
  const groups = spec.stacked ? 1 : spec.series.length;
  const barW = (band * 0.7) / groups;
  if (horizontal) r.line(pad, pad, pad, pad + h, AXIS, 1);
  else r.line(pad, pad + h, pad + w, pad + h, AXIS, 1);
  for (let i = 0; i < n; i++) {
    let offset = 0;
    spec.series.forEach((se, k) => {
      const v = se.values[i];
      if (!isNumber(v) || v <= 0) return;
      const c = rgb(PALETTE[k % PALETTE.length] as string);
      const len = ((horizontal ? w : h) * v) / max;
      const slot = band * i + band * 0.15 + (spec.stacked ? 0 : barW * k);
      if (horizontal) r.rect(pad + offset, pad + slot, len, barW, c);
      else r.rect(pad + slot, pad + h - offset - len, barW, len, c);
      if (spec.stacked) offset += len;
    });
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 255] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes an RGB raster as a PNG (8-bit truecolour, no filtering). */
export function encodePng(width: number, height: number, rgbData: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(rgbData.buffer, rgbData.byteOffset + y * width * 3, width * 3).copy(
      raw,
      y * (width * 3 + 1) + 1,
    );
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function renderChartPng(spec: ChartSpec, size: { width?: number; height?: number } = {}): Buffer {
  const { width, height } = chartSize(spec, size.width, size.height);
  const r = new Raster(width, height);
  draw(spec, r);
  return encodePng(width, height, r.data);
}
