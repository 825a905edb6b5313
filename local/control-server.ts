// Local-only control endpoints, for tests and demos: change the test payment gateway's
// failure rates or the Step Functions time scale while the cloud runs. Nothing like this
// exists on AWS; there these are deployment settings.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ControlActions {
  setPaymentRates(rates: { outageRate?: number; declineRate?: number }): { outageRate: number; declineRate: number };
  setTimeScale(scale: number): void;
  status(): unknown;
  /** What the running cloud loaded: the proof that it runs the files CDK deploys. */
  artifacts(): unknown;
}

function json(response: http.ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  response.end(JSON.stringify(body));
}

const rate = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1;

export async function startControlServer(actions: ControlActions, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      try {
        const input = body ? JSON.parse(body) : {};
        if (request.method === 'GET' && request.url === '/status') return json(response, 200, actions.status());
        if (request.method === 'GET' && request.url === '/artifacts') return json(response, 200, actions.artifacts());
        if (request.method === 'POST' && request.url === '/payment-gateway') {
          if ((input.outageRate !== undefined && !rate(input.outageRate)) || (input.declineRate !== undefined && !rate(input.declineRate))) {
            return json(response, 400, { message: 'outageRate and declineRate must be numbers from 0 to 1' });
          }
          return json(response, 200, actions.setPaymentRates(input));
        }
        if (request.method === 'POST' && request.url === '/time-scale') {
          if (typeof input.timeScale !== 'number' || !(input.timeScale > 0)) return json(response, 400, { message: 'timeScale must be a positive number' });
          actions.setTimeScale(input.timeScale);
          return json(response, 200, { timeScale: input.timeScale });
        }
        json(response, 404, { message: 'GET /status, GET /artifacts, POST /payment-gateway, POST /time-scale' });
      } catch (error) {
        json(response, 400, { message: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
