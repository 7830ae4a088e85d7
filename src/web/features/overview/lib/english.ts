// The binding of the `overview` namespace (the overview, loaded on demand). Its English comes with
// this module, so the first download does not carry it: the overview's modules take their texts from
// here (useOverviewT / translateOverview), which registers the English before anything renders.
// The generic useT('overview') does not type-check.
import { onDemandNamespace } from '../../../i18n';
import { overview } from '../../../i18n/messages/en/overview';

export const { useT: useOverviewT, translate: translateOverview } = onDemandNamespace('overview', overview);
