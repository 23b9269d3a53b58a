import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { Placement } from './placement.js';
import { say } from '../../i18n/language.js';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** One page drawn into its own canvas once the canvas exists (scale 1: one CSS pixel per point). */
function PageCanvas(props: {
  doc: pdfjs.PDFDocumentProxy;
  n: number;
  onSize?: (n: number, width: number, height: number) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let task: { cancel(): void } | undefined;
    void props.doc.getPage(props.n).then((page) => {
      const canvas = ref.current;
      if (!canvas) return;
      const viewport = page.getViewport({ scale: 1 });
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      props.onSize?.(props.n, viewport.width, viewport.height);
      const render = page.render({ canvas, viewport });
      task = render;
      render.promise.then(
        () => canvas.setAttribute('data-rendered', 'true'),
        () => undefined,
      );
    });
    return () => task?.cancel();
  }, [props.doc, props.n, props.onSize]);
  return <canvas ref={ref} />;
}

/** Renders every page with pdf.js; the signature rectangle can be dragged to any page and position. */
export function PdfPages(props: {
  bytes: ArrayBuffer;
  placement: Placement;
  onPlacement: (p: Placement) => void;
  onPageSize?: (n: number, width: number, height: number) => void;
}) {
  const [doc, setDoc] = useState<pdfjs.PDFDocumentProxy>();
  useEffect(() => {
    const task = pdfjs.getDocument({ data: props.bytes.slice(0) });
    task.promise.then(setDoc, () => undefined);
    return () => void task.destroy();
  }, [props.bytes]);

  // The rectangle follows the pointer (centred on it) while the button is held.
  const drag = (event: React.PointerEvent<HTMLDivElement>, page: number) => {
    if (event.type === 'pointermove' && (event.buttons & 1) === 0) return;
    if (event.type === 'pointerdown') event.currentTarget.setPointerCapture?.(event.pointerId);
    const box = event.currentTarget.getBoundingClientRect();
    const { width, height } = props.placement;
    const x = Math.max(0, Math.min(box.width - width, event.clientX - box.left - width / 2));
    const y = Math.max(0, Math.min(box.height - height, event.clientY - box.top - height / 2));
    props.onPlacement({ ...props.placement, page, x, y });
  };

  return (
    <div>
      {Array.from({ length: doc?.numPages ?? 0 }, (_, i) => i + 1).map((n) => (
        <div
          key={n}
          style={{
            position: 'relative',
            margin: '8px auto',
            width: 'fit-content',
            boxShadow: '0 0 4px #999',
          }}
          data-page={n}
          onPointerDown={(e) => drag(e, n)}
          onPointerMove={(e) => drag(e, n)}
        >
          {doc && <PageCanvas doc={doc} n={n} {...(props.onPageSize ? { onSize: props.onPageSize } : {})} />}
          {props.placement.page === n && (
            <div
              aria-label={say('Vị trí chữ ký', 'Signature position')}
              data-testid="placement"
              style={{
                pointerEvents: 'none',
                position: 'absolute',
                left: props.placement.x,
                top: props.placement.y,
                width: props.placement.width,
                height: props.placement.height,
                border: '2px dashed #b91c1c',
                background: 'rgba(185,28,28,0.08)',
              }}
            />
          )}
        </div>
      ))}
    </div>
  );
}
