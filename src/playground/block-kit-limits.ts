// Block Kit limits as Slack enforces them (docs.slack.dev/reference/block-kit), so the fake Web API rejects what real
// Slack rejects. Pure: a payload in, a list of Slack-style messages out
// (`[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]`), empty when valid.
// Lengths count Unicode code points. Placement rules (which element may sit in which block) are not checked.

export const LIMITS = { messageBlocks: 50, viewBlocks: 100, messageText: 40_000, messageBlocksText: 12_000 } as const;

type TextRule = { text: string; max: number; plain?: boolean; required?: boolean };
type StringRule = { str: string; max: number; required?: boolean };
type ListRule = { list: string; max: number; min?: number; of: Kind; required?: boolean };
type ObjectRule = { obj: string; of: Kind; required?: boolean };
type Rule = TextRule | StringRule | ListRule | ObjectRule;
type Kind = 'element' | 'contextElement' | 'field' | 'option' | 'plainOption' | 'optionGroup' | 'confirm';

const placeholder: TextRule = { text: 'placeholder', max: 150, plain: true };
const confirm: ObjectRule = { obj: 'confirm', of: 'confirm' };
const selectMenu: Rule[] = [placeholder, confirm];
const staticSelect: Rule[] = [
  ...selectMenu,
  { list: 'options', max: 100, of: 'plainOption' },
  { list: 'option_groups', max: 100, of: 'optionGroup' },
];
const choices: Rule[] = [{ list: 'options', min: 1, max: 10, of: 'option', required: true }, confirm];
const imageRules: Rule[] = [
  { str: 'image_url', max: 3000 },
  { str: 'alt_text', max: 2000, required: true },
];

const BLOCKS: Record<string, Rule[]> = {
  section: [
    { text: 'text', max: 3000 },
    { list: 'fields', max: 10, of: 'field' },
    { obj: 'accessory', of: 'element' },
  ],
  header: [{ text: 'text', max: 150, plain: true, required: true }],
  context: [{ list: 'elements', min: 1, max: 10, of: 'contextElement', required: true }],
  actions: [{ list: 'elements', min: 1, max: 25, of: 'element', required: true }],
  input: [
    { text: 'label', max: 2000, plain: true, required: true },
    { text: 'hint', max: 2000, plain: true },
    { obj: 'element', of: 'element', required: true },
  ],
  image: [...imageRules, { text: 'title', max: 2000, plain: true }],
  markdown: [{ str: 'text', max: 12_000, required: true }],
  divider: [],
  rich_text: [],
  video: [],
  file: [],
  table: [],
  context_actions: [],
};

const ELEMENTS: Record<string, Rule[]> = {
  button: [
    { text: 'text', max: 75, plain: true, required: true },
    { str: 'value', max: 2000 },
    { str: 'url', max: 3000 },
    { str: 'accessibility_label', max: 75 },
    confirm,
  ],
  workflow_button: [{ text: 'text', max: 75, plain: true, required: true }],
  static_select: staticSelect,
  multi_static_select: staticSelect,
  external_select: selectMenu,
  multi_external_select: selectMenu,
  users_select: selectMenu,
  multi_users_select: selectMenu,
  conversations_select: selectMenu,
  multi_conversations_select: selectMenu,
  channels_select: selectMenu,
  multi_channels_select: selectMenu,
  overflow: [{ list: 'options', min: 2, max: 5, of: 'plainOption', required: true }, confirm],
  checkboxes: choices,
  radio_buttons: choices,
  datepicker: selectMenu,
  timepicker: selectMenu,
  datetimepicker: [confirm],
  plain_text_input: [placeholder, { str: 'initial_value', max: 3000 }],
  email_text_input: [placeholder],
  url_text_input: [placeholder],
  number_input: [placeholder],
  rich_text_input: [placeholder],
  file_input: [],
  image: imageRules,
};

