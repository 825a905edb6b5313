// The pure decoding steps of the real-time protocol: connection header and client messages.
import type { IncomingMessage } from 'node:http';
import { readConnectionHeader, toAuthorization } from '../../../local/appsync/realtime/connection-header';
import { parseClientMessage } from '../../../local/appsync/realtime/messages';
import { SubscriptionRejectedError } from '../../../local/appsync/realtime';

function upgradeRequest(url: string, subprotocols?: string): IncomingMessage {
  return { url, headers: subprotocols === undefined ? {} : { 'sec-websocket-protocol': subprotocols } } as IncomingMessage;
}

describe('readConnectionHeader', () => {
  const header = { host: 'api.local', Authorization: 'token/with+chars=' };

  it('prefers the header subprotocol over the query parameter', () => {
    const subprotocol = `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`;
    const other = Buffer.from(JSON.stringify({ host: 'other' })).toString('base64');
    expect(readConnectionHeader(upgradeRequest(`/graphql/realtime?header=${other}`, `graphql-ws, ${subprotocol}`))).toEqual({
      kind: 'present',
      authorization: header,
    });
  });

  it('decodes padded standard base64 from the query parameter', () => {
    const encoded = encodeURIComponent(Buffer.from(JSON.stringify(header)).toString('base64'));
    expect(readConnectionHeader(upgradeRequest(`/graphql/realtime?header=${encoded}&payload=e30=`))).toEqual({ kind: 'present', authorization: header });
  });

  it('reports no header, and malformed ones, distinctly', () => {
    expect(readConnectionHeader(upgradeRequest('/graphql/realtime', 'graphql-ws'))).toEqual({ kind: 'absent' });
    expect(readConnectionHeader(upgradeRequest('/graphql/realtime', 'graphql-ws, header-'))).toEqual(expect.objectContaining({ kind: 'malformed' }));
    expect(readConnectionHeader(upgradeRequest('/graphql/realtime?header=%%%'))).toEqual(expect.objectContaining({ kind: 'malformed' }));
    const notAnObject = Buffer.from('["host"]').toString('base64url');
    expect(readConnectionHeader(upgradeRequest('/graphql/realtime', `graphql-ws, header-${notAnObject}`))).toEqual(
      expect.objectContaining({ kind: 'malformed' }),
    );
  });
});

describe('toAuthorization', () => {
  it('keeps strings, stringifies scalars and drops nulls, as HTTP headers would carry them', () => {
    expect(toAuthorization({ host: 'h', 'x-retry': 2, flag: true, missing: null })).toEqual({ host: 'h', 'x-retry': '2', flag: 'true' });
  });

  it('refuses nested values and non-objects', () => {
    expect(toAuthorization({ host: { nested: 'x' } })).toBeUndefined();
    expect(toAuthorization('host')).toBeUndefined();
    expect(toAuthorization(['host'])).toBeUndefined();
  });
});

describe('parseClientMessage', () => {
  it('decodes a start as Amplify sends it', () => {
    const text = JSON.stringify({
      id: 'a1',
      type: 'start',
      payload: {
        data: JSON.stringify({ query: 'subscription { s }', variables: { k: 1 } }),
        extensions: { authorization: { host: 'h', 'x-api-key': 'k', 'x-amz-user-agent': 'aws-amplify/6' } },
      },
    });
    expect(parseClientMessage(text)).toEqual({
      type: 'start',
      request: { id: 'a1', query: 'subscription { s }', variables: { k: 1 }, authorization: { host: 'h', 'x-api-key': 'k', 'x-amz-user-agent': 'aws-amplify/6' } },
    });
  });

  it('needs an id on stop', () => {
    expect(parseClientMessage('{"type":"stop"}')).toEqual({ type: 'invalid', error: expect.objectContaining({ errorType: 'BadRequestException' }) });
    expect(parseClientMessage('{"type":"stop","id":"x"}')).toEqual({ type: 'stop', id: 'x' });
  });

  it('treats a data string that is not a JSON object with a query as an unknown operation', () => {
    for (const data of ['not json', '[]', '{"variables":{}}']) {
      expect(parseClientMessage(JSON.stringify({ id: 'x', type: 'start', payload: { data } }))).toEqual({
        type: 'invalid',
        id: 'x',
        error: { errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' },
      });
    }
  });
});

describe('SubscriptionRejectedError', () => {
  it('carries its errors and names them in its message', () => {
    const error = new SubscriptionRejectedError([{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SubscriptionRejectedError');
    expect(error.message).toBe('UnauthorizedException: Valid authorization header not provided.');
  });

  it('refuses to be built without an error to send', () => {
    expect(() => new SubscriptionRejectedError([])).toThrow(TypeError);
  });
});
