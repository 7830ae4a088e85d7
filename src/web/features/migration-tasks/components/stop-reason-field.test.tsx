import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { StopReasonField } from './stop-reason-field';

function Harness({ onSubmit }: { onSubmit: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <MantineProvider env="test">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <StopReasonField label="Reason" value={reason} onChange={setReason} />
        <output data-testid="reason">{JSON.stringify(reason)}</output>
      </form>
    </MantineProvider>
  );
}

describe('StopReasonField', () => {
  it('keeps the reason on one line: pasted line breaks and tabs become spaces, Enter adds nothing and submits nothing', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSubmit={onSubmit} />);
    const field = screen.getByLabelText('Reason');
    await user.click(field);
    await user.paste('cut-over done\nsource\tretired');
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('reason')).toHaveTextContent('"cut-over done source retired"');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
