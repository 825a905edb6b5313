// The contact flow file and its placeholders, read the same way by CDK (AWS::Connect::ContactFlow
// content, cdk/lib/voice-stack.ts) and by the local flow interpreter (local/connect). The JSON is
// Amazon Connect's flow language as an exported flow has it; `${Name}` placeholders stand for what
// only a deployment knows (the bot alias ARN, the agents' queue).
import fs from 'node:fs';
import path from 'node:path';

export const CONTACT_FLOW_FILE = 'voice/contact-flow.json';
export const CONTACT_FLOW_PATH = path.join(__dirname, 'contact-flow.json');

export const CONTACT_FLOW_PLACEHOLDERS = ['CourierBotAliasArn', 'AgentQueueArn'] as const;
export type ContactFlowPlaceholder = (typeof CONTACT_FLOW_PLACEHOLDERS)[number];

/** The flow with every placeholder filled in; refuses to leave one unresolved or to fill an unknown one. */
export function contactFlowContent(values: Readonly<Record<ContactFlowPlaceholder, string>>, source = fs.readFileSync(CONTACT_FLOW_PATH, 'utf8')): string {
  const content = source.replace(/\$\{([A-Za-z0-9]+)\}/g, (placeholder, name: string) => {
    if (!(CONTACT_FLOW_PLACEHOLDERS as readonly string[]).includes(name)) throw new Error(`${CONTACT_FLOW_FILE} has an unknown placeholder ${placeholder}`);
    return values[name as ContactFlowPlaceholder];
  });
  return content;
}
