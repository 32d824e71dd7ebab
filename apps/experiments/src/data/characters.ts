/** A character vocabulary: index 0 is the unknown character. */
export interface Vocabulary {
  chars: string[];
  index: Map<string, number>;
  size: number;
}

/** Lower-cases and collapses runs of white space to one space. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** The characters seen at least `minCount` times in `text` (train text only), plus an unknown symbol. */
export function buildVocabulary(text: string, minCount: number): Vocabulary {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  const chars = [
    '\u0000',
    ...[...counts]
      .filter(([, n]) => n >= minCount)
      .map(([c]) => c)
      .sort(),
  ];
  return { chars, index: new Map(chars.map((c, i) => [c, i])), size: chars.length };
}

/** Character indices of `text`; characters outside the vocabulary map to 0. */
export function encode(text: string, vocabulary: Vocabulary): Int32Array {
  const out = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = vocabulary.index.get(text[i]) ?? 0;
  return out;
}

/** Windows of `length + 1` characters: inputs are the first `length`, targets the last `length`. */
export interface Windows {
  inputs: Int32Array;
  targets: Int32Array;
  count: number;
  length: number;
}

/** `count` windows starting at the given offsets of `codes`. */
export function windowsAt(codes: Int32Array, starts: number[], length: number): Windows {
  const inputs = new Int32Array(starts.length * length);
  const targets = new Int32Array(starts.length * length);
  starts.forEach((start, w) => {
    inputs.set(codes.subarray(start, start + length), w * length);
    targets.set(codes.subarray(start + 1, start + length + 1), w * length);
  });
  return { inputs, targets, count: starts.length, length };
}

/** Non-overlapping window offsets covering `codes` from the start, at most `max` of them. */
export function consecutiveStarts(codes: Int32Array, length: number, max: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s + length + 1 <= codes.length && starts.length < max; s += length) starts.push(s);
  return starts;
}
