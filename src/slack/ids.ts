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
  // The same buttons on the Home tab. Homes already published carry these ids; their handlers are the message's, which
  // answer on the Home when a click has no response_url.
  homeOptIn: 'boost_home_opt_in',
  homeMarkShared: 'boost_home_mark_shared',
  homeWithdraw: 'boost_home_withdraw',
  // `/boost forget-me` asks first; the deletion is for whoever clicks, so the value carries nothing.
  forgetMe: 'boost_forget_me',
  keepMyData: 'boost_keep_my_data',
  // The requester's private report on one request (App Home, `/boost mine`, `/boost report`); opens a modal.
  report: 'boost_report',
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

/** Input blocks of the settings modal. */
export const SETTINGS_FIELDS = {
  digest: 'settings_digest',
  showName: 'settings_show_name',
  reminders: 'settings_reminders',
  language: 'settings_language',
} as const;
