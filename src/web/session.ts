/**
 * Session expiry: any 401 from the API (other than a wrong password) clears the cached user; the
 * route guard then sends the browser to /login with the intended path, and the login page says why.
 */
const FLAG = 'gj.sessionExpired';

export function markSessionExpired(): void {
  try {
    sessionStorage.setItem(FLAG, '1');
  } catch {
    // without storage the login page simply does not explain why it appeared
  }
}

/** True once after an expiry; reading clears it. */
export function takeSessionExpired(): boolean {
  try {
    const was = sessionStorage.getItem(FLAG) === '1';
    sessionStorage.removeItem(FLAG);
    return was;
  } catch {
    return false;
  }
}
