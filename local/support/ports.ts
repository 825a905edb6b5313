import net from 'node:net';

/** Asks the OS for a free TCP port on the loopback interface. Used for engines
 * (DynamoDB Local, cognito-local) that cannot be told to listen on port 0. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port the OS assigned'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** Polls `probe` until it resolves, or fails after `timeoutMs` with the last error. */
export async function waitUntilReady(
  what: string,
  probe: () => Promise<unknown>,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms: ${String((lastError as Error)?.message ?? lastError)}`);
}

/** Fails with a clear message when a fixed port is taken — typically by a local cloud
 * still running from an earlier `npm start`, whose engines we must not talk to by mistake. */
export async function assertPortFree(port: number, what: string, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${what}: port ${port} on ${host} is already in use (is another local cloud still running?). Stop it or choose another port.`)
          : error,
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
