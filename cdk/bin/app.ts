// CDK app: every deployed stage of the courier platform. Synthesizes offline (no lookups).
//
//   npm run synth                         all stages
//   npx cdk synth -c stages=dev 'dev/*'   one stage
//   npx cdk deploy -c account=123456789012 -c region=eu-west-2 'prod/*'
import { App } from 'aws-cdk-lib';
import { buildCourierApp } from '../lib/courier-app';

const app = new App();
buildCourierApp(app);
app.synth();
