import Taro from '@tarojs/taro';
import { ErrorMessages } from '@tj/shared';
import { API_BASE } from '../src/env';
import { ApiError, NETWORK_ERROR } from '../src/services/api-error';
import { http } from '../src/services/http';

const request = Taro.request as jest.Mock;

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as ApiError,
  );

describe('http (axios on Taro.request)', () => {
  it('calls Taro.request with base URL, query, method, JSON body and headers', async () => {
    request.mockResolvedValueOnce({ statusCode: 201, header: { 'x-id': '7' }, data: { ok: true } });
    const res = await http.post('/things', { a: 1 }, { params: { page: 2 } });

    expect(res.status).toBe(201);
    expect(res.data).toEqual({ ok: true });
    const options = request.mock.calls[0][0];
    expect(options.url).toBe(`${API_BASE}/things?page=2`);
    expect(options.method).toBe('POST');
    expect(JSON.parse(options.data)).toEqual({ a: 1 });
    expect(options.header['Content-Type']).toBe('application/json');
  });

  it('keeps code, message and field of an error body', async () => {
    request.mockResolvedValueOnce({
      statusCode: 400,
      header: {},
      data: { code: 'MOBILE_INVALID', message: '请输入正确的11位手机号码', field: 'phone' },
    });
    const error = await failure(http.get('/x'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'MOBILE_INVALID', field: 'phone', status: 400 });
    expect(error.message).toBe('请输入正确的11位手机号码');
  });

  it('falls back to the INTERNAL message when the body is not an error body', async () => {
    request.mockResolvedValueOnce({ statusCode: 502, header: {}, data: '<html>Bad gateway</html>' });
    const error = await failure(http.get('/x'));
    expect(error).toMatchObject({ code: 'INTERNAL', status: 502, message: ErrorMessages.INTERNAL });
  });

  it('keeps the server message for a code this build does not know yet', async () => {
    request.mockResolvedValueOnce({
      statusCode: 409,
      header: {},
      data: { code: 'SOMETHING_NEW', message: '新的错误' },
    });
    const error = await failure(http.get('/x'));
    expect(error).toMatchObject({ code: 'INTERNAL', message: '新的错误' });
  });

  it('does not take an inherited property name for an error code', async () => {
    // isErrorCode lives once in shared/ with an own-property check; `code in ErrorMessages`
    // took 'toString' for a code.
    request.mockResolvedValueOnce({ statusCode: 400, header: {}, data: { code: 'toString', message: '奇怪的错误' } });
    const error = await failure(http.get('/x'));
    expect(error).toMatchObject({ code: 'INTERNAL', message: '奇怪的错误' });
  });

  it('reports a failed request as a network error', async () => {
    request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    const error = await failure(http.get('/x'));
    expect(error.code).toBe(NETWORK_ERROR);
  });
});
