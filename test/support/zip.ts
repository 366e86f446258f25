import zlib from 'node:zlib';

/**
 * The entries of a ZIP archive (an XLSX), read through its central directory as any spreadsheet
 * program does; every entry's CRC and size are checked.
 */
export function unzip(archive: Buffer): Map<string, string> {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = archive.readUInt16LE(eocd + 10);
  let p = archive.readUInt32LE(eocd + 16);
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = archive.readUInt16LE(p + 10);
    const crc = archive.readUInt32LE(p + 16);
    const compressed = archive.readUInt32LE(p + 20);
    const size = archive.readUInt32LE(p + 24);
    const nameLength = archive.readUInt16LE(p + 28);
    const skip = nameLength + archive.readUInt16LE(p + 30) + archive.readUInt16LE(p + 32);
    const local = archive.readUInt32LE(p + 42);
    const name = archive.toString('utf8', p + 46, p + 46 + nameLength);
    if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + compressed);
    const content = method === 8 ? zlib.inflateRawSync(data) : data;
    if (content.length !== size || zlib.crc32(content) !== crc) throw new Error(`${name}: size or CRC does not match`);
    entries.set(name, content.toString('utf8'));
    p += 46 + skip;
  }
  return entries;
}

/** The rows of a sheet written with inline strings and numbers, as arrays of cell texts. */
export function sheetRows(xml: string): string[][] {
  return [...xml.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map(([, cells]) =>
    [...cells.matchAll(/<c r="[A-Z]+\d+"[^>]*?(?:\/>|>(.*?)<\/c>)/g)].map(([, inner]) => {
      if (!inner) return '';
      const t = /<t[^>]*>(.*?)<\/t>/.exec(inner) ?? /<v>(.*?)<\/v>/.exec(inner);
      return (t?.[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    }),
  );
}
