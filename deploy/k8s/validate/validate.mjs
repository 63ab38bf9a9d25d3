// Issue 16: every manifest of deploy/k8s against the Kubernetes API's own schemas (kubernetes-models
// validates with the OpenAPI definitions of the API server), and the kustomization's resources exist.
// No cluster, kubectl or kubeconform needed: `npm ci && node validate.mjs` (deploy/test runs it).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { Namespace, ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';

const kinds = { Namespace, ConfigMap, Service, Deployment, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy };
const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
let failures = 0;
let checked = 0;
for (const file of kustomization.resources) {
  const path = join(dir, file);
  if (!existsSync(path)) {
    console.error(`${file}: listed in kustomization.yaml but missing`);
    failures++;
    continue;
  }
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    const object = doc.toJS();
    const Kind = kinds[object.kind];
    if (!Kind) {
      console.error(`${file}: no schema here for kind ${object.kind}`);
      failures++;
      continue;
    }
    try {
      new Kind(object).validate();
      checked++;
    } catch (e) {
      console.error(`${file} (${object.kind} ${object.metadata?.name}): ${e.message}`);
      failures++;
    }
  }
}
const deployment = parse(readFileSync(join(dir, 'deployment.yaml'), 'utf8'));
const policy = parse(readFileSync(join(dir, 'networkpolicy.yaml'), 'utf8'));
const service = parse(readFileSync(join(dir, 'service.yaml'), 'utf8'));
const container = deployment.spec.template.spec.containers[0];
for (const [what, ok] of [
  ['readiness probe on /health/readiness', container.readinessProbe?.httpGet?.path === '/health/readiness'],
  ['liveness probe on /health/liveness', container.livenessProbe?.httpGet?.path === '/health/liveness'],
  ['probes on the management port', [container.readinessProbe, container.livenessProbe, container.startupProbe]
    .every((probe) => probe?.httpGet?.port === 'management')],
  ['management port 8081 declared', container.ports?.some((p) => p.name === 'management' && p.containerPort === 8081)],
  ['metrics scraped from the management port', deployment.spec.template.metadata.annotations?.['prometheus.io/port'] === '8081'],
  ['runs as non-root', deployment.spec.template.spec.securityContext?.runAsNonRoot === true],
  ['the ingress reaches only the API port', policy.spec.ingress.every((rule) => rule.from.some((f) =>
    f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx')
    ? rule.ports.every((p) => p.port === 8080) : true)],
  ['the Service does not expose the management port', service.spec.ports.every((p) => p.targetPort !== 'management'
    && p.targetPort !== 8081)],
  ['resource requests', Boolean(container.resources?.requests?.cpu && container.resources?.requests?.memory)],
]) {
  if (!ok) {
    console.error(`deployment.yaml: ${what} missing`);
    failures++;
  }
}
console.log(`deploy/k8s: ${checked} objects valid against the Kubernetes schemas, ${failures} problem(s)`);
process.exit(failures === 0 ? 0 : 1);
