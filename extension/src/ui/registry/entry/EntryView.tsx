import type { BookKindName, RegistryAssignPayload } from '@vanthu/shared/protocol/index';
import { say } from '../../../i18n/language.js';
import { EntryFiles } from '../EntryFiles.js';
import { useDaemonClient } from '../useDaemonClient.js';
import { AssignForm } from './AssignForm.js';
import { Assignments } from './Assignments.js';
import { Deliveries } from './Deliveries.js';
import { FileIntoRecord } from './FileIntoRecord.js';
import { HandlingSteps } from './HandlingSteps.js';
import { entryNumber, entryStateText } from './labels.js';
import { RecallAnswer } from './RecallAnswer.js';
import { RecallForm } from './RecallForm.js';
import { RecallNotice } from './RecallNotice.js';
import { SendEntry } from './SendEntry.js';
import { useEntry, useEntryAction } from './useEntry.js';

/**
 * One register entry and what the clerk does with it next: assign, handle and file an incoming
 * document, answer its recall; send an outgoing one, follow each recipient, recall it.
 */
export function EntryView({ kind, id }: { kind: BookKindName; id: string }) {
  const client = useDaemonClient();
  const { entry, arrival, error, reload } = useEntry(client, kind, id);
  const action = useEntryAction(reload);
  const back = (
    <a href={`#tab=${kind}`} style={{ fontSize: 12 }}>
      {kind === 'incoming'
        ? say('← Sổ văn bản đến', '← Incoming book')
        : say('← Sổ văn bản đi', '← Outgoing book')}
    </a>
  );
  if (!entry)
    return (
      <section data-testid="entry">
        {back}
        <p className={error ? 'vt-error' : 'vt-muted'}>{error ?? say('Đang đọc sổ…', 'Reading the book…')}</p>
      </section>
    );
  const arrivalId = entry.arrivalId;
  // Given on a registered entry; a new direction may follow while it is assigned.
  const assign = (input: Pick<RegistryAssignPayload, 'text' | 'assignees'>) =>
    void action.run(() => client.request('registry.assign', { id: entry.id, ...input }));
  return (
    <section data-testid="entry" data-entry={entry.id} data-state={entry.state}>
      {back}
      <h2 style={{ fontSize: 15, margin: '4px 0' }} data-testid="entry-number">
        {entryNumber(entry)}
      </h2>
      <p style={{ margin: '2px 0' }}>{String(entry.fields['Subject'] ?? '')}</p>
      <p style={{ margin: '2px 0', fontSize: 12 }}>
        {say('Trạng thái', 'State')}: <strong data-testid="entry-state">{entryStateText(entry.state)}</strong>
      </p>
      <RecallNotice entry={entry} arrival={arrival} />
      {arrival && arrivalId !== undefined && (
        <RecallAnswer
          arrival={arrival}
          busy={action.busy}
          onAnswer={(accept, reason) =>
            void action.run(() =>
              client.request('exchange.recallAnswer', { arrivalId, accept, ...(reason ? { reason } : {}) }),
            )
          }
        />
      )}
      <EntryFiles entry={entry} />
      {kind === 'incoming' && (
        <>
          <Assignments entry={entry} />
          {entry.state === 'registered' && <AssignForm busy={action.busy} onAssign={assign} />}
          {entry.state === 'assigned' && (
            <details>
              <summary>{say('Phân công lại', 'Assign again')}</summary>
              <AssignForm busy={action.busy} onAssign={assign} />
            </details>
          )}
          {arrivalId !== undefined && (
            <HandlingSteps
              entry={entry}
              busy={action.busy}
              onStep={(code) => void action.run(() => client.request('exchange.status', { arrivalId, code }))}
            />
          )}
        </>
      )}
      {kind === 'outgoing' && (
        <>
          <Deliveries client={client} entry={entry} />
          <SendEntry
            client={client}
            entry={entry}
            busy={action.busy}
            onSend={(recipients) =>
              void action.run(() => client.request('exchange.send', { entryId: entry.id, recipients }))
            }
          />
          <RecallForm
            entry={entry}
            busy={action.busy}
            onRecall={(reason) =>
              void action.run(() => client.request('registry.recall', { id: entry.id, reason }))
            }
          />
        </>
      )}
      <FileIntoRecord
        client={client}
        entry={entry}
        busy={action.busy}
        onFile={(record) =>
          void action.run(() => client.request('records.add', { record, entryId: entry.id }))
        }
      />
      {(action.error ?? error) && (
        <p role="alert" className="vt-error">
          {action.error ?? error}
        </p>
      )}
    </section>
  );
}
