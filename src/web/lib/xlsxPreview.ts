// The first rows of an .xlsx file's first sheet, read in the browser for the upload preview without
// a spreadsheet library: an .xlsx is a zip of XML files, the browser inflates (DecompressionStream)
// and a few regular expressions read the cells. Only a preview: the server reads the file for real.

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  offset: number;
}

function entries(buf: Uint8Array): Entry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // The end-of-central-directory record sits in the last 64 KB (after an optional comment).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out: Entry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('bad zip directory');
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    const name = decoder.decode(buf.subarray(p + 46, p + 46 + nameLen));
    out.push({ name, method, compressedSize, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function read(buf: Uint8Array, e: Entry): Promise<string> {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  const data = buf.slice(start, start + e.compressedSize);
  if (e.method === 0) return new TextDecoder().decode(data);
  if (e.method !== 8) throw new Error(`zip method ${e.method}`);
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&');

/** The text of <t> elements inside a fragment (a shared string may be split in runs). */
const texts = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => xmlText(m[1] ?? '')).join('');

/** Style indexes whose number format is a date (built-in 14–22, 45–47, or a custom format with d/m/y). */
function dateStyles(styles: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\s[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g))
    custom.set(Number(m[1]), m[2] ?? '');
  const isDate = (id: number) =>
    (id >= 14 && id <= 22) ||
    (id >= 45 && id <= 47) ||
    /[dy]/i.test((custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, ''));
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const out = new Set<number>();
  [...xfs.matchAll(/<xf\s[^>]*?numFmtId="(\d+)"/g)].forEach((m, i) => {
    if (isDate(Number(m[1]))) out.add(i);
  });
  return out;
}

const column = (ref: string) => {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
};

/** Excel's day count (1900 system) as an ISO date. */
const serialDate = (v: number) => new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10);

export async function previewXlsx(file: Blob, maxRows = 6): Promise<string[][]> {
  const buf = new Uint8Array(await file.arrayBuffer());
  const list = entries(buf);
  const find = (name: string) => list.find((e) => e.name === name);
  const sheet =
    find('xl/worksheets/sheet1.xml') ??
    list
      .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))
      .sort((a, b) => a.name.localeCompare(b.name))[0];
  if (!sheet) throw new Error('no worksheet');
  const sharedEntry = find('xl/sharedStrings.xml');
  const stylesEntry = find('xl/styles.xml');
  const [xml, sharedXml, stylesXml] = await Promise.all([
    read(buf, sheet),
    sharedEntry ? read(buf, sharedEntry) : '',
    stylesEntry ? read(buf, stylesEntry) : '',
  ]);
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1] ?? ''));
  const dates = dateStyles(stylesXml);
  const rows: string[][] = [];
  for (const r of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of (r[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const inner = c[2] ?? '';
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? -1);
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = texts(inner);
      else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else if (v !== undefined) value = dates.has(style) && !type ? serialDate(Number(v)) : xmlText(v);
      cells[ref ? column(ref) : cells.length] = value;
    }
    if (cells.some((x) => x !== undefined && x !== '')) rows.push(Array.from(cells, (x) => x ?? ''));
    if (rows.length >= maxRows) break;
  }
  return rows;
}
