import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Security headers for the API and the H5 app it serves (issue 12 item 14). The H5 build
 * (Taro, webpack) loads only its own script files and never evals, so scripts are 'self' only;
 * Taro and NutUI set inline styles at run time, hence 'unsafe-inline' for styles alone.
 * Images come from the app, data: URLs (QR codes) and blob: (previews of picked photos).
 * Checked by loading the H5 build in Chromium under this policy (no CSP violations).
 */
export const helmetOptions: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
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
