// Physical names of everything we deploy, per stage. The local cloud is stage "local",
// so a table is "courier-local-bookings" here and "courier-prod-bookings" on AWS.
export type Stage = 'local' | 'dev' | 'staging' | 'prod';
export const DEPLOYED_STAGES: readonly Exclude<Stage, 'local'>[] = ['dev', 'staging', 'prod'];

export function resourcePrefix(stage: Stage): string {
  return `courier-${stage}`;
}

export function physicalName(stage: Stage, id: string): string {
  return `${resourcePrefix(stage)}-${id}`;
}

/** "trackingEvents" → "TRACKING_EVENTS" */
export function constantCase(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();
}
