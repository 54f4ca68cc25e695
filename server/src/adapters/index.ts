import fp from 'fastify-plugin';
import type { Config } from '../env';
import { RealSmsSender } from './sms/real';
import { SmsSimulator } from './sms/simulator';
import type { SmsSender } from './sms/types';
import { RealWechatApi } from './wechat/real';
import { WechatSimulator } from './wechat/simulator';
import type { WechatApi } from './wechat/types';
import { RealRealNameVerifier } from './real-name/real';
import { RealNameSimulator } from './real-name/simulator';
import type { RealNameVerifier } from './real-name/types';
import { LocalDiskStorage } from './storage/local';
import type { Storage } from './storage/types';

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsSender;
    wechat: WechatApi;
    realName: RealNameVerifier;
    storage: Storage;
  }
}

export interface AdapterOverrides {
  sms?: SmsSender;
  wechat?: WechatApi;
  realName?: RealNameVerifier;
  storage?: Storage;
}

/**
 * The one place that picks real or simulated outside services (SMS_ADAPTER, WECHAT_ADAPTER,
 * REALNAME_ADAPTER) and where uploads are stored (UPLOAD_DIR).
 */
export default fp<{ config: Config } & AdapterOverrides>(async (app, opts) => {
  const { config } = opts;
  const sms =
    opts.sms ??
    (config.smsAdapter === 'real'
      ? new RealSmsSender({ providerUrl: config.smsProviderUrl, apiKey: config.smsApiKey })
      : new SmsSimulator(app.log));
  const wechat =
    opts.wechat ??
    (config.wechatAdapter === 'real' ? new RealWechatApi({ appid: config.wechatAppid, secret: config.wechatSecret }) : new WechatSimulator());
  const realName =
    opts.realName ??
    (config.realNameAdapter === 'real'
      ? new RealRealNameVerifier({ providerUrl: config.realNameProviderUrl, apiKey: config.realNameApiKey })
      : new RealNameSimulator({
          failRate: config.realNameSimFailRate,
          recheckPassRate: config.realNameSimRecheckPassRate,
          alwaysFail: config.realNameSimAlwaysFail,
        }));
  const storage = opts.storage ?? new LocalDiskStorage(config.uploadDir);
  app.decorate('sms', sms);
  app.decorate('realName', realName);
  app.decorate('storage', storage);
  app.decorate('wechat', wechat);
}, { name: 'adapters' });
