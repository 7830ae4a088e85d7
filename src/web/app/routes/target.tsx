import { Outlet, useParams } from 'react-router-dom';
import { TargetsGate } from '../../features/targets/components/targets-gate';
import { UnknownTarget } from '../../features/targets/components/unknown-target';
import { CurrentTargetProvider } from '../../lib/current-target';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';

function UnknownTargetPage({ targetId, targets }: Parameters<typeof UnknownTarget>[0]) {
  useDocumentTitle(useT('targets')('unknownDocumentTitle'));
  return <UnknownTarget targetId={targetId} targets={targets} />;
}

/**
 * `/targets/:targetId/*`: the pages below run only for a configured target (no request ever
 * carries an unknown id), and start afresh when the target changes.
 */
export function TargetRoute() {
  const { targetId = '' } = useParams();
  return (
    <TargetsGate>
      {(targets) => {
        const target = targets.find((t) => t.id === targetId);
        if (!target) return <UnknownTargetPage targetId={targetId} targets={targets} />;
        return (
          <CurrentTargetProvider key={target.id} target={target}>
            <Outlet />
          </CurrentTargetProvider>
        );
      }}
    </TargetsGate>
  );
}
