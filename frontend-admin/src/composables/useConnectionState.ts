// The state of Amplify's real-time connection (one WebSocket for all subscriptions), from the
// Hub's 'api' channel, for the "Live" badge.
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { readonly, ref } from 'vue';

const state = ref<ConnectionState>(ConnectionState.Disconnected);
let listening = false;

export function useConnectionState() {
  if (!listening) {
    listening = true;
    Hub.listen('api', ({ payload }) => {
      if (payload.event === CONNECTION_STATE_CHANGE) state.value = (payload.data as { connectionState: ConnectionState }).connectionState;
    });
  }
  return readonly(state);
}

export { ConnectionState };
