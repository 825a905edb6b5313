// Builds the stages into an app; shared by cdk/bin/app.ts and the CDK tests so both
// synthesize exactly the same thing.
import type { App, Environment } from 'aws-cdk-lib';
import { DEPLOYED_STAGES } from '../artifacts/naming';
import { CourierStage } from './courier-stage';
import { stageConfig, type DeployedStage } from './stage-config';

/**
 * Context keys:
 * - `stages`: comma-separated subset of dev,staging,prod to build (default: all);
 * - `account` / `region`: deploy target; without both the stacks are environment-agnostic and
 *   take the account and region of the credentials `cdk deploy` runs with.
 */
export function buildCourierApp(app: App): CourierStage[] {
  const env = environmentFromContext(app);
  return selectedStages(app).map((stage) => new CourierStage(app, { config: stageConfig(stage), env }));
}

function selectedStages(app: App): DeployedStage[] {
  const requested = app.node.tryGetContext('stages') as string | undefined;
  if (!requested) return [...DEPLOYED_STAGES];
  const stages = requested.split(',').map((stage) => stage.trim()).filter(Boolean);
  const unknown = stages.filter((stage) => !(DEPLOYED_STAGES as readonly string[]).includes(stage));
  if (unknown.length > 0) throw new Error(`Unknown stage(s) ${unknown.join(', ')} in context "stages"; deployed stages are ${DEPLOYED_STAGES.join(', ')}`);
  return stages as DeployedStage[];
}

function environmentFromContext(app: App): Environment | undefined {
  const account = app.node.tryGetContext('account') as string | undefined;
  const region = app.node.tryGetContext('region') as string | undefined;
  if (!account && !region) return undefined;
  if (!account || !region) throw new Error('Give both "account" and "region" in context, or neither');
  if (!/^\d{12}$/.test(account)) throw new Error(`"account" must be a 12-digit AWS account id, not "${account}"`);
  return { account, region };
}
