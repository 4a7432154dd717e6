import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Mrkdwn } from './mrkdwn.tsx';
import { plainText, type Reader } from './slack-text.ts';

// Block Kit as Slack's clients draw it, for every block and element Boost sends: header, section (text, fields,
// accessory), context, divider, actions, image, and input blocks with their elements. Elements outside input blocks
// act at once (onAction); input blocks fill a form whose values take Slack's `view.state.values` shape.

export type Json = Record<string, unknown>;
type Text = { type?: string; text?: string; emoji?: boolean; verbatim?: boolean };
export type Option = { text: Text; value: string; description?: Text };

export interface Directory {
  reader: Reader;
  channels: ReadonlyArray<{ id: string; name: string }>;
  people: ReadonlyArray<{ id: string; realName: string }>;
  /** The conversation a modal was opened from. */
  currentChannel?: string;
}

export interface Form {
  values: Record<string, Json>;
  errors: Record<string, string>;
  set(blockId: string, actionId: string, value: Json): void;
}

export interface BlocksProps {
  blocks: readonly Json[];
  directory: Directory;
  /** An interactive element was used (a button pressed, a menu item chosen), after any confirm dialog. */
  onAction?: (blockId: string, action: Json) => void;
  form?: Form;
  /** Prefix for element ids, unique per surface, so labels point at the right control. */
  idPrefix: string;
}

export function Blocks(props: BlocksProps) {
  const [confirming, setConfirming] = useState<{ confirm: Json; run: () => void } | undefined>();
  const act = (blockId: string, element: Json, action: Json) => {
    const run = () => props.onAction?.(blockId, { type: element.type, action_id: element.action_id, ...action });
    if (element.confirm) setConfirming({ confirm: element.confirm as Json, run });
    else run();
  };
  return (
    <div class="blocks">
      {props.blocks.map((block, i) => (
        <BlockView key={String(block.block_id ?? i)} block={block} {...props} act={act} />
      ))}
      {confirming && (
        <ConfirmDialog
          confirm={confirming.confirm}
          onClose={(confirmed) => {
            setConfirming(undefined);
            if (confirmed) confirming.run();
          }}
        />
      )}
    </div>
  );
}

type Act = (blockId: string, element: Json, action: Json) => void;

function TextView({ text, reader }: { text: Text | undefined; reader: Reader }) {
  if (!text) return null;
  if (text.type === 'mrkdwn') return <Mrkdwn text={String(text.text ?? '')} reader={reader} />;
  return <span>{plainText(text)}</span>;
}

function BlockView(props: BlocksProps & { block: Json; act: Act }) {
  const { block, directory } = props;
  const blockId = String(block.block_id ?? '');
  const reader = directory.reader;
  switch (block.type) {
    case 'header':
      return (
        <h3 class="block-header">
          <TextView text={block.text as Text} reader={reader} />
        </h3>
      );
    case 'divider':
      return <hr class="block-divider" />;
    case 'section': {
      const fields = (block.fields as Text[] | undefined) ?? [];
      const accessory = block.accessory as Json | undefined;
      return (
        <div class="block-section">
          <div class="section-body">
            {block.text ? (
              <div class="section-text">
                <TextView text={block.text as Text} reader={reader} />
              </div>
            ) : null}
            {fields.length > 0 && (
              <div class="section-fields">
                {fields.map((field, i) => (
                  <div key={i}>
                    <TextView text={field} reader={reader} />
                  </div>
                ))}
              </div>
            )}
          </div>
          {accessory && (
            <div class="section-accessory">
              <Element element={accessory} blockId={blockId} {...props} />
            </div>
          )}
        </div>
      );
    }
    case 'context':
      return (
        <div class="block-context">
          {((block.elements as Json[]) ?? []).map((element, i) =>
            element.type === 'image' ? (
              <span key={i} class="image-placeholder" role="img" aria-label={String(element.alt_text ?? '')} />
            ) : (
              <span key={i}>
                <TextView text={element as Text} reader={reader} />
              </span>
            ),
          )}
        </div>
      );
    case 'actions':
      return (
        <div class="block-actions">
          {((block.elements as Json[]) ?? []).map((element, i) => (
            <Element key={String(element.action_id ?? i)} element={element} blockId={blockId} {...props} />
          ))}
        </div>
      );
    case 'image':
      // Images would be fetched from the internet; the playground shows their description instead.
      return (
        <figure class="block-image" role="img" aria-label={String(block.alt_text ?? '')}>
          {String(block.alt_text ?? 'image')}
        </figure>
      );
    case 'input':
      return <InputBlock {...props} block={block} />;
    default:
      return (
        <div class="block-unknown">
          <TextView
            text={{ type: 'plain_text', text: String((block.text as Text | undefined)?.text ?? '') }}
            reader={reader}
          />
        </div>
      );
  }
}

