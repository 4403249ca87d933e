/** What the app gives a screen that works on one provider of the gateway (delete, whole edit, saved versions). */
import type { Scope } from '../../keymap.js';
import type { Services } from '../../services.js';

export interface ProviderScreenProps {
  services: Services;
  name: string;
  width: number;
  height: number;
  active: boolean;
  onQuit: () => void;
  onHelp: (scopes: readonly Scope[]) => void;
}

/** A screen that ends with a write or without one: the app reloads the list when one was written. */
export interface ProviderWriteScreenProps extends ProviderScreenProps {
  onBack: (written: boolean) => void;
}
