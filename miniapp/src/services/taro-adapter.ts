import Taro from '@tarojs/taro';
import axios, { AxiosError, type AxiosAdapter, type AxiosResponse } from 'axios';

type TaroMethod = NonNullable<Taro.request.Option['method']>;

/**
 * An axios adapter on `Taro.request`, so one axios instance works in WeChat (wx.request)
 * and in H5 (fetch). Taro resolves for every HTTP status; axios' validateStatus decides.
 */
export const taroAdapter: AxiosAdapter = async (config) => {
  const method = (config.method ?? 'get').toUpperCase() as TaroMethod;
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request({
      // getUri applies baseURL and params the same way axios' own adapters do.
      url: axios.getUri(config),
      method,
      // transformRequest has already serialised objects to a JSON string.
      data: config.data as unknown,
      header: config.headers.toJSON(true),
      timeout: config.timeout || undefined,
      dataType: 'json',
    });
  } catch (error) {
    const message = (error as { errMsg?: string })?.errMsg ?? 'Network Error';
    throw new AxiosError(message, AxiosError.ERR_NETWORK, config);
  }

  const response: AxiosResponse = {
    data: res.data as unknown,
    status: res.statusCode,
    statusText: '',
    headers: res.header ?? {},
    config,
    request: null,
  };
  const validate = config.validateStatus;
  if (!validate || validate(response.status)) return response;
  throw new AxiosError(`Request failed with status code ${response.status}`, response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST, config, null, response);
};
