/** The element with id `id` (throws if the page lacks it: a bug in index.html). */
export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** A number for display: 4 significant digits, plain zero. */
export function format(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? value.toPrecision(4) : value.toExponential(3);
}

/** A range input and the <output> beside it (id `<id>-value`), which shows its value. */
export function range(id: string): {
  value: () => number;
  onInput: (f: () => void) => void;
  input: HTMLInputElement;
} {
  const input = $<HTMLInputElement>(id);
  const label = $<HTMLOutputElement>(`${id}-value`);
  const value = () => Number(input.value);
  const sync = () => {
    label.textContent = input.value;
  };
  sync();
  input.addEventListener('input', sync);
  return { value, input, onInput: (f) => input.addEventListener('input', f) };
}
