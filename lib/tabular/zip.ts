import zlib from 'node:zlib';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A ZIP archive written front to back without knowing any entry's size in advance (each entry's
 * CRC and sizes follow its data, in a data descriptor), so an XLSX of any length streams in
 * constant memory. Deflate only; archives and entries under 4 GiB (no ZIP64).
 */
export interface ZipEntry {
  name: string;
  content: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Bit 3: sizes and CRC in a data descriptor; bit 11: names are UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const LIMIT = 0xffffffff;

/** MS-DOS time and date, as ZIP stores them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export async function* zipChunks(entries: ZipEntry[], modified = new Date()): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(modified);
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    // CRC and sizes (14..25) stay 0 here: the data descriptor carries them.
    header.writeUInt16LE(name.length, 26);
    const localOffset = offset;
    yield Buffer.concat([header, name]);
    offset += header.length + name.length;

    let crc = 0;
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer | string, _enc, done) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        crc = zlib.crc32(buf, crc);
        size += buf.length;
        done(null, buf);
      },
    });
    const deflate = zlib.createDeflateRaw({ level: 6 });
    // pipeline, not pipe: when the reader stops early, the source (a database cursor) is closed too.
    const piped = pipeline(Readable.from(entry.content, { objectMode: false }), measure, deflate);
    piped.catch(() => undefined); // rethrown below; moot when the reader stopped early
    let compressed = 0;
    for await (const chunk of deflate as AsyncIterable<Buffer>) {
      compressed += chunk.length;
      yield chunk;
    }
    await piped;
    if (size > LIMIT || compressed > LIMIT || offset + compressed > LIMIT) throw new Error('ZIP entry too large (no ZIP64 support)');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    offset += compressed + descriptor.length;

    const c = Buffer.alloc(46);
    c.writeUInt32LE(CENTRAL_HEADER, 0);
    c.writeUInt16LE(VERSION, 4);
    c.writeUInt16LE(VERSION, 6);
    c.writeUInt16LE(FLAGS, 8);
    c.writeUInt16LE(DEFLATE, 10);
    c.writeUInt16LE(time, 12);
    c.writeUInt16LE(date, 14);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(compressed, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(localOffset, 42);
    central.push(c, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
}
