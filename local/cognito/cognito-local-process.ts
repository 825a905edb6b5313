// Entry point of the child process that hosts cognito-local (started by local-cognito.ts).
// It speaks a small IPC protocol: the parent sends `start`, the child answers `ready` or
// `failed`, forwards log lines, and shuts down on `stop` or when the parent goes away.
import { serveCognitoLocal, type CognitoLocalServer } from './cognito-local-server';

export type ParentMessage =
  | { type: 'start'; port: number; host: string; dataDir: string }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; port: number; issuerDomain: string }
  | { type: 'failed'; message: string }
  | { type: 'log'; line: string }
  | { type: 'stopped' };

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

function runChild(): void {
  let server: CognitoLocalServer | undefined;
  let stopping = false;

  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await server?.close();
    } finally {
      send({ type: 'stopped' });
      process.exit(exitCode);
    }
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'start') {
      serveCognitoLocal({ ...message, log: (line) => send({ type: 'log', line }) }).then(
        (started) => {
          server = started;
          send({ type: 'ready', port: started.port, issuerDomain: started.issuerDomain });
        },
        (error: Error) => {
          send({ type: 'failed', message: error.message });
          process.exit(1);
        },
      );
    } else if (message.type === 'stop') {
      void stop(0);
    }
  });
  // An orphaned child would keep the port (and the data files) busy; leave with the parent.
  process.on('disconnect', () => void stop(0));
}

if (require.main === module) {
  if (!process.send) {
    process.stderr.write('cognito-local-process must be started by startLocalCognito (it needs an IPC channel)\n');
    process.exit(2);
  }
  runChild();
}
