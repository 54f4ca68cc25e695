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
import { RealNotifier } from './notify/real';
import { NotifySimulator } from './notify/simulator';
import type { Notifier } from './notify/types';
import { RealExternalSystem } from './external-system/real';
import { ExternalSystemSimulator } from './external-system/simulator';
import type { ExternalLeagueSystem } from './external-system/types';

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsSender;
    wechat: WechatApi;
    realName: RealNameVerifier;
    storage: Storage;
    notifier: Notifier;
    externalSystem: ExternalLeagueSystem;
  }
}

export interface AdapterOverrides {
  sms?: SmsSender;
  wechat?: WechatApi;
  realName?: RealNameVerifier;
  storage?: Storage;
  notifier?: Notifier;
  externalSystem?: ExternalLeagueSystem;
}

/**
 * The one place that picks real or simulated outside services (SMS_ADAPTER, WECHAT_ADAPTER,
 * REALNAME_ADAPTER, NOTIFY_ADAPTER, EXTERNAL_SYSTEM_ADAPTER) and where uploads are stored (UPLOAD_DIR).
 */
export default fp<{ config: Config } & AdapterOverrides>(
  async (app, opts) => {
    const { config } = opts;
    const sms =
      opts.sms ??
      (config.smsAdapter === 'real'
        ? new RealSmsSender({ providerUrl: config.smsProviderUrl, apiKey: config.smsApiKey })
        : new SmsSimulator(app.log, { revealCodes: config.enableTestEndpoints }));
    const wechat = opts.wechat ?? (config.wechatAdapter === 'real' ? new RealWechatApi({ appid: config.wechatAppid, secret: config.wechatSecret }) : new WechatSimulator());
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
    const now = () => app.clock.now();
    const notifier =
      opts.notifier ??
      (config.notifyAdapter === 'real'
        ? new RealNotifier(
            {
              appid: config.wechatAppid,
              secret: config.wechatSecret,
              templateId: config.wechatSubscribeTemplateId,
              page: config.wechatSubscribePage,
              miniprogramState: config.wechatMiniprogramState,
            },
            app.log,
          )
        : new NotifySimulator(app.log, now));
    const externalSystem =
      opts.externalSystem ??
      (config.externalSystemAdapter === 'real'
        ? new RealExternalSystem({ baseUrl: config.externalSystemUrl, apiKey: config.externalSystemApiKey })
        : new ExternalSystemSimulator({ mode: config.externalSimMode, delaySeconds: config.externalSimDelaySeconds, now }));
    app.decorate('notifier', notifier);
    app.decorate('externalSystem', externalSystem);
  },
  { name: 'adapters', dependencies: ['context'] },
);
