// `npm run call`: a phone call to the courier line of a running `npm start`, in the terminal.
// Type what you would say; the bot's prompts are printed (and, with --audio, saved as WAV files
// next to each other so you can play them). It talks to the local cloud's call API, whose address
// it reads from .data/local-cloud.json, so it runs the same contact flow, bot and code hook.
//
//   npm run call                      the US line (en_US), calling from +12065550123
//   npm run call -- --uk              the UK line (en_GB)
//   npm run call -- --from +12065550199 | --withheld
//   npm run call -- --audio <dir>     also save every prompt as <dir>/<n>.wav (needs espeak-ng)
// While on the call: /silence says nothing (timeout branch), /hangup or Ctrl-D hangs up.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';
import { DEFAULT_CALLER, LOCAL_LINES } from './call-server';

interface PromptView {
  index: number;
  text: string;
  source: string;
  audioUrl?: string;
}

interface TurnView {
  callId: string;
  state: string;
  ended: boolean;
  prompts: PromptView[];
  handover: { queue: string | null; reason: string } | null;
  lex: { intentName?: string } | null;
  turnMs: number;
  message?: string;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function callApiUrl(): string {
  if (process.env.LOCAL_CALLS_URL) return process.env.LOCAL_CALLS_URL;
  const file = path.join(process.env.LOCAL_DATA_DIR ?? path.join(REPOSITORY_ROOT, '.data'), 'local-cloud.json');
  if (!fs.existsSync(file)) throw new Error(`No local cloud found (${file} is missing). Start one with \`npm start\` first.`);
  const connection = JSON.parse(fs.readFileSync(file, 'utf8')) as { calls?: string };
  if (!connection.calls) throw new Error(`${file} has no call API address; restart \`npm start\` to pick up the voice channel.`);
  return connection.calls;
}

async function main(): Promise<void> {
  const base = callApiUrl();
  const audioDir = argument('audio');
  const from = process.argv.includes('--withheld') ? 'anonymous' : (argument('from') ?? DEFAULT_CALLER);
  const to = process.argv.includes('--uk') ? LOCAL_LINES.UK : (argument('to') ?? LOCAL_LINES.US);
  if (audioDir) fs.mkdirSync(audioDir, { recursive: true });

  const request = async (method: string, url: string, body?: unknown): Promise<TurnView> => {
    const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const payload = (await response.json()) as TurnView;
    if (!response.ok) throw new Error(payload.message ?? `${response.status} ${response.statusText}`);
    return payload;
  };
  const show = async (turn: TurnView) => {
    for (const prompt of turn.prompts) {
      process.stdout.write(`\x1b[36m${prompt.source === 'bot' ? 'bot ' : 'line'}>\x1b[0m ${prompt.text}\n`);
      if (audioDir && prompt.audioUrl) {
        const wav = await fetch(new URL(prompt.audioUrl, base));
        if (wav.ok) fs.writeFileSync(path.join(audioDir, `${String(prompt.index).padStart(3, '0')}.wav`), Buffer.from(await wav.arrayBuffer()));
      }
    }
    if (turn.ended) {
      const how = turn.state === 'TRANSFERRED' ? `transferred to an agent (${turn.handover?.reason ?? 'asked'})` : 'the call ended';
      process.stdout.write(`\x1b[2m[${how}]\x1b[0m\n`);
    }
  };

  process.stdout.write(`Calling ${to} from ${from} (local call API ${base})…\n\n`);
  let turn = await request('POST', base, { from, to });
  const callId = turn.callId;
  await show(turn);
  // Lines are read as they come, so a script piped in (`printf '…' | npm run call`) works like typing.
  const input = readline.createInterface({ input: process.stdin, terminal: process.stdin.isTTY });
  const ask = () => process.stdout.write('\x1b[33myou >\x1b[0m ');
  ask();
  for await (const line of input) {
    const said = line.trim();
    if (!process.stdin.isTTY) process.stdout.write(`${said}\n`);
    if (said === '') {
      ask();
      continue;
    }
    if (said === '/hangup') break;
    turn = said === '/silence' ? await request('POST', `${base}/${callId}/silence`) : await request('POST', `${base}/${callId}/say`, { text: said });
    await show(turn);
    if (turn.ended) break;
    ask();
  }
  input.close();
  if (!turn.ended) {
    await fetch(`${base}/${callId}`, { method: 'DELETE' });
    process.stdout.write('\n[you hung up]\n');
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
