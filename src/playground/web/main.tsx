import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Ephemeral, Message, Person } from '../snapshot.ts';
import { fetchState, post, type State, watch } from './api.ts';
import { Blocks, ConfirmDialog, type Directory, type Json } from './blocks.tsx';
import { Modal } from './modal.tsx';
import { Mrkdwn } from './mrkdwn.tsx';
import { formatDateToken, type Reader } from './slack-text.ts';
import './styles.css';

// The playground's page: a small Slack workspace. One colleague at a time, or two side by side; each pane has its
// channels, Boost's App Home (Home and Messages tabs), its modal and its notices.

type Place = { kind: 'channel'; id: string } | { kind: 'app'; tab: 'home' | 'messages' };
interface PaneState {
  viewer: string;
  place: Place;
}

const FIRST_PANES: PaneState[] = [
  { viewer: 'U0ADA0001', place: { kind: 'channel', id: 'C0LAUNCH02' } },
  { viewer: 'U0BEN0002', place: { kind: 'channel', id: 'C0LAUNCH02' } },
];

/** Runs an action; a failure is shown in the page's status line, never lost. */
type Run = (work: () => Promise<unknown>) => void;

function App() {
  const [state, setState] = useState<State>();
  const [fetchedAt, setFetchedAt] = useState(Date.now());
  const [panes, setPanes] = useState(FIRST_PANES);
  const [split, setSplit] = useState(false);
  const [status, setStatus] = useState('');
  const [resetting, setResetting] = useState(false);
  const [, tick] = useState(0);
  const loading = useRef<Promise<void> | undefined>(undefined);
  const stale = useRef(false);

  const refresh = useCallback(() => {
    if (loading.current) {
      stale.current = true;
      return;
    }
    loading.current = fetchState()
      .then((next) => {
        setState(next);
        setFetchedAt(Date.now());
      })
      .catch(() => setStatus('The playground stopped answering. Is `npm run playground` still running?'))
      .finally(() => {
        loading.current = undefined;
        if (stale.current) {
          stale.current = false;
          refresh();
        }
      });
  }, []);

  useEffect(() => watch(refresh), [refresh]);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 15_000);
    return () => clearInterval(timer);
  }, []);

  const run: Run = useCallback((work) => {
    setStatus('');
    work().catch((error: unknown) => setStatus(error instanceof Error ? error.message : String(error)));
  }, []);

  if (!state) return <p class="loading">Starting the workspace…</p>;
  const now = state.now + (Date.now() - fetchedAt);
  const shown = split ? panes : panes.slice(0, 1);
  const clockReader = readerFor(
    state,
    state.people.find((p) => p.id === panes[0]?.viewer),
    now,
  );
  const updatePane = (index: number, change: Partial<PaneState>) =>
    setPanes((current) => current.map((pane, i) => (i === index ? { ...pane, ...change } : pane)));

  const jump = (to: string) =>
    run(async () => {
      const { note } = await post('clock', { jump: to });
      setStatus(String(note ?? ''));
    });

  return (
    <div class="playground">
      <header class="topbar">
        <h1>
          Boost playground <span class="workspace-name">· {state.team.name}</span>
        </h1>
        <div class="clock">
          <span class="clock-now">
            <span class="visually-hidden">The workspace clock: </span>
            <time>{formatDateToken(`!date^${Math.floor(now / 1000)}^{date_long} {time}`, undefined, clockReader)}</time>
            <span class="clock-zone"> ({clockReader.tz})</span>
          </span>
          <fieldset class="clock-buttons">
            <legend class="visually-hidden">Move the clock</legend>
            <button type="button" class="button" onClick={() => jump('digest')}>
              Next Monday 09:00
            </button>
            <button type="button" class="button" onClick={() => jump('reminders')}>
              A day before the deadline
            </button>
            <button type="button" class="button" onClick={() => jump('expiry')}>
              Past the deadline
            </button>
          </fieldset>
        </div>
        <div class="topbar-actions">
          <button type="button" class="button" aria-pressed={split} onClick={() => setSplit(!split)}>
            Side by side
          </button>
          <button type="button" class="button button-danger" onClick={() => setResetting(true)}>
            Reset
          </button>
        </div>
      </header>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <main class={`panes${split ? ' split' : ''}`}>
        {shown.map((pane, index) => (
          <Pane
            key={index}
            index={index}
            pane={pane}
            state={state}
            now={now}
            run={run}
            onChange={(change) => updatePane(index, change)}
          />
        ))}
      </main>
      {resetting && (
        <ConfirmDialog
          confirm={{
            title: { type: 'plain_text', text: 'Reset the playground?' },
            text: {
              type: 'plain_text',
              text: 'Every request, message and setting is deleted, and the clock goes back to now.',
            },
            confirm: { type: 'plain_text', text: 'Reset' },
            deny: { type: 'plain_text', text: 'Cancel' },
            style: 'danger',
          }}
          onClose={(confirmed) => {
            setResetting(false);
            if (confirmed) run(() => post('reset', { confirm: true }).then(() => setPanes(FIRST_PANES)));
          }}
        />
      )}
    </div>
  );
}

