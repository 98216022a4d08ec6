import { describe, expect, it } from 'vitest';
import { cropPngBottom, decodePng, encodePng } from './cropPng.ts';

function image(width: number, height: number, contentRows: number, channels = 3): Buffer {
  const pixels = Buffer.alloc(width * height * channels, 255);
  for (let row = 0; row < contentRows; row++) for (let x = 0; x < width; x += 3) pixels[(row * width + x) * channels] = (row * 7 + x) % 200;
  return encodePng(width, height, channels, pixels);
}

describe('cropPngBottom', () => {
  it('cuts the blank rows under the content, keeping a margin', () => {
    const cropped = cropPngBottom(image(50, 400, 100), 20);
    expect(cropped?.height).toBe(120);
    expect(cropped?.reachedBottom).toBe(false);
    const back = cropped ? decodePng(cropped.png) : undefined;
    expect(back?.width).toBe(50);
    expect(back?.height).toBe(120);
    expect(back?.pixels.subarray(0, 150).equals(decodePng(image(50, 400, 100))?.pixels.subarray(0, 150) ?? Buffer.alloc(0))).toBe(true);
  });

  it('says when the content reaches the bottom (the window was too short)', () => {
    const cropped = cropPngBottom(image(20, 60, 55, 4));
    expect(cropped?.height).toBe(60);
    expect(cropped?.reachedBottom).toBe(true);
  });

  it('leaves what it cannot read alone', () => {
    expect(cropPngBottom(Buffer.from('not a png at all, not at all, not at all'))).toBeUndefined();
  });
});
