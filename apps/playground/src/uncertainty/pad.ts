import { PIXELS, SIDE } from '../digits-format.js';

/** A 28 x 28 drawing pad on a canvas: a soft round brush, pixels in [0, 1] like mnist's. */
export class DrawingPad {
  private readonly values = new Float32Array(PIXELS);
  private drawing = false;
  /** Called after each stroke segment. */
  onDraw: () => void = () => {};

  constructor(private readonly canvas: HTMLCanvasElement) {
    canvas.addEventListener('pointerdown', (event) => {
      this.drawing = true;
      canvas.setPointerCapture(event.pointerId);
      this.stroke(event);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (this.drawing) this.stroke(event);
    });
    canvas.addEventListener('pointerup', () => {
      this.drawing = false;
    });
    this.render();
  }

  /** A copy of the drawing's pixels. */
  pixels(): Float32Array {
    return this.values.slice();
  }

  clear(): void {
    this.values.fill(0);
    this.render();
  }

  private stroke(event: PointerEvent): void {
    const box = this.canvas.getBoundingClientRect();
    const cx = ((event.clientX - box.left) / box.width) * SIDE;
    const cy = ((event.clientY - box.top) / box.height) * SIDE;
    for (let row = 0; row < SIDE; row++) {
      for (let col = 0; col < SIDE; col++) {
        const d = Math.hypot(col + 0.5 - cx, row + 0.5 - cy);
        const ink = Math.max(0, Math.min(1, 1.6 - d));
        const p = row * SIDE + col;
        this.values[p] = Math.max(this.values[p], ink);
      }
    }
    this.render();
    this.onDraw();
  }

  private render(): void {
    const context = this.canvas.getContext('2d')!;
    const image = context.createImageData(SIDE, SIDE);
    for (let p = 0; p < PIXELS; p++) {
      const v = Math.round(this.values[p] * 255);
      image.data.set([v, v, v, 255], p * 4);
    }
    context.putImageData(image, 0, 0);
  }
}
