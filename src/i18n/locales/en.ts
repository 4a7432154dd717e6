// English, the reference catalog: every other language has exactly these keys (see ../catalog.ts).
// Keys ending in _one/_other are the plural forms of one key, picked by `count` with Intl.PluralRules.
// Values are mrkdwn: a placeholder such as {{title}} receives text that is already escaped.
export const en = {
  // Shared pieces
  'language.name': 'English',
  'date.fallback': '{{iso}}',
  'list.andMore_one': 'and {{count, number}} more',
  'list.andMore_other': 'and {{count, number}} more',
  'counts.none': 'No one in yet. Be the first?',
  'counts.line': '{{optedIn}}, {{shared}}',
  'counts.in_one': '{{count, number}} in',
  'counts.in_other': '{{count, number}} in',
  'counts.shared_one': '{{count, number}} shared',
  'counts.shared_other': '{{count, number}} shared',
  clicks_one: '{{count, number}} click',
  clicks_other: '{{count, number}} clicks',
  'button.optIn': "I'm in",
  'button.shared': 'I shared it',
  'button.addPostLink': 'Add the link to my post',
  'button.withdraw': 'Withdraw',
  'button.close': 'Close',
  'button.sendThanks': 'Send thanks',
  'button.report': 'Report',
  'button.shareOn': 'Share on {{network}}',
  'button.remindMe': 'Remind me before the deadline',
  'button.tryAgain': 'Try again',
  'button.cancelRequest': 'Cancel request',
  'status.open': 'Open until {{date}}',
  'status.endedAtDeadline': 'Ended at its deadline, {{date}}',
  'status.closed': 'Closed',
  'status.closedOn': 'Closed {{date}}',

  // The request's message in its channel
  'request.untitled': 'A boost request',
  'request.asks': '{{requester}} asks for a boost:',
  'request.where': '*Where:* {{networks}}',
  'request.anywhere': 'anywhere',
  'request.until': '*Until:* {{date}}',
  'request.withNames': 'with {{names}}',
  'request.withNamesAndOthers': 'with {{names}} and others',
  'request.closeConfirm.title': 'Close this request?',
  'request.closeConfirm.text': 'The message keeps its final figures and loses its buttons.',
  'request.closeConfirm.confirm': 'Close it',
  'request.closeConfirm.deny': 'Keep it open',
  'request.optional': 'Helping is optional. Only the person who asked sees who helped, to thank them.',
  'request.fallback.open': 'Boost request from {{requester}}: {{title}} ({{counts}})',
  'request.fallback.closed': 'Closed boost request from {{requester}}: {{title}} ({{counts}})',
  'list.andMoreDot_one': 'and {{count, number}} more.',
  'list.andMoreDot_other': 'and {{count, number}} more.',
  'names.andMore_one': '{{names}} and {{count, number}} more',
  'names.andMore_other': '{{names}} and {{count, number}} more',

  // One person's requests and contributions (App Home, /boost mine)
  'overview.inChannel': '{{title}} in {{channel}}',
  'helpers.post': 'post',
  'helpers.shared': ':white_check_mark: *Shared:* {{names}}',
  'helpers.in': ':raised_hands: *In:* {{names}}',
  'helpers.allThanked': ':sparkles: Everyone who shared has been thanked.',
  'helpers.thankedSoFar_one': ':sparkles: {{count, number}} thanked, {{left, number}} still to thank.',
  'helpers.thankedSoFar_other': ':sparkles: {{count, number}} thanked, {{left, number}} still to thank.',
  'contribution.yourPost': 'your post',
  'contribution.shared': ':white_check_mark: You shared it {{date}}{{post}}',
  'contribution.in': ":raised_hands: You're in since {{date}}",
  'contribution.thanked': ':sparkles: {{requester}} thanked you',
  'contribution.clicks': ':link: {{clicks}} on your link',
  'settings.summary.digest': '*Weekly digest:* {{value}}',
  'settings.summary.digest.auto': 'when there is news about your requests or what you helped with',
  'settings.summary.digest.weekly': 'every Monday, with a few open requests',
  'settings.summary.digest.off': 'off',
  'settings.summary.showName': '*Your name on public request messages:* {{value}}',
  'settings.summary.showName.on': 'shown on the ones you join',
  'settings.summary.showName.off': 'hidden (you are counted, not named)',
  'settings.summary.reminders': '*Reminder offer after you opt in:* {{value}}',
  'settings.summary.on': 'on',
  'settings.summary.off': 'off',
  'settings.summary.language': '*Language:* {{value}}',

  // App Home
  'home.header': ':rocket: Boost',
  'home.welcome':
    "*Welcome to Boost!* It's how colleagues help each other get things seen: a launch, a blog post, a talk, a hard question, a job opening.\n• *Ask:* press *New request* (or type `/boost`) with a link and what would help.\n• *Help, if you like:* press *I'm in* on a request. You get one-click links that open each network's own composer with a wording you can rewrite. Boost never posts for you.\n• *Say thanks:* when people share your request, you see who helped and can thank them in one click.\nHelping is always optional: nobody is told who did not take part, and you can withdraw at any time.",
  'home.tagline': 'Ask colleagues for a boost, help with theirs if you like, and thank those who helped you.',
  'home.newRequest': 'New request',
  'home.settings': 'Settings',
  'home.yourSettings': 'Your settings',
  'home.changeSettings': 'Change settings',
  'home.openRequests': 'Open requests',
  'home.noOpenRequests': 'No open requests right now. Start one with *New request* or `{{command}}`.',
  'home.figuresUntil': '{{counts}} · until {{date}}',
  'home.yourRequest': '_your request_',
  'home.youreIn': ":white_check_mark: you're in",
  'home.yourRequests': 'Your requests',
  'home.onlyYouSeeHelpers': 'Only you see who helped with your requests.',
  'home.yourContributions': 'Your contributions',
  'home.shareButtonsNote':
    "Share buttons open each network's own composer with a suggested wording to make your own. Only you see this list.",

  // Notes at the top of the App Home
  'notice.optedIn':
    ":raised_hands: You're in for {{title}}. Your share links are below, under *Your contributions*. Share when and how you like, in your own words.",
  'notice.shared': ':white_check_mark: Counted as shared: {{title}}. Thank you!',
  'notice.withdrawn': "You're out of {{title}}. No one is told, and nothing about it is kept.",
  'notice.settingsSaved': ':white_check_mark: Your settings are saved.',

  // /boost mine
  'mine.empty':
    'You have no requests or contributions yet. Ask for a boost with `{{command}}`, or see what you could help with using `{{command}} list`.',
  'mine.footer': "Only you can see this. Boost's Home tab has the same, with share links and buttons.",
  'mine.yourRequests_one': '*Your requests* ({{count, number}})',
  'mine.yourRequests_other': '*Your requests* ({{count, number}})',
  'mine.yourContributions_one': '*Your contributions* ({{count, number}})',
  'mine.yourContributions_other': '*Your contributions* ({{count, number}})',
  'mine.requests_one': '{{count, number}} request',
  'mine.requests_other': '{{count, number}} requests',
  'mine.contributions_one': '{{count, number}} contribution',
  'mine.contributions_other': '{{count, number}} contributions',
  'mine.and': ' and ',
  'mine.fallback': 'Your Boost: {{parts}}',

  // /boost help
  'help.unknown': "I don't know `{{word}}`. Here is what I can do:",
  'help.text':
    "*Boost* helps you ask colleagues to share something, and lets those who want to help say so. Nobody is ever pressured.\n• `{{command}}` or `{{command}} &lt;link&gt; [what you need]`: ask for a boost (opens a form).\n• `{{command}} list`: open requests you could help with.\n• `{{command}} mine`: your requests and your contributions.\n• `{{command}} report &lt;number&gt;`: a private report on one of your requests: opt-ins, shares, clicks, who to thank.\n• `{{command}} settings`: weekly digest, showing your name, reminders, language.\n• `{{command}} export`: everything Boost holds about you, as JSON, only for you.\n• `{{command}} forget-me`: delete everything Boost holds about you (asks first).\n• `{{command}} stats`: workspace figures per week, for Boost admins.\n• `{{command}} help`: this message.\nOn a request: *I'm in* gives you share links and a wording to edit, *I shared it* counts your share, *Withdraw* takes you out without telling anyone.",
  'help.fallback': 'How to use Boost',
  'help.fallback.unknown': 'Unknown Boost command; here is the help.',

  // /boost list
  'list.none': 'No open requests right now. Start one with `{{command}}`.',
  'list.heading_one': '*Open requests* ({{count, number}})',
  'list.heading_other': '*Open requests* ({{count, number}})',
  'list.more_one': 'and {{count, number}} more open request, in its channel.',
  'list.more_other': 'and {{count, number}} more open requests, each in its channel.',
  'list.fallback_one': '{{count, number}} open boost request',
  'list.fallback_other': '{{count, number}} open boost requests',

  // The private reply after "I'm in"
  'optIn.statusShared': ':white_check_mark: You shared *{{title}}*. Thank you!',
  'optIn.statusIn': ":raised_hands: You're in for *{{title}}*. Share it when and how you like, in your own words.",
  'optIn.startingPoint': '*A starting point, yours to edit:*\n```{{post}}```',
  'optIn.linkUntil': 'Link: {{link}} · Until {{date}}',
  'optIn.reminderSet': ':alarm_clock: You will get one reminder a day before the deadline.',
  'optIn.onlyYou': 'Only you can see this. Boost never posts for you.',
  'optIn.fallback': "You're in for {{title}}",
  'optIn.personalLink': '*Your personal link:* `{{url}}`{{figure}}',
  'optIn.personalLink.soFar': ' · *{{clicks}}* so far',
  'optIn.personalLink.how': 'It leads to the same page and counts clicks per day, never who clicked.',
  'optIn.personalLink.inButtons': 'The share buttons above already use it.',
  'withdrawn.fallback': 'You withdrew from {{title}}',
  'withdrawn.text': "You're out of {{title}}. No one is told, and nothing about it is kept.",

  // The one reminder
  'reminder.text':
    ':alarm_clock: You asked me to remind you: {{title}} ends {{date}}. Share it if you still want to, in your own words.',
  'reminder.dateFormat': '{date_short_pretty} at {time}',
  'reminder.only': 'This is the only reminder you will get for this request. Helping stays optional.',
  'reminder.fallback': 'Reminder: {{title}} ends soon',

  // Thanks
  'thanks.fallback': '{{requester}} says thank you for sharing {{title}}',
  'thanks.text': ':sparkles: {{requester}} says *thank you* for sharing {{title}}. It made a difference.',
  'thanks.why': 'You get this because you marked the request shared in Boost.',
  'thanks.sent_one': ':sparkles: Thanked {{count, number}} person for sharing {{title}}.',
  'thanks.sent_other': ':sparkles: Thanked {{count, number}} people for sharing {{title}}.',
  'thanks.allDone': 'Everyone who shared {{title}} has been thanked already.',
  'thanks.nobodyShared': 'Nobody has marked {{title}} shared yet, so there is no one to thank yet.',
  'thanks.unreachable_one': '{{count, number}} message could not be delivered (the account may be deactivated).',
  'thanks.unreachable_other': '{{count, number}} messages could not be delivered (the account may be deactivated).',
  'thanks.uncertain_one': '{{count, number}} message may not have arrived; to avoid a duplicate, it is not sent again.',
  'thanks.uncertain_other':
    '{{count, number}} messages may not have arrived; to avoid a duplicate, they are not sent again.',
  'thanks.retryable_one': '{{count, number}} message did not go through; press *Send thanks* again in a while.',
  'thanks.retryable_other': '{{count, number}} messages did not go through; press *Send thanks* again in a while.',

  // The weekly digest
  'digest.header': 'Your week with Boost',
  'digest.stop': 'Stop these digests',
  'digest.why':
    'You get this because you asked for a boost, helped with one, or subscribed. `{{command}} settings` changes it.',
  'digest.yourRequests': '*Your requests*',
  'digest.moreRequests_one': 'and {{count, number}} more of your requests; `{{command}} mine` lists them all.',
  'digest.moreRequests_other': 'and {{count, number}} more of your requests; `{{command}} mine` lists them all.',
  'digest.sharedNote': '(shared)',
  'digest.onYourLink': '{{clicks}} on your link so far',
  'digest.helped': '*You helped with*',
  'digest.thanks': ':sparkles: *Thanks received* for',
  'digest.open': '*Open requests you might like*',
  'digest.moreOpen_one': 'and {{count, number}} more; `{{command}} list` shows every open request.',
  'digest.moreOpen_other': 'and {{count, number}} more; `{{command}} list` shows every open request.',
  'digest.helperShared': 'shared',
  'digest.soFar': '{{clicks}} so far',
  'digest.helpers': 'Helpers: {{names}}',
  'digest.stopped': 'Done: no more Boost digests. To get them again, turn them back on with `{{command}} settings`.',
  'digest.summary': 'Your week with Boost: {{parts}}',
  'digest.summary.requests_one': '{{count, number}} of your requests',
  'digest.summary.requests_other': '{{count, number}} of your requests',
  'digest.summary.helped_one': 'you helped with {{count, number}}',
  'digest.summary.helped_other': 'you helped with {{count, number}}',
  'digest.summary.thanks_one': '{{count, number}} thanks',
  'digest.summary.thanks_other': '{{count, number}} thanks',
  'digest.summary.open_one': '{{count, number}} open requests',
  'digest.summary.open_other': '{{count, number}} open requests',
  'digest.until': 'until {{date}}',
  'digest.ended': 'ended at its deadline',
  'digest.closed': 'closed',

  // Forms
  'modal.save': 'Save',
  'modal.cancel': 'Cancel',
  'modal.ok': 'OK',
  'modal.done': 'Done',
  'modal.close': 'Close',

  // The settings form
  'settings.title': 'Boost settings',
  'settings.digest': 'Weekly digest',
  'settings.digest.auto': 'When there is news for me',
  'settings.digest.autoHint': 'About my requests, or requests I helped with',
  'settings.digest.weekly': 'Every Monday',
  'settings.digest.weeklyHint': 'Also lists a few open requests',
  'settings.digest.off': 'Off',
  'settings.showName': 'Show my name on public request messages',
  'settings.showName.off': 'No, count me without my name',
  'settings.showName.on': 'Yes, show my name',
  'settings.showName.onHint': 'On the requests I join, from now on',
  'settings.showName.hint':
    'The person who asked always sees who helped, to thank you. Everyone else sees counts only.',
  'settings.reminders': 'Offer "Remind me before the deadline" when I join',
  'settings.reminders.on': 'Yes',
  'settings.reminders.onHint': 'One reminder the day before, only if I ask for it',
  'settings.reminders.off': 'No',
  'settings.language': 'Language',
  'settings.language.slack': "Slack's language",
  'settings.language.slackHint': 'The language you chose in Slack',
  'settings.footer':
    'Boost only messages you about what you asked for or took part in. Every digest ends with a one-click "Stop these digests".',

  // The form after "I shared it"
  'shared.title': 'Thanks for sharing',
  'shared.skip': 'Skip',
  'shared.text':
    ':tada: Counted as shared: {{title}}.\nWant to add where you posted it? It is optional, and only the person who asked sees it.',
  'shared.link': 'Link to your post',
  'shared.where': 'Where',
  'shared.chooseNetwork': 'Choose a network',

  // The new-request form
  'newRequest.title.modal': 'Ask for a boost',
  'newRequest.submit': 'Post request',
  'newRequest.link': 'Link',
  'newRequest.linkHint': 'The page people will share: a post, a question, a launch, a job opening.',
  'newRequest.title': 'Title',
  'newRequest.titlePlaceholder': 'A few words, shown as the headline',
  'newRequest.ask': 'What help is needed?',
  'newRequest.askPlaceholder':
    'e.g. Share it with your network if you find it useful, or answer if you know the topic.',
  'newRequest.suggestedText': 'Suggested wording',
  'newRequest.suggestedTextPlaceholder': 'A starting point people can edit. Boost never posts for anyone.',
  'newRequest.suggestedTextHint':
    'Shown to helpers with the disclosure that they work here; they always edit it in their own words.',
  'newRequest.networks': 'Where could it be shared?',
  'newRequest.deadline': 'Deadline',
  'newRequest.pickDate': 'Pick a date',
  'newRequest.channel': 'Post in',
  'newRequest.chooseChannel': 'Choose a channel',
  'newRequest.channelHint': 'Boost must be a member of the channel: type /invite @Boost there first.',
  'newRequest.footer':
    'Helping is always optional. People opt in, share in their own words, and can withdraw at any time.',

  // /boost stats
  'stats.week': 'Week',
  'stats.total': 'Total',
  'stats.requests': 'Requests',
  'stats.helpers': 'Helpers',
  'stats.optIns': 'Opt-ins',
  'stats.shares': 'Shares',
  'stats.fallback_one':
    'Boost in this workspace, last {{count, number}} week: {{requests}} requests, {{optIns}} opt-ins, {{shares}} shares',
  'stats.fallback_other':
    'Boost in this workspace, last {{count, number}} weeks: {{requests}} requests, {{optIns}} opt-ins, {{shares}} shares',
  'stats.heading_one': '*Boost in this workspace, last {{count, number}} week*',
  'stats.heading_other': '*Boost in this workspace, last {{count, number}} weeks*',
  'stats.footer':
    'ISO weeks in UTC. Helpers: people who joined or shared that week (each counted once per week; once in the total). Figures only: Boost never ranks or names people here.',
  'stats.notAdmin':
    'Workspace figures are for Boost admins (listed in BOOST_ADMINS, or Slack workspace admins and owners). Your own requests and contributions are in `{{command}} mine`.',

  // Forget-me and export
  'privacy.plan.requests_one':
    '{{count, number}} request you made{{open}}{{helpers}}. Their channel messages will only say that the request was removed.',
  'privacy.plan.requests_other':
    '{{count, number}} requests you made{{open}}{{helpers}}. Their channel messages will only say that the request was removed.',
  'privacy.plan.stillOpen_one': ' ({{count, number}} still open)',
  'privacy.plan.stillOpen_other': ' ({{count, number}} still open)',
  'privacy.plan.withHelpers_one': ', with the {{count, number}} record of colleagues who joined them',
  'privacy.plan.withHelpers_other': ', with the {{count, number}} records of colleagues who joined them',
  'privacy.plan.participations_one':
    '{{count, number}} time you joined a request{{shares}}. Their counts go down by one.',
  'privacy.plan.participations_other':
    '{{count, number}} times you joined a request{{shares}}. Their counts go down by one.',
  'privacy.plan.withShares_one': ', {{count, number}} share and links to your posts included',
  'privacy.plan.withShares_other': ', {{count, number}} shares and links to your posts included',
  'privacy.plan.trackedLinks_one': '{{count, number}} personal tracked link and their click counts.',
  'privacy.plan.trackedLinks_other': '{{count, number}} personal tracked links and their click counts.',
  'privacy.plan.settings': 'Your settings (digest, showing your name, reminders, language).',
  'privacy.plan.profile': 'What Boost cached from your Slack profile (time zone, language, admin flag).',
  'privacy.plan.digests_one': 'The record of {{count, number}} weekly digest sent to you.',
  'privacy.plan.digests_other': 'The record of {{count, number}} weekly digests sent to you.',
  'privacy.plan.installer': 'Your name as the person who installed Boost here (Boost stays installed).',
  'privacy.removed.requests_one': '{{count, number}} request{{helpers}}; their messages now say they were removed',
  'privacy.removed.requests_other': '{{count, number}} requests{{helpers}}; their messages now say they were removed',
  'privacy.removed.withHelpers_one': ' and {{count, number}} participation of colleagues in them',
  'privacy.removed.withHelpers_other': ' and {{count, number}} participations of colleagues in them',
  'privacy.removed.participations_one': '{{count, number}} participation in requests',
  'privacy.removed.participations_other': '{{count, number}} participations in requests',
  'privacy.removed.trackedLinks_one': '{{count, number}} tracked link with their click counts',
  'privacy.removed.trackedLinks_other': '{{count, number}} tracked links with their click counts',
  'privacy.removed.settings': 'your settings',
  'privacy.removed.profile': 'your cached Slack profile',
  'privacy.removed.digests_one': '{{count, number}} digest record',
  'privacy.removed.digests_other': '{{count, number}} digest records',
  'privacy.removed.closedBy_one': "your name as the person who closed someone else's request",
  'privacy.removed.closedBy_other': 'your name as the person who closed {{count, number}} requests of others',
  'privacy.removed.installer': 'your name as the person who installed Boost (Boost stays installed)',
  'forget.nothingHeld': 'Boost holds nothing about you in this workspace, so there is nothing to delete.',
  'forget.confirm.fallback': 'Delete everything Boost holds about you?',
  'forget.confirm.heading':
    '*Delete everything Boost holds about you in this workspace?*\nThis cannot be undone. What goes:',
  'forget.confirm.footer':
    "Messages Boost already sent you stay in your Slack, under your workspace's retention; Boost keeps no copy. To keep a copy of your data first, run `{{command}} export`.",
  'forget.delete': 'Delete my data',
  'forget.keep': 'Keep my data',
  'forget.nothingMore': 'Boost held nothing more about you, so nothing else was deleted.',
  'forget.done.fallback': 'Boost deleted what it held about you.',
  'forget.done.heading': ':wastebasket: *Done. Boost deleted what it held about you:*',
  'forget.done.footer': 'If you use Boost again, it starts from nothing.',
  'forget.kept': 'Nothing was deleted.',
  'removed.header': ':wastebasket: Request removed',
  'removed.text': 'This boost request was removed, and Boost no longer holds anything about it.',
  'export.part': ' (part {{part, number}} of {{total, number}})',
  'export.intro':
    '*Your Boost data*{{label}}, as JSON. Only you can see this. If it comes in several blocks, copy them in order.',
  'export.title': 'Your Boost data{{label}}',

  // Refusals
  'refusal.notFound': 'That request no longer exists.',
  'refusal.notOpen': 'That request is closed, so it no longer takes help. Thank you for wanting to!',
  'refusal.notAllowed': 'Only the person who asked (or a Boost admin) can do that.',
  'refusal.duplicate': 'Already done.',
  'refusal.tooLateToRemind': 'Less than a day is left before the deadline, so there is nothing left to remind you of.',
  'refusal.tooManyOpen_one':
    'You already have {{count, number}} open request, the most anyone can have at once, so channels stay calm. Close one, or let it reach its deadline, to ask for something new.',
  'refusal.tooManyOpen_other':
    'You already have {{count, number}} open requests, the most anyone can have at once, so channels stay calm. Close one, or let it reach its deadline, to ask for something new.',
  'formNotOpened.auth':
    "I couldn't open the form: Slack refused Boost's access (`{{code}}`). Nothing was saved. Please tell whoever runs Boost in your workspace.",
  'formNotOpened.transient':
    'Slack had a problem opening the form (`{{code}}`). Please run the command again in a moment.',
  'formNotOpened.expired': 'Slack did not let me open the form in time. Please run the command again.',

  // A request not in its channel yet
  'unposted.posting': "I'm posting it in {{channel}} right now.",
  'unposted.cause.ratelimited': 'Slack asked Boost to slow down for a moment.',
  'unposted.cause.auth': "Slack refused Boost's access ({{code}}); please tell whoever runs Boost.",
  'unposted.cause.problem': 'Slack had a problem ({{code}}).',
  'unposted.willRetry':
    "I'll try again by myself and post it in {{channel}} as soon as Slack lets me. Nobody else sees it until then.",
  'unposted.unconfirmed.timeout': 'Slack did not confirm in time that it was posted in {{channel}}.',
  'unposted.unconfirmed.noAnswer': 'Slack never confirmed that it was posted in {{channel}}.',
  'unposted.unconfirmed.problem':
    'Slack had a problem ({{code}}) and did not confirm that it was posted in {{channel}}.',
  'unposted.unconfirmed.advice':
    "If you see it there, there is nothing to do. If you don't see it there, press *Try again*.",
  'unposted.notInChannel':
    "I'm not a member of {{channel}}. Type `/invite @Boost` in that channel, then press *Try again*.",
  'unposted.channelNotFound':
    "I can't see {{channel}}. If it is private, type `/invite @Boost` there, then press *Try again*.",
  'unposted.archived': '{{channel}} is archived. Cancel this one and ask again in another channel.',
  'unposted.other': 'Slack said ({{code}}). Press *Try again* in a moment.',
  'unposted.status': ':warning: _Not in {{channel}} yet, so nobody else sees it._',
  'unposted.fallback': 'Your boost request could not be posted in {{channel}}.',
  'unposted.saved': ':warning: Your request {{title}} is saved, but I could not post it.',
  'unposted.postedLater': ':white_check_mark: Your request {{title}} is now posted in {{channel}}.',
  'unposted.alreadyPosted': 'Already posted in {{channel}}.',
  'unposted.postedNow': ':white_check_mark: Posted in {{channel}}.',
  'unposted.stillNot': 'Still could not post it; see my newer message.',
  'unposted.closed': 'Request closed.',
  'unposted.cancelledUnconfirmed': 'Request cancelled. If its message did reach the channel, it no longer takes help.',
  'unposted.cancelled': 'Request cancelled. Nothing was posted.',

  // A request's report
  'report.title': 'Boost report',
  'report.header': 'Report: {{title}}',
  'report.summary': '{{title}} in {{channel}}, asked {{date}}, {{status}}',
  'report.open': 'open until {{date}}',
  'report.ended': 'ended at its deadline, {{date}}',
  'report.closed': 'closed',
  'report.closedOn': 'closed {{date}}',
  'report.figures.in_one': '*{{count, number}}* in',
  'report.figures.in_other': '*{{count, number}}* in',
  'report.figures.shared_one': '*{{count, number}}* shared',
  'report.figures.shared_other': '*{{count, number}}* shared',
  'report.helperShared': 'shared{{where}} {{date}}',
  'report.helperIn': 'in since {{date}}',
  'report.helperThanked': ':sparkles: thanked',
  'report.clicks.off':
    '*Clicks*\nPersonal links are off in this workspace, so clicks are not counted (an admin can set `PUBLIC_BASE_URL`).',
  'report.clicks.none': '*Clicks*\nNo clicks on personal links yet.',
  'report.clicks.earlier_one': 'Earlier: {{count, number}}',
  'report.clicks.earlier_other': 'Earlier: {{count, number}}',
  'report.clicks.byDay': '*Clicks by day* (UTC), {{clicks}} in all',
  'report.footnote':
    'Only you can see this report. Helpers are listed in the order they joined. Clicks are counted per personal link and per day; nothing about who clicked is stored, and link previews are not counted.',
  'report.nobodyYet': 'No one has joined yet. Reports fill in as colleagues opt in and share.',
  'report.sharesByNetwork': '*Shares by network*',
  'report.networkNotSaid': 'Not said',
  'report.noShares': 'No shares marked yet.',
  'report.helpers': '*Helpers*',
  'report.toThank': '*To thank:*',
  'report.fallback': 'Report: {{title}} ({{optedIn}} in, {{shared}} shared)',
  'report.picker.none': 'You have no requests yet, so there is no report to show. Ask for a boost with `{{command}}`.',
  'report.picker.heading':
    '*Which request?* Reports show opt-ins, shares by network, clicks by day and helpers to thank.',
  'report.picker.tip': 'Tip: `{{command}} report {{id}}` shows one report directly.',
  'report.picker.more_one': 'and {{count, number}} more; `{{command}} report &lt;number&gt;` shows any of them.',
  'report.picker.more_other': 'and {{count, number}} more; `{{command}} report &lt;number&gt;` shows any of them.',
  'report.picker.fallback': 'Which request would you like a report on?',
  'report.notAllowed':
    'Only the person who asked for this boost can see its report (and Boost admins). The channel message shows its totals.',
  'report.notFound': 'I could not find that request. `{{command}} report` lists yours.',
  'report.notOpened': 'Slack did not let me open the report in time. Please press Report again.',

  // Field errors in the new-request form and the form after "I shared it"
  'validation.voteRing':
    'This site bans coordinated voting (vote rings). Ask people to share it, answer or comment instead of voting.',
  'validation.url.missing': 'Add the link you would like people to see.',
  'validation.title.invisible': 'The title has no visible characters. Type a few words, or leave it empty.',
  'validation.ask.missing': 'Say what help you need, in a sentence or two people can read.',
  'validation.networks.none': 'Pick at least one network where people could share it.',
  'validation.url.notAddress':
    "That doesn't look like a web address. Paste the full link, including the https:// at the start.",
  'validation.url.notWeb': 'Only web links (http:// or https://) can be shared, not {{protocol}} links.',
  'validation.url.credentials':
    'Remove the user name or password from the link (the part before @) so it is safe to share.',
  'validation.url.internal':
    'That address is on an internal network, which nobody outside can open. Use the public address of the page.',
  'validation.url.noDomain': 'Use the public address of the page, with a full domain name such as example.com.',
  'validation.field.title': 'The title',
  'validation.field.ask': 'The ask',
  'validation.field.suggestedText': 'The suggested wording',
  'validation.field.link': 'The link',
  'validation.tooLong_one':
    '{{field}} can be at most {{limit, number}} characters. Please cut {{count, number}} character.',
  'validation.tooLong_other':
    '{{field}} can be at most {{limit, number}} characters. Please cut {{count, number}} characters.',
  'validation.channel.missing': 'Choose the channel where your request should appear.',
  'validation.channel.notChannel': 'Pick a public or private channel. Requests cannot go to direct messages.',
  'validation.deadline.invalid': 'Pick the deadline from the calendar, as a date such as 2026-05-31.',
  'validation.deadline.past': 'The deadline is in the past. Pick today or a later date.',
  'validation.deadline.tooFar': 'Pick a deadline within a year from today.',

  // Short private notes
  'note.notInAnyMore': "You're not in this request any more.",
  'note.countedShared': 'Counted as shared. Thank you!',
  'note.onlyRequesterThanks': 'Only the person who asked can send thanks for a request.',
  'note.settingsNotOpened': 'Slack did not let me open your settings in time. Please run the command again.',
  'note.databaseUnavailable':
    "Boost can't reach its database right now, so nothing was done. Please try again in a moment.",
  'note.databaseUnavailableClick':
    "Boost can't reach its database right now, so your click was *not* counted. Please click again in a moment.",
  'note.databaseSlowClick':
    "Boost's database is slow to answer, so your click may not have been saved yet. Check in a moment, and click again if it wasn't: clicking twice never does anything twice.",
  'note.databaseUnavailableForm':
    "Boost can't reach its database right now, so nothing was saved. Your form is as you left it: please submit it again in a moment.",
  'note.somethingWentWrong': "Something went wrong on Boost's side. Please try again in a moment.",
  'note.notInUse': 'That is no longer in use in Boost. Try `{{command}}` for what you can do now.',

  // The wording helpers start from: the disclosure that they work here (DISCLOSURE_TEXT, when set, replaces it)
  disclosure: '(I work here.)',

  // The pages of personal links (/r/…)
  'page.notFound.title': 'Link not found',
  'page.notFound.text': 'This link does not exist, or no longer does.',
  'page.unavailable.title': 'Try again',
  'page.unavailable.text': 'This link cannot be opened right now. Please try again in a moment.',

  // The install pages ("Add to Slack")
  'install.title': 'Add Boost to Slack',
  'install.intro':
    'Boost turns "could everyone please share this?" into an opt-in request. Colleagues who want to help click "I\'m in", share it on their own accounts in their own words, and get thanked. Boost never messages anyone who has not acted first, never names or counts people who did not take part, and never posts on anyone\'s behalf.',
  'install.scopes': 'It asks Slack for these permissions, and no others:',
  'install.scope.commands': 'the {{command}} command and the two shortcuts that start a request',
  'install.scope.chatWrite':
    'post and update requests in channels you invite Boost to, reply privately to whoever clicked, and send the digests and reminders people asked for',
  'install.scope.usersRead':
    "each person's time zone (digests at their local morning), their Slack language, and whether they are an admin",
  'install.button': 'Add to Slack',
  'install.grid':
    'An admin of an Enterprise Grid organisation can install Boost once for the whole organisation from the same button.',
  'installed.title': 'Boost is installed',
  'installed.done': 'Boost is now installed.',
  'installed.in': 'Boost is now installed in {{workspace}}.',
  'installed.orgWide':
    'It is installed for your whole organisation: an admin enables it for each workspace that should have it.',
  'installed.next': 'What to do next:',
  'installed.invite': 'Invite Boost to a channel where people ask for help: {{invite}}.',
  'installed.ask': 'Type {{command}} there to ask for your first boost, or {{help}} to see what it does.',
  'installed.close': 'You can close this page.',
  'installFailed.title': 'Boost was not installed',
  'installFailed.again': 'Start again',
  'installFailed.cancelled': 'You cancelled the install in Slack, so Boost was not installed. Nothing was stored.',
  'installFailed.expired':
    'This install link has expired, was already used, or was started in another browser, so Boost was not installed. Nothing was stored.',
  'installFailed.refused':
    'Slack did not confirm the install (the approval may have expired or been used already), so Boost was not installed. Nothing was stored.',
  'installFailed.failed': 'Something went wrong while installing Boost, so it was not installed. Nothing was stored.',
} as const;
