// Synthesizes the CDK app the way `cdk synth` does (cdk.json's feature flags, the same
// buildCourierApp) and gives tests what they need to read the templates.
import fs from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { REPOSITORY_ROOT } from '../../../cdk/artifacts/resolver-bundles';
import { buildCourierApp } from '../../../cdk/lib/courier-app';
import type { CourierStage } from '../../../cdk/lib/courier-stage';
import type { DeployedStage } from '../../../cdk/lib/stage-config';

export interface SynthesisOptions {
  stages: readonly DeployedStage[];
  /**
   * Stack paths whose handler bundles esbuild builds (e.g. "dev/Workflows"). Bundling takes
   * seconds per function, so only tests that read the bundles ask for it.
   */
  bundle?: readonly string[];
  context?: Record<string, unknown>;
}

export interface SynthesizedApp {
  app: App;
  stages: ReadonlyMap<DeployedStage, CourierStage>;
  stage(stage: DeployedStage): CourierStage;
  template(stack: Stack): Template;
  /** Where assets (handler bundles, the ASL files) were staged. */
  assetDirectory: string;
  dispose(): void;
}

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export function synthesizeCourierApp(options: SynthesisOptions): SynthesizedApp {
  const outdir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'courier-cdk-test-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      stages: options.stages.join(','),
      'aws:cdk:bundling-stacks': [...(options.bundle ?? [])],
      ...options.context,
    },
  });
  let built: CourierStage[];
  try {
    built = buildCourierApp(app);
  } catch (error) {
    fs.rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  const stages = new Map(built.map((stage) => [stage.config.stage, stage] as const));
  const templates = new Map<Stack, Template>();
  return {
    app,
    stages,
    stage(stage) {
      const found = stages.get(stage);
      if (!found) throw new Error(`stage ${stage} was not synthesized`);
      return found;
    },
    template(stack) {
      let template = templates.get(stack);
      if (!template) templates.set(stack, (template = Template.fromStack(stack)));
      return template;
    },
    assetDirectory: outdir,
    dispose() {
      fs.rmSync(outdir, { recursive: true, force: true });
    },
  };
}
