/** Every screen but the provider list, loaded when first shown (see lazy-screen.tsx). */
import { lazyScreen } from '../lazy-screen.js';
import type { Services } from '../services.js';

/** Screens that read stored profiles wait for the profile store first (conf is not part of start-up). */
const profilesFirst = {
  key: (p: { services: Services }) => p.services.profiles,
  run: (p: { services: Services }) => p.services.profiles?.prepare() ?? Promise.resolve(),
};

export const FormScreen = lazyScreen(() => import('./form/form-screen.js').then((m) => m.FormScreen));
export const KeysScreen = lazyScreen(() => import('./keys/keys-screen.js').then((m) => m.KeysScreen));
export const FleetScreen = lazyScreen(() => import('./fleet/fleet-screen.js').then((m) => m.FleetScreen), profilesFirst);
export const ProfilesScreen = lazyScreen(() => import('./profiles/profiles-screen.js').then((m) => m.ProfilesScreen), profilesFirst);
export const SetupScreen = lazyScreen(() => import('./setup/setup-screen.js').then((m) => m.SetupScreen), profilesFirst);
export const KeyPromptScreen = lazyScreen(() => import('./profiles/key-prompt-screen.js').then((m) => m.KeyPromptScreen), profilesFirst);
export const WholeEditScreen = lazyScreen(() => import('./write/whole-edit-screen.js').then((m) => m.WholeEditScreen));
export const DeleteScreen = lazyScreen(() => import('./write/delete-screen.js').then((m) => m.DeleteScreen));
export const HistoryScreen = lazyScreen(() => import('./write/history-screen.js').then((m) => m.HistoryScreen));
export const NewProviderScreen = lazyScreen(() => import('./write/new-provider-screen.js').then((m) => m.NewProviderScreen));

/** Loads the screen a session starts on when it is not the list (first-run setup, picking a profile), so the first frame is that screen. */
export async function preloadFirstScreen(services: Services): Promise<void> {
  const props = { services } as never;
  if (services.firstRun) await SetupScreen.preload(props);
  else if (services.pickProfile) await ProfilesScreen.preload(props);
}

/** Loads every screen now: for runs that must not depend on when a module finishes loading (seeded tests). */
export async function preloadAllScreens(): Promise<void> {
  await Promise.all([FormScreen, KeysScreen, FleetScreen, ProfilesScreen, SetupScreen, KeyPromptScreen, WholeEditScreen, DeleteScreen, HistoryScreen, NewProviderScreen].map((s) => s.preload()));
}
