import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST, PORTS, VERSIONS, paths } from '../config';
import { commandExists, run } from '../runtime/exec';
import { withFileLock } from '../runtime/lock';
import { forgetPid, ownedPid, recordPid, spawnDetached, terminate } from '../runtime/processes';
import { httpOk, withHeartbeat } from '../runtime/wait';
import type { Component } from './component';

const MODULE = 'github.com/jaegertracing/jaeger';
const wrapDir = join(paths.jaegerCache, 'wrap');
const binary = join(paths.jaegerCache, 'bin', 'jaeger');
const configFile = join(paths.jaeger, 'config.yaml');

/**
 * Jaeger v2 built from the Go module proxy. The proxy serves the v2 code only under the v1.x tags, and
 * `go install module@version` refuses them because jaeger's go.mod has a replace directive. So we build from
 * a wrapper module that copies jaeger's go.mod (requirements + replace) and go.sum and imports cmd/jaeger.
 * Sum database lookups fail through the proxy, hence GOSUMDB=off; the copied go.sum still pins hashes.
 */
export const jaeger: Component = {
  name: 'jaeger',
  logFile: join(paths.jaeger, 'jaeger.log'),
  startupTimeoutMs: 60_000,

  async install() {
    if (existsSync(binary)) return;
    if (!(await commandExists('go'))) throw new Error('go not found (needed to build Jaeger)');
    await withFileLock(join(paths.jaegerCache, '.lock'), async () => {
      if (existsSync(binary)) return;
      mkdirSync(wrapDir, { recursive: true });
      const buildLog = join(paths.jaegerCache, 'build.log');
      await withHeartbeat(`jaeger: building ${VERSIONS.jaeger} with go`, buildLog, () => build(buildLog));
    });
  },

  async isHealthy() {
    return (
      (await httpOk(`http://${HOST}:${PORTS.jaegerHealth}/status`)) &&
      (await httpOk(`http://${HOST}:${PORTS.jaegerQuery}/api/services`))
    );
  },

  async start() {
    mkdirSync(paths.jaeger, { recursive: true });
    writeFileSync(configFile, jaegerConfig());
    const pid = spawnDetached(binary, ['--config', configFile], { logFile: this.logFile, cwd: paths.jaeger });
    recordPid('jaeger', pid, configFile);
  },

  isOwned: () => ownedPid('jaeger', configFile) !== undefined,

  async stop() {
    const pid = ownedPid('jaeger', configFile);
    if (pid) await terminate(pid);
    forgetPid('jaeger');
  },
};

/** Downloads jaeger's module and builds cmd/jaeger into the cache. */
async function build(buildLog: string): Promise<void> {
  const env = { ...process.env, GOFLAGS: '-mod=mod', GONOSUMDB: '*', GOSUMDB: 'off', CGO_ENABLED: '0' };
  const download = await run('go', ['mod', 'download', '-json', `${MODULE}@${VERSIONS.jaeger}`], {
    env: { ...env, GOFLAGS: '' },
    cwd: paths.jaegerCache,
    logFile: buildLog,
  });
  const sourceDir = (JSON.parse(download) as { Dir: string }).Dir;
  writeWrapperModule(sourceDir);
  const tmp = `${binary}.tmp`;
  await run('go', ['build', '-trimpath', '-o', tmp, `${MODULE}/cmd/jaeger`], {
    env,
    cwd: wrapDir,
    logFile: buildLog,
  });
  renameSync(tmp, binary);
}

function writeWrapperModule(sourceDir: string): void {
  const goMod = readFileSync(join(sourceDir, 'go.mod'), 'utf8')
    .replace(/^module .*$/m, 'module local/saga-platform/jaeger-build')
    .concat(`\nrequire ${MODULE} ${VERSIONS.jaeger}\n`);
  writeFileSync(join(wrapDir, 'go.mod'), goMod);
  copyFileSync(join(sourceDir, 'go.sum'), join(wrapDir, 'go.sum'));
  writeFileSync(join(wrapDir, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport _ "${MODULE}/cmd/jaeger"\n`);
}

/** Everything bound to loopback; in-memory storage; no self-telemetry endpoints. */
export function jaegerConfig(): string {
  return `service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: none
    logs:
      level: info

extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: ${HOST}:${PORTS.jaegerHealth}
  jaeger_query:
    storage:
      traces: memstore
    enable_tracing: false
    http:
      endpoint: ${HOST}:${PORTS.jaegerQuery}
    grpc:
      endpoint: ${HOST}:${PORTS.jaegerQueryGrpc}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000

receivers:
  otlp:
    protocols:
      grpc:
        endpoint: ${HOST}:${PORTS.jaegerOtlpGrpc}
      http:
        endpoint: ${HOST}:${PORTS.jaegerOtlpHttp}

processors:
  batch:
    timeout: 200ms

exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}