function InputBlock(props: BlocksProps & { block: Json; act: Act }) {
  const { block, form, idPrefix, directory } = props;
  const blockId = String(block.block_id ?? '');
  const element = (block.element ?? {}) as Json;
  const id = `${idPrefix}-${blockId}`;
  const error = form?.errors[blockId];
  const hint = block.hint as Text | undefined;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const grouped = element.type === 'checkboxes' || element.type === 'radio_buttons';
  const label = (
    <>
      {plainText(block.label as Text)}
      {block.optional === true && <span class="optional"> (optional)</span>}
    </>
  );
  const field = (
    <Field
      element={element}
      blockId={blockId}
      id={id}
      form={form}
      directory={directory}
      described={grouped ? undefined : described}
      required={block.optional !== true}
    />
  );
  return (
    <div class={`block-input${error ? ' has-error' : ''}`}>
      {grouped ? (
        <fieldset aria-describedby={described}>
          <legend class="input-label">{label}</legend>
          {field}
        </fieldset>
      ) : (
        <>
          <label class="input-label" for={id}>
            {label}
          </label>
          {field}
        </>
      )}
      {error && (
        <p class="input-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {hint && (
        <p class="input-hint" id={`${id}-hint`}>
          {plainText(hint)}
        </p>
      )}
    </div>
  );
}

/** The state Slack reports for an element before anyone touched it (its initial_* fields). */
export function initialState(element: Json, directory: Directory): Json {
  const type = String(element.type);
  switch (type) {
    case 'plain_text_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'number_input':
      return { type, value: (element.initial_value as string | undefined) ?? null };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: element.initial_option ?? null };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: element.initial_options ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: element.initial_time ?? null };
    case 'conversations_select': {
      const current = element.default_to_current_conversation === true ? directory.currentChannel : undefined;
      return { type, selected_conversation: element.initial_conversation ?? current ?? null };
    }
    case 'channels_select':
      return { type, selected_channel: element.initial_channel ?? null };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    default:
      return { type };
  }
}

/** Whether a required field is still empty, as Slack checks before it sends a form. */
export function isEmpty(state: Json | undefined): boolean {
  if (!state) return true;
  const value =
    state.value ??
    state.selected_option ??
    state.selected_date ??
    state.selected_time ??
    state.selected_conversation ??
    state.selected_channel ??
    state.selected_user;
  if (Array.isArray(state.selected_options)) return state.selected_options.length === 0;
  return value === null || value === undefined || value === '';
}

interface FieldProps {
  element: Json;
  blockId: string;
  id: string;
  form: Form | undefined;
  directory: Directory;
  described?: string;
  required: boolean;
}

function Field({ element, blockId, id, form, directory, described, required }: FieldProps) {
  const actionId = String(element.action_id ?? '');
  const state = form?.values[blockId]?.[actionId] as Json | undefined;
  const set = (value: Json) => form?.set(blockId, actionId, { type: element.type, ...value });
  const placeholder = element.placeholder ? plainText(element.placeholder as Text) : undefined;
  const common = {
    id,
    'aria-describedby': described,
    'aria-required': required,
    'aria-invalid': !!form?.errors[blockId],
  };
  const options = (element.options as Option[] | undefined) ?? [];
  switch (element.type) {
    case 'plain_text_input':
    case 'url_text_input':
    case 'email_text_input':
    case 'number_input': {
      const value = String(state?.value ?? '');
      const onInput = (e: Event) => set({ value: (e.currentTarget as HTMLInputElement).value });
      const limits = {
        maxLength: element.max_length as number | undefined,
        minLength: element.min_length as number | undefined,
      };
      if (element.multiline === true) {
        return <textarea {...common} {...limits} rows={4} placeholder={placeholder} value={value} onInput={onInput} />;
      }
      const type = { url_text_input: 'url', email_text_input: 'email', number_input: 'number' }[String(element.type)];
      return (
        <input
          {...common}
          {...limits}
          type={type ?? 'text'}
          placeholder={placeholder}
          value={value}
          onInput={onInput}
        />
      );
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const multiple = element.type === 'checkboxes';
      const selected = multiple
        ? ((state?.selected_options as Option[] | undefined) ?? []).map((o) => o.value)
        : [(state?.selected_option as Option | null | undefined)?.value];
      return (
        <div class="choices">
          {options.map((option, i) => (
            <label key={option.value} class="choice" for={`${id}-${i}`}>
              <input
                id={`${id}-${i}`}
                type={multiple ? 'checkbox' : 'radio'}
                name={id}
                checked={selected.includes(option.value)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  if (!multiple) set({ selected_option: option });
                  else {
                    const chosen = options.filter((o) => (o.value === option.value ? on : selected.includes(o.value)));
                    set({ selected_options: chosen });
                  }
                }}
              />
              <span>
                <TextView text={option.text} reader={directory.reader} />
                {option.description && (
                  <span class="choice-description">
                    <TextView text={option.description} reader={directory.reader} />
                  </span>
                )}
              </span>
            </label>
          ))}
        </div>
      );
    }
    case 'static_select':
    case 'multi_static_select': {
      const multiple = element.type === 'multi_static_select';
      const chosen = multiple
        ? ((state?.selected_options as Option[] | undefined) ?? []).map((o) => o.value)
        : [(state?.selected_option as Option | null | undefined)?.value ?? ''];
      return (
        <select
          {...common}
          multiple={multiple}
          onChange={(e) => {
            const values = [...(e.currentTarget as HTMLSelectElement).selectedOptions].map((o) => o.value);
            const picked = options.filter((o) => values.includes(o.value));
            set(multiple ? { selected_options: picked } : { selected_option: picked[0] ?? null });
          }}
        >
          {!multiple && <option value="">{placeholder ?? 'Choose an option'}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={chosen.includes(option.value)}>
              {plainText(option.text)}
            </option>
          ))}
        </select>
      );
    }
    case 'datepicker':
    case 'timepicker': {
      const field = element.type === 'datepicker' ? 'selected_date' : 'selected_time';
      return (
        <input
          {...common}
          type={element.type === 'datepicker' ? 'date' : 'time'}
          value={String(state?.[field] ?? '')}
          onInput={(e) => set({ [field]: (e.currentTarget as HTMLInputElement).value || null })}
        />
      );
    }
    case 'conversations_select':
    case 'channels_select':
    case 'users_select': {
      const key = { conversations_select: 'selected_conversation', channels_select: 'selected_channel' }[
        String(element.type)
      ];
      const field = key ?? 'selected_user';
      const choices =
        element.type === 'users_select'
          ? directory.people.map((p) => ({ id: p.id, label: p.realName }))
          : directory.channels.map((c) => ({ id: c.id, label: `#${c.name}` }));
      return (
        <select {...common} onChange={(e) => set({ [field]: (e.currentTarget as HTMLSelectElement).value || null })}>
          <option value="">{placeholder ?? 'Choose'}</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id} selected={state?.[field] === choice.id}>
              {choice.label}
            </option>
          ))}
        </select>
      );
    }
    default:
      return <p class="input-unsupported">{String(element.type)}</p>;
  }
}

