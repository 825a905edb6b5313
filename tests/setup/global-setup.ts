// Placeholder until the local cloud lands: the integration project starts it here.
export default async function globalSetup(): Promise<void> {}
