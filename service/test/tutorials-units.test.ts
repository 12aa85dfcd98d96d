import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_BUILD_INTERVAL_MS, SessionChanges } from '../src/tutorials/changes.js';
import { csvField } from '../src/tutorials/csv.js';
import { CODE_ALPHABET, CODE_LENGTH, isInstructor, newCode, normalizeCode, sessionLink } from '../src/tutorials/sessions.js';

describe('tutorial units', () => {
  it('join codes: 6 letters without I or O, typed in any case', () => {
    assert.ok(!/[IO01]/.test(CODE_ALPHABET));
    for (let i = 0; i < 200; i++) {
      assert.match(newCode(), new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
    }
    assert.equal(normalizeCode(' abcdef '), 'ABCDEF');
    assert.equal(sessionLink('sst basics', 'ABCDEF'), 'lab?tutorial=sst%20basics&session=ABCDEF');
  });

  it('instructors: admins and instructor groups in hub mode, the local user in local mode', () => {
    const learner = { name: 'a', admin: false, groups: ['students'] };
    assert.equal(isInstructor(learner, 'hub', ['instructors']), false);
    assert.equal(isInstructor({ ...learner, groups: ['teachers'] }, 'hub', ['instructors', 'teachers']), true);
    assert.equal(isInstructor({ ...learner, admin: true }, 'hub', ['instructors']), true);
    assert.equal(isInstructor(learner, 'local', ['instructors']), true);
  });

  it('CSV fields: quoted when needed, formulas defused', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"\n'), '"say ""hi""\n"');
    assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvField(-1.5), '-1.5');
    assert.equal(csvField(false), 'false');
  });

  it('session changes: a notify wakes waiters of that code only; an older count returns at once; close ends all', async () => {
    const changes = new SessionChanges();
    const signal = new AbortController().signal;
    const seen = changes.count('A');
    let woke = '';
    const a = changes.wait('A', seen, 60_000, signal).then(() => (woke += 'A'));
    const b = changes.wait('B', changes.count('B'), 60_000, signal).then(() => (woke += 'B'));
    changes.notify(['A']);
    await a;
    assert.equal(woke, 'A');
    await changes.wait('A', seen, 60_000, signal); // already changed since `seen`
    const paused = changes.pause(60_000, signal);
    changes.close();
    await Promise.all([b, paused]);
    assert.equal(woke, 'AB');
  });

  it('session changes: builds of one session are held back to MIN_BUILD_INTERVAL_MS apart', () => {
    const changes = new SessionChanges();
    assert.equal(changes.holdBack('A', 1000), 0);
    changes.built('A', 1000);
    assert.equal(changes.holdBack('A', 1050), MIN_BUILD_INTERVAL_MS - 50);
    assert.equal(changes.holdBack('A', 1000 + MIN_BUILD_INTERVAL_MS), 0);
    assert.equal(changes.holdBack('B', 1050), 0);
  });

  it('session changes: an aborted wait returns', async () => {
    const changes = new SessionChanges();
    const controller = new AbortController();
    const waiting = changes.wait('A', 0, 60_000, controller.signal);
    controller.abort();
    await waiting;
  });
});
