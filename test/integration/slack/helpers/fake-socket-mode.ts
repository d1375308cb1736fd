import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Slack's side of Socket Mode on loopback: says hello on connect, sends envelopes, records the acks
 * (`{ envelope_id, payload? }`) the app sends back.
 */
export class FakeSocketMode {
  readonly acks: { envelope_id: string; payload?: unknown; at: number }[] = [];
  private readonly server: WebSocketServer;
  private socket: WebSocket | null = null;
  private connected: Promise<WebSocket>;

  constructor() {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.connected = new Promise((resolve) => {
      this.server.on('connection', (ws) => {
        this.socket = ws;
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
          if (msg.envelope_id) this.acks.push({ envelope_id: msg.envelope_id, payload: msg.payload, at: Date.now() });
        });
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0TEST' } }));
        resolve(ws);
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link/?ticket=test`;
  }

  async send(envelope: { envelope_id: string; type: string; payload: unknown; retry_attempt?: number; retry_reason?: string }): Promise<number> {
    const ws = await this.connected;
    const at = Date.now();
    ws.send(JSON.stringify({ accepts_response_payload: envelope.type !== 'events_api', ...envelope }));
    return at;
  }

  close(): Promise<void> {
    this.socket?.terminate();
    return new Promise((r) => this.server.close(() => r()));
  }
}
