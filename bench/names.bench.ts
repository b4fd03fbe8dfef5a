// Duplicate detection over generated camp registrations: how fast matchPerson scores pairs next to a
// bare Jaro-Winkler on the raw strings, and how few candidates the pair search keys bring back next to
// one key per word, with the share of planted duplicates still found; then how right its decisions
// are (precision and recall) on a labelled set of pairs, next to a bare Jaro-Winkler decision.
import { performance } from 'node:perf_hooks';
// Relative, not the @awda alias: compiled benches run under plain node, which does not read tsconfig paths.
import { DEFAULT_CANDIDATE_THRESHOLD, jaroWinkler, matchPerson, mayBeSamePerson, nameSkeleton, personSearchKeys } from '../libs/names/src/index.js';
import {
  createRng,
  DEFAULT_REFERENCE_DATE,
  generateHouseholds,
  generateLabelledNamePairs,
  introduceDuplicate,
  measureMatching,
  type GeneratedMember,
  type RegisteredPerson,
} from '../libs/shared/testing/src/people/index.js';
import { machine, ratioOf, writeReport } from './lib/report.js';

const HOUSEHOLDS = 2_000;
const LABELLED_PER_KIND = 300;
const DUPLICATE_EVERY = 10;
const QUERIES = 1_000;

const originals = generateHouseholds('bench-names', HOUSEHOLDS, { destinationAreas: ['SY020300', 'SY110000'] });
const rng = createRng('bench-names-duplicates');
const duplicates = originals.filter((_, i) => i % DUPLICATE_EVERY === 0).map((h) => introduceDuplicate(rng, h));
const people: GeneratedMember[] = [...originals, ...duplicates].flatMap((h) => h.members);

type Keys = (m: GeneratedMember) => string[];
const pairKeys: Keys = (m) => personSearchKeys(m);
// Baseline blocking: one key per word skeleton, the obvious first design.
const wordKeys: Keys = (m) => [...new Set(`${nameSkeleton(m.fullNameAr)} ${nameSkeleton(m.fullNameLatin)}`.split(' '))];

function buildIndex(keys: Keys): { index: Map<string, number[]>; keysOf: string[][] } {
  const index = new Map<string, number[]>();
  const keysOf = people.map(keys);
  keysOf.forEach((ks, i) => {
    for (const k of ks) {
      const list = index.get(k) ?? [];
      list.push(i);
      index.set(k, list);
    }
  });
  return { index, keysOf };
}

function candidatesOf(i: number, built: ReturnType<typeof buildIndex>): Set<number> {
  const out = new Set<number>();
  for (const k of built.keysOf[i] ?? []) for (const j of built.index.get(k) ?? []) if (j !== i) out.add(j);
  return out;
}

const byPair = buildIndex(pairKeys);
const byWord = buildIndex(wordKeys);
const step = Math.max(1, Math.floor(people.length / QUERIES));
const queries = Array.from({ length: Math.min(QUERIES, people.length) }, (_, q) => q * step);
const meanCandidates = (built: ReturnType<typeof buildIndex>): number =>
  queries.reduce((sum, i) => sum + candidatesOf(i, built).size, 0) / queries.length;
const pairCandidates = meanCandidates(byPair);
const wordCandidates = meanCandidates(byWord);

// Score every candidate pair of the sampled registrations, and time it.
const pairs: [GeneratedMember, GeneratedMember][] = [];
for (const i of queries) {
  const a = people[i];
  for (const j of candidatesOf(i, byPair)) {
    const b = people[j];
    if (a && b) pairs.push([a, b]);
  }
}
let flagged = 0;
let sink = 0;
const started = performance.now();
for (const [a, b] of pairs) {
  const match = matchPerson(a, b, { asOf: '2025-06-01' });
  if (match.isCandidate) flagged++;
  sink += match.score;
}
const matchPerSec = pairs.length / ((performance.now() - started) / 1000);
const rawStarted = performance.now();
for (const [a, b] of pairs) sink += jaroWinkler(a.fullNameAr, b.fullNameAr);
const rawPerSec = pairs.length / ((performance.now() - rawStarted) / 1000);

