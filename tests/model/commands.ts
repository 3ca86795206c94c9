/**
 * The commands of the engine model: changes made in Google, faults, token trouble, and syncs
 * (plain, confirmed, forced full, cancelled mid-run). A sync checks the invariants
 * (invariants.ts) against what the model knows: the re-keys made and whether a mass deletion is
 * waiting for the person's confirmation.
 */
import fc from 'fast-check';
import type { FaultSpec } from '../fake-google/faults.js';
import { KillCliSync } from './cli-kill.js';
import type { EngineSystem } from './engine-system.js';
import { judgedSync, type EngineModel } from './judged-sync.js';
import { ModelFailure } from './engine-system.js';
import { CONFIRMED, KIND_AFTER, refuseSyncTokens, stallFault } from './spec-adapter.js';

export { initialModel } from './judged-sync.js';

type Cmd = fc.AsyncCommand<EngineModel, EngineSystem>;

/** A command that changes Google, picking its targets by index among what exists then. */
abstract class ServerChange implements Cmd {
  check = () => true;
  run(m: EngineModel, s: EngineSystem): Promise<void> {
    this.change(m, s);
    return Promise.resolve();
  }
  abstract change(m: EngineModel, s: EngineSystem): void;
  abstract toString(): string;
}

const pick = <T>(items: readonly T[], i: number): T | undefined => items[i % items.length];
const contactNames = (s: EngineSystem) =>
  s.h.fake.listContacts().map((p) => p.resourceName as string);
const userLabels = (s: EngineSystem) =>
  s.h.fake
    .listGroups()
    .filter((g) => g.groupType === 'USER_CONTACT_GROUP')
    .map((g) => g.resourceName as string);

class AddContacts extends ServerChange {
  constructor(readonly n: number) {
    super();
  }
  change = (_m: EngineModel, s: EngineSystem) => void s.h.fake.addContacts(this.n);
  toString = () => `add(${this.n})`;
}

class EditContact extends ServerChange {
  constructor(
    readonly i: number,
    readonly v: number,
  ) {
    super();
  }
  change(_m: EngineModel, s: EngineSystem): void {
    const rn = pick(contactNames(s), this.i);
    if (!rn) return;
    s.h.fake.updateContact(rn, {
      names: [{ displayName: `Edited ${this.v}`, givenName: 'Edited', familyName: `${this.v}` }],
      emailAddresses: this.v % 2 ? [{ value: `edited${this.v}@example.com`, type: 'home' }] : [],
      phoneNumbers: [{ value: `+1 202 555 ${String(1000 + this.v).slice(-4)}`, type: 'mobile' }],
    });
  }
  toString = () => `edit(${this.i}, v${this.v})`;
}

class DeleteContacts extends ServerChange {
  constructor(
    readonly i: number,
    /** A share of the address book (mass deletion) when >= 1 is not given. */
    readonly share: number,
  ) {
    super();
  }
  change(_m: EngineModel, s: EngineSystem): void {
    const all = contactNames(s);
    const n = Math.max(1, Math.round(all.length * this.share));
    for (let k = 0; k < n && all.length > 0; k++) {
      const [rn] = all.splice(this.i % all.length, 1);
      if (rn) s.h.fake.deleteContact(rn);
    }
  }
  toString = () =>
    this.share === 0 ? `delete(${this.i})` : `delete(${this.i}, ${Math.round(this.share * 100)}%)`;
}

class Rekey extends ServerChange {
  constructor(readonly i: number) {
    super();
  }
  change(m: EngineModel, s: EngineSystem): void {
    const rn = pick(contactNames(s), this.i);
    if (rn) m.rekeys.set(rn, s.h.fake.rekeyContact(rn));
  }
  toString = () => `rekey(${this.i})`;
}

class LabelChange extends ServerChange {
  constructor(
    readonly op: 'create' | 'rename' | 'delete' | 'join' | 'leave',
    readonly i: number,
    readonly j: number,
  ) {
    super();
  }
  change(m: EngineModel, s: EngineSystem): void {
    const { fake } = s.h;
    if (this.op === 'create') {
      fake.addGroup(`Model label ${++m.labelsCreated}`);
      return;
    }
    const label = pick(userLabels(s), this.j);
    if (!label) return;
    if (this.op === 'rename') fake.renameGroup(label, `Renamed ${++m.labelsCreated}`);
    else if (this.op === 'delete') fake.deleteGroup(label);
    else {
      const rn = pick(contactNames(s), this.i);
      if (!rn) return;
      if (this.op === 'join') fake.addMembership(rn, label);
      else fake.removeMembership(rn, label);
    }
  }
  toString = () => `label-${this.op}(${this.i}, ${this.j})`;
}

export type FaultKind = 'status' | 'reset' | 'truncate' | 'malformed' | 'stall';
type FaultPath = 'connections' | 'contactGroups' | 'token';

class InjectFault implements Cmd {
  constructor(
    readonly kind: FaultKind,
    readonly path: FaultPath,
    readonly after: number,
    readonly count: number,
    readonly status: number,
  ) {}
  check = () => true;
  run(m: EngineModel, s: EngineSystem): Promise<void> {
    m.disturbed = true;
    if (this.path === 'token') s.h.fake.expireAccessTokens(); // so the next call refreshes
    const spec: FaultSpec =
      this.kind === 'stall'
        ? stallFault(this.path, this.after)
        : {
            kind: this.kind,
            path: this.path,
            afterRequests: this.after,
            count: this.count,
            status: this.status,
          };
    s.h.fake.injectFault(spec);
    return Promise.resolve();
  }
  toString = () =>
    `fault(${this.kind === 'status' ? this.status : this.kind} ${this.path}` +
    ` after ${this.after}${this.kind === 'stall' ? '' : ` x${this.count}`})`;
}

