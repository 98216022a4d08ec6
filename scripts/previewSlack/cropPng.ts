/**
 * Cuts the empty bottom off a screenshot. Headless Chromium's --screenshot captures the whole window, and the page's
 * height is not known before it is laid out, so the window is made tall enough and the blank rows are cut here.
 * Reads 8-bit RGB/RGBA non-interlaced PNGs (what Chromium writes); anything else is returned unchanged.
 * PNG format: https://www.w3.org/TR/png/ (chunks, filters 0-4, CRC-32 over type+data).
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface CropResult {
  png: Buffer;
  width: number;
  height: number;
  /** The content reaches the bottom of the image: the window was too short and the page is cut. */
  reachedBottom: boolean;
}

export function cropPngBottom(png: Buffer, margin = 20): CropResult | undefined {
  const decoded = decodePng(png);
  if (!decoded) return undefined;
  const { width, height, channels, pixels } = decoded;
  const stride = width * channels;
  const background = pixels.subarray((height - 1) * stride, (height - 1) * stride + channels);
  let lastContent = -1;
  for (let row = height - 1; row >= 0 && lastContent < 0; row--) {
    for (let x = 0; x < stride; x += channels) {
      const at = row * stride + x;
      let same = true;
      for (let c = 0; c < channels; c++) if (pixels[at + c] !== background[c]) same = false;
      if (!same) {
        lastContent = row;
        break;
      }
    }
  }
  const newHeight = Math.max(1, Math.min(height, lastContent + 1 + margin));
  const reachedBottom = lastContent + 1 + margin > height;
  return { png: encodePng(width, newHeight, channels, pixels.subarray(0, newHeight * stride)), width, height: newHeight, reachedBottom };
}

interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
}

export function decodePng(png: Buffer): DecodedPng | undefined {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      const colorType = data[9];
      const interlace = data[12];
      if (bitDepth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) return undefined;
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (width === 0 || height === 0 || channels === 0 || idat.length === 0) return undefined;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    return undefined;
  }
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) return undefined;
  const pixels = Buffer.alloc(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const out = row * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? (pixels[out + i - channels] ?? 0) : 0;
      const up = row > 0 ? (pixels[out - stride + i] ?? 0) : 0;
      const upLeft = row > 0 && i >= channels ? (pixels[out - stride + i - channels] ?? 0) : 0;
      const value = line[i] ?? 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = Math.floor((left + up) / 2);
          break;
        case 4:
          predicted = paeth(left, up, upLeft);
          break;
        default:
          return undefined;
      }
      pixels[out + i] = (value + predicted) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

export function encodePng(width: number, height: number, channels: number, pixels: Buffer): Buffer {
  const stride = width * channels;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let row = 0; row < height; row++) pixels.copy(raw, row * (stride + 1) + 1, row * stride, (row + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = channels === 4 ? 6 : 2;
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}