function readerFor(state: State, viewer: Person | undefined, now: number): Reader {
  return {
    tz: viewer?.tz ?? 'UTC',
    now,
    userName: (id) => (id === state.bot.userId ? state.bot.name : state.people.find((p) => p.id === id)?.realName),
    channelName: (id) => state.channels.find((c) => c.id === id)?.name,
  };
}

interface PaneProps {
  index: number;
  pane: PaneState;
  state: State;
  now: number;
  run: Run;
  onChange(change: Partial<PaneState>): void;
}

function Pane({ index, pane, state, now, run, onChange }: PaneProps) {
  // The workspace always has people; the first stands in for one who is not there.
  const viewer = state.people.find((person) => person.id === pane.viewer) ?? (state.people[0] as Person);
  const reader = useMemo(() => readerFor(state, viewer, now), [state, viewer, now]);
  const user = viewer.id;
  const prefix = `p${index}`;
  const modal = state.modals[user];
  const notice = state.notices[user];
  const currentChannel = pane.place.kind === 'channel' ? pane.place.id : state.dmChannels[user];
  const open = modal !== undefined;
  // Back where the person was (the composer, the button) once a form is gone, as Slack does.
  const lastFocus = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open && lastFocus.current?.isConnected) lastFocus.current.focus();
    wasOpen.current = open;
  }, [open]);
  const directory: Directory = {
    reader,
    channels: state.channels,
    people: state.people,
    currentChannel: modal?.channel,
  };

  const openApp = (tab: 'home' | 'messages') => {
    onChange({ place: { kind: 'app', tab } });
    run(() => post('open-app-home', { user, tab }));
  };

  return (
    <section
      class="pane"
      aria-label={`Slack as ${viewer.realName}`}
      onFocusIn={(e) => {
        if (!open) lastFocus.current = e.target as HTMLElement;
      }}
    >
      {/* While a form is open the rest of the pane cannot be reached, by mouse or keyboard, as under Slack's modals. */}
      <nav class="sidebar" aria-label={`${viewer.realName}'s workspace`} inert={!!modal}>
        <label class="viewer-label" for={`${prefix}-viewer`}>
          You are
        </label>
        <select id={`${prefix}-viewer`} value={user} onChange={(e) => onChange({ viewer: e.currentTarget.value })}>
          {state.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.realName}
            </option>
          ))}
        </select>
        <p class="viewer-role">
          {viewer.title}
          {viewer.isAdmin ? ', workspace admin' : ''}
        </p>
        <h2 class="sidebar-heading">Channels</h2>
        <ul>
          {state.channels.map((channel) => (
            <li key={channel.id}>
              <button
                type="button"
                class="sidebar-item"
                aria-current={pane.place.kind === 'channel' && pane.place.id === channel.id ? 'page' : undefined}
                onClick={() => onChange({ place: { kind: 'channel', id: channel.id } })}
              >
                # {channel.name}
              </button>
            </li>
          ))}
        </ul>
        <h2 class="sidebar-heading">Apps</h2>
        <ul>
          <li>
            <button
              type="button"
              class="sidebar-item"
              aria-current={pane.place.kind === 'app' ? 'page' : undefined}
              onClick={() => openApp('home')}
            >
              ⚡ Boost
            </button>
          </li>
        </ul>
      </nav>
      <div class="content" inert={!!modal}>
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        {pane.place.kind === 'channel' ? (
          <ChannelView
            channelId={pane.place.id}
            user={user}
            state={state}
            directory={directory}
            prefix={prefix}
            run={run}
          />
        ) : (
          <AppHome
            tab={pane.place.tab}
            user={user}
            state={state}
            directory={{ ...directory, currentChannel }}
            prefix={prefix}
            run={run}
            openTab={openApp}
          />
        )}
      </div>
      {modal && (
        <Modal
          key={`${modal.view.id}:${modal.view.hash}`}
          modal={modal}
          directory={directory}
          idPrefix={`${prefix}-modal`}
          onSubmit={(values) => post('submit', { user, viewId: modal.view.id, values }).then(() => undefined)}
          onClose={() => run(() => post('close-modal', { user, viewId: modal.view.id }))}
          onAction={(blockId, action) =>
            run(() => click(user, { kind: 'modal', viewId: modal.view.id }, blockId, action))
          }
        />
      )}
    </section>
  );
}

