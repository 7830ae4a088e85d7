import { Button, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import { useCan } from '../../../lib/use-can';
import { useCurrentTarget } from '../../../lib/current-target';
import { stopBlockedReason, useStopEntry } from '../lib/stop-tracker';
import { stopUnavailableText } from '../lib/status-display';
import { taskDisplayName, type TaskLike } from '../lib/task-display';
import { loadStopFollower } from './stop-follower-slot';

// The dialog (Mantine's Modal and what it brings) loads on demand: this button is in every row of
// the list, which is the first page most visits open. Hover or focus starts the download early.
const loadDialog = () => Promise.all([import('./stop-task-dialog'), loadStopFollower()]).then(([dialog]) => dialog);
const StopTaskDialog = lazy(loadDialog);
export const prefetchStopDialog = () => void loadDialog();

/**
 * Where focus goes when the dialog has closed: back to Stop, or, once the stop has disabled it, to
 * the row's task link, where the list's keys (j, k, Enter) go on from.
 */
function returnFocus(button: HTMLButtonElement | null) {
  if (!button) return;
  if (!button.disabled) button.focus();
  else button.closest('[data-task-id]')?.querySelector<HTMLElement>('[data-task-link]')?.focus();
}

/**
 * Stop for one task: enabled only when the status allows it and no stop of it from this tab has an
 * unknown outcome (the reason otherwise in the button's description and on hover), hidden when the
 * session may not stop tasks. Opens the confirmation dialog.
 */
export function StopTaskButton({ task, variant }: { task: TaskLike; variant: 'row' | 'page' }) {
  const t = useT('stop');
  const allowed = useCan('migrationTask:stop');
  const [opened, setOpened] = useState(false);
  // Once loaded, the dialog stays mounted so its closing transition and focus return work.
  const [mounted, setMounted] = useState(false);
  const reasonId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { id: targetId } = useCurrentTarget();
  const entry = useStopEntry({ targetId, taskId: task.task_id });
  if (!allowed) return null;

  const blocked = stopBlockedReason(entry);
  const reason = blocked ?? stopUnavailableText(task.status);
  const row = variant === 'row';
  const open = () => {
    setMounted(true);
    setOpened(true);
  };
  const button = (
    <Button
      ref={buttonRef}
      color="red"
      variant={row ? 'outline' : 'filled'}
      size={row ? 'compact-sm' : 'sm'}
      aria-label={row ? t('stopNamed', { name: taskDisplayName(task) }) : undefined}
      disabled={reason !== null}
      aria-describedby={reason ? reasonId : undefined}
      onClick={open}
      onMouseEnter={prefetchStopDialog}
      onFocus={prefetchStopDialog}
      data-testid="stop-button"
    >
      {t('stop')}
    </Button>
  );

  return (
    <>
      {reason ? (
        // No Tooltip here (it would bring floating-ui into the list's chunk): `title` on hover, the
        // hidden text as the button's description for assistive technology.
        <span style={{ display: 'inline-block', cursor: 'not-allowed' }} title={reason} data-testid="stop-unavailable">
          {button}
          <VisuallyHidden id={reasonId}>{reason}</VisuallyHidden>
        </span>
      ) : (
        button
      )}
      {mounted && (
        <Suspense fallback={null}>
          <StopTaskDialog
            task={task}
            opened={opened}
            onClose={() => setOpened(false)}
            onClosed={() => returnFocus(buttonRef.current)}
          />
        </Suspense>
      )}
    </>
  );
}
