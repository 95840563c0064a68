/**
 * A real Unix datagram socket for the SocketMost client. Node's `dgram` has no AF_UNIX datagram
 * sockets and the project takes no native module for it, so a tiny Python 3 helper (standard
 * library only) owns the socket and relays datagrams as lines over stdin/stdout: one JSON text per
 * datagram, in both directions. If `python3` is missing the transport reports `down` with the reason.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { MostTransport } from './protocol.js';

const HELPER = String.raw`
import os, socket, sys, threading
local, peer = sys.argv[1], sys.argv[2]
try: os.unlink(local)
except FileNotFoundError: pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(local)
print("!up", flush=True)
def rx():
    while True:
        data = s.recv(65536)
        sys.stdout.write(data.decode("utf-8", "replace").replace("\n", " ") + "\n"); sys.stdout.flush()
threading.Thread(target=rx, daemon=True).start()
for line in sys.stdin:
    try: s.sendto(line.rstrip("\n").encode("utf-8"), peer)
    except OSError as e: print("!err " + str(e), flush=True)
`;

export interface UnixDgramOptions {
  /** Path this end binds (e.g. /tmp/sos-hmi-most.sock). */
  readonly localPath: string;
  /** Path of the daemon's socket (socketmost's, e.g. /tmp/SocketMost.sock). */
  readonly peerPath: string;
  readonly python?: string;
}

export class UnixDgramTransport implements MostTransport {
  private child: ChildProcess | null;
  private readonly messages = new Set<(text: string) => void>();
  private readonly states = new Set<(state: 'up' | 'down', why?: string) => void>();
  private state: { state: 'up' | 'down'; why?: string } = { state: 'down', why: 'starting' };

  constructor(options: UnixDgramOptions) {
    const child = spawn(options.python ?? 'python3', ['-c', HELPER, options.localPath, options.peerPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += String(c)));
    child.on('error', (error) =>
      this.setState('down', `cannot start the Unix socket helper: ${error.message}`),
    );
    child.on('close', () => {
      this.child = null;
      this.setState('down', stderr.trim().split('\n').pop() || 'Unix socket helper exited');
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === '!up') return this.setState('up');
      if (line.startsWith('!err ')) return this.setState('down', line.slice(5));
      if (this.state.state === 'down') this.setState('up');
      for (const l of [...this.messages]) l(line);
    });
  }

  send(text: string): void {
    this.child?.stdin?.write(`${text.replace(/\n/g, ' ')}\n`);
  }

  onMessage(listener: (text: string) => void): () => void {
    this.messages.add(listener);
    return () => this.messages.delete(listener);
  }

  onState(listener: (state: 'up' | 'down', why?: string) => void): () => void {
    this.states.add(listener);
    listener(this.state.state, this.state.why);
    return () => this.states.delete(listener);
  }

  close(): void {
    this.child?.stdin?.end();
    this.child?.kill();
    this.child = null;
  }

  private setState(state: 'up' | 'down', why?: string): void {
    if (state === this.state.state && why === this.state.why) return;
    this.state = { state, ...(why !== undefined ? { why } : {}) };
    for (const l of [...this.states]) l(state, why);
  }
}
