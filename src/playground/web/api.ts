import type { WorkspaceSnapshot } from '../snapshot.ts';

// The page's only link to the playground: JSON over fetch, and one event stream that says when something changed.

export type State = WorkspaceSnapshot & { now: number };

export class RequestFailed extends Error {}

export async function post(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new RequestFailed(String(answer.error ?? `HTTP ${response.status}`));
  return answer;
}

export async function fetchState(): Promise<State> {
  const response = await fetch('/api/state');
  if (!response.ok) throw new RequestFailed(`HTTP ${response.status}`);
  return (await response.json()) as State;
}

/** Calls `changed` whenever the workspace changes; the browser reconnects the stream by itself if it drops. */
export function watch(changed: () => void): () => void {
  const source = new EventSource('/api/events');
  source.onmessage = () => changed();
  return () => source.close();
}
