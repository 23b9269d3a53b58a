import { type Outcome, OutcomeLine } from '../shared/Outcome.js';
import { toVanthuError } from '@vanthu/shared/errors/index';
import type { DocumentInspectResult, RegistryEntry } from '@vanthu/shared/protocol/index';
import { useCallback, useEffect, useRef, useState } from 'react';
import browser from 'webextension-polyfill';
import { errorDetail, errorLine } from '../../i18n/errors.js';
import { TechnicalDetail } from '../shared/TechnicalDetail.js';
import { ChainWarning } from './ChainWarning.js';
import { DuplicateConfirm } from './DuplicateConfirm.js';
import { type DuplicateEntry, duplicatesOf } from './duplicates.js';
import { LevelChoice } from './LevelChoice.js';
import { levelErrorLine, type PadesLevel } from './levels.js';
import { nameMismatch, sealPlacement } from './seal-preview.js';
import { CertificatePicker, defaultCertificate } from './CertificatePicker.js';
import { deliverToPortal, signedName } from './deliver.js';
import { useDocuments } from './documents.js';
import { type ImageKind, readPng, saveImage, savedImage } from './images.js';
import { PdfPages } from './PdfPages.js';
import { unsignableReason } from './precheck.js';
import { fromPdfRect, type Placement, toPdfRect } from './placement.js';
import { type SignedDocument, type SigningFlow, signDocuments } from './sign-documents.js';
import { type DocumentWarnings, documentWarnings } from './sign-warnings.js';
import { SignWarnings } from './SignWarnings.js';
import { NumberReservation, type OutgoingFields } from './NumberReservation.js';
import { registerSealed } from './register-sealed.js';
import { useDaemon } from './useDaemon.js';
import { useReservation } from './useReservation.js';
import { say } from '../../i18n/language.js';

const title = (f: SigningFlow): string =>
  f === 'sign' ? say('Ký số', 'Sign') : say('Cấp số & đóng dấu', 'Number & seal');

// The background opened this window with the flow, the document URLs it checked against the profile
// and the portal tab the result goes back to.
const params = new URLSearchParams(location.search);
const flow: SigningFlow = params.get('flow') === 'numberSeal' ? 'numberSeal' : 'sign';
const urls = params.getAll('u');
const tabParam = params.get('tab');
const tabId = tabParam !== null && /^\d+$/.test(tabParam) ? Number(tabParam) : undefined;
const imageKind: ImageKind = flow === 'sign' ? 'approver' : 'seal';

/** The seal succeeded but the register did not keep the document (its number is voided with the reason). */
class NotKept extends Error {}

/** A sealed document the register already holds: kept aside until the clerk answers the warning. */
interface PendingDuplicate {
  readonly signed: SignedDocument[];
  readonly reservation: RegistryEntry;
  readonly entries: DuplicateEntry[];
}

const CANCELLED_DUPLICATE_REASON = 'Văn thư huỷ vì văn bản đã có trong sổ';

/**
 * Extension-owned confirmation window: the document as pdf.js renders it, its SHA-256, the placement,
 * the certificate, the PIN and an explicit consent; then the daemon signs over this window's own
 * socket and the signed PDF goes back into the portal. The PIN lives only in this component's state
 * and is cleared after every attempt.
 */
