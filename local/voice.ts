// The voice channel of the local cloud: the Lex V2 runtime serving the courier bot (its code hook
// is the voiceCodeHook Lambda handler, invoked in-process like every local Lambda) and the call
// API, which runs voice/contact-flow.json — the file CDK deploys to Amazon Connect — with the
// placeholders filled with local ARNs.
import type { LexCodeHookEvent, LexCodeHookResponse } from '../voice/lex-types';
import { COURIER_BOT } from '../voice/bot-definition';
import { contactFlowContent, CONTACT_FLOW_FILE } from '../voice/contact-flow';
import { startCallServer, type CallServer } from './connect/call-server';
import type { ContactFlowDocument } from './connect/flow-language';
import { espeakNg, NO_SPEECH, type SpeechSynthesizer } from './connect/speech-audio';
import { startLocalLex, TEST_BOT_ALIAS, type LocalLex } from './lex';

/** The bot as the local Lex runtime knows it: ids shaped like AWS's (ten upper-case characters). */
export const LOCAL_BOT = { botId: 'COURIERBOT', liveAlias: { botAliasId: 'LIVEALIAS0', botAliasName: 'live' } } as const;

export interface LocalVoiceOptions {
  host: string;
  lexPort: number;
  callsPort: number;
  region: string;
  accountId: string;
  /** The code hook Lambda (voiceCodeHook), as Lex invokes it. */
  invokeCodeHook: (event: LexCodeHookEvent) => Promise<LexCodeHookResponse>;
  /** Zone relative dates ("tomorrow") are resolved in: the depot's. */
  timeZone: string;
  /** Whether prompts get espeak-ng audio; default: when espeak-ng is installed. */
  speech?: SpeechSynthesizer | false;
  log: (line: string) => void;
}

export interface LocalVoice {
  lex: LocalLex;
  calls: CallServer;
  botAliasArn: string;
  agentQueueArn: string;
  contactFlow: { file: string; content: string };
  speech: SpeechSynthesizer;
  stop(): Promise<void>;
}

export async function startLocalVoice(options: LocalVoiceOptions): Promise<LocalVoice> {
  const { region, accountId } = options;
  const lex = await startLocalLex({
    host: options.host,
    port: options.lexPort,
    bots: [{ botId: LOCAL_BOT.botId, definition: COURIER_BOT, aliases: [TEST_BOT_ALIAS, LOCAL_BOT.liveAlias] }],
    invokeCodeHook: options.invokeCodeHook,
    timeZone: options.timeZone,
    log: options.log,
  });
  const botAliasArn = `arn:aws:lex:${region}:${accountId}:bot-alias/${LOCAL_BOT.botId}/${LOCAL_BOT.liveAlias.botAliasId}`;
  const agentQueueArn = `arn:aws:connect:${region}:${accountId}:instance/00000000-0000-4000-8000-000000000000/queue/customer-service`;
  const content = contactFlowContent({ CourierBotAliasArn: botAliasArn, AgentQueueArn: agentQueueArn });
  const speech = options.speech === false ? NO_SPEECH : (options.speech ?? espeakNg());
  try {
    const calls = await startCallServer({
      flow: JSON.parse(content) as ContactFlowDocument,
      lex: lex.runtime,
      speech,
      host: options.host,
      port: options.callsPort,
      log: options.log,
    });
    return {
      lex,
      calls,
      botAliasArn,
      agentQueueArn,
      contactFlow: { file: CONTACT_FLOW_FILE, content },
      speech,
      stop: async () => {
        await calls.close();
        await lex.close();
      },
    };
  } catch (error) {
    await lex.close();
    throw error;
  }
}
