// The only place the mini-program reads its environment. config/index.ts fixes the value
// at build time (TARO_APP_API); '/api' is the same origin the H5 build is served from.
export const API_BASE: string = process.env.TARO_APP_API || '/api';