class TokenTrouble implements Cmd {
  constructor(readonly what: 'expire' | 'refuse') {}
  check = () => true;
  run(m: EngineModel, s: EngineSystem): Promise<void> {
    if (this.what === 'expire') s.h.fake.expireSyncTokens();
    else refuseSyncTokens(s.h.fake);
    // Google (the fake) answers an expired token as expired even if it also refuses it.
    if (m.tokenTrouble !== 'expired') m.tokenTrouble = `${this.what}d`;
    return Promise.resolve();
  }
  toString = () => `${this.what}-sync-tokens`;
}

class Sync implements Cmd {
  constructor(
    readonly confirmed: boolean,
    readonly forceFull: boolean,
    readonly cancelAfterPages: number | undefined,
  ) {}
  check = () => true;

  async run(m: EngineModel, s: EngineSystem): Promise<void> {
    const request = { ...(this.confirmed ? CONFIRMED : {}), forceFull: this.forceFull };
    const cancels = this.cancelAfterPages !== undefined;
    const trouble = m.tokenTrouble;
    const run = await judgedSync(m, s, { confirmed: this.confirmed, disturbed: cancels }, () =>
      s.sync(request, this.cancelAfterPages),
    );
    // A run that met the expired or refused token has dropped it, even if it then failed or was
    // cancelled: the next run goes on with a (resumed) full listing of kind `full`.
    if (run && trouble && run.kind === KIND_AFTER[trouble]) m.tokenTrouble = null;
    if (run?.status !== 'success') return; // the old tokens stay, and so does their trouble
    m.tokenTrouble = null;
    const kind = trouble && !this.forceFull ? KIND_AFTER[trouble] : null;
    if (kind && run.kind !== kind) {
      throw new ModelFailure(
        `a sync after ${trouble} sync tokens was recorded ${run.kind}, not ${kind}`,
      );
    }
  }

  toString = () =>
    `sync(${[
      this.confirmed ? 'confirmed' : '',
      this.forceFull ? 'full' : '',
      this.cancelAfterPages !== undefined ? `cancel@${this.cancelAfterPages}` : '',
    ]
      .filter(Boolean)
      .join(' ')})`;
}

const index = fc.nat({ max: 1000 });

const FAULT_KINDS: readonly FaultKind[] = ['status', 'reset', 'truncate', 'malformed', 'stall'];
/** What a run can leave out: fault kinds, re-keys, refused tokens, mass deletions, kills. */
export type Omittable = FaultKind | 'rekey' | 'refuse' | 'mass' | 'kill';

/**
 * Every command, weighted so syncs come often enough to judge what came before them; `without`
 * leaves some out (e.g. stalls, to look for other failures on an engine that hangs).
 */
export function engineCommands(
  without: readonly Omittable[] = [],
  /** How many times the kill command is offered among the others (a weight). */
  killWeight = 1,
): fc.Arbitrary<Cmd>[] {
  const kinds = FAULT_KINDS.filter((k) => !without.includes(k));
  const trouble = without.includes('refuse')
    ? ['expire' as const]
    : ['expire' as const, 'refuse' as const];
  return [
    fc.integer({ min: 1, max: 5 }).map((n) => new AddContacts(n)),
    fc.tuple(index, fc.nat({ max: 99 })).map(([i, v]) => new EditContact(i, v)),
    index.map((i) => new DeleteContacts(i, 0)),
    ...(without.includes('mass')
      ? []
      : [
          fc
            .tuple(index, fc.constantFrom(0.3, 0.45, 0.55, 0.7, 0.9))
            .map(([i, share]) => new DeleteContacts(i, share)),
        ]),
    ...(without.includes('rekey') ? [] : [index.map((i) => new Rekey(i))]),
    fc
      .tuple(fc.constantFrom('create', 'rename', 'delete', 'join', 'leave'), index, index)
      .map(([op, i, j]) => new LabelChange(op, i, j)),
    ...(kinds.length === 0
      ? []
      : [
          fc
            .tuple(
              fc.constantFrom(...kinds),
              fc.constantFrom<FaultPath>('connections', 'contactGroups', 'token'),
              fc.nat({ max: 3 }),
              fc.integer({ min: 1, max: 4 }),
              fc.constantFrom(500, 502, 503, 429),
            )
            .map((a) => new InjectFault(...a)),
        ]),
    fc.constantFrom(...trouble).map((w) => new TokenTrouble(w)),
    ...Array.from({ length: without.includes('kill') ? 0 : killWeight }, () =>
      fc.integer({ min: 1, max: 4 }).map((k) => new KillCliSync(k)),
    ),
    ...[0, 1].map(() =>
      fc
        .tuple(
          fc.constantFrom(false, false, false, true), // confirmed: mostly not, to judge the guard
          fc.constantFrom(false, false, true),
          fc.option(fc.integer({ min: 1, max: 4 }), { freq: 4 }),
        )
        .map(([c, f, k]) => new Sync(c, f, k ?? undefined)),
    ),
  ];
}
