import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logging/createLogger.js';
import { HttpError, type ErrorBody } from './HttpError.js';
import { MAX_URL_BYTES, uriTooLong } from './screenInput.js';

/** How long the engine waits for a client, in milliseconds (see configVariables.ts). */
export interface HttpTimeouts {
  /** HEADERS_TIMEOUT_MS: the request line and headers must have arrived within this. */
  headersTimeoutMs: number;
  /** REQUEST_TIMEOUT_MS: the whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** KEEP_ALIVE_TIMEOUT_MS: an idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/**
 * After answering a connection the parser gave up on, the engine keeps reading (and discarding)
 * what the client still sends for at most this long before it closes the socket: closing while
 * the client is still sending makes the kernel reset the connection, and the client then loses
 * the answer (ECONNRESET) before reading it. 2 s carries the rest of a 100 KB request line over a
 * 512 kbit/s link.
 */
export const LINGER_MS = 2_000;

/** How often Node checks the headers and request timeouts: a quarter of the shorter, 1 s at most. */
export function connectionsCheckingInterval(timeouts: HttpTimeouts): number {
  const shorter = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  return Math.max(25, Math.min(1_000, Math.floor(shorter / 4)));
}

interface ParserError extends Error {
  code?: string;
  /** The chunk the parser was reading when it failed. */
  rawPacket?: Buffer;
}

/**
 * Whether the parser overflowed in the request line (414) or in the headers (431). The chunk it
 * failed on usually starts the request (clients write the head at once and Node reads 64 KB): a
 * request line without its end, or longer than MAX_URL_BYTES, is the URL. A head dribbled in many
 * small chunks is answered 431, which names the limit of both together.
 */
function overflowAnswer(err: ParserError): HttpError {
  const packet = err.rawPacket;
  const start = packet?.subarray(0, 32).toString('latin1') ?? '';
  if (packet && /^[A-Z]+ [^ ]/.test(start)) {
    const lineEnd = packet.indexOf('\r\n');
    if (lineEnd === -1 || lineEnd > MAX_URL_BYTES) return uriTooLong();
  }
  const limit = http.maxHeaderSize;
  return new HttpError(
    431,
    'headers_too_large',
    `请求行与请求头合计过大（上限 ${limit} 字节） / The request line and headers exceed ${limit} bytes together`,
    { limitBytes: limit },
  );
}

function answerFor(err: ParserError, timeouts: HttpTimeouts): HttpError | undefined {
  if (err.code === 'HPE_HEADER_OVERFLOW') return overflowAnswer(err);
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new HttpError(
      408,
      'request_timeout',
      `请求发送过慢：请求头须在 ${timeouts.headersTimeoutMs} 毫秒内、整个请求须在 ${timeouts.requestTimeoutMs} 毫秒内到达 / ` +
        `The request arrived too slowly: headers must arrive within ${timeouts.headersTimeoutMs} ms and the whole request within ${timeouts.requestTimeoutMs} ms`,
      {
        headersTimeoutMs: timeouts.headersTimeoutMs,
        requestTimeoutMs: timeouts.requestTimeoutMs,
      },
    );
  }
  if (err.code?.startsWith('HPE_')) {
    return new HttpError(
      400,
      'malformed_http',
      `请求不是有效的 HTTP / The request is not valid HTTP (${err.code})`,
    );
  }
  return undefined; // the client went away (ECONNRESET, EPIPE…): nobody to answer
}

/** The whole response as bytes on the wire: the engine's error body, then the connection ends. */
function rawResponse(answer: HttpError, requestId: string): string {
  const details =
    answer.details && typeof answer.details === 'object'
      ? { ...answer.details, requestId }
      : { requestId };
  const body: ErrorBody = { error: { code: answer.code, message: answer.message, details } };
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'X-Content-Type-Options: nosniff',
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}

/**
 * The server's `clientError` handler: what Node's parser refuses (a request line or headers over
 * its limit, a request that arrives too slowly, bytes that are not HTTP) gets the engine's JSON
 * error instead of Node's bare status line, then a lingering close (see LINGER_MS) so that a
 * client still sending reads the answer instead of a reset.
 */
export function clientErrorHandler(logger: Logger, timeouts: HttpTimeouts) {
  const answered = new WeakSet<Duplex>();
  return (err: ParserError, socket: Duplex): void => {
    // The parser reports its error again for every later chunk of the same connection.
    if (answered.has(socket)) return;
    answered.add(socket);
    const answer = answerFor(err, timeouts);
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!answer || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    logger.info(
      { reqId: requestId, status: answer.status, code: answer.code, parserCode: err.code },
      'request refused before routing',
    );
    socket.on('data', () => {}); // read and drop what still comes
    socket.end(rawResponse(answer, requestId));
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  };
}

/**
 * The engine's HTTP server: Node's parser limits (16 KB for the request line and headers), the
 * configured timeouts checked often enough to hold (Node checks every 30 s by default, so a 10 s
 * limit could take 40 s), and JSON answers for what the parser refuses.
 */
export function createHttpServer(
  listener: http.RequestListener,
  timeouts: HttpTimeouts,
  logger: Logger,
): http.Server {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: connectionsCheckingInterval(timeouts),
    },
    listener,
  );
  server.on('clientError', clientErrorHandler(logger, timeouts));
  return server;
}
