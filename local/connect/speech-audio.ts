// Prompts as audio, the local stand-in for Amazon Polly: espeak-ng speaks the same SSML (it reads
// <say-as interpret-as="characters"> letter by letter and honours <break>) into a WAV file. It is
// optional — `apt-get install -y espeak-ng` — and without it the call simulator shows text only.
import { spawn, spawnSync } from 'node:child_process';

export interface SpeechSynthesizer {
  readonly available: boolean;
  readonly engine: string;
  /** WAV audio of the prompt; rejects when synthesis fails. */
  synthesize(prompt: { text: string; ssml?: string }, voice: { id: string; languageCode: string }): Promise<Buffer>;
}

/** Polly voices of the flow → espeak-ng voices of the same language and a similar register. */
const ESPEAK_VOICES: Readonly<Record<string, string>> = { Joanna: 'en-us+f3', Amy: 'en-gb+f3', Matthew: 'en-us+m3', Brian: 'en-gb+m3' };
const ESPEAK_BY_LANGUAGE: Readonly<Record<string, string>> = { 'en-US': 'en-us', 'en-GB': 'en-gb' };

/** Longest a prompt may take to synthesize before it is given up (espeak-ng needs a few ms). */
const SYNTHESIS_TIMEOUT_MS = 10_000;

export function espeakNg(binary = process.env.ESPEAK_NG_PATH ?? 'espeak-ng'): SpeechSynthesizer {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 5_000 });
  const available = probe.status === 0;
  return {
    available,
    engine: available ? (probe.stdout.trim().split('\n')[0] ?? 'espeak-ng') : 'none (install espeak-ng for audio)',
    synthesize(prompt, voice) {
      if (!available) return Promise.reject(new Error('espeak-ng is not installed'));
      const espeakVoice = ESPEAK_VOICES[voice.id] ?? ESPEAK_BY_LANGUAGE[voice.languageCode] ?? 'en-us';
      const args = prompt.ssml ? ['-m', '-v', espeakVoice, '-s', '165', '--stdout', prompt.ssml] : ['-v', espeakVoice, '-s', '165', '--stdout', prompt.text];
      return new Promise((resolve, reject) => {
        const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const chunks: Buffer[] = [];
        let stderr = '';
        const timer = setTimeout(() => child.kill('SIGKILL'), SYNTHESIS_TIMEOUT_MS);
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(Buffer.concat(chunks));
          else reject(new Error(`espeak-ng exited with ${code}: ${stderr.trim()}`));
        });
      });
    },
  };
}

/** For tests and machines without espeak-ng: no audio, text only. */
export const NO_SPEECH: SpeechSynthesizer = {
  available: false,
  engine: 'none',
  synthesize: () => Promise.reject(new Error('audio is disabled')),
};