function click(user: string, surface: Json, blockId: string, action: Json) {
  return post('click', { user, surface, actionId: String(action.action_id), blockId, action });
}

interface ChannelProps {
  channelId: string;
  user: string;
  state: State;
  directory: Directory;
  prefix: string;
  run: Run;
}

function ChannelView({ channelId, user, state, directory, prefix, run }: ChannelProps) {
  const channel = state.channels.find((c) => c.id === channelId);
  const [typed, setTyped] = useState('');
  const [shortcuts, setShortcuts] = useState(false);
  const items = [
    ...(state.messages[channelId] ?? []).map((message) => ({ message, ephemeral: false })),
    ...state.ephemerals
      .filter((e) => e.viewer === user && e.channel === channelId)
      .map((message) => ({ message, ephemeral: true })),
  ].sort((a, b) => Number(a.message.ts) - Number(b.message.ts));
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [items.length]);
  if (!channel) return null;

  const send = (event: Event) => {
    event.preventDefault();
    const text = typed.trim();
    if (text === '') return;
    setTyped('');
    run(() => post('type', { user, channel: channelId, text }));
  };

  return (
    <div class="conversation">
      <header class="conversation-header">
        <h2># {channel.name}</h2>
        <p>{channel.topic}</p>
      </header>
      <ol class="messages" ref={list} aria-label={`Messages in #${channel.name}`}>
        {items.map(({ message, ephemeral }) => (
          <MessageView
            key={message.ts}
            message={message}
            ephemeral={ephemeral}
            state={state}
            directory={directory}
            prefix={`${prefix}-${message.ts.replace('.', '')}`}
            onAction={(blockId, action) =>
              run(() =>
                click(
                  user,
                  ephemeral
                    ? { kind: 'ephemeral', ts: message.ts }
                    : { kind: 'message', channel: channelId, ts: message.ts },
                  blockId,
                  action,
                ),
              )
            }
            onShortcut={
              ephemeral
                ? undefined
                : () => run(() => post('message-shortcut', { user, channel: channelId, ts: message.ts }))
            }
            onDismiss={ephemeral ? () => run(() => post('dismiss', { user, ts: message.ts })) : undefined}
          />
        ))}
      </ol>
      <form class="composer" onSubmit={send}>
        <label class="visually-hidden" for={`${prefix}-composer`}>
          Message #{channel.name}
        </label>
        <input
          id={`${prefix}-composer`}
          autocomplete="off"
          placeholder={`Message #${channel.name}, or /boost https://… what you need`}
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <button type="submit" class="button button-primary">
          Send
        </button>
        <div class="shortcuts">
          <button
            type="button"
            class="button"
            aria-expanded={shortcuts}
            aria-controls={`${prefix}-shortcuts`}
            onClick={() => setShortcuts(!shortcuts)}
          >
            Shortcuts
          </button>
          {shortcuts && (
            <ul id={`${prefix}-shortcuts`} class="menu">
              <li>
                <button
                  type="button"
                  class="menu-item"
                  onClick={() => {
                    setShortcuts(false);
                    run(() => post('global-shortcut', { user }));
                  }}
                >
                  New boost request
                </button>
              </li>
            </ul>
          )}
        </div>
      </form>
      <p class="composer-hint">
        Try <code>/boost https://example.com/post Please share</code>, or <code>/boost help</code>.
      </p>
    </div>
  );
}

