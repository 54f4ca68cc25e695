import fp from 'fastify-plugin';
import type { Config } from '../env';
import { RealSmsSender } from './sms/real';
import { SmsSimulator } from './sms/simulator';
import type { SmsSender } from './sms/types';
import { RealWechatApi } from './wechat/real';
import { WechatSimulator } from './wechat/simulator';
import type { WechatApi } from './wechat/types';

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsSender;
    wechat: WechatApi;
  }
}

export interface AdapterOverrides {
  sms?: SmsSender;
  wechat?: WechatApi;
}

/** The one place that picks real or simulated outside services (SMS_ADAPTER, WECHAT_ADAPTER). */
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
  app.decorate('sms', sms);
  app.decorate('wechat', wechat);
}, { name: 'adapters' });
