// Speaking instead of typing, where the browser offers the Web Speech API's SpeechRecognition
// (feature-detected; TypeScript's DOM library has no types for it, so a minimal shape is declared
// here). Having the constructor is not the same as working: without microphone permission or the
// browser's recognition service, `start()` ends in an error event (headless Chromium answers
// "not-allowed"); the caller then just types, and the error says why.
import { onBeforeUnmount, readonly, ref } from 'vue';

interface RecognitionAlternative {
  transcript: string;
}
interface RecognitionResultList {
  length: number;
  [index: number]: { isFinal: boolean; length: number; [index: number]: RecognitionAlternative };
}
interface RecognitionEvent extends Event {
  resultIndex: number;
  results: RecognitionResultList;
}
interface RecognitionErrorEvent extends Event {
  error: string;
  message?: string;
}
interface Recognition extends EventTarget {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  maxAlternatives: number;
  start(): void;
  stop(): void;
  abort(): void;
  onresult: ((event: RecognitionEvent) => void) | null;
  onerror: ((event: RecognitionErrorEvent) => void) | null;
  onend: (() => void) | null;
}
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

const ERRORS: Record<string, string> = {
  'not-allowed': 'The browser did not allow the microphone here. Type what the caller says instead.',
  'service-not-allowed': 'This browser does not offer speech recognition here. Type what the caller says instead.',
  'audio-capture': 'No microphone was found. Type what the caller says instead.',
  network: 'The browser’s speech recognition service cannot be reached. Type what the caller says instead.',
  'language-not-supported': 'The browser cannot recognise this language. Type what the caller says instead.',
  'no-speech': 'Nothing was heard. Try again, or type.',
};

/** Set when the browser refused for good (no permission, no service): not offered again until a reload. */
let refused = false;
const PERMANENT = ['not-allowed', 'service-not-allowed', 'audio-capture', 'language-not-supported'];

export function useSpeechRecognition() {
  const Constructor = recognitionConstructor();
  const supported = ref(Constructor !== null && !refused);
  const listening = ref(false);
  const interim = ref('');
  const error = ref<string | null>(null);
  let active: { recognition: Recognition; discard: boolean } | null = null;

  /** Listens once; `onFinal` gets what was recognised. */
  function start(lang: string, onFinal: (text: string) => void): void {
    if (!Constructor || listening.value) return;
    error.value = null;
    interim.value = '';
    let recognition: Recognition;
    try {
      recognition = new Constructor();
    } catch {
      supported.value = false;
      return;
    }
    recognition.lang = lang;
    recognition.continuous = false;
    recognition.interimResults = true;
    recognition.maxAlternatives = 1;
    let finalText = '';
    const session = { recognition, discard: false };
    recognition.onresult = (event) => {
      let heard = '';
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        if (result.isFinal) finalText += result[0].transcript;
        else heard += result[0].transcript;
      }
      interim.value = (finalText + heard).trim();
    };
    recognition.onerror = (event) => {
      error.value = ERRORS[event.error] ?? `Speech recognition stopped (${event.error}). Type what the caller says instead.`;
      // A permanent refusal: stop offering the microphone for this page.
      if (PERMANENT.includes(event.error)) {
        refused = true;
        supported.value = false;
      }
    };
    recognition.onend = () => {
      listening.value = false;
      if (active === session) active = null;
      const text = finalText.trim();
      interim.value = '';
      if (text && !session.discard) onFinal(text);
    };
    try {
      recognition.start();
      active = session;
      listening.value = true;
    } catch (e) {
      error.value = `Speech recognition could not start (${(e as Error).message}). Type what the caller says instead.`;
    }
  }

  /** Stops listening and sends what was heard so far. */
  function stop(): void {
    active?.recognition.stop();
  }

  /** Stops listening and forgets what was heard. */
  function cancel(): void {
    if (!active) return;
    active.discard = true;
    active.recognition.abort();
  }

  onBeforeUnmount(cancel);

  return { supported: readonly(supported), listening: readonly(listening), interim: readonly(interim), error, start, stop, cancel };
}
