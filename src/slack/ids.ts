/** Every id Slack echoes back to us, in one place so the manifest, listeners, views and tests agree. */
export const COMMAND = '/boost';
export const SHORTCUTS = { fromMessage: 'boost_from_message', newRequest: 'boost_new_request' } as const;

/** Buttons. Their `value` carries the request id. */
export const ACTIONS = {
  optIn: 'boost_opt_in',
  markShared: 'boost_mark_shared',
  withdraw: 'boost_withdraw',
  close: 'boost_close',
  remindMe: 'boost_remind_me',
  shareLink: 'boost_share_link',
  retryPost: 'boost_retry_post',
  cancelUnposted: 'boost_cancel_unposted',
  sendThanks: 'boost_send_thanks',
  stopDigests: 'boost_stop_digests',
  openSettings: 'boost_open_settings',
  newRequest: 'boost_home_new_request',
} as const;

/** Modals, by callback_id. */
export const VIEWS = {
  newRequest: 'boost_new_request_modal',
  shared: 'boost_shared_modal',
  settings: 'boost_settings_modal',
} as const;

/** Input blocks of the new-request modal; field errors are keyed by these. */
export const REQUEST_FIELDS = {
  url: 'request_url',
  title: 'request_title',
  ask: 'request_ask',
  suggestedText: 'request_suggested_text',
  networks: 'request_networks',
  deadline: 'request_deadline',
  channelId: 'request_channel',
} as const;

/** Input blocks of the "I shared it" modal. */
export const SHARED_FIELDS = {
  shareUrl: 'shared_url',
  network: 'shared_network',
} as const;

/** Each input block holds one element whose action_id is `value`. */
export const INPUT_ACTION = 'value';
