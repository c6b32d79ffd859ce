import { createLogger, formatFields } from '../../src/adapters/local/logger';

const FIXED_TIME = Date.UTC(2025, 0, 2, 3, 4, 5);

function capture(level: 'info' | 'warn' | 'error' | 'silent'): {
  lines: string[];
  log: ReturnType<typeof createLogger>;
} {
  const lines: string[] = [];
  const log = createLogger({ level, write: (line) => lines.push(line), now: () => FIXED_TIME });
  return { lines, log };
}

describe('local logger', () => {
  it('writes one line: time, level, message, key=value fields', () => {
    const { lines, log } = capture('info');
    log.info('token created', { tokenId: 'tok_1', user: 'alice', status: 201 });
    expect(lines).toEqual([
      '2025-01-02T03:04:05.000Z info token created tokenId=tok_1 user=alice status=201\n',
    ]);
  });

  it('drops lines below the configured level', () => {
    const { lines, log } = capture('warn');
    log.info('ignored');
    log.warn('kept');
    log.error('kept too');
    expect(lines.map((line) => line.split(' ')[1])).toEqual(['warn', 'error']);
  });

  it('writes nothing when silent', () => {
    const { lines, log } = capture('silent');
    log.error('nothing');
    expect(lines).toEqual([]);
  });

  it('quotes values with spaces and keeps a multi-line message on one line', () => {
    const { lines, log } = capture('info');
    log.error('upstream\nfailed', { reason: 'connect ECONNREFUSED 127.0.0.1:1', detail: { a: 1 } });
    expect(lines[0]).toBe(
      '2025-01-02T03:04:05.000Z error upstream failed reason="connect ECONNREFUSED 127.0.0.1:1" detail="{\\"a\\":1}"\n',
    );
  });

  it('masks fields named like secrets even when a caller passes them by mistake', () => {
    expect(
      formatFields({
        authorization: 'Basic YTpi',
        token: 'atat_x',
        passwordHash: 'scrypt$1',
        tokenId: 'tok_2',
      }),
    ).toBe(' authorization=[masked] token=[masked] passwordHash=[masked] tokenId=tok_2');
  });
});
