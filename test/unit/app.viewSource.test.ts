/**
 * Screens get typed views, selected once per machine snapshot however many screens read them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assign, createActor, createMachine } from 'xstate';
import { hmiServices } from '../../src/app/services.js';
import { createHmi } from '../../src/app/createHmi.js';
import { jointViewSource, viewSource } from '../../src/app/viewSource.js';

describe('view sources', () => {
  it('select once per snapshot for every reader, and hand every reader the same view', () => {
    const actor = createActor(
      createMachine({ initial: 'a', states: { a: { on: { next: 'b' } }, b: { on: { next: 'a' } } } }),
    ).start();
    let selections = 0;
    const source = viewSource(actor, (snapshot) => {
      selections++;
      return { state: String(snapshot.value) };
    });
    const seen: string[][] = [[], [], []];
    const subscriptions = seen.map((log) => source.subscribe((view) => log.push(view.state)));
    assert.equal(source.getSnapshot(), source.getSnapshot(), 'the same view object while nothing changed');
    const before = selections;
    actor.send({ type: 'next' });
    actor.send({ type: 'next' });
    assert.deepEqual(seen, [
      ['b', 'a'],
      ['b', 'a'],
      ['b', 'a'],
    ]);
    assert.equal(selections - before, 2, 'one selection per snapshot, not one per reader');
    for (const s of subscriptions) s.unsubscribe();
    actor.stop();
  });

  it('the HMI hands screens views and the region’s number, not machine snapshots', () => {
    for (const [region, number] of [
      ['eu', '112'],
      ['na', '911'],
    ] as const) {
      const hmi = createHmi({
        clock: 'manual',
        scenario: 'ready',
        config: { region },
        startAt: 1_700_000_000_000,
        faultMemory: { load: () => [], save: () => {}, clear: () => {} },
      });
      hmi.clock.advance(4000);
      const services = hmiServices(hmi);
      assert.equal(services.emergencyNumber, number);
      assert.equal(services.status.getSnapshot().level, 'ready');
      assert.equal(services.call.getSnapshot().screen, 'none');
      assert.equal(services.malfunction.getSnapshot().visible, false);
      const guide = services.diagnosis!.guide('ringBreak');
      assert.equal(services.diagnosis!.guide('ringBreak'), guide, 'one source per guide');
      assert.equal(guide.getSnapshot().id, 'ringBreak');
      assert.equal(services.diagnosis!.navigation.getSnapshot().page, null);
      hmi.dispose();
    }
  });

  it('a view drawn from two actors changes when either part it reads changes, not on every snapshot', () => {
    const toggle = () =>
      createActor(
        createMachine({
          context: { ticks: 0 },
          initial: 'a',
          states: { a: { on: { next: 'b' } }, b: { on: { next: 'a' } } },
          on: { tick: { actions: assign({ ticks: ({ context }) => context.ticks + 1 }) } },
        }),
      ).start();
    const first = toggle();
    const second = toggle();
    const source = jointViewSource(
      first,
      second,
      (snapshot) => ({ state: String(snapshot.value) }),
      (snapshot, part) => `${String(snapshot.value)}/${part.state}`,
    );
    const seen: string[] = [];
    const subscription = source.subscribe((view) => seen.push(view));
    assert.equal(source.getSnapshot(), 'a/a');
    second.send({ type: 'tick' });
    assert.deepEqual(seen, [], 'a snapshot that changes nothing the view reads tells no reader');
    second.send({ type: 'next' });
    first.send({ type: 'next' });
    assert.deepEqual(seen, ['a/b', 'b/b']);
    subscription.unsubscribe();
    first.send({ type: 'next' });
    assert.deepEqual(seen, ['a/b', 'b/b'], 'nothing after unsubscribe');
    first.stop();
    second.stop();
  });
});
