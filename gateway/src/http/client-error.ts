import type { Socket } from 'node:net';

/** Node's own refusals before a request reaches express (headers too large, a malformed request
 * line, a header timeout) as JSON with a code, like every other error answer; Node would send
 * them with an empty body. */
const REFUSALS: Readonly<Record<string, readonly [status: number, reason: string, code: string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT'],
};

/** For `server.on('clientError', …)`: answers with a JSON error body and closes the socket. */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || (err.code === 'ECONNRESET' && socket.destroyed)) {
    socket.destroy();
    return;
  }
  const [status, reason, code] =
    err.code !== undefined && Object.hasOwn(REFUSALS, err.code) ? REFUSALS[err.code] : [400, 'Bad Request', 'BAD_REQUEST'];
  const body = JSON.stringify({ error: { code, message: reason.toLowerCase() } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