export function SigningWindow() {
  const { docs, error: loadError } = useDocuments(urls);
  const daemon = useDaemon();
  const [keyUri, setKeyUri] = useState('');
  const [pin, setPin] = useState('');
  const [consent, setConsent] = useState(false);
  const [image, setImage] = useState<string>();
  // numberSeal: the number and date come from the register (never typed); the entry's catalogue fields.
  const numbering = useReservation(daemon.client, flow === 'numberSeal');
  const [outgoing, setOutgoing] = useState<OutgoingFields>({ typeName: '', subject: '' });
  const [printedNotation, setPrintedNotation] = useState<string>();
  const [batchAllowed, setBatchAllowed] = useState(false);
  const [inspect, setInspect] = useState<DocumentInspectResult>();
  const [placement, setPlacement] = useState<Placement>({ page: 1, x: 320, y: 600, width: 160, height: 70 });
  const [moved, setMoved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  // What the daemon said about each document of the last signing, shown as soon as they are signed.
  const [signWarnings, setSignWarnings] = useState<DocumentWarnings[]>([]);
  // The level the user chose under "Nâng cao"; until then the office default (config signing.defaultLevel).
  const [chosenLevel, setLevel] = useState<PadesLevel>();
  const policy = daemon.hello?.signingPolicy;
  const level = chosenLevel ?? policy?.defaultLevel ?? 'B-B';
  const [duplicate, setDuplicate] = useState<PendingDuplicate>();
  const heights = useRef(new Map<number, number>());

  useEffect(() => {
    // The stored image arrives asynchronously: never let it replace one the user has just chosen.
    void savedImage(imageKind).then((saved) => setImage((chosen) => chosen ?? saved));
    void browser.storage.managed.get('batchSigning').then(
      (v) => setBatchAllowed(v.batchSigning === true),
      () => setBatchAllowed(false),
    );
  }, []);

  useEffect(() => {
    const preferred = defaultCertificate(daemon.certificates, flow === 'numberSeal');
    if (preferred && !daemon.certificates.some((c) => c.keyUri === keyUri)) setKeyUri(preferred.keyUri);
  }, [daemon.certificates, keyUri]);

  // Each document is inspected as soon as it is loaded: an encrypted or broken file is named before
  // the PIN is asked. The first one's signature block gives the placement shown before any drag.
  const first = docs[0];
  const [unsignable, setUnsignable] = useState<{ text: string; detail: string }>();
  useEffect(() => {
    if (docs.length === 0) return;
    let live = true;
    void (async () => {
      for (const [i, doc] of docs.entries()) {
        try {
          const { result } = await daemon.client.request(
            'document.inspect',
            { document: { bytes: doc.bytes.length, sha256: doc.sha256 } },
            { document: doc.bytes },
          );
          if (i === 0 && live) setInspect(result);
        } catch (e) {
          const reason = unsignableReason(e);
          if (reason && live)
            setUnsignable({ text: `${doc.name}: ${errorLine(reason)}`, detail: errorDetail(reason) });
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [docs, daemon.client]);
  useEffect(() => {
    const anchor = inspect?.anchors.at(-1);
    const page = anchor && inspect?.pages.find((p) => p.number === anchor.page);
    if (flow === 'sign' && anchor && page && !moved)
      setPlacement(fromPdfRect(anchor.page, anchor.rect, page.height));
  }, [inspect, moved]);
  // The seal goes over the approver's signature, on its page: the box shows that place, not page 1.
  useEffect(() => {
    if (flow !== 'numberSeal' || !first || !inspect || moved) return;
    let live = true;
    void daemon.client
      .request(
        'verify',
        { document: { bytes: first.bytes.length, sha256: first.sha256 } },
        { document: first.bytes },
      )
      .then(({ result }) => {
        const height = (n: number) => inspect.pages.find((p) => p.number === n)?.height;
        const seal = sealPlacement(result, height);
        if (seal && live) setPlacement(seal);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [first, inspect, moved, daemon.client]);
  // The draft's own text proposes the type, the trích yếu and the printed ký hiệu for the outgoing book.
  useEffect(() => {
    if (flow !== 'numberSeal' || !first) return;
    let live = true;
    void daemon.client
      .request(
        'registry.prefill',
        { kind: 'outgoing', document: { bytes: first.bytes.length, sha256: first.sha256 } },
        { document: first.bytes },
      )
      .then(({ result }) => {
        if (!live) return;
        const text = (tag: string) => (typeof result.fields[tag] === 'string' ? result.fields[tag] : '');
        setOutgoing((typed) => ({
          typeName: typed.typeName || text('TypeName'),
          subject: typed.subject || text('Subject'),
        }));
        setPrintedNotation(text('CodeNotation') || undefined);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [first, daemon.client]);
  const chosen = daemon.certificates.find((c) => c.keyUri === keyUri);
  const mismatch =
    flow === 'sign' ? nameMismatch(chosen?.commonName, inspect?.anchors.at(-1)?.name) : undefined;

  const onPageSize = useCallback((n: number, _w: number, h: number) => heights.current.set(n, h), []);
  const onPlacement = (p: Placement) => {
    setMoved(true);
    setPlacement(p);
  };

  // Each document has its own number: "Cấp số & đóng dấu" takes one document at a time.
  const tooMany = docs.length > 1 && (!batchAllowed || flow === 'numberSeal');
  const ready =
    consent &&
    pin.length > 0 &&
    docs.length > 0 &&
    !!keyUri &&
    !!image &&
    !busy &&
    !tooMany &&
    !unsignable &&
    !duplicate &&
    (flow === 'sign' ||
      (!!numbering.reserved && outgoing.typeName.trim().length > 0 && outgoing.subject.trim().length > 0));

  const releaseUnsealed = async (reason: string) => {
    const outcome = await numbering.release(reason);
    setReleased(
      outcome === 'voided'
        ? say(
            'Số đã cấp được hủy, lý do ghi vào sổ.',
            'The number was voided; the reason is in the register.',
          )
        : outcome
          ? say('Số đã cấp được trả lại sổ.', 'The number went back to the register.')
          : undefined,
    );
  };
  const [released, setReleased] = useState<string>();

  const failed = (e: unknown) => {
    const error = toVanthuError(e instanceof NotKept ? e.cause : e);
    setOutcome({
      ok: false,
      text: `${
        e instanceof NotKept
          ? say(
              'Văn bản đã đóng dấu nhưng không vào sổ được, không đưa vào cổng.',
              'The document was sealed but could not be registered; it was not put into the portal.',
            )
          : say('Văn bản chưa được ký.', 'The document was not signed.')
      } ${levelErrorLine(error, level, chosen?.commonName ?? chosen?.subject) ?? errorLine(error)}`,
      detail: errorDetail(error),
    });
  };

  const registeredLine = (entry: RegistryEntry) =>
    say(
      ` Số ${String(entry.fields['CodeNumber'])}/${String(entry.fields['CodeNotation'])} đã vào sổ văn bản đi.`,
      ` Number ${String(entry.fields['CodeNumber'])}/${String(entry.fields['CodeNotation'])} is in the outgoing register.`,
    );

  /**
   * Keeps the sealed document under its reserved number. A duplicate warning (the same file is
   * already in the book) is set aside for the clerk's answer: undefined, the number still held.
   */
  const keep = async (signed: SignedDocument[], reservation: RegistryEntry, confirmDuplicate: boolean) => {
    try {
      const entry = await registerSealed(
        daemon.client,
        reservation.id,
        signed[0]!,
        outgoing,
        confirmDuplicate,
      );
      numbering.used();
      return entry;
    } catch (e) {
      const entries = confirmDuplicate ? [] : duplicatesOf(toVanthuError(e));
      if (entries.length > 0) {
        setDuplicate({ signed, reservation, entries });
        return undefined;
      }
      // The daemon voided the number with the reason, except on a duplicate warning (still held).
      if (toVanthuError(e).code !== 'REGISTRY_DUPLICATE') numbering.used();
      throw new NotKept('not kept', { cause: e });
    }
  };

  /** Hands the signed documents back to the portal (or downloads them) and says what happened. */
  const deliver = async (signed: SignedDocument[], registered: string) => {
    // Marks for the benchmark's breakdown (signed bytes received → handed to the portal tab).
    performance.mark('vanthu:signed');
    const lines: string[] = [];
    for (const s of signed) {
      const name = signedName(s.doc.name, flow === 'sign' ? 'da-ky' : 'da-dong-dau');
      const how = await deliverToPortal(tabId, name, s.bytes);
      lines.push(
        `${name}: ${how === 'uploaded' ? say('đã đưa vào cổng', 'put into the portal') : say('đã tải xuống', 'downloaded')} (SHA-256 ${s.result.document.sha256.slice(0, 16)}…)`,
      );
    }
    performance.mark('vanthu:delivered');
    setOutcome({
      ok: true,
      text: `${
        flow === 'sign'
          ? say(`Đã ký số ${signed.length} văn bản.`, `Signed ${signed.length} document(s).`)
          : say(
              `Đã cấp số và đóng dấu ${signed.length} văn bản.`,
              `Numbered and sealed ${signed.length} document(s).`,
            )
      }${registered} ${lines.join('; ')}`,
    });
  };

  /** The clerk's answer to the duplicate warning: register anyway, or cancel and give the number back. */
  const answerDuplicate = async (register: boolean) => {
    const pending = duplicate;
    if (!pending) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      if (register) {
        setProgress(say('Đang vào sổ văn bản đi…', 'Registering in the outgoing register…'));
        const entry = await keep(pending.signed, pending.reservation, true);
        setDuplicate(undefined);
        if (entry) await deliver(pending.signed, registeredLine(entry));
      } else {
        setDuplicate(undefined);
        await releaseUnsealed(CANCELLED_DUPLICATE_REASON);
        setOutcome({
          ok: false,
          text: say(
            'Đã huỷ: văn bản đã đóng dấu không vào sổ và không đưa vào cổng.',
            'Cancelled: the sealed document was neither registered nor put into the portal.',
          ),
        });
      }
    } catch (e) {
      setDuplicate(undefined);
      failed(e);
    } finally {
      setBusy(false);
      setProgress('');
    }
  };

  const submit = async () => {
    const typed = pin;
    // The PIN leaves the field at once; it is kept only for the requests of this consent.
    setPin('');
    setBusy(true);
    setOutcome(undefined);
    setSignWarnings([]);
    performance.clearMarks();
    performance.mark('vanthu:consent');
    const reservation = numbering.reserved;
    try {
      const pageHeight = heights.current.get(placement.page);
      const signed = await signDocuments(
        daemon.client,
        docs,
        {
          flow,
          keyUri,
          pin: typed,
          image: image ?? '',
          ...(moved && pageHeight
            ? { placement: { page: placement.page, rect: toPdfRect(placement, pageHeight) } }
            : {}),
          ...(reservation ? { reservationId: reservation.id } : {}),
          level,
          batchWindowSeconds: daemon.client.hello?.pinPolicy.batchWindowSeconds ?? 0,
        },
        setProgress,
      ).catch(async (e: unknown) => {
        // Not sealed: the number goes back to the register (or is voided with the reason).
        if (reservation)
          await releaseUnsealed(`Đóng dấu không thành công: ${toVanthuError(e).code}`).catch(() => undefined);
        throw e;
      });
      setSignWarnings(documentWarnings(signed));
      let registered = '';
      if (reservation && signed[0]) {
        setProgress(say('Đang vào sổ văn bản đi…', 'Registering in the outgoing register…'));
        const entry = await keep(signed, reservation, false);
        // Already in the register: the clerk answers the warning before anything reaches the portal.
        if (!entry) return;
        registered = registeredLine(entry);
      }
      await deliver(signed, registered);
    } catch (e) {
      failed(e);
    } finally {
      setConsent(false);
      setBusy(false);
      setProgress('');
    }
  };

  return (
    <main style={{ padding: 12 }}>
      <h1 style={{ fontSize: 18 }}>{title(flow)}</h1>
      {loadError && (
        <p role="alert" data-testid="load-error">
          {say('Không tải được văn bản:', 'Could not load the document:')} {loadError}
        </p>
      )}
      <ul>
        {docs.map((d) => (
          <li key={d.url}>
            <code>{d.name}</code> — SHA-256: <code data-testid="sha256">{d.sha256}</code>
          </li>
        ))}
      </ul>
      {unsignable && (
        <div role="alert" data-testid="unsignable">
          <p style={{ margin: '4px 0' }}>
            {say('Không thể ký văn bản này.', 'This document cannot be signed.')} {unsignable.text}
          </p>
          <TechnicalDetail text={unsignable.detail} />
        </div>
      )}
      {tooMany && (
        <p role="alert">
          {say(
            'Chính sách quản trị không cho phép ký nhiều văn bản với một lần đồng ý; hãy ký từng văn bản.',
            "The administrator's policy does not allow signing several documents with one consent; sign them one at a time.",
          )}
        </p>
      )}
      {daemon.problem && (
        <p role="alert" data-testid="daemon-problem">
          {daemon.problem}{' '}
          <button type="button" onClick={daemon.reload}>
            {say('Thử lại', 'Try again')}
          </button>
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void submit();
        }}
      >
        {daemon.certificates.length > 0 && (
          <CertificatePicker certificates={daemon.certificates} value={keyUri} onChange={setKeyUri} />
        )}
        <ChainWarning missingIssuer={chosen?.chainMissingIssuer} testId="chain-warning" />
        <div style={{ margin: '6px 0' }}>
          {flow === 'sign'
            ? say('Ảnh chữ ký (PNG)', 'Signature image (PNG)')
            : say('Ảnh con dấu (PNG)', 'Seal image (PNG)')}
          :{' '}
          {image ? (
            <img
              src={`data:image/png;base64,${image}`}
              alt={
                flow === 'sign'
                  ? say('Ảnh chữ ký đã chọn', 'Chosen signature image')
                  : say('Ảnh con dấu đã chọn', 'Chosen seal image')
              }
              data-testid="image-preview"
              style={{
                height: 48,
                maxWidth: 160,
                verticalAlign: 'middle',
                border: '1px solid #d1d5db',
                borderRadius: 4,
                background: '#fff',
              }}
            />
          ) : (
            say('chưa có. ', 'none yet. ')
          )}{' '}
          {/* The browser's own file button speaks its own language: a Vietnamese one stands in for it. */}
          <label
            style={{
              position: 'relative',
              display: 'inline-block',
              padding: '2px 8px',
              border: '1px solid #6b7280',
              borderRadius: 4,
              background: '#f3f4f6',
              cursor: 'pointer',
            }}
          >
            {image ? say('Chọn ảnh khác…', 'Choose another image…') : say('Chọn ảnh…', 'Choose an image…')}
            <input
              type="file"
              style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
              accept="image/png"
              aria-label={
                flow === 'sign' ? say('Ảnh chữ ký', 'Signature image') : say('Ảnh con dấu', 'Seal image')
              }
              onChange={async (e) => {
                const file = e.target.files?.[0];
                const png = file && (await readPng(file));
                if (png) {
                  setImage(png);
                  await saveImage(imageKind, png);
                } else
                  setOutcome({
                    ok: false,
                    text: say(
                      'Ảnh phải là tệp PNG không quá 1 MB.',
                      'The image must be a PNG file of at most 1 MB.',
                    ),
                  });
              }}
            />
          </label>
        </div>
        {flow === 'numberSeal' && (
          <>
            <NumberReservation
              view={numbering}
              proposedNotation={printedNotation}
              fields={outgoing}
              onFields={setOutgoing}
              disabled={busy || !!unsignable}
            />
            {inspect && !inspect.placeholders.number && (
              <p>
                {say(
                  'Trang 1 không có chỗ trống "Số:" để ghi số.',
                  'Page 1 has no blank "Số:" for the number.',
                )}
              </p>
            )}
            {released && <p data-testid="number-released">{released}</p>}
          </>
        )}
        <p style={{ fontSize: 12, color: '#4b5563' }}>
          {flow === 'sign'
            ? moved
              ? say(
                  `Vị trí chữ ký: trang ${placement.page}, kéo khung đỏ để đổi.`,
                  `Signature position: page ${placement.page}; drag the red frame to move it.`,
                )
              : say(
                  'Vị trí chữ ký: khối chữ ký của văn bản (kéo khung đỏ để chọn chỗ khác).',
                  "Signature position: the document's signature block (drag the red frame to choose another place).",
                )
            : say(
                `Con dấu đặt chồng lên khoảng một phần ba bên trái chữ ký của người có thẩm quyền (trang ${placement.page}).`,
                `The seal overlaps about the left third of the approver's signature (page ${placement.page}).`,
              )}
        </p>
        {mismatch && (
          <p role="alert" data-testid="name-mismatch" className="vt-banner unknown">
            {mismatch}
          </p>
        )}
        <LevelChoice
          value={level}
          onChange={setLevel}
          timestamp={policy?.timestamp === true}
          disabled={busy || !!duplicate}
        />
        {/* Said again where the PIN is asked: the signer decides knowing the chain is incomplete. */}
        <ChainWarning missingIssuer={chosen?.chainMissingIssuer} testId="chain-warning-pin" reminder />
        <label>
          {say('Mã PIN của thiết bị ký:', "The signing device's PIN:")}{' '}
          <input
            type="password"
            autoComplete="off"
            value={pin}
            disabled={!!unsignable}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <label style={{ display: 'block', margin: '8px 0' }}>
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{' '}
          {flow === 'sign'
            ? say(
                `Tôi đồng ý ký số ${docs.length} văn bản có mã SHA-256 nêu trên.`,
                `I agree to sign the ${docs.length} document(s) with the SHA-256 above.`,
              )
            : say(
                `Tôi đồng ý cấp số, ghi ngày và đóng dấu ${docs.length} văn bản có mã SHA-256 nêu trên.`,
                `I agree to number, date and seal the ${docs.length} document(s) with the SHA-256 above.`,
              )}
        </label>
        <button type="submit" disabled={!ready}>
          {title(flow)}
        </button>
      </form>
      {duplicate && (
        <DuplicateConfirm
          duplicates={duplicate.entries}
          busy={busy}
          onConfirm={() => void answerDuplicate(true)}
          onCancel={() => void answerDuplicate(false)}
        />
      )}
      {progress && <p aria-live="polite">{progress}</p>}
      <SignWarnings documents={signWarnings} />
      <OutcomeLine outcome={outcome} />
      {first && (
        <PdfPages
          bytes={first.bytes.buffer}
          placement={placement}
          onPlacement={onPlacement}
          onPageSize={onPageSize}
        />
      )}
    </main>
  );
}
