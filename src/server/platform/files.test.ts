import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { checkUpload, printableName, sniffFileType, type FileOwnerKind } from './files.ts';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');

describe('types come from the bytes', () => {
  it('recognises JPEG, PNG, WebP and PDF by their signatures', () => {
    expect(sniffFileType(jpeg)).toBe('image/jpeg');
    expect(sniffFileType(png)).toBe('image/png');
    expect(sniffFileType(webp)).toBe('image/webp');
    expect(sniffFileType(pdf)).toBe('application/pdf');
  });

  it('refuses everything else, including look-alikes and cut-off signatures', () => {
    for (const bytes of [
      Buffer.from('<html><script>alert(1)</script>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('GIF89a\x01\x00\x01\x00'),
      // A WAVE sound is a RIFF file too.
      Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt ')]),
      // A PDF signature that is not at the start.
      Buffer.from(' %PDF-1.4'),
      png.subarray(0, 7),
      jpeg.subarray(0, 2),
      Buffer.alloc(0),
    ])
      expect(sniffFileType(bytes), bytes.toString('latin1')).toBeNull();
  });
});

describe('printable names', () => {
  it('turns path separators and control characters into _ and keeps Chinese', () => {
    expect(printableName('../../etc/passwd', 'file')).toBe('.._.._etc_passwd');
    expect(printableName('C:\\Users\\业主\\漏水.jpg', 'file')).toBe('C:_Users_业主_漏水.jpg');
    expect(printableName('a\u0000b\nc\u0085d.png', 'file')).toBe('a_b_c_d.png');
  });

  it('drops direction overrides that disguise a name', () => {
    // Shown as "photoexe.jpg" by a browser that honours the override.
    expect(printableName('photo\u202egpj.exe', 'file')).toBe('photogpj.exe');
    expect(printableName('\u2066报修\u2069.png', 'file')).toBe('报修.png');
  });

  it('trims, cuts at 120 characters (not bytes) and falls back when nothing is left', () => {
    expect(printableName('  装修申请表.pdf  ', 'file')).toBe('装修申请表.pdf');
    const long = '照'.repeat(130) + '.jpg';
    expect([...printableName(long, 'file')]).toHaveLength(120);
    expect(printableName('😀'.repeat(121), 'file')).toBe('😀'.repeat(120));
    expect(printableName('', 'photo')).toBe('photo');
    expect(printableName('   ', 'photo')).toBe('photo');
    expect(printableName('\u202e', 'photo')).toBe('photo');
  });
});

describe('an upload checked against its owner’s limits', () => {
  const owner = { words: { file: 'photo', files: 'photos', owner: 'ticket' } } as FileOwnerKind;
  const limits = { maxBytes: 1024, types: ['image/jpeg', 'image/png'] as const, perOwner: 3 };
  const refusal = (data: Buffer) => {
    try {
      checkUpload(owner, limits, { filename: 'x.png', data });
    } catch (err) {
      if (err instanceof AppError) return { status: err.status, code: err.code, fields: err.fields };
      throw err;
    }
    return null;
  };

  it('keeps the type it found and a printable name', () => {
    expect(checkUpload(owner, limits, { filename: 'a/b.pdf', data: png })).toEqual({ name: 'a_b.pdf', contentType: 'image/png' });
    expect(checkUpload(owner, limits, { filename: '', data: jpeg })).toEqual({ name: 'photo', contentType: 'image/jpeg' });
  });

  it('refuses an empty file, a file over the limit and a type the owner does not take, naming the field', () => {
    expect(refusal(Buffer.alloc(0))).toMatchObject({ status: 400, fields: [{ path: 'file', message: 'is empty' }] });
    expect(refusal(Buffer.concat([png, Buffer.alloc(1024)]))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(refusal(Buffer.concat([png, Buffer.alloc(1024 - png.length)]))).toBeNull();
    // A real PDF, but this owner takes photos only; so is a WebP.
    expect(refusal(pdf)).toMatchObject({ status: 415, fields: [{ path: 'file', message: 'must be JPEG or PNG' }] });
    expect(refusal(webp)).toMatchObject({ status: 415 });
  });
});
