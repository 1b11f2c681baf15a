import { connect } from 'node:net';

/** An error shaped as axios 1.x builds it when the server answered (`error.response.status`). */
export function axiosResponseError(status: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    name: 'AxiosError',
    code: status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
    isAxiosError: true,
    response: { status, statusText: '', headers, data: null },
  });
}

/** An error shaped as axios builds it when no answer arrived (`code`, no `response`). */
export function axiosCodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { name: 'AxiosError', code, isAxiosError: true });
}

/** A Node system error as `net`/`dns` raise it. */
export function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code, errno: -1, syscall: 'connect' });
}

/** The real error Node raises when connecting to a port nothing listens on. */
export function realConnectionRefused(): Promise<NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 1 });
    socket.on('error', (error) => {
      socket.destroy();
      resolve(error as NodeJS.ErrnoException);
    });
  });
}

/** The real rejection of Node's fetch when nothing listens on the port. */
export function realFetchFailure(): Promise<unknown> {
  return fetch('http://127.0.0.1:1/').then(
    () => {
      throw new Error('expected fetch to fail');
    },
    (error: unknown) => error,
  );
}
