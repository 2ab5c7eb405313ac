import { useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // no clipboard API (a plain-http address is not a secure context): the old way
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.position = 'fixed';
    field.style.opacity = '0';
    document.body.append(field);
    field.select();
    const copied = document.execCommand('copy');
    field.remove();
    return copied;
  }
}

export function CopyButton({ text, label = '复制' }: { text: string; label?: string }) {
  const [result, setResult] = useState<string>('');
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        onClick={async () => setResult((await copyText(text)) ? '已复制' : '复制失败，请手动抄写')}
      >
        {label}
      </button>
      <span role="status" aria-live="polite" className="field-hint">
        {result}
      </span>
    </>
  );
}
