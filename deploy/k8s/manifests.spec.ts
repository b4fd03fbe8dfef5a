/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML walked by path, its shape checked by the schemas first */
// deploy/k8s/ checked offline: every document against the Kubernetes API schemas (kubernetes-models,
// generated from Kubernetes' OpenAPI), the CloudNativePG Cluster against its CRD's schema (vendored in
// schemas/), the NATS Helm values against the chart's own values; then the rules of issue 21 that no schema
// knows: probes, resources, PDB + HPA per Deployment, secrets only referenced, network isolation.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';
import { Namespace, ServiceAccount, ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy, Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { structuralErrors, type StructuralSchema } from './structural-schema.js';

const here = dirname(fileURLToPath(import.meta.url));
type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: any; [k: string]: any };
type Model = new (data: any) => { validate(): void };

const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};
const cnpg = JSON.parse(readFileSync(join(here, 'schemas', 'postgresql.cnpg.io_v1_cluster.json'), 'utf8')) as {
  group: string;
  version: string;
  kind: string;
  openAPIV3Schema: StructuralSchema;
};
const CRDS: Record<string, StructuralSchema> = { [`${cnpg.group}/${cnpg.version}/${cnpg.kind}`]: cnpg.openAPIV3Schema };

function loadDocs(): { file: string; doc: Doc }[] {
  const files = readdirSync(here).filter((f) => f.endsWith('.yaml')).sort();
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(join(here, file), 'utf8')).map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
      return { file, doc: d.toJS() as Doc };
    }),
  );
}

