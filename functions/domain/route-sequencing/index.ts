// Route sequencing (R11.11): the suggested order of a courier's stops.
export { sequenceRoute, DEFAULT_TIME_BUDGET_MS, DEFAULT_EXACT_UP_TO_STOPS, DEFAULT_NEIGHBOUR_COUNT, DEFAULT_SEED } from './sequence-route';
export { InvalidRouteProblem } from './problem';
export type * from './types';
