process.env.TZ = 'UTC';
import { SFNClient, ListExecutionsCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { startLocalCloud } from '../local/cloud';
import { seedCouriers, seedDemoBookings } from '../local/seed/seed';
import { testSettings } from '../local/settings';
(async () => {
  const cloud = await startLocalCloud({ ...testSettings((l) => console.error('[local]', l)), seedDemoData: false });
  await seedCouriers(cloud);
  try { await seedDemoBookings(cloud); } catch (e) { console.error('ERR', (e as Error).message); }
  const sfn = new SFNClient({ endpoint: cloud.endpoints.stepFunctions, region: cloud.region, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const arn = Object.values(cloud.stateMachineArns)[0];
  const ex = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
  for (const e of ex.executions ?? []) {
    console.log(e.name, e.status);
    const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn: e.executionArn }));
    for (const ev of h.events ?? []) console.log(ev.type, JSON.stringify(ev).slice(0, 600));
  }
  await cloud.stop();
})();