/** Errors of one document against its API schema ([] when valid); an unknown kind is an error too. */
export function schemaErrors(doc: Doc): string[] {
  const key = `${doc.apiVersion}/${doc.kind}`;
  const crd = CRDS[key];
  if (crd) return structuralErrors(crd, doc);
  const model = MODELS[key];
  if (!model) return [`no schema for ${key}`];
  try {
    new model(doc).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

const docs = loadDocs();
const byKind = (kind: string) => docs.filter((d) => d.doc.kind === kind).map((d) => d.doc);
const deployments = byKind('Deployment');
const APPS = ['registration', 'eligibility', 'transport', 'notifications', 'reporting', 'gateway'];

describe('deploy/k8s manifests', () => {
  it('every document validates against its Kubernetes or CRD schema, in the awda namespace', () => {
    expect(docs.length).toBeGreaterThan(25);
    const problems = docs.flatMap(({ file, doc }) => schemaErrors(doc).map((e) => `${file} ${doc.kind}/${doc.metadata?.name}: ${e}`));
    expect(problems).toEqual([]);
    const outside = docs.filter(({ doc }) => doc.kind !== 'Namespace' && doc.metadata.namespace !== 'awda');
    expect(outside.map(({ file, doc }) => `${file} ${doc.kind}/${doc.metadata.name}`)).toEqual([]);
  });

  it('the validators reject broken documents (so the test above can fail)', () => {
    const d = structuredClone(deployments[0]) as Doc;
    d.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    delete d.spec.selector;
    expect(schemaErrors(d).join(' ')).toMatch(/containerPort must be integer|selector/);
    const hpa = structuredClone(byKind('HorizontalPodAutoscaler')[0]) as Doc;
    delete hpa.spec.maxReplicas;
    hpa.spec.metrics[0].resource.target.averageUtilization = '70%';
    expect(schemaErrors(hpa).join(' ')).toMatch(/maxReplicas/);
    expect(schemaErrors(hpa).join(' ')).toMatch(/averageUtilization must be integer/);
    const cluster = structuredClone(byKind('Cluster')[0]) as Doc;
    cluster.spec.postgresql.synchronous.method = 'all';
    cluster.spec.instancess = 3;
    cluster.spec.storage.size = 50;
    expect(schemaErrors(cluster)).toEqual([
      '.spec.instancess: unknown field',
      '.spec.postgresql.synchronous.method: must be one of any, first (got "all")',
      '.spec.storage.size: must be a string (got integer)',
    ]);
    expect(schemaErrors({ apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'x' } })).toEqual(['no schema for apps/v1beta1/Deployment']);
  });

  it('the five services and the gateway: two replicas, readiness on /health, liveness, resources, PDB, HPA, Service', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...APPS].sort());
    for (const d of deployments) {
      const name = d.metadata.name;
      const pod = d.spec.template.spec;
      const [c] = pod.containers;
      expect({ name, replicas: d.spec.replicas, maxUnavailable: d.spec.strategy.rollingUpdate.maxUnavailable }).toEqual({ name, replicas: 2, maxUnavailable: 0 });
      expect({ name, path: c.readinessProbe.httpGet.path }).toEqual({ name, path: '/health' });
      expect({ name, liveness: Boolean(c.livenessProbe) }).toEqual({ name, liveness: true });
      expect({ name, requests: Object.keys(c.resources.requests).sort(), limit: c.resources.limits.memory }).toEqual({ name, requests: ['cpu', 'memory'], limit: expect.any(String) });
      expect({ name, nonRoot: pod.securityContext.runAsNonRoot, roFs: c.securityContext.readOnlyRootFilesystem }).toEqual({ name, nonRoot: true, roFs: true });
      const port = c.ports[0].containerPort;
      expect({ name, portEnv: c.env.find((e: { name: string }) => e.name === 'PORT')?.value }).toEqual({ name, portEnv: String(port) });
      const pdb = byKind('PodDisruptionBudget').find((p) => p.metadata.name === name);
      expect({ name, pdb: pdb?.spec.selector.matchLabels }).toEqual({ name, pdb: d.spec.selector.matchLabels });
      const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.metadata.name === name);
      expect({ name, hpa: hpa?.spec.scaleTargetRef, min: hpa?.spec.minReplicas }).toEqual({ name, hpa: { apiVersion: 'apps/v1', kind: 'Deployment', name }, min: 2 });
      const svc = byKind('Service').find((s) => s.metadata.name === name);
      expect({ name, selects: svc?.spec.selector, port: svc?.spec.ports[0].port }).toEqual({ name, selects: d.spec.selector.matchLabels, port });
    }
    const ports = Object.fromEntries(deployments.map((d) => [d.metadata.name, d.spec.template.spec.containers[0].ports[0].containerPort]));
    expect(ports).toEqual({ registration: 3001, eligibility: 3002, transport: 3003, notifications: 3004, reporting: 3005, gateway: 3000 });
  });

  it('secrets are referenced, never inlined: no Secret documents, no secret-looking literal values', () => {
    expect(byKind('Secret')).toEqual([]);
    const SECRET = /SECRET|PASSWORD|TOKEN|KEY|DATABASE_URL/;
    const literal: string[] = [];
    for (const { file, doc } of docs) {
      for (const [k, v] of Object.entries((doc.kind === 'ConfigMap' ? doc.data : {}) as Record<string, string>)) if (SECRET.test(k)) literal.push(`${file} ConfigMap ${k}=${v}`);
      const pod = doc.kind === 'Deployment' || doc.kind === 'Job' ? doc.spec.template.spec : undefined;
      for (const c of pod?.containers ?? []) {
        for (const e of c.env ?? []) if (SECRET.test(e.name) && !e.valueFrom?.secretKeyRef) literal.push(`${file} ${doc.metadata.name} ${e.name}`);
      }
    }
    expect(literal).toEqual([]);
    const text = readdirSync(here).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(here, f), 'utf8')).join('\n');
    expect(text).not.toMatch(/postgres(ql)?:\/\/[^@\s]+:[^@\s]+@/); // no password in a URL
  });

  it('migrations run as a Job (tools/migrate.ts) against the database of the services', () => {
    const [job] = byKind('Job');
    const c = job?.spec.template.spec.containers[0];
    expect(c.command).toEqual(['node', '--enable-source-maps', 'dist/tools/migrate.js']);
    expect(c.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom).toEqual(deployments[0]?.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom);
  });

  it('network: default deny; only the gateway is reachable from outside; services reach only PostgreSQL and NATS', () => {
    const policies = byKind('NetworkPolicy');
    const deny = policies.find((p) => p.metadata.name === 'awda-default-deny');
    expect(deny?.spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'awda' } }, policyTypes: ['Ingress', 'Egress'] });
    // Every Deployment's pods fall under the default deny.
    for (const d of deployments) expect(d.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('awda');
    // Ingress from outside the namespace (a namespaceSelector or ipBlock) is allowed to the gateway alone (and PG to its operator).
    const fromOutside = policies.filter((p) => (p.spec.ingress ?? []).some((r: any) => (r.from ?? []).some((f: any) => f.namespaceSelector || f.ipBlock)));
    expect(fromOutside.map((p) => p.metadata.name).sort()).toEqual(['gateway', 'postgres']);
    const services = policies.find((p) => p.metadata.name === 'services');
    expect(services?.spec.ingress.flatMap((r: any) => r.from)).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }]);
    expect(services?.spec.egress.flatMap((r: any) => r.to)).toEqual([
      { podSelector: { matchLabels: { 'cnpg.io/cluster': 'awda-db' } } },
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'nats' } } },
    ]);
    // Only the gateway's Service is behind the Ingress; no Service is a LoadBalancer or NodePort.
    expect(byKind('Ingress').flatMap((i) => i.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service.name)))).toEqual(['gateway']);
    expect(byKind('Service').filter((s) => s.spec.type && s.spec.type !== 'ClusterIP')).toEqual([]);
  });

  it('PostgreSQL: a CloudNativePG Cluster of 3 with synchronous replication', () => {
    const [cluster] = byKind('Cluster');
    expect(cluster?.spec.instances).toBe(3);
    expect(cluster?.spec.postgresql.synchronous).toMatchObject({ method: 'any', number: 1, dataDurability: 'required' });
    // CEL rule of the CRD (not evaluated by the structural check): number > 0 and below instances.
    expect(cluster?.spec.postgresql.synchronous.number).toBeLessThan(cluster?.spec.instances);
  });

  it("NATS Helm values: every key is one of the chart's; a cluster of 3 with JetStream on volumes and sync_interval always", () => {
    const values = parse(readFileSync(join(here, 'helm', 'nats-values.yaml'), 'utf8'));
    const chart = parse(readFileSync(join(here, 'schemas', 'nats-chart-values.yaml'), 'utf8'));
    const unknown: string[] = [];
    const walk = (ours: any, theirs: any, path: string) => {
      for (const [k, v] of Object.entries(ours)) {
        if (!(theirs && typeof theirs === 'object' && k in theirs)) unknown.push(`${path}${k}`);
        // merge/patch and free-form maps ({} in the chart) take any keys.
        else if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'merge' && k !== 'patch' && Object.keys(theirs[k] ?? {}).length) walk(v, theirs[k], `${path}${k}.`);
      }
    };
    walk(values, chart, '');
    expect(unknown).toEqual([]);
    expect(values.config.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(values.config.jetstream.fileStore).toMatchObject({ enabled: true, pvc: { enabled: true } });
    expect(values.config.jetstream.merge).toEqual({ sync_interval: 'always' });
    const names = parse(`a: ${(byKind('ConfigMap')[0]?.data as Record<string, string>)['NATS_URL']}`);
    expect(String(names.a).split(',')).toHaveLength(3);
  });
});
