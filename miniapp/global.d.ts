/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro to the build target. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    /** API base URL fixed at build time (config/index.ts); default '/api'. */
    TARO_APP_API?: string;
    /** Overrides project.config.json's appid when building for weapp. */
    TARO_APP_ID?: string;
  }
}
