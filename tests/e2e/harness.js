// Shared helpers for the end-to-end tests: start the built mock_provider and sluice binaries on
// free local ports, wait until they are ready, and make sure none outlives the test process.
// Every wait here has a timeout so a broken binary fails a test instead of hanging the run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const buildDir = path.resolve(process.env.SLUICE_BUILD_DIR ?? path.join(repoRoot, 'build'));
export const mockBinary = path.join(buildDir, 'tools', 'mock_provider', 'mock_provider');
export const sluiceBinary = path.join(buildDir, 'src', 'sluice');

// Children still running; killed with SIGKILL if the test process exits without stopping them.
const live = new Set();
function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killAll);
// A signal would end the process without 'exit' handlers: exit explicitly so they run.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => process.exit(code));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Rejects with a message naming `what` when `promise` has not settled within `ms`.
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// A TCP port that was free a moment ago: bind port 0 on loopback, read it, close.
export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await withTimeout(once(server, 'listening'), 5000, 'binding a free port');
  const { port } = server.address();
  server.close();
  await withTimeout(once(server, 'close'), 5000, 'closing the free-port probe');
  return port;
}

// The `[[mock key=value ...]]` directive the mock reads from the last user message.
export function directive(faults) {
  const pairs = Object.entries(faults).map(([key, value]) => `${key}=${value}`);
  return `[[mock ${pairs.join(' ')}]]`;
}

// Spawns `binary` with its output captured (kept for error messages, last 64 KiB).
function spawnTracked(binary, args, options = {}) {
  if (!fs.existsSync(binary)) {
    throw new Error(`${binary} not found: build it first (SLUICE_BUILD_DIR=${buildDir})`);
  }
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  live.add(child);
  child.output = '';
  const keep = (chunk) => {
    child.output = (child.output + chunk.toString()).slice(-65536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? signal);
    });
    child.once('error', (err) => {
      live.delete(child);
      child.output += `\nspawn error: ${err.message}`;
      resolve(null);
    });
  });
  return child;
}

// Sends `signal` and resolves with the exit code (or the signal name if killed). Escalates to
// SIGKILL after `timeoutMs`, resolving with 'SIGKILL', so a stuck process never hangs a test.
export async function stopProcess(child, signal = 'SIGTERM', timeoutMs = 10000) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exited;
  child.kill(signal);
  try {
    return await withTimeout(child.exited, timeoutMs, `${path.basename(child.spawnfile)} exit`);
  } catch {
    child.kill('SIGKILL');
    await child.exited;
    return 'SIGKILL';
  }
}

// Resolves with the first stdout match of `regex`; rejects if the process exits first.
function waitForOutput(child, regex, timeoutMs, what) {
  const found = new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk.toString();
      const match = seen.match(regex);
      if (match) {
        child.stdout.off('data', onData);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.exited.then((code) => reject(new Error(`${what} exited (${code}):\n${child.output}`)));
  });
  return withTimeout(found, timeoutMs, `${what} to start`);
}

const mockFlags = {
  latencyMs: '--latency-ms',
  ttftMs: '--ttft-ms',
  chunkDelayMs: '--chunk-delay-ms',
  status: '--status',
  retryAfter: '--retry-after',
  resetAfterChunks: '--reset-after-chunks',
  errorAfterChunks: '--error-after-chunks',
  chunks: '--chunks',
  hang: '--hang',
  apiKey: '--api-key',
};

// Starts mock_provider on a free port. opts: threads (default 1), any fault default in
// camelCase (latencyMs, status, ...), apiKey, args (extra CLI arguments).
export async function startMock(opts = {}) {
  const args = ['--host', '127.0.0.1', '--port', '0', '--threads', String(opts.threads ?? 1)];
  for (const [key, flag] of Object.entries(mockFlags)) {
    if (opts[key] !== undefined) args.push(flag, String(opts[key]));
  }
  args.push(...(opts.args ?? []));
  const child = spawnTracked(mockBinary, args);
  let match;
  try {
    match = await waitForOutput(child, /mock_provider listening on ([\d.]+):(\d+)/, 10000, 'mock_provider');
  } catch (err) {
    await stopProcess(child, 'SIGKILL');
    throw err;
  }
  const port = Number(match[2]);
  return { url: `http://127.0.0.1:${port}`, port, proc: child, stop: () => stopProcess(child) };
}

