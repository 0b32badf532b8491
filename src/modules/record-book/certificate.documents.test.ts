// The certificate's PDF waits for its reader: a record book of thousands of entries never piles up
// more than about the backlog in memory, and once read it is whole.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type CertificateDoc, certificatePdfStream } from './certificate.documents.ts';

const doc = (n: number): CertificateDoc => ({
  code: 'ABCD-EFGH-JKMN-PQRS',
  verifyUrl: 'https://birgemiz.example/verify/ABCD-EFGH-JKMN-PQRS',
  holder: 'А. С.',
  scope: 'all',
  lang: 'kk',
  hours: n * 2,
  participations: n,
  entries: Array.from({ length: n }, (_, i) => ({
    opportunity: `Ұзақ жоба ${i}: ә ғ қ ң ө ұ ү һ і`,
    opportunityId: 1,
    organization: 'Мейірім қоғамдық қоры',
    area: 'qamqor',
    region: 'KZ-75',
    start: '2027-03-01T10:00:00+05:00',
    end: '2027-03-01T12:00:00+05:00',
    hours: 2,
  })),
  issuedAt: '2027-03-02T10:00:00+05:00',
  areaName: (c) => c,
  regionName: (c) => c,
});

describe('certificatePdfStream', () => {
  it('stops drawing while nobody reads, then gives the whole PDF', async () => {
    const stream = await certificatePdfStream(doc(5000));
    // Nobody reads: the drawing runs until the backlog, then waits.
    let before = -1;
    for (let i = 0; i < 50 && stream.readableLength !== before; i++) {
      before = stream.readableLength;
      await sleep(20);
    }
    expect(stream.readableLength).toBeGreaterThan(0);
    // The backlog (128 KB) and the page being finished.
    expect(stream.readableLength).toBeLessThan(256 * 1024);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    // The whole of it is far more than what waited unread.
    expect(pdf.length).toBeGreaterThan(2 * before);
  });

  it('stops drawing, without an error, when the reader goes away', async () => {
    const stream = await certificatePdfStream(doc(5000));
    const errors: unknown[] = [];
    stream.on('error', (e) => errors.push(e));
    await sleep(50);
    stream.destroy();
    // The waiting drawing wakes up, sees the stream gone and stops: nothing written after the end.
    await sleep(100);
    const left = stream.readableLength;
    await sleep(200);
    expect(stream.readableLength).toBe(left);
    expect(left).toBeLessThan(256 * 1024);
    expect(errors).toEqual([]);
  });
});
