// Loading bundles. AppSync receives one ESM file per resolver/function whose only imports are its
// built-in modules ("Built-in modules", https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html;
// bundling guidance in "Configuring utilities for the APPSYNC_JS runtime"), and the API reference
// limits `code` to 32,768 characters (https://docs.aws.amazon.com/appsync/latest/APIReference/API_Resolver.html).
import { MAX_CODE_LENGTH, ResolverLoadError } from '../../../local/appsync/runtime';
import { bundle, newRuntime } from './helpers';

const load = (code: string) => newRuntime().load(code, 'candidate');

describe('what a bundle may import', () => {
  test('the two AppSync modules load, named or as namespaces', () => {
    const code = load(`
      import { util, runtime, extensions } from '@aws-appsync/utils';
      import * as ddb from '@aws-appsync/utils/dynamodb';
      import { get } from '@aws-appsync/utils/dynamodb';
      export function request(ctx) { return [typeof util.autoId, typeof runtime.earlyReturn, typeof extensions.setSubscriptionFilter, typeof ddb.put, typeof get]; }
      export function response(ctx) { return ctx.result; }`);
    expect(code.has('request')).toBe(true);
    expect(code.has('response')).toBe(true);
  });

  test.each([
    ["import _ from 'lodash'; export function request() { return _; }", 'APPSYNC_JS cannot load "lodash"'],
    ["import { x } from './helpers'; export function request() { return x; }", 'APPSYNC_JS cannot load "./helpers"'],
    ["const fs = require('fs'); export function request() { return fs; }", 'APPSYNC_JS has no require(): require("fs")'],
    ["export function request() { return import('@aws-appsync/utils'); }", 'APPSYNC_JS cannot load modules dynamically: import("@aws-appsync/utils")'],
    ["export function request(ctx) { return import(ctx.args.name); }", 'APPSYNC_JS cannot load modules dynamically (import())'],
    ["import { rds } from '@aws-appsync/utils/rds'; export function request() { return rds; }", 'not supported by the local AppSync runtime: the built-in module @aws-appsync/utils/rds'],
    ['export async function request() { return 1; }', 'APPSYNC_JS does not support async functions'],
    ['export const request = async () => 1;', 'APPSYNC_JS does not support async functions'],
    ['const later = { async run() { return 1; } }; export function request() { return later; }', 'APPSYNC_JS does not support async functions'],
  ])('%s is refused', (source, message) => {
    expect(() => load(source)).toThrow(ResolverLoadError);
    expect(() => load(source)).toThrow(message);
  });
});

describe('what else makes a bundle unloadable', () => {
  test('code over the 32,768-character limit', () => {
    const padding = `// ${'x'.repeat(MAX_CODE_LENGTH)}\n`;
    expect(() => load(`${padding}export function request() { return {}; }`)).toThrow(/AppSync accepts at most 32768/);
  });

  test('a syntax error, reported with its position', () => {
    expect(() => load('export function request( { return 1; }')).toThrow(/the code does not parse: 1:\d+: /);
  });

  test('empty code', () => {
    expect(() => load('   ')).toThrow(new ResolverLoadError('candidate', 'the code is empty'));
  });

  test('top-level code that fails', () => {
    expect(() => load(bundle(`const broken: any = null; broken.field = 1; export function request() { return {}; }`))).toThrow(
      "candidate: top-level code failed: TypeError: Cannot set properties of null (setting 'field')",
    );
  });
});
