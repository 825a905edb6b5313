// Plays the bot's prompts one after another (the WAV the call API renders with espeak-ng), like
// the caller would hear them. A new caller turn, a hang-up or leaving the page stops playback.
// Browsers may refuse to play before the user interacted with the page: that only means the
// prompt is not heard; the text is on screen anyway.
import { onBeforeUnmount, readonly, ref } from 'vue';

export interface QueuedPrompt {
  key: string;
  url: string;
}

export function usePromptAudio() {
  const playing = ref<string | null>(null);
  const failed = ref<string | null>(null);
  let queue: QueuedPrompt[] = [];
  let audio: HTMLAudioElement | null = null;

  function playNext(): void {
    const next = queue.shift();
    if (!next) {
      playing.value = null;
      return;
    }
    audio ??= new Audio();
    const element = audio;
    playing.value = next.key;
    element.onended = () => playNext();
    element.onerror = () => {
      failed.value = 'A prompt’s audio could not be played; its text is shown.';
      playNext();
    };
    element.src = next.url;
    element.play().catch((error: DOMException) => {
      // Interrupted by the next src or by stop(): not a failure.
      if (error.name === 'AbortError') return;
      failed.value = error.name === 'NotAllowedError' ? 'The browser blocked audio until you interact with the page.' : 'A prompt’s audio could not be played; its text is shown.';
      queue = [];
      playing.value = null;
    });
  }

  /** Adds prompts to what is being played. */
  function enqueue(prompts: QueuedPrompt[]): void {
    if (!prompts.length) return;
    queue.push(...prompts);
    if (!playing.value) playNext();
  }

  /** Plays one prompt now, instead of whatever was playing. */
  function playOnly(prompt: QueuedPrompt): void {
    stop();
    enqueue([prompt]);
  }

  function stop(): void {
    queue = [];
    playing.value = null;
    if (audio) {
      audio.onended = null;
      audio.onerror = null;
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    }
  }

  onBeforeUnmount(stop);

  return { playing: readonly(playing), failed, enqueue, playOnly, stop };
}
