/** The demo gateway as a separate process, and a counting proxy in front of it. */
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';

/** Starts `dist/cli.js demo-gateway` with `providers` extra providers; resolves with its URL. */
export function startGatewayProcess(cli, providers = 0, extra = []) {
  const proc = spawn(process.execPath, [cli, 'demo-gateway', '--port', '0', '--providers', String(providers), ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.on('exit', (code) => reject(new Error(`demo gateway exited (${code}): ${out}`)));
    proc.stdout.on('data', (d) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        proc.removeAllListeners('exit');
        resolve({
          url: m[1],
          async close() {
            proc.kill('SIGTERM');
            await new Promise((r) => proc.once('exit', r));
          },
        });
      }
    });
  });
}

/** A loopback proxy that records `METHOD path` of every request it forwards to `target`. */
export async function startCountingProxy(target) {
  const log = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const up = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    close: () => new Promise((r) => server.close(r)),
  };
}
