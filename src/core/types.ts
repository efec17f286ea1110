export const CHANNELS = ['in-person', 'video', 'call', 'voice-message', 'text', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export const FELT = ['safe', 'nonjudgmental', 'available'] as const;
export type Felt = (typeof FELT)[number];

export const INITIATED = ['me', 'them', 'mutual'] as const;

/** What connect export writes and connect import reads (besides connect's own JSON). */
export const EXPORT_FORMATS = ['json', 'csv', 'markdown'] as const;
export const IMPORT_SOURCES = ['connect', 'friends', 'daylio'] as const;
export type Initiated = (typeof INITIATED)[number];

/** A logged interaction. `id` is the entry's stable UUID. */
export interface Interaction {
  id: string;
  type: 'interaction';
  at: Date;
  people: string[];
  channel: Channel | null;
  activity: string | null;
  small: boolean;
  minutes: number | null;
  moodBefore: number | null;
  moodAfter: number | null;
  felt: Felt[];
  quality: number | null;
  initiated: Initiated | null;
  note: string | null;
  touchpointId: string | null;
}

/** A mood check-in with no interaction. */
export interface MoodEntry {
  id: string;
  type: 'mood';
  at: Date;
  mood: number | null;
  energy: number | null;
  note: string | null;
}

export type Entry = Interaction | MoodEntry;

export interface Person {
  id: string;
  name: string;
  aliases: string[];
  tags: string[];
  archived: boolean;
}

/** The fields a user may set on an interaction (log and edit). */
export type InteractionInput = Omit<Interaction, 'id' | 'type'>;

export interface MoodInput {
  at: Date;
  mood: number | null;
  energy: number | null;
  note: string | null;
}

/** The shells connect writes start-up lines and completions for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