interface MessageProps {
  message: Message | Ephemeral;
  ephemeral: boolean;
  state: State;
  directory: Directory;
  prefix: string;
  onAction(blockId: string, action: Json): void;
  onShortcut?: () => void;
  onDismiss?: () => void;
}

function MessageView({ message, ephemeral, state, directory, prefix, onAction, onShortcut, onDismiss }: MessageProps) {
  const fromBoost = message.user === state.bot.userId;
  const author = fromBoost
    ? state.bot.name
    : (state.people.find((p) => p.id === message.user)?.realName ?? message.user);
  const seconds = Math.floor(Number(message.ts));
  return (
    <li class={`message${ephemeral ? ' ephemeral' : ''}`}>
      <span class={`avatar${fromBoost ? ' avatar-app' : ''}`} aria-hidden="true">
        {fromBoost ? '⚡' : author.slice(0, 1)}
      </span>
      <div class="message-body">
        <p class="message-meta">
          <strong>{author}</strong>
          {fromBoost && <span class="badge">App</span>}
          <time>{formatDateToken(`!date^${seconds}^{time}`, undefined, directory.reader)}</time>
          {message.edited && <span class="edited">(edited)</span>}
        </p>
        {ephemeral && (
          <p class="only-you">
            <span aria-hidden="true">👁</span> Only visible to you
          </p>
        )}
        {message.blocks && message.blocks.length > 0 ? (
          <Blocks blocks={message.blocks} directory={directory} idPrefix={prefix} onAction={onAction} />
        ) : (
          <div class="message-text">
            <Mrkdwn text={message.text} reader={directory.reader} />
          </div>
        )}
        <div class="message-tools">
          {onShortcut && (
            <button type="button" class="link-button" onClick={onShortcut}>
              Ask for a boost
            </button>
          )}
          {onDismiss && (
            <button type="button" class="link-button" onClick={onDismiss}>
              Dismiss message
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

interface AppHomeProps {
  tab: 'home' | 'messages';
  user: string;
  state: State;
  directory: Directory;
  prefix: string;
  run: Run;
  openTab(tab: 'home' | 'messages'): void;
}

function AppHome({ tab, user, state, directory, prefix, run, openTab }: AppHomeProps) {
  const home = state.homes[user];
  const dm = state.dmChannels[user] ?? '';
  const messages = state.messages[dm] ?? [];
  return (
    <div class="conversation app-home">
      <header class="conversation-header">
        <h2>⚡ Boost</h2>
        <div class="tabs" role="tablist" aria-label="Boost">
          {(['home', 'messages'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${prefix}-tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`${prefix}-tabpanel`}
              class="tab"
              onClick={() => openTab(name)}
            >
              {name === 'home' ? 'Home' : 'Messages'}
            </button>
          ))}
        </div>
      </header>
      <div class="tabpanel" role="tabpanel" id={`${prefix}-tabpanel`} aria-labelledby={`${prefix}-tab-${tab}`}>
        {tab === 'home' ? (
          home ? (
            <Blocks
              blocks={home.blocks}
              directory={directory}
              idPrefix={`${prefix}-home`}
              onAction={(blockId, action) => run(() => click(user, { kind: 'home' }, blockId, action))}
            />
          ) : (
            <p class="empty">Boost is preparing your Home…</p>
          )
        ) : (
          <>
            <ol class="messages" aria-label="Messages from Boost">
              {messages.map((message) => (
                <MessageView
                  key={message.ts}
                  message={message}
                  ephemeral={false}
                  state={state}
                  directory={directory}
                  prefix={`${prefix}-${message.ts.replace('.', '')}`}
                  onAction={(blockId, action) =>
                    run(() => click(user, { kind: 'message', channel: dm, ts: message.ts }, blockId, action))
                  }
                />
              ))}
            </ol>
            {messages.length === 0 && (
              <p class="empty">
                No messages yet. Digests, reminders and thanks arrive here, only for people who took part.
              </p>
            )}
            <p class="composer-hint">Sending messages to this app has been turned off.</p>
          </>
        )}
      </div>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
