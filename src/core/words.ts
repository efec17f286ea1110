// The words connect uses for its own vocabulary, in one place: how names are joined, and every way a channel or
// a felt quality is said. Dependency-free, so the shell start-up nudge can use it too.
import type { Channel, Felt } from './types';

/** "Sam", "Sam and Alex", "Sam, Alex and Mum" — the one way connect joins names ("or" for choices). */
export function joinNames(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

interface ChannelWords {
  /** In a list of how you connected: "video call 3". */
  label: string;
  /** One entry of it: "a video call with Sam". */
  noun: string;
  /** Several, in a sentence: "more video calls than last week". */
  plural: string;
  /** As what a pattern is about: "Video calls tend to…". */
  subject: string;
  /** As a choice in the guided log. */
  choice: string;
}

/** Every way a channel is said. */
export const CHANNEL_WORDS: Record<Channel, ChannelWords> = {
  'in-person': {
    label: 'in person',
    noun: 'time in person',
    plural: 'time in person',
    subject: 'Time in person',
    choice: 'In person',
  },
  video: {
    label: 'video call',
    noun: 'video call',
    plural: 'video calls',
    subject: 'Video calls',
    choice: 'Video call',
  },
  call: { label: 'call', noun: 'call', plural: 'calls', subject: 'Calls', choice: 'Phone call' },
  'voice-message': {
    label: 'voice message',
    noun: 'voice message',
    plural: 'voice messages',
    subject: 'Voice messages',
    choice: 'Voice message',
  },
  text: { label: 'text', noun: 'text conversation', plural: 'texts', subject: 'Texts', choice: 'Text' },
  online: {
    label: 'online community',
    noun: 'online conversation',
    plural: 'online conversations',
    subject: 'Online conversations',
    choice: 'Online community',
  },
};

/** How each felt quality is said. */
export const FELT_WORDS: Record<Felt, string> = {
  safe: 'safe',
  nonjudgmental: 'nonjudgmental',
  available: 'emotionally available',
};
