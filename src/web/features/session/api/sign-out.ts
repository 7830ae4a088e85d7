import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LogoutResponse } from '../../../../api';
import { LOGOUT_PATH } from '../../../../api/rules';
import { SHAPES } from '../../../lib/response-shape';
import { apiClient, isApiError } from '../../../lib/api-client';
import { safeNavigationUrl } from '../../../lib/browser-location';
import { getSessionQueryOptions, sessionQueryKey } from '../../../lib/session';
import { signInController } from '../lib/sign-in';

/** `POST <logout_url>` (api-client adds the CSRF header) → where to send the browser next. */
export function signOut(logoutUrl: string): Promise<LogoutResponse> {
  return apiClient.post<LogoutResponse>(logoutUrl, {}, SHAPES.logout);
}

/** Signs out, then leaves for the page the console names (the provider's sign-out page, or `/`). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['session', 'sign-out'],
    mutationFn: async () => {
      const session = await queryClient.ensureQueryData(getSessionQueryOptions());
      return signOut(session.logout_url ?? LOGOUT_PATH);
    },
    onSuccess: ({ redirect_url }) => {
      // Stop polling: the next answers are 401s, and they must not send the browser to sign in again.
      void queryClient.cancelQueries();
      signInController(queryClient).signOut(safeNavigationUrl(redirect_url));
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'CSRF_REJECTED') {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      }
    },
  });
}
