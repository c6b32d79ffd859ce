import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../testing/render-page';
import { TokenFilters } from './TokenFilters';
import { NO_FILTERS, listAllPayload, type TokenFilterDraft } from './token-filters';

test('refuses a days filter that is not a whole number from 1 to 3650, and applies a good one', async () => {
  const applied: TokenFilterDraft[] = [];
  renderPage(
    <TokenFilters applied={NO_FILTERS} onApply={(filters) => applied.push(filters)} />,
    {},
  );

  await userEvent.type(screen.getByLabelText('Unused for (days)'), '-5');
  await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
  expect(
    screen.getByText('Enter a whole number of days from 1 to 3650, or leave it empty.'),
  ).toBeInTheDocument();
  expect(applied).toEqual([]);

  await userEvent.clear(screen.getByLabelText('Unused for (days)'));
  await userEvent.type(screen.getByLabelText('Unused for (days)'), '90{Enter}');
  expect(applied).toEqual([{ ...NO_FILTERS, unusedForDays: '90' }]);
});

test('turns the filters into the listAllTokens payload, leaving out the empty ones', () => {
  expect(listAllPayload({ ...NO_FILTERS, expiringWithinDays: ' 30 ' }, 'next-1')).toEqual({
    expiringWithinDays: 30,
    limit: 20,
    cursor: 'next-1',
  });
  expect(listAllPayload(NO_FILTERS, undefined)).toEqual({ limit: 20 });
});
