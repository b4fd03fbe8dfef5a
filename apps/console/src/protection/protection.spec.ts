import { describe, expect, it } from '@jest/globals';
import { actorIdBatches, auditQuery, erasureReasonProblem, exportFileName, isolate, localDayStart, nextDay, saveBlob, type BlobSaver } from './protection';

describe(auditQuery.name, () => {
  it('should leave out empty filters and trim the user', () => {
    expect(auditQuery({ actor: '  ', campId: '', from: '', to: '' })).toEqual({ limit: 50 });
    expect(auditQuery({ actor: ' reader-1 ', campId: 'mahmoudli', from: '', to: '' }, undefined, 20)).toEqual({ actor: 'reader-1', campId: 'mahmoudli', limit: 20 });
  });

  it('should turn the days on screen into instants, the last day included', () => {
    const query = auditQuery({ actor: '', campId: '', from: '2026-12-01', to: '2026-12-06' }, 'row-9');
    expect(query.from).toBe(new Date(2026, 11, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 11, 7).toISOString());
    expect(query.before).toBe('row-9');
  });

  it('should ignore a date that is not one', () => {
    expect(auditQuery({ actor: '', campId: '', from: '2026-02-31', to: '31/12/2026' })).toEqual({ limit: 50 });
  });
});

describe(nextDay.name, () => {
  it('should cross months and years', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe(localDayStart.name, () => {
  it('should refuse what is not a day of the calendar', () => {
    expect(localDayStart('2026-13-01')).toBeUndefined();
    expect(localDayStart('')).toBeUndefined();
  });
});

describe(exportFileName.name, () => {
  it('should name the file by the household id and the format only', () => {
    expect(exportFileName('0190a000-0000-7000-8000-000000000001', 'json')).toBe('household-0190a000-0000-7000-8000-000000000001.json');
    expect(exportFileName('abc', 'text')).toBe('household-abc.txt');
  });
});

describe(saveBlob.name, () => {
  it('should revoke the object URL after the click, even when the click fails', () => {
    const calls: string[] = [];
    const saver = (fail: boolean): BlobSaver => ({
      createObjectURL: () => (calls.push('create'), 'blob:1'),
      revokeObjectURL: (url) => calls.push(`revoke ${url}`),
      click: (url, name) => {
        calls.push(`click ${url} ${name}`);
        if (fail) throw new Error('no');
      },
    });
    saveBlob(new Blob(['{}']), 'household-1.json', saver(false));
    expect(calls).toEqual(['create', 'click blob:1 household-1.json', 'revoke blob:1']);
    calls.length = 0;
    expect(() => saveBlob(new Blob(['{}']), 'household-1.json', saver(true))).toThrow('no');
    expect(calls).toEqual(['create', 'click blob:1 household-1.json', 'revoke blob:1']);
  });
});

describe(erasureReasonProblem.name, () => {
  it('should ask for a reason of 5 to 500 characters', () => {
    expect(erasureReasonProblem('  ')).toBe('required');
    expect(erasureReasonProblem('abc')).toBe('tooShort');
    expect(erasureReasonProblem('x'.repeat(501))).toBe('tooLong');
    expect(erasureReasonProblem('The family asked for deletion')).toBeNull();
  });
});

describe(isolate.name, () => {
  it('should wrap the value in a first-strong isolate', () => {
    expect(isolate('P19-1')).toBe('\u2068P19-1\u2069');
  });
});

describe(actorIdBatches.name, () => {
  const a = '0190f0c4-8d3e-7a4b-9c1d-2e3f4a5b6c7d';
  const b = '0190f0c4-8d3e-7a4b-9c1d-2e3f4a5b6c7e';
  const c = '0190f0c4-8d3e-7a4b-9c1d-2e3f4a5b6c7f';

  it('should keep each user id once, sorted, and leave out what is not one', () => {
    expect(actorIdBatches([c, 'system', a, c, ''])).toEqual([[a, c]]);
    expect(actorIdBatches([])).toEqual([]);
  });

  it('should cut the ids into batches the gateway accepts', () => {
    expect(actorIdBatches([c, b, a], 2)).toEqual([[a, b], [c]]);
  });
});
