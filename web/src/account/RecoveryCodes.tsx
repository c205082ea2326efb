import { createSignal, For, onCleanup, Show } from 'solid-js';
import { at } from './i18n/index.ts';

/** Copies text to the clipboard; says whether it worked (a blocked clipboard is told, not hidden). */
export async function copyText(text: string): Promise<boolean> {
  try { await navigator.clipboard.writeText(text); return true; } catch { return false; }
}

/**
 * The recovery codes, shown once: to copy, to save as a text file, or to print (only the codes go on paper). The
 * person then says they have saved them before moving on (the page asking that is the caller's).
 */
export function RecoveryCodes(props: { codes: string[]; email: string; headingLevel?: 2 | 3 }) {
  const [said, setSaid] = createSignal<string>();
  const text = () => `${at('codes.fileHeader', { email: props.email })}\n${props.codes.join('\n')}\n`;
  const copy = async () => setSaid(at((await copyText(props.codes.join('\n'))) ? 'enrol.copied' : 'enrol.copyFailed'));
  const download = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'sogyo-campus-recovery-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  // Printing shows only the codes: the rest of the page is hidden on paper while this class is on <html>.
  const afterPrint = () => document.documentElement.classList.remove('print-codes');
  window.addEventListener('afterprint', afterPrint);
  onCleanup(() => { window.removeEventListener('afterprint', afterPrint); afterPrint(); });
  const print = () => { document.documentElement.classList.add('print-codes'); window.print(); };
  const Heading = () => (props.headingLevel === 3 ? <h3 id="codes-title">{at('codes.title')}</h3> : <h2 id="codes-title">{at('codes.title')}</h2>);
  return (
    <section class="recovery-codes" aria-labelledby="codes-title">
      <Heading />
      <p>{at('codes.intro')}</p>
      <ol class="codes" aria-label={at('codes.list')}>
        <For each={props.codes}>{(c) => <li><code class="code-text">{c}</code></li>}</For>
      </ol>
      <div class="actions no-print">
        <button type="button" onClick={copy}>{at('codes.copy')}</button>
        <button type="button" onClick={download}>{at('codes.download')}</button>
        <button type="button" onClick={print}>{at('codes.print')}</button>
      </div>
      <p class="small no-print" role="status"><Show when={said()}>{said()}</Show></p>
    </section>
  );
}
