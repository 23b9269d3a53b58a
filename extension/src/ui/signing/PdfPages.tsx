import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export interface Placement {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Renders every page with pdf.js; the signature rectangle on the chosen page can be dragged. */
/** One page drawn into its own canvas once the canvas exists. */
function PageCanvas(props: { doc: pdfjs.PDFDocumentProxy; n: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let task: { cancel(): void } | undefined;
    void props.doc.getPage(props.n).then((page) => {
      const canvas = ref.current;
      if (!canvas) return;
      const viewport = page.getViewport({ scale: 1 });
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      const render = page.render({ canvas, viewport });
      task = render;
      render.promise.then(
        () => canvas.setAttribute('data-rendered', 'true'),
        () => undefined,
      );
    });
    return () => task?.cancel();
  }, [props.doc, props.n]);
  return <canvas ref={ref} />;
}

export function PdfPages(props: {
  bytes: ArrayBuffer;
  placement: Placement;
  onPlacement: (p: Placement) => void;
}) {
  const [doc, setDoc] = useState<pdfjs.PDFDocumentProxy>();
  useEffect(() => {
    const task = pdfjs.getDocument({ data: props.bytes.slice(0) });
    task.promise.then(setDoc, () => undefined);
    return () => void task.destroy();
  }, [props.bytes]);

  const drag = (event: React.PointerEvent<HTMLDivElement>, page: number) => {
    const box = event.currentTarget.getBoundingClientRect();
    props.onPlacement({ ...props.placement, page, x: event.clientX - box.left, y: event.clientY - box.top });
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
          onPointerDown={(e) => drag(e, n)}
        >
          {doc && <PageCanvas doc={doc} n={n} />}
          {props.placement.page === n && (
            <div
              aria-label="Vị trí chữ ký"
              style={{
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
