/** Effects of the profiles screen: store calls (synchronous, may throw), test, reveal, connect. */
import { useCallback, useEffect, useRef } from 'react';
import { formToProfile, validateProfileForm } from '../../../state/profiles/profile-form.js';
import type { ProfilesAction, ProfilesState } from '../../../state/profiles/profiles-reducer.js';
import { focusedProfile } from '../../../state/profiles/profiles-reducer.js';
import type { ProfilesService, Session } from '../../services.js';

/** One line from anything thrown (store errors name the file). */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).trim();
}

export interface ProfilesController {
  load(select?: string): void;
  save(): void;
  remove(name: string): void;
  setDefault(): void;
  test(): void;
  reveal(): void;
  switchTo(): void;
}

export interface ControllerOptions {
  service: ProfilesService;
  dispatch: (a: ProfilesAction) => void;
  getState: () => ProfilesState;
  /** Profile of the live session, if any. */
  currentProfile?: string;
  onSwitch: (session: Session) => void;
  onBack: () => void;
}

export function useProfilesController(o: ControllerOptions): ProfilesController {
  const { service, dispatch, getState } = o;
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const opts = useRef(o);
  opts.current = o;

  const load = useCallback((select?: string) => {
    try {
      dispatch({ type: 'loaded', profiles: service.list(), defaultName: service.getDefaultName(), select });
    } catch (err) {
      dispatch({ type: 'status', status: { role: 'error', text: `✖ ${oneLine(err)}` } });
    }
  }, [service, dispatch]);

  // Start on the profile in use, so Enter right away is a no-op reconnect, not a surprise.
  useEffect(() => load(opts.current.currentProfile), [load]);

  const connect = useCallback(async (name: string, leave: boolean) => {
    dispatch({ type: 'connecting', name });
    try {
      const session = await service.connect(name);
      if (!alive.current) return void session.client.close();
      dispatch({ type: 'connecting' });
      opts.current.onSwitch(session);
      if (leave) opts.current.onBack();
      else dispatch({ type: 'status', status: { role: 'ok', text: `✔ reconnected to ${name}` } });
    } catch (err) {
      if (!alive.current) return;
      dispatch({ type: 'connecting' });
      dispatch({ type: 'status', status: { role: 'error', text: `✖ ${name}: ${oneLine(err)}` } });
    }
  }, [service, dispatch]);

  const save = useCallback(() => {
    const s = getState();
    if (s.mode.kind !== 'form') return;
    const form = s.mode.form;
    const taken = s.profiles.map((p) => p.name);
    const errors = validateProfileForm(form, taken);
    if (Object.keys(errors).length > 0) {
      dispatch({ type: 'form-errors', errors });
      dispatch({ type: 'status', status: { role: 'error', text: 'fix the marked fields' } });
      return;
    }
    const profile = formToProfile(form);
    const oldName = form.original?.name;
    try {
      const wasDefault = oldName !== undefined && service.getDefaultName() === oldName;
      service.upsert(profile);
      if (form.values.isDefault) service.setDefault(profile.name);
      else if (wasDefault) service.clearDefault();
      if (oldName !== undefined && oldName !== profile.name) service.remove(oldName);
    } catch (err) {
      dispatch({ type: 'status', status: { role: 'error', text: `✖ ${oneLine(err)}` } });
      return;
    }
    dispatch({ type: 'form-close' });
    load(profile.name);
    dispatch({ type: 'status', status: { role: 'ok', text: `✔ ${form.mode === 'add' ? 'added' : 'saved'} profile ${profile.name}` } });
    // The live session was made from the old settings: reconnect so the header and the list follow.
    const current = opts.current.currentProfile;
    if (current !== undefined && (current === oldName || current === profile.name)) void connect(profile.name, false);
  }, [service, dispatch, getState, load, connect]);

  const remove = useCallback((name: string) => {
    try {
      service.remove(name);
    } catch (err) {
      dispatch({ type: 'form-close' });
      dispatch({ type: 'status', status: { role: 'error', text: `✖ ${oneLine(err)}` } });
      return;
    }
    dispatch({ type: 'form-close' });
    load();
    dispatch({ type: 'status', status: { role: 'ok', text: `✔ deleted profile ${name}` } });
  }, [service, dispatch, load]);

  const setDefault = useCallback(() => {
    const p = focusedProfile(getState());
    if (!p) return;
    try {
      service.setDefault(p.name);
    } catch (err) {
      dispatch({ type: 'status', status: { role: 'error', text: `✖ ${oneLine(err)}` } });
      return;
    }
    load();
    dispatch({ type: 'status', status: { role: 'ok', text: `✔ default profile: ${p.name}` } });
  }, [service, dispatch, getState, load]);

  const test = useCallback(() => {
    const p = focusedProfile(getState());
    if (!p || getState().testing) return;
    dispatch({ type: 'test-started', name: p.name });
    void service.test(p).then((r) => {
      if (alive.current) dispatch({ type: 'test-done', name: p.name, ok: r.ok, message: r.message });
    });
  }, [service, dispatch, getState]);

  const reveal = useCallback(() => {
    const p = focusedProfile(getState());
    if (!p) return;
    // Nothing to show is said, not silent: the detail line has no key part for these.
    if (p.auth === 'none') return dispatch({ type: 'status', status: { role: 'muted', text: `${p.name} has no key (auth none): nothing to reveal` } });
    if (!p.secret) return dispatch({ type: 'status', status: { role: 'muted', text: `${p.name} has no key stored: nothing to reveal (e edits the profile)` } });
    service.revealTail(p).then(
      (text) => alive.current && dispatch({ type: 'reveal', name: p.name, text }),
      (err: unknown) => alive.current && dispatch({ type: 'status', status: { role: 'error', text: `✖ ${p.name}: ${oneLine(err)}` } }),
    );
  }, [service, dispatch, getState]);

  const switchTo = useCallback(() => {
    const s = getState();
    const p = focusedProfile(s);
    if (p && !s.connecting) void connect(p.name, true);
  }, [getState, connect]);

  return { load, save, remove, setDefault, test, reveal, switchTo };
}
