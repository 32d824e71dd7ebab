import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** Where the browser comes from: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags every headless run needs here: no sandbox (CI runs as root), and none of Chromium's own
 * network calls (the network is closed; they fail many at a time and slow the start).
 */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * WebGPU without a GPU: SwiftShader's Vulkan (a CPU implementation of a GPU) as the adapter.
 * WebGPU also needs a secure context, which a page on 127.0.0.1 is. WebGL2 goes through
 * SwiftShader without flags.
 */
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

/** The command-line flags of a headless run, with WebGPU on SwiftShader unless `webgpu` is false. */
export function chromiumArgs(options: { webgpu?: boolean } = {}): string[] {
  return options.webgpu === false ? [...BASE_ARGS] : [...BASE_ARGS, ...WEBGPU_ARGS];
}

/** A launched browser: its context, and `close`, which also removes the fresh profile folder. */
export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** WebGPU on SwiftShader (default true). */
  webgpu?: boolean;
  /** The page size; Playwright's default (1280 x 720) when absent. */
  viewport?: { width: number; height: number };
  /** Default `chromiumPath`. */
  executablePath?: string;
}

/** Why Chromium cannot start from `executablePath` (default `chromiumPath`), or undefined when it is there. */
export function chromiumMissing(executablePath: string = chromiumPath): string | undefined {
  if (existsSync(executablePath)) return undefined;
  return `Chromium not found at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

/**
 * Headless Chromium through playwright-core with a fresh, empty profile in a temporary folder.
 * Throws, naming the path, when the browser is not installed (apt-get install chromium).
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const missing = chromiumMissing(options.executablePath);
  if (missing) throw new Error(missing);
  const executablePath = options.executablePath ?? chromiumPath;
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'sparseout-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: chromiumArgs(options),
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
    return {
      context,
      async close() {
        try {
          await context.close();
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
