import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The `'sha256-…'` sources of the inline scripts in the H5 build's index.html. Taro inlines one
 * small script there (it sets the root font size from the viewport width, for rem units);
 * allowing exactly that script by its hash keeps `script-src` free of 'unsafe-inline'. Read at
 * start, so a rebuilt H5 app needs a restart (which serving a new build needs anyway).
 */
export function inlineScriptHashes(staticDir: string): string[] {
  let html: string;
  try {
    html = readFileSync(path.join(staticDir, 'index.html'), 'utf8');
  } catch {
    return [];
  }
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1]) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Security headers for the API and the H5 app it serves (issue 12 item 14). The H5 build
 * (Taro, webpack) loads its own script files and the one inline script allowed by hash, and
 * never evals; Taro and NutUI set inline styles at run time, hence 'unsafe-inline' for styles
 * alone. Images come from the app, data: URLs (QR codes) and blob: (previews of picked photos).
 * Checked by loading the H5 build in Chromium under this policy (miniapp/e2e/login.e2e.ts).
 */
export function helmetOptions(staticDir: string): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...(staticDir ? inlineScriptHashes(staticDir) : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  };
}
