import type { WithdrawnCardInput } from '../../src/og/site-cards.ts';

/** The withdrawn note of the scripted history in test/build/versions-site.test.ts, as its card reads it. */
export const RETRACTED: WithdrawnCardInput = {
  data: {
    title: 'Exports fell',
    edition: '2025-04',
    published: new Date('2025-06-20'),
    withdrawn: { date: new Date('2025-09-01'), reason: 'The source retracted its May figures.' },
  },
};
