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
export function PdfPages(props: {
  bytes: ArrayBuffer;
  placement: Placement;
  onPlacement: (p: Placement) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const task = pdfjs.getDocument({ data: props.bytes.slice(0) });
    void task.promise.then(async (doc) => {
      if (cancelled || !container.current) return;
      setPages(doc.numPages);
      const canvases = container.current.querySelectorAll('canvas');
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        const viewport = page.getViewport({ scale: 1 });
        const canvas = canvases[i - 1];
        if (!canvas || cancelled) return;
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        await page.render({ canvas, viewport }).promise;
      }
    });
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [props.bytes]);

  const drag = (event: React.PointerEvent<HTMLDivElement>, page: number) => {
    const box = event.currentTarget.getBoundingClientRect();
    props.onPlacement({ ...props.placement, page, x: event.clientX - box.left, y: event.clientY - box.top });
  };

  return (
    <div ref={container}>
      {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
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
          <canvas />
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
