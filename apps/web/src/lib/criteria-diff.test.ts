import { compile } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { criterionSnapshots, diffCriteria, wordDiff } from './criteria-diff';

const base = `trial T "t"
version "1"

patient birth_date "Date of birth" from birthDate
define age_years "Age" = age(birth_date)
question consent "Signed consent?": yes/no
question pregnant "Pregnant?": yes/no

inclusion
  IN-1 "Adult"
    source "Age ≥ 18 years"
    met if age_years >= 18
  IN-2 "Consent"
    source "Signed informed consent"
    met if consent

exclusion
  EX-1 "Pregnancy"
    source "Pregnant women"
    met if pregnant

cohort A "Cohort A"
  inclusion
    A-IN-1 "Young"
      source "Age ≤ 70 years"
      met if age_years <= 70
`;

function snapshots(text: string) {
  const compiled = compile(text, { name: 't.elig' });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
  return criterionSnapshots(compiled.protocol);
}

describe('criterionSnapshots', () => {
  it('lists each criterion once with its cohorts and its rule as the formatter prints it', () => {
    expect(snapshots(base)).toEqual([
      {
        id: 'IN-1',
        kind: 'inclusion',
        title: 'Adult',
        source: 'Age ≥ 18 years',
        rule: 'met if age_years >= 18',
        cohorts: ['A'],
      },
      {
        id: 'IN-2',
        kind: 'inclusion',
        title: 'Consent',
        source: 'Signed informed consent',
        rule: 'met if consent',
        cohorts: ['A'],
      },
      {
        id: 'A-IN-1',
        kind: 'inclusion',
        title: 'Young',
        source: 'Age ≤ 70 years',
        rule: 'met if age_years <= 70',
        cohorts: ['A'],
      },
      {
        id: 'EX-1',
        kind: 'exclusion',
        title: 'Pregnancy',
        source: 'Pregnant women',
        rule: 'met if pregnant',
        cohorts: ['A'],
      },
    ]);
  });
});

describe('diffCriteria', () => {
  it('is empty between a text and itself reformatted', () => {
    const relaid = base.replace('met if age_years >= 18', 'met if   (age_years >= 18)');
    expect(diffCriteria(snapshots(base), snapshots(relaid))).toEqual([]);
  });

  it('reports added, removed and changed criteria by id, with the fields that changed', () => {
    const edited = base
      .replace(
        'source "Age ≥ 18 years"\n    met if age_years >= 18',
        'source "Age ≥ 21 years"\n    met if age_years >= 21',
      )
      .replace('  IN-2 "Consent"\n    source "Signed informed consent"\n    met if consent\n', '')
      .replace(
        '    met if pregnant\n',
        '    met if pregnant\n  EX-2 "No consent"\n    source "Refuses consent"\n    met if not consent\n',
      )
      .replace('"Young"', '"Not old"');
    const changes = diffCriteria(snapshots(base), snapshots(edited));
    expect(changes.map((c) => [c.change, c.id, c.change === 'changed' ? c.fields : []])).toEqual([
      ['changed', 'IN-1', ['source', 'rule']],
      ['removed', 'IN-2', []],
      ['changed', 'A-IN-1', ['title']],
      ['added', 'EX-2', []],
    ]);
    const first = changes[0];
    expect(first?.change === 'changed' && [first.before.rule, first.after.rule]).toEqual([
      'met if age_years >= 18',
      'met if age_years >= 21',
    ]);
  });

  it('puts criteria removed at the end after the last one kept', () => {
    const shorter = base.replace(
      'exclusion\n  EX-1 "Pregnancy"\n    source "Pregnant women"\n    met if pregnant\n',
      '',
    );
    expect(diffCriteria(snapshots(base), snapshots(shorter)).map((c) => [c.change, c.id])).toEqual([
      ['removed', 'EX-1'],
    ]);
  });
});

describe('wordDiff', () => {
  it('marks the words only in the old text and only in the new one', () => {
    expect(wordDiff('Age ≥ 18 years', 'Age ≥ 21 years')).toEqual({
      before: [{ text: 'Age ≥ ' }, { text: '18', mark: 'removed' }, { text: ' years' }],
      after: [{ text: 'Age ≥ ' }, { text: '21', mark: 'added' }, { text: ' years' }],
    });
  });
});
