import { createHmac } from 'node:crypto';

// Sends requests to the app the way Slack does: signed with the signing secret, with Slack's content types and retry
// headers. Bolt's HTTPReceiver compares the content type with `===`, so form bodies carry exactly
// `application/x-www-form-urlencoded`, never a `; charset=` suffix.

const FORM = 'application/x-www-form-urlencoded';

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{rawBody}` (docs.slack.dev/authentication/verifying-requests-from-slack). */
export function signSlackRequest(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SendOptions {
  /** `X-Slack-Retry-Num`: Slack redelivers an event up to 3 times when the app does not answer within 3 s. */
  retryNum?: number;
  /** `X-Slack-Retry-Reason`, e.g. `http_timeout`. */
  retryReason?: string;
  /** Request timestamp in seconds; defaults to now. */
  timestamp?: number;
  /** Replaces the computed signature (to test rejection). */
  signature?: string;
  /** Defaults to `/slack/events`. */
  path?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
  headers: Headers;
  json<T = unknown>(): T;
}

export class SlackSender {
  readonly baseUrl: string;
  readonly signingSecret: string;

  constructor(options: { baseUrl: string; signingSecret: string }) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.signingSecret = options.signingSecret;
  }

  /** A slash command: the command's fields, form-encoded. */
  command(fields: Record<string, string>, options: SendOptions = {}): Promise<SlackResponse> {
    return this.raw(new URLSearchParams(fields).toString(), FORM, {}, options);
  }

  /** An interaction (block_actions, view_submission, shortcut, ...): one form field `payload` holding the JSON. */
  interact(payload: unknown, options: SendOptions = {}): Promise<SlackResponse> {
    return this.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, {}, options);
  }

  /** An Events API delivery (`event_callback`, `url_verification`), as JSON. */
  event(body: unknown, options: SendOptions = {}): Promise<SlackResponse> {
    return this.raw(JSON.stringify(body), 'application/json', {}, options);
  }

  /** Any body, signed unless `options.signature` says otherwise; `headers` are added last and win. */
  async raw(
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
    options: SendOptions = {},
  ): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const slackHeaders: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? signSlackRequest(this.signingSecret, timestamp, body),
    };
    if (options.retryNum !== undefined) slackHeaders['x-slack-retry-num'] = String(options.retryNum);
    if (options.retryReason !== undefined) slackHeaders['x-slack-retry-reason'] = options.retryReason;
    const response = await fetch(`${this.baseUrl}${options.path ?? '/slack/events'}`, {
      method: 'POST',
      headers: { ...slackHeaders, ...headers },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      headers: response.headers,
      json: <T>() => JSON.parse(text) as T,
    };
  }
}
