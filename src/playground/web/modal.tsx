import { useEffect, useRef, useState } from 'preact/hooks';
import type { OpenModal } from '../snapshot.ts';
import { Blocks, type Directory, initialState, isEmpty, type Json } from './blocks.tsx';
import { plainText } from './slack-text.ts';

// A modal as Slack shows it: title, blocks, Cancel and the submit button. Required fields are checked here first, as
// Slack's client does; every other error comes from Boost's answer and is shown under its field. What was typed stays.

const REQUIRED = 'Please complete this required field.';

interface ModalProps {
  modal: OpenModal;
  directory: Directory;
  idPrefix: string;
  onSubmit(values: Json): Promise<void>;
  onClose(): void;
  onAction(blockId: string, action: Json): void;
}

function initialValues(blocks: readonly Json[], directory: Directory): Record<string, Json> {
  const values: Record<string, Json> = {};
  for (const block of blocks) {
    const element = block.element as Json | undefined;
    if (block.type !== 'input' || !element) continue;
    values[String(block.block_id)] = { [String(element.action_id)]: initialState(element, directory) };
  }
  return values;
}

export function Modal({ modal, directory, idPrefix, onSubmit, onClose, onAction }: ModalProps) {
  const { view } = modal;
  const [values, setValues] = useState(() => initialValues(view.blocks, directory));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const titleId = `${idPrefix}-title`;

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('input, textarea, select, button:not(.modal-close)')?.focus();
  }, [view.id]);

  const errors = { ...modal.errors, ...missing };
  const form = {
    values,
    errors,
    set(blockId: string, actionId: string, value: Json) {
      setValues((current) => ({ ...current, [blockId]: { ...current[blockId], [actionId]: value } }));
      setMissing(({ [blockId]: _, ...rest }) => rest);
    },
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const empty: Record<string, string> = {};
    for (const block of view.blocks) {
      const element = block.element as Json | undefined;
      const blockId = String(block.block_id);
      if (block.type === 'input' && block.optional !== true && element) {
        if (isEmpty(values[blockId]?.[String(element.action_id)] as Json | undefined)) empty[blockId] = REQUIRED;
      }
    }
    setMissing(empty);
    if (Object.keys(empty).length > 0) {
      panel.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSending(true);
    try {
      await onSubmit(values);
    } finally {
      setSending(false);
    }
  };

  const hasInputs = view.blocks.some((block) => block.type === 'input');
  return (
    <div class="modal-backdrop">
      <div
        ref={panel}
        class="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <form onSubmit={submit} noValidate>
          <header class="modal-header">
            <h2 id={titleId}>{plainText(view.title as Json)}</h2>
            <button type="button" class="modal-close" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div class="modal-body">
            <Blocks blocks={view.blocks} directory={directory} form={form} idPrefix={idPrefix} onAction={onAction} />
          </div>
          <footer class="modal-footer">
            <button type="button" class="button" onClick={onClose}>
              {view.close ? plainText(view.close as Json) : 'Cancel'}
            </button>
            {view.submit && hasInputs ? (
              <button type="submit" class="button button-primary" disabled={sending}>
                {plainText(view.submit as Json)}
              </button>
            ) : null}
          </footer>
        </form>
      </div>
    </div>
  );
}