// Polls GET url until it answers 200.
async function waitUntilReady(child, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.exited.then(() => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`sluice exited before ready:\n${child.output}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`sluice not ready at ${url} after ${timeoutMs} ms:\n${child.output}`);
    }
    await sleep(50);
  }
}

// The `server:` line the harness owns: loopback, the chosen port, 2 workers, plus `extra` keys.
function serverLine(port, extra) {
  const fields = { listen: `"127.0.0.1:${port}"`, workers: 2 };
  for (const [key, value] of Object.entries(extra ?? {})) fields[key] = JSON.stringify(value);
  return `server: { ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
}

// Starts `sluice serve` with `configYaml` and waits for GET /health/ready == 200.
// In configYaml, {{DIR}} becomes a fresh temp dir (for sqlite files) and {{PORT}} the chosen
// port. Unless the YAML has its own top-level `storage:`, records go to {{DIR}}/sluice.db.
// Unless the YAML has its own top-level `server:`, the harness prepends
// `server: { listen: "127.0.0.1:PORT", workers: 2, ...opts.server }`.
// Returns {url, port, dir, proc, stop()}; stop() sends SIGTERM and resolves with the exit code.
export async function startSluice({ configYaml, server, env, readyTimeoutMs = 15000 } = {}) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-e2e-'));
  let yaml = configYaml.replaceAll('{{DIR}}', dir).replaceAll('{{PORT}}', String(port));
  if (!/^server\s*:/m.test(yaml)) yaml = `${serverLine(port, server)}\n${yaml}`;
  // Call records go to the test's own SQLite file unless the config names a store.
  if (!/^storage\s*:/m.test(yaml)) yaml = `storage: { url: "sqlite://${dir}/sluice.db" }\n${yaml}`;
  const configFile = path.join(dir, 'sluice.yaml');
  fs.writeFileSync(configFile, yaml);
  const child = spawnTracked(sluiceBinary, ['serve', '--config', configFile], {
    env: { ...process.env, ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await waitUntilReady(child, `${url}/health/ready`, readyTimeoutMs);
  } catch (err) {
    await stopProcess(child, 'SIGKILL');
    cleanup();
    throw err;
  }
  const stop = async (signal = 'SIGTERM') => {
    const code = await stopProcess(child, signal);
    cleanup();
    return code;
  };
  return { url, port, dir, configFile, proc: child, stop };
}

// Reads one sample from a Prometheus text endpoint: the sum of every series named `name`.
export async function metricValue(baseUrl, name) {
  const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  let sum = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);
    if (match && match[1] === name) sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}

// The models and their deployments' health, as GET /admin/deployments reports them.
export async function deployments(gw, adminKey) {
  const res = await fetch(`${gw.url}/admin/deployments`, { headers: { authorization: `Bearer ${adminKey}` } });
  assert.equal(res.status, 200);
  return (await res.json()).models;
}

// One deployment (by id) of one model in what deployments() returned.
export function deploymentOf(models, model, id) {
  return models.find((m) => m.name === model).deployments.find((d) => d.id === id);
}

// Returns start(promise): awaits a startMock()/startSluice() promise and stops what it started
// once every test of the calling file has run. Call it at the top level of a test file.
export function stopWhenFileEnds() {
  const running = [];
  after(async () => {
    await Promise.allSettled(running.map((p) => p.stop()));
  });
  return async (promise) => {
    const started = await promise;
    running.push(started);
    return started;
  };
}
