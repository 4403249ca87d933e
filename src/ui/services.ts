/**
 * Everything the UI reaches outside itself, passed in as one object so tests
 * can swap in a loopback client or a temp-dir store. The UI never imports
 * undici or conf.
 */
import type { GatewayClient } from '../api/types.js';
import type { ProviderSummary } from '../api/provider-summary.js';
import type { ConnectionInfo } from '../connection/connection-info.js';
import type { Draft, EditDraft, HistoryEntry, Profile, SecretSource, StoredDraft } from '../state/local-types.js';
import type { EditFormat } from '../state/provider/edit-format.js';


/** A provider-list request started before the UI; `providers` is set once it has succeeded, so the first frame can show them. */
export interface PrefetchedList {
  promise: Promise<ProviderSummary[]>;
  providers?: ProviderSummary[];
}

/** One live connection. */
export interface Session {
  client: GatewayClient;
  connection: ConnectionInfo;
  /**
   * The provider list requested while the UI was still starting (start-up
   * overlaps the request with loading Ink). Returns it once, then undefined.
   */
  takePrefetchedList?(): PrefetchedList | undefined;
  /** The same gateway with another key (the 401/403 prompt); absent when the session cannot be re-keyed. */
  withKey?(key: string): Session;
  /** The same gateway with a setup token (sent as X-Bifrost-Setup-Token; the 401/403 of a gateway locked until setup); absent when it cannot be given. */
  withSetupToken?(token: string): Session;
}

/** Outcome of a connection test (authStatus, then listProviders). The message is one line and never contains the key. */
export interface ProfileTestResult {
  ok: boolean;
  message: string;
  /** Configured providers, when the test got that far. */
  providers?: number;
  ms: number;
}

/**
 * Stored connection profiles and switching between them. Store methods throw
 * an error whose message is one line naming the config file (corrupt file,
 * invalid profile); the file is never rewritten after a failed read.
 */
export interface ProfilesService {
  /**
   * Loads the profile store (conf and its schema compiler are not part of start-up). Await it before the
   * first call of the synchronous methods below; the screens that show profiles do.
   */
  prepare(): Promise<void>;
  list(): Profile[];
  get(name: string): Profile | undefined;
  upsert(profile: Profile): Profile;
  remove(name: string): boolean;
  setDefault(name: string): void;
  clearDefault(): void;
  getDefaultName(): string | undefined;
  /** Tests a profile as given (it need not be stored yet). Never rejects. */
  test(profile: Profile): Promise<ProfileTestResult>;
  /** Opens a session on a stored profile (resolving its key); rejects with a one-line, key-free message. */
  connect(name: string): Promise<Session>;
  /** How a key source is shown: never any part of a stored value. */
  describeSecret(src: SecretSource | undefined): string;
  /** Resolves the profile's key and returns `••••` plus at most its last 4 characters. */
  revealTail(profile: Profile): Promise<string>;
}

/**
 * Unsaved form edits on disk, per gateway, provider and editor (see
 * store/draft-store): every opened form is an editor with its own draft file,
 * so two editors of one provider never overwrite each other's draft.
 * Methods may throw a one-line error.
 */
export interface DraftService {
  /** A new editor (one opened form); its drafts count as held until `end`. */
  begin(): string;
  end(editor: string): void;
  /** Drafts of this provider that no running editor holds, newest first. */
  unrecovered(gatewayKey: string, provider: string): StoredDraft[];
  /** Writes the editor's draft. */
  save(gatewayKey: string, provider: string, editor: string, draft: Draft): void;
  /** Removes a draft: the editor's own, or a listed one once restored or discarded (undefined: the older one-file layout). */
  clear(gatewayKey: string, provider: string, editor: string | undefined): void;
}

/** Backups of provider objects taken before each save. */
export interface HistoryService {
  /** Returns the entry's id. */
  append(gatewayKey: string, provider: string, object: Record<string, unknown>): string;
  /** Drops the entry of a save the gateway refused (nothing was written). */
  remove(gatewayKey: string, provider: string, id: string): void;
  /** The saved versions, newest first, and how many entry files could not be read (left on disk). */
  list?(gatewayKey: string, provider: string): { entries: HistoryEntry[]; skipped: number };
}

/** Whole-provider edits kept on disk (store/edit-draft-store.ts) while they are not written. */
export interface EditDraftService {
  /** A new editor id (one edit in progress); its edit counts as held until `end`. */
  begin(): string;
  end(editor: string): void;
  start(gatewayKey: string, provider: string, editor: string, d: { format: EditFormat; original: Record<string, unknown>; text: string }): EditDraft;
  /** Kept edits of this provider that no running editor holds, newest first. */
  unfinished(gatewayKey: string, provider: string): EditDraft[];
  readText(d: EditDraft): string;
  writeText(d: EditDraft, text: string): void;
  rebase(d: EditDraft, original: Record<string, unknown>): EditDraft;
  remove(d: EditDraft): void;
  /** The format a new edit opens in (BIFROST_TUI_EDIT_FORMAT, else YAML). */
  format: EditFormat;
}

/** Effects the form needs outside Ink. */
export interface EditorService {
  /** Reads a text file (PEM) given by the user. Rejects with a one-line message. */
  readTextFile(path: string): Promise<string>;
  /** Suspends the UI, edits `initial` in $VISUAL/$EDITOR, returns the text (undefined when the editor failed). */
  editInEditor(initial: string, suffix: string): Promise<string | undefined>;
  /** Suspends the UI and edits `file` in place in $VISUAL/$EDITOR; undefined when the editor exited cleanly, else why not. */
  editFile(file: string): Promise<string | undefined>;
}

export interface Services {
  session: Session;
  drafts?: DraftService;
  history?: HistoryService;
  /** Whole-provider edits in $EDITOR (`e`); absent: the app does not offer them. */
  edits?: EditDraftService;
  editor?: EditorService;
  /**
   * Registers work to do before the process ends on a signal (SIGHUP when an
   * SSH session drops): e.g. write the draft with the text being typed.
   * Returns an unregister function.
   */
  onBeforeExit?: (flush: () => void) => () => void;
  /** Clock, injectable for tests. */
  now(): number;
  /** Seconds between background refreshes of the list (`--refresh`, profile setting); 0 or absent: off. */
  refreshSeconds?: number;
  /** Stored profiles; absent in tests that do not need them. */
  profiles?: ProfilesService;
  /**
   * First run: nothing is configured yet, so the app opens the setup form and
   * `session` is an unconnected placeholder until setup succeeds.
   */
  firstRun?: boolean;
  /**
   * Profiles exist but none is the default and no gateway was given: the app
   * opens the profiles screen to pick one; `session` is an unconnected
   * placeholder until then.
   */
  pickProfile?: boolean;
}
