import type { FastifyInstance } from 'fastify';
import type { Config } from '../../env';
import type { TokenSigner } from './service';

/** How every login path signs its tokens (password, SMS, registration, WeChat). */
export const createTokenSigner = (app: FastifyInstance, config: Pick<Config, 'refreshTokenTtlDays'>): TokenSigner => ({
  signAccess: (userId, passwordVersion) => app.signAccessToken(passwordVersion ? { sub: userId, pv: passwordVersion } : { sub: userId }),
  refreshTtlDays: config.refreshTokenTtlDays,
});
