import { describe, expect, it } from 'vitest';
import { blocksTooLong, checkBlocks, checkView } from '../../src/playground/block-kit-limits.ts';
import { fixture } from '../../src/playground/fixtures.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Go'),
  ...extra,
});
const option = (text: string, value = text) => ({ text: plain(text), value });
const input = (element: Record<string, unknown>) => ({ type: 'input', block_id: 'in', label: plain('Label'), element });
const modal = (extra: Record<string, unknown>) => ({ type: 'modal', title: plain('Boost'), blocks: [], ...extra });
const pointers = (messages: string[]) => messages.map((m) => /\[json-pointer:(.*)\]$/.exec(m)?.[1]);

describe('Block Kit limits', () => {
  it('accepts every block and view captured from Slack in the fixtures', () => {
    const blockSets = [
      fixture<{ message: { blocks: unknown } }>('interactive.block_actions.json').message.blocks,
      fixture<{ message: { blocks: unknown } }>('interactive.message_action.json').message.blocks,
      fixture<{ message: { blocks: unknown } }>('api.chat.update.real.json').message.blocks,
    ];
    for (const blocks of blockSets) expect(checkBlocks(blocks, 'message')).toEqual([]);
    const views = [
      fixture<{ view: unknown }>('api.views.open.json').view,
      fixture<{ view: unknown }>('api.views.update.json').view,
      fixture<{ view: unknown }>('api.views.publish.json').view,
      fixture<{ view: unknown }>('interactive.block_suggestion.json').view,
      fixture<{ view: unknown }>('interactive.view_submission.json').view,
    ];
    for (const view of views) expect(checkView(view)).toEqual([]);
  });

  it.each([
    ['header text in mrkdwn', [{ type: 'header', text: mrkdwn('*Hi*') }], '/blocks/0/text/type'],
    ['header text of 151 characters', [{ type: 'header', text: plain('h'.repeat(151)) }], '/blocks/0/text/text'],
    ['an empty section text', [{ type: 'section', text: mrkdwn('') }], '/blocks/0/text/text'],
    ['a section with neither text nor fields', [{ type: 'section' }], '/blocks/0'],
    ['11 section fields', [{ type: 'section', fields: Array(11).fill(mrkdwn('f')) }], '/blocks/0/fields'],
    [
      'a field of 2001 characters',
      [{ type: 'section', fields: [mrkdwn('f'.repeat(2001))] }],
      '/blocks/0/fields/0/text',
    ],
    ['11 context elements', [{ type: 'context', elements: Array(11).fill(mrkdwn('c')) }], '/blocks/0/elements'],
    [
      '26 action elements',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }],
      '/blocks/0/elements',
    ],
    [
      'a button text of 76 characters',
      [{ type: 'actions', elements: [{ ...button('b'), text: plain('x'.repeat(76)) }] }],
      '/blocks/0/elements/0/text/text',
    ],
    [
      'a button value of 2001 characters',
      [{ type: 'actions', elements: [button('b', { value: 'v'.repeat(2001) })] }],
      '/blocks/0/elements/0/value',
    ],
    [
      'a button url of 3001 characters',
      [{ type: 'section', text: mrkdwn('s'), accessory: button('b', { url: 'u'.repeat(3001) }) }],
      '/blocks/0/accessory/url',
    ],
    [
      'an action_id of 256 characters',
      [{ type: 'actions', elements: [button('a'.repeat(256))] }],
      '/blocks/0/elements/0/action_id',
    ],
    [
      'a repeated action_id in one block',
      [{ type: 'actions', elements: [button('same'), button('same')] }],
      '/blocks/0/elements/1/action_id',
    ],
    ['a block_id of 256 characters', [{ type: 'divider', block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
    [
      'a repeated block_id',
      [
        { type: 'divider', block_id: 'd' },
        { type: 'divider', block_id: 'd' },
      ],
      '/blocks/1/block_id',
    ],
    ['an unknown block type', [{ type: 'banner' }], '/blocks/0/type'],
    [
      'an unknown element type',
      [{ type: 'actions', elements: [{ type: 'slider', action_id: 's' }] }],
      '/blocks/0/elements/0/type',
    ],
    [
      '11 checkbox options',
      [input({ type: 'checkboxes', action_id: 'c', options: Array(11).fill(option('o')) })],
      '/blocks/0/element/options',
    ],
    [
      'an option text of 76 characters',
      [input({ type: 'static_select', action_id: 's', options: [option('o'.repeat(76), 'v')] })],
      '/blocks/0/element/options/0/text/text',
    ],
    [
      'an option value of 151 characters',
      [input({ type: 'static_select', action_id: 's', options: [option('o', 'v'.repeat(151))] })],
      '/blocks/0/element/options/0/value',
    ],
    [
      '101 select options',
      [input({ type: 'static_select', action_id: 's', options: Array(101).fill(option('o')) })],
      '/blocks/0/element/options',
    ],
    [
      'an input label in mrkdwn',
      [{ ...input({ type: 'plain_text_input', action_id: 'p' }), label: mrkdwn('L') }],
      '/blocks/0/label/type',
    ],
    [
      'an input label of 2001 characters',
      [{ ...input({ type: 'plain_text_input', action_id: 'p' }), label: plain('l'.repeat(2001)) }],
      '/blocks/0/label/text',
    ],
    [
      'a hint of 2001 characters',
      [{ ...input({ type: 'plain_text_input', action_id: 'p' }), hint: plain('h'.repeat(2001)) }],
      '/blocks/0/hint/text',
    ],
    [
      'a placeholder of 151 characters',
      [input({ type: 'plain_text_input', action_id: 'p', placeholder: plain('p'.repeat(151)) })],
      '/blocks/0/element/placeholder/text',
    ],
    [
      'an initial value longer than max_length',
      [input({ type: 'plain_text_input', action_id: 'p', max_length: 5, initial_value: '123456' })],
      '/blocks/0/element/initial_value',
    ],
    [
      'a max_length above 3000',
      [input({ type: 'plain_text_input', action_id: 'p', max_length: 3001 })],
      '/blocks/0/element/max_length',
    ],
  ])('rejects %s', (_name, blocks, pointer) => {
    expect(pointers(checkBlocks(blocks, 'message'))).toContain(pointer);
  });

  it('allows 50 blocks in a message and 100 in a view, not more', () => {
    const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(checkBlocks(dividers(50), 'message')).toEqual([]);
    expect(checkBlocks(dividers(51), 'message')).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(checkView(modal({ blocks: dividers(100) }))).toEqual([]);
    expect(checkView(modal({ blocks: dividers(101) }))).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    ]);
  });

  it.each([
    ['a title of 25 characters', modal({ title: plain('t'.repeat(25)) }), '/view/title/text'],
    ['a title in mrkdwn', modal({ title: mrkdwn('t') }), '/view/title/type'],
    ['a modal without title', { type: 'modal', blocks: [] }, '/view/title'],
    ['a submit of 25 characters', modal({ submit: plain('s'.repeat(25)) }), '/view/submit/text'],
    ['a close of 25 characters', modal({ close: plain('c'.repeat(25)) }), '/view/close/text'],
    [
      'input blocks without submit',
      modal({ blocks: [input({ type: 'plain_text_input', action_id: 'p' })] }),
      '/view/submit',
    ],
    ['private_metadata of 3001 characters', modal({ private_metadata: 'm'.repeat(3001) }), '/view/private_metadata'],
    ['a callback_id of 256 characters', modal({ callback_id: 'c'.repeat(256) }), '/view/callback_id'],
    ['an unknown view type', { type: 'dialog', blocks: [] }, '/view/type'],
  ])('rejects a view with %s', (_name, view, pointer) => {
    expect(pointers(checkView(view))).toContain(pointer);
  });

  it('accepts a view at every limit', () => {
    const view = modal({
      title: plain('t'.repeat(24)),
      submit: plain('s'.repeat(24)),
      close: plain('c'.repeat(24)),
      private_metadata: 'm'.repeat(3000),
      callback_id: 'c'.repeat(255),
      blocks: [
        { type: 'header', text: plain('h'.repeat(150)) },
        { type: 'section', text: mrkdwn('s'.repeat(3000)), fields: Array(10).fill(mrkdwn('f'.repeat(2000))) },
        input({ type: 'plain_text_input', action_id: 'p', max_length: 3000, initial_value: 'i'.repeat(3000) }),
        {
          type: 'actions',
          elements: Array.from({ length: 25 }, (_, i) => button(`b${i}`, { value: 'v'.repeat(2000) })),
        },
      ],
    });
    expect(checkView(view)).toEqual([]);
  });

  it('counts the text of every block, element and markdown block, in code points, toward 12,000 in all', () => {
    const blocks = (last: string) => [
      { type: 'header', text: plain('h'.repeat(100)) },
      { type: 'section', text: mrkdwn('s'.repeat(2900)), accessory: button('a') },
      { type: 'markdown', text: 'm'.repeat(6000) },
      { type: 'context', elements: [mrkdwn('c'.repeat(2996)), mrkdwn(last)] },
    ];
    // 100 + 2900 + 2 ("Go") + 6000 + 2996 = 11,998 before the last element.
    expect(blocksTooLong(blocks('🚀🚀'))).toBe(false);
    expect(blocksTooLong(blocks('🚀🚀🚀'))).toBe(true);
    expect(blocksTooLong(undefined)).toBe(false);
  });
});
