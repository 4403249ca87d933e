/** Types of what the app keeps locally: profiles (conf), drafts and history (XDG state dir). The store reads and writes them; state/ and ui/ work with them. */

/** Where a profile's secret (API key or Basic password) comes from. */
export type SecretSource =
  | { source: 'stored'; value: string }
  | { source: 'env'; name: string }
  | { source: 'command'; command: string };

/** One gateway the operator manages. */
export interface Profile {
  name: string;
  url: string;
  auth: 'none' | 'bearer' | 'basic';
  /** Basic auth user name. */
  username?: string;
  /** The bearer key or the Basic password. */
  secret?: SecretSource;
  /** Sent as `X-Bifrost-Setup-Token` (a v2.2.6 gateway locked until its first admin is set up). */
  setupToken?: SecretSource;
  caFile?: string;
  insecure?: boolean;
  timeoutMs?: number;
  /** Short tag shown in the header, e.g. PROD. */
  label?: string;
  /** Colour of the label: one of state/profiles/label-colours.ts. */
  color?: string;
  readOnly?: boolean;
  /** Seconds between background refreshes of the provider list; 0 turns them off (default 10). */
  refreshSeconds?: number;
}

/** An edit the user made in the form, kept on disk until saved or discarded. */
export interface Draft {
  /** The provider object as fetched when the edits were made. */
  original: Record<string, unknown>;
  /** Edits in order, same shape as api/update-body `Edit`. */
  edits: Array<{ path: string[]; value?: unknown; remove?: boolean }>;
  /** The form's per-field edits as typed (invalid text included), so a restore loses nothing. */
  fields?: Record<string, { text: string; parsed: boolean; input?: unknown; error?: string }>;
  /** A field that was being typed into when the draft was written. */
  pending?: { fieldId: string; text: string };
  /** Secrets that were typed but are not in the file: the restore asks for them again. */
  withheld?: WithheldSecret[];
  /** A key draft typed for several keys (a re-weight of the marked keys): their ids. */
  targets?: string[];
  savedAt: string;
}

/** A draft on disk and the editor that wrote it (absent: the one-file-per-provider layout of older versions). */
export interface StoredDraft {
  editor?: string;
  draft: Draft;
}

/** A typed secret a draft does not hold: a secret field, or one secret-named entry (`header`) of a map field. */
export interface WithheldSecret {
  fieldId: string;
  header?: string;
}

/** One backup of a provider as it was on the gateway before a save. */
export interface HistoryEntry {
  /** Sortable id: ISO time with the colons removed, e.g. 20261126T140733123Z. */
  id: string;
  at: string;
  provider: string;
  /** The object as GET returned it (redacted secrets stay redacted). */
  object: Record<string, unknown>;
}

/** A whole-provider edit in $EDITOR kept on disk until it is written or given up (store/edit-draft-store.ts). */
export interface EditDraft {
  /** The editor (a running app or command) that made it; see store/draft-owner.ts. */
  editor: string;
  /** The file $EDITOR edits: the text of the edit. */
  file: string;
  format: 'json' | 'yaml';
  /** The gateway's copy the edit started from (the write's conflict base). */
  original: Record<string, unknown>;
  savedAt: string;
}