const COMPOSITION: Record<Exclude<Kind, 'element' | 'contextElement' | 'field'>, Rule[]> = {
  option: [
    { text: 'text', max: 75, required: true },
    { str: 'value', max: 150 },
    { text: 'description', max: 75 },
    { str: 'url', max: 3000 },
  ],
  plainOption: [
    { text: 'text', max: 75, plain: true, required: true },
    { str: 'value', max: 150 },
    { text: 'description', max: 75, plain: true },
    { str: 'url', max: 3000 },
  ],
  optionGroup: [
    { text: 'label', max: 75, plain: true, required: true },
    { list: 'options', max: 100, of: 'plainOption', required: true },
  ],
  confirm: [
    { text: 'title', max: 100, plain: true, required: true },
    { text: 'text', max: 300, required: true },
    { text: 'confirm', max: 30, plain: true, required: true },
    { text: 'deny', max: 30, plain: true, required: true },
  ],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const length = (s: string) => Array.from(s).length;
const err = (pointer: string, message: string) => `[ERROR] ${message} [json-pointer:${pointer}]`;
const tooLong = (max: number) => `must be less than ${max + 1} characters`;

function checkString(value: unknown, pointer: string, max: number, out: string[]): void {
  if (typeof value !== 'string') out.push(err(pointer, 'must provide a string'));
  else if (length(value) > max) out.push(err(pointer, tooLong(max)));
}

function checkText(value: unknown, pointer: string, max: number, plain: boolean, out: string[]): void {
  if (!isObj(value)) {
    out.push(err(pointer, 'must provide an object'));
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    out.push(err(`${pointer}/type`, `unsupported type: ${String(value.type)}`));
    return;
  }
  if (plain && value.type !== 'plain_text') out.push(err(`${pointer}/type`, 'must be a valid enum value'));
  if (typeof value.text !== 'string') out.push(err(`${pointer}/text`, 'must provide a string'));
  else if (value.text.length === 0) out.push(err(`${pointer}/text`, 'must be more than 0 characters'));
  else if (length(value.text) > max) out.push(err(`${pointer}/text`, tooLong(max)));
}

function checkRules(obj: Obj, rules: Rule[], pointer: string, out: string[]): void {
  for (const rule of rules) {
    const key = 'text' in rule ? rule.text : 'str' in rule ? rule.str : 'list' in rule ? rule.list : rule.obj;
    const value = obj[key];
    const at = `${pointer}/${key}`;
    if (value === undefined || value === null) {
      if (rule.required) out.push(err(at, 'must provide a value'));
      continue;
    }
    if ('text' in rule) checkText(value, at, rule.max, rule.plain ?? false, out);
    else if ('str' in rule) checkString(value, at, rule.max, out);
    else if ('obj' in rule) checkKind(rule.of, value, at, out);
    else if (!Array.isArray(value)) out.push(err(at, 'must provide an array'));
    else if (value.length > rule.max) out.push(err(at, `no more than ${rule.max} items allowed`));
    else if (value.length < (rule.min ?? 0)) out.push(err(at, `must provide at least ${rule.min} items`));
    else
      value.forEach((item, i) => {
        checkKind(rule.of, item, `${at}/${i}`, out);
      });
  }
}

function checkKind(kind: Kind, value: unknown, pointer: string, out: string[]): void {
  const isTextObject = kind === 'field' || (kind === 'contextElement' && isObj(value) && value.type !== 'image');
  if (isTextObject) checkText(value, pointer, kind === 'field' ? 2000 : 3000, false, out);
  else if (!isObj(value)) out.push(err(pointer, 'must provide an object'));
  else if (kind !== 'element' && kind !== 'contextElement') checkRules(value, COMPOSITION[kind], pointer, out);
  else checkElement(value, pointer, out);
}

function checkElement(element: Obj, pointer: string, out: string[]): void {
  const rules = ELEMENTS[String(element.type)];
  if (!rules) {
    out.push(err(`${pointer}/type`, `unsupported type: ${String(element.type)}`));
    return;
  }
  checkRules(element, [{ str: 'action_id', max: 255 }, ...rules], pointer, out);
  if (element.type === 'plain_text_input') checkInputLength(element, pointer, out);
}

function checkInputLength(input: Obj, pointer: string, out: string[]): void {
  const max = typeof input.max_length === 'number' ? input.max_length : 3000;
  if (max > 3000) out.push(err(`${pointer}/max_length`, 'must be less than or equal to 3000'));
  if (typeof input.min_length === 'number' && input.min_length > max) {
    out.push(err(`${pointer}/min_length`, `must be less than or equal to ${max}`));
  }
  if (typeof input.initial_value === 'string' && length(input.initial_value) > max) {
    out.push(err(`${pointer}/initial_value`, tooLong(max)));
  }
}

function checkBlock(block: unknown, pointer: string, out: string[]): void {
  if (!isObj(block)) {
    out.push(err(pointer, 'must provide an object'));
    return;
  }
  const rules = BLOCKS[String(block.type)];
  if (!rules) {
    out.push(err(`${pointer}/type`, `unsupported type: ${String(block.type)}`));
    return;
  }
  if (block.block_id !== undefined) checkString(block.block_id, `${pointer}/block_id`, 255, out);
  if (block.type === 'section' && block.text === undefined && block.fields === undefined) {
    out.push(err(pointer, 'must provide either text or fields'));
  }
  checkRules(block, rules, pointer, out);
  const elements = Array.isArray(block.elements) && block.type === 'actions' ? block.elements : [];
  const seen = new Set<unknown>();
  elements.forEach((element, i) => {
    const id = isObj(element) ? element.action_id : undefined;
    if (id === undefined) return;
    if (seen.has(id))
      out.push(err(`${pointer}/elements/${i}/action_id`, `action_id must be unique in a block: ${String(id)}`));
    seen.add(id);
  });
}

/** Checks a `blocks` array of a message (at most 50 blocks) or of a modal or Home tab (at most 100). */
export function checkBlocks(blocks: unknown, surface: 'message' | 'view', pointer = '/blocks'): string[] {
  const out: string[] = [];
  if (!Array.isArray(blocks)) return [err(pointer, 'must provide an array')];
  const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (blocks.length > max) out.push(err(pointer, `no more than ${max} items allowed`));
  const ids = new Set<unknown>();
  blocks.forEach((block, i) => {
    checkBlock(block, `${pointer}/${i}`, out);
    const id = isObj(block) ? block.block_id : undefined;
    if (id === undefined) return;
    if (ids.has(id)) out.push(err(`${pointer}/${i}/block_id`, `block_id must be unique: ${String(id)}`));
    ids.add(id);
  });
  return out;
}

/** Checks a view object as views.open/update/push/publish receive it. */
export function checkView(view: unknown, pointer = '/view'): string[] {
  if (!isObj(view)) return [err(pointer, 'must provide an object')];
  const out: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home') out.push(err(`${pointer}/type`, 'must be a valid enum value'));
  const modal = view.type === 'modal';
  checkRules(
    view,
    [
      { text: 'title', max: 24, plain: true, required: modal },
      { text: 'submit', max: 24, plain: true },
      { text: 'close', max: 24, plain: true },
      { str: 'private_metadata', max: 3000 },
      { str: 'callback_id', max: 255 },
      { str: 'external_id', max: 255 },
    ],
    pointer,
    out,
  );
  out.push(...checkBlocks(view.blocks, 'view', `${pointer}/blocks`));
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (modal && hasInput && view.submit == null) {
    out.push(err(`${pointer}/submit`, 'must provide a submit button when the view has input blocks'));
  }
  return out;
}

/** Every `text` string in blocks (text objects, markdown blocks), in code points. */
function blockText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockText(item), 0);
  if (!isObj(value)) return 0;
  return Object.entries(value).reduce(
    (sum, [key, item]) => sum + (key === 'text' && typeof item === 'string' ? length(item) : blockText(item)),
    0,
  );
}

/**
 * Slack refuses a message (chat.postMessage, chat.update, chat.postEphemeral, a response_url) whose blocks hold more
 * than about 12,000 characters of text in all with `msg_blocks_too_long`, whatever the per-field limits allow. The limit
 * is undocumented (Slack's engineers described it in slackapi/bolt-js issues 2509 and 2867); the exact count behind it
 * is not published, so this counts the text strings alone.
 */
export function blocksTooLong(blocks: unknown): boolean {
  return blockText(blocks) > LIMITS.messageBlocksText;
}
