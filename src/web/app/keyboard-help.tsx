import { lazy, Suspense, useEffect, useState } from 'react';
import { ownsKeys } from '../lib/keyboard';

// The list of keys loads when first asked for: Modal is not in the first download.
const KeyboardHelpDialog = lazy(() => import('./keyboard-help-dialog').then((m) => ({ default: m.KeyboardHelpDialog })));

/** `?` anywhere outside a text field or dialog opens the list of keyboard shortcuts. */
export function KeyboardHelp() {
  const [opened, setOpened] = useState(false);
  // Once loaded, the dialog stays mounted so its closing transition and focus return work.
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (ownsKeys(event.target)) return;
      event.preventDefault();
      setMounted(true);
      setOpened(true);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <KeyboardHelpDialog opened={opened} onClose={() => setOpened(false)} />
    </Suspense>
  );
}