// Recall: each planted duplicate head must share a key with its original and be a candidate.
const headOf = new Map(originals.map((h) => [h.householdId, h.members[0]]));
let found = 0;
for (const d of duplicates) {
  const original = d.duplicateOf === undefined ? undefined : headOf.get(d.duplicateOf);
  const head = d.members[0];
  if (!original || !head) continue;
  const shared = personSearchKeys(original).some((k) => personSearchKeys(head).includes(k));
  if (shared && matchPerson(original, head).isCandidate) found++;
}

// Precision and recall on labelled pairs (the same seed as the unit test's, more pairs). The baseline
// decides with a bare Jaro-Winkler of the raw full names (Arabic, else Latin) at the same threshold,
// after the same sex and age checks: what the library adds over a plain string measure.
const labelled = generateLabelledNamePairs('names-quality', LABELLED_PER_KIND);
const asOf = DEFAULT_REFERENCE_DATE;
const quality = measureMatching(labelled, (a, b) => matchPerson(a, b, { asOf }).isCandidate);
const rawName = (p: RegisteredPerson) => p.fullNameAr || p.fullNameLatin || '';
const bare = measureMatching(
  labelled,
  (a, b) => mayBeSamePerson(a, b, { asOf }) && jaroWinkler(rawName(a), rawName(b)) >= DEFAULT_CANDIDATE_THRESHOLD,
);
const flaggedByKind = Object.entries(quality.byKind).map(([kind, k]) => `${kind} ${k.flagged}/${k.pairs}`).join(', ');
const round3 = (n: number) => Math.round(n * 1000) / 1000;

writeReport({
  name: 'names',
  startedAt: new Date().toISOString(),
  machine: machine(),
  figures: [
    {
      metric: `matchPerson (${pairs.length.toLocaleString('en-US')} candidate pairs, Arabic + Latin names)`,
      value: Math.round(matchPerSec),
      unit: 'pairs/s',
      baseline: 'bare Jaro-Winkler on the raw Arabic strings',
      baselineValue: Math.round(rawPerSec),
      ratio: ratioOf(matchPerSec, rawPerSec),
      note: `checksum ${sink.toFixed(1)}`,
    },
    {
      metric: `candidates per registration (${people.length.toLocaleString('en-US')} people, pair keys)`,
      value: Math.round(pairCandidates * 10) / 10,
      unit: 'people',
      baseline: 'one key per word skeleton',
      baselineValue: Math.round(wordCandidates * 10) / 10,
      ratio: ratioOf(pairCandidates, wordCandidates, true),
      note: `${found}/${duplicates.length} planted duplicate heads found; ${flagged} of ${pairs.length} scored pairs flagged`,
    },
    {
      metric: `precision of the duplicate decision on ${labelled.length.toLocaleString('en-US')} labelled pairs (flagged pairs that are one person)`,
      value: round3(quality.precision),
      unit: '',
      baseline: 'bare Jaro-Winkler of the raw names',
      baselineValue: round3(bare.precision),
      ratio: ratioOf(quality.precision, bare.precision),
      note: `${quality.truePositives} right, ${quality.falsePositives} wrong; flagged per kind: ${flaggedByKind}`,
    },
    {
      metric: `recall of the duplicate decision on the same pairs (pairs of one person that are flagged)`,
      value: round3(quality.recall),
      unit: '',
      baseline: 'bare Jaro-Winkler of the raw names',
      baselineValue: round3(bare.recall),
      ratio: ratioOf(quality.recall, bare.recall),
      note: `${quality.falseNegatives} of ${quality.truePositives + quality.falseNegatives} pairs of one person missed`,
    },
  ],
  extra: {
    households: HOUSEHOLDS, people: people.length, duplicates: duplicates.length, found, flagged,
    labelled: { pairs: labelled.length, perKind: LABELLED_PER_KIND, quality, bareJaroWinkler: bare },
  },
});
