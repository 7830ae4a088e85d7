// The "Cloud error" row shows what the cloud answered; when it never answered (HTTP 0: refused,
// reset, timed out) there is no such row, only the console's code and message.
import { screen } from '@testing-library/react';
import { ApiError } from '../lib/api-error';
import { renderWithProviders } from '../testing/test-utils';
import { ErrorDetails } from './error-alert';

const unreachable = new ApiError({
  status: 502,
  code: 'UPSTREAM_UNREACHABLE',
  message: 'The DCS API cannot be reached (ECONNRESET).',
  request_id: 'req-1',
  upstream: { status: 0, error_code: null, error_msg: null, request_id: null },
});

describe('ErrorDetails', () => {
  it('says once that the cloud cannot be reached, with no "Cloud error … (HTTP 0)" row', async () => {
    renderWithProviders(<ErrorDetails error={unreachable} />);
    expect(await screen.findByText('The DCS API cannot be reached (ECONNRESET).')).toBeInTheDocument();
    expect(screen.getByText('UPSTREAM_UNREACHABLE')).toBeInTheDocument();
    expect(screen.queryByText(/Cloud error/)).not.toBeInTheDocument();
    expect(screen.queryByText(/HTTP 0/)).not.toBeInTheDocument();
  });

  it("shows the cloud's code, message and status when it answered", async () => {
    const refused = new ApiError({
      status: 502,
      code: 'UPSTREAM_ERROR',
      message: 'The DCS API failed with HTTP 500.',
      upstream: { status: 500, error_code: 'DCS.5000', error_msg: 'Internal error.', request_id: 'up-1' },
    });
    renderWithProviders(<ErrorDetails error={refused} />);
    expect(await screen.findByText('DCS.5000')).toBeInTheDocument();
    expect(screen.getByText(/Cloud error/)).toBeInTheDocument();
    expect(screen.getByText(/Internal error\. \(HTTP 500\)/)).toBeInTheDocument();
  });
});