/** An interactive element outside an input block: it acts at once. */
function Element(props: BlocksProps & { element: Json; blockId: string; act: Act }) {
  const { element, blockId, act, directory, idPrefix } = props;
  const type = String(element.type);
  if (type === 'button') {
    const text = plainText(element.text as Text);
    const style = element.style === 'primary' || element.style === 'danger' ? ` button-${element.style}` : '';
    const label = element.accessibility_label ? String(element.accessibility_label) : undefined;
    const press = () => act(blockId, element, { value: element.value, text: element.text });
    if (typeof element.url === 'string') {
      // A link button opens its page in a new tab, and Slack still tells the app it was clicked.
      return (
        <a
          class={`button${style}`}
          href={element.url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={label}
          onClick={press}
        >
          {text}
        </a>
      );
    }
    return (
      <button type="button" class={`button${style}`} aria-label={label} onClick={press}>
        {text}
      </button>
    );
  }
  if (type === 'overflow' || type === 'static_select') {
    const options = (element.options as Option[] | undefined) ?? [];
    const label = type === 'overflow' ? 'More actions' : plainText(element.placeholder as Text) || 'Choose';
    return (
      <select
        class="element-select"
        aria-label={label}
        onChange={(e) => {
          const option = options.find((o) => o.value === (e.currentTarget as HTMLSelectElement).value);
          if (option) act(blockId, element, { selected_option: option });
        }}
      >
        <option value="">{type === 'overflow' ? '⋯' : label}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {plainText(option.text)}
          </option>
        ))}
      </select>
    );
  }
  if (type === 'datepicker') {
    return (
      <input
        type="date"
        aria-label={plainText(element.placeholder as Text) || 'Date'}
        value={String(element.initial_date ?? '')}
        onChange={(e) => act(blockId, element, { selected_date: (e.currentTarget as HTMLInputElement).value })}
      />
    );
  }
  if (type === 'image')
    return <span class="image-placeholder" role="img" aria-label={String(element.alt_text ?? '')} />;
  return (
    <span class="input-unsupported" id={`${idPrefix}-${blockId}-unsupported`}>
      {type} <TextView text={element.text as Text} reader={directory.reader} />
    </span>
  );
}

export function ConfirmDialog({ confirm, onClose }: { confirm: Json; onClose: (confirmed: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const style = confirm.style === 'danger' ? ' button-danger' : ' button-primary';
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={titleId}>{plainText(confirm.title as Text)}</h2>
      <p>{plainText(confirm.text as Text)}</p>
      <div class="dialog-buttons">
        <button type="button" class="button" onClick={() => onClose(false)}>
          {plainText(confirm.deny as Text) || 'Cancel'}
        </button>
        <button type="button" class={`button${style}`} onClick={() => onClose(true)}>
          {plainText(confirm.confirm as Text) || 'Yes'}
        </button>
      </div>
    </dialog>
  );
}

export type { ComponentChildren };
