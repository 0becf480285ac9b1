import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A printable A4 document. It is rendered outside the app (a direct child of <body>), hidden on
 * screen; printDocument(name) shows only that document to the printer, so the app's layout,
 * menus and dialogs never reach the paper. Landscape documents use the named page `landscape`.
 */
export function PrintArea({ name, landscape = false, children }: { name: string; landscape?: boolean; children: ReactNode }) {
  return createPortal(
    <div className={`gj-print-area${landscape ? ' gj-print-landscape' : ''}`} data-print={name} data-testid={`print-${name}`}>
      {children}
    </div>,
    document.body,
  );
}

/** Prints one PrintArea by name (the browser's print dialog; "save as PDF" works the same). */
export function printDocument(name: string): void {
  document.body.setAttribute('data-printing', name);
  const done = () => {
    document.body.removeAttribute('data-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
  // Some browsers return from print() only after the dialog closes and never fire afterprint.
  setTimeout(done, 1000);
}
