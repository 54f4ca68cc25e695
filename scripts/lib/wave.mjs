// What the crash test and the cluster test share: members registered the way a person does
// (SMS code from the simulator, the four steps saved, not submitted), through an HTTP client
// that behaves like the mini-program during preparation.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// GB 11643: the check character of an ID number's first 17 digits.
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid mainland ID number, distinct for n below 5,000 (region 440106, born 2000–2004). */
export const idNumber = (n) => {
  const first17 = `440106${2000 + (n % 5)}0101${String(n % 1000).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * W[i], 0);
  return first17 + '10X98765432'[sum % 11];
};

/** Resolves when the child process has exited (at once if it already has). */
export const exited = (child) => new Promise((r) => (child.exitCode != null || child.signalCode != null ? r() : child.once('exit', r)));

/**
 * The preparation's HTTP client: a rate limit the run did not lift waits rather than fails, and a
 * 5xx (concurrent first saves could deadlock: issue 12 item 7) or a request lost on a closing
 * socket is tried again — and counted (`retries()`), since a test reports it.
 */
export function preparationClient() {
  let retries = 0;
  /** Why requests were sent again (`why()`: counts by reason), so a run that retried says what it met. */
  const reasons = new Map();
  const note = (method, p, why) => {
    const key = `${method} ${p.replace(/\d{6,}/g, '…')}: ${why}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  };
  async function api(base, p, { method = 'GET', token, body } = {}) {
    for (let attempt = 0; ; attempt++) {
      let res;
      try {
        res = await fetch(`${base}/api${p}`, {
          method,
          headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: body !== undefined ? JSON.stringify(body) : undefined,
        });
      } catch (err) {
        // a kept-alive socket the server closed as the request went out ("other side closed"):
        // the request never arrived; send it again (the preparation's requests are idempotent
        // or fail loudly on the second try)
        if (attempt >= 3) throw err;
        retries++;
        note(method, p, err.cause?.code ?? err.message);
        await sleep(100 * (attempt + 1));
        continue;
      }
      if (res.status === 429 && attempt < 30) {
        await sleep(2000);
        continue;
      }
      // DB_RETRY (503) says "not done, try again" and when (retry-after): a cluster's hot rows
      // can refuse a few times in a row while 300 registrations write them at once
      if (res.status === 503 && attempt < 15) {
        retries++;
        note(method, p, 503);
        await sleep(1000 * Number(res.headers.get('retry-after') ?? 1) * (0.5 + Math.random()));
        continue;
      }
      if (res.status >= 500 && attempt < 5) {
        retries++;
        note(method, p, res.status);
        await sleep(100 * (attempt + 1));
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    }
  }
  return { api, retries: () => retries, why: () => [...reasons].map(([r, n]) => `${r} ×${n}`).join('; ') };
}

/** Registers a member with the simulator's SMS code and saves the four steps; not submitted. */
export async function prepareMember(api, base, { branchId, n, phone, name, password }) {
  await api(base, '/auth/sms', { method: 'POST', body: { phone, purpose: 'register' } });
  const { code } = await api(base, `/test/sms/${phone}`);
  // A registration sent again after its answer was lost (a closing socket, a 5xx after the
  // commit) finds its code used: the account is there, and the password logs in.
  const { accessToken: token } = await api(base, '/auth/register', {
    method: 'POST',
    body: { phone, password, confirmPassword: password, smsCode: code, regionCode: '440106', agreed: true },
  }).catch(async (err) => {
    if (!String(err.message).includes('SMS_CODE_WRONG')) throw err;
    return api(base, '/auth/login', { method: 'POST', body: { phone, password } }).catch(() => Promise.reject(err));
  });
  const put = (step, body) => api(base, `/me/checkin/steps/${step}`, { method: 'PUT', token, body });
  await put('identity', { name, idType: 'residentId', idNumber: idNumber(n), joinedAt: '2016-05', branchId: String(branchId) });
  await put('league', { income: 'studentNoIncome', holdsPosition: false, developmentNumber: null, joinUnit: '广州市第一中学' });
  await put('contact', {
    phone,
    ethnicity: '01',
    politicalStatus: 'leagueMember',
    fullTimeEducation: 'bachelorStudying',
    highestEducation: 'bachelorStudying',
    isVolunteer: false,
    guardianContact: null,
    householdRegistration: '广东省广州市',
  });
  await put('optional', { occupation: 'universityStudent', workUnit: '中山大学', email: '', qq: '' });
  const me = await api(base, '/auth/me', { token });
  return { phone, token, userId: Number(me.id) };
}

/** Runs `fn` over `items` with at most `concurrency` at once; the results in order. */
export async function pool(items, concurrency, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
