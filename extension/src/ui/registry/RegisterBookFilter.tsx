import { type FormEvent, useState } from 'react';
import { say } from '../../i18n/language.js';
import { type BookFilter, type BookFilterProblem, bookQuery } from './RegisterBookQuery.js';

const FIELD_STYLE = { display: 'flex', flexDirection: 'column', gap: 2, fontSize: 12 } as const;

/**
 * The book's filter: which book (incoming or outgoing, and a series of its own), the year, and the
 * registration dates typed dd/mm/yyyy (a browser date picker would show the machine's order, often
 * mm/dd/yyyy). A wrong field is named before any request.
 */
export function RegisterBookFilter({
  initial,
  onApply,
}: {
  initial: BookFilter;
  onApply: (filter: BookFilter) => void;
}) {
  const [filter, setFilter] = useState(initial);
  const [problem, setProblem] = useState<BookFilterProblem>();
  const set = (key: keyof BookFilter) => (e: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const query = bookQuery(filter, 0);
    setProblem(query.ok ? undefined : query.problem);
    if (query.ok) onApply(filter);
  };
  const alert = (field: keyof BookFilter) =>
    problem?.field === field ? (
      <span role="alert" data-testid={`book-filter-problem-${field}`}>
        {say(problem.vi, problem.en)}
      </span>
    ) : null;
  return (
    <form
      onSubmit={submit}
      data-testid="book-filter"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 6 }}
    >
      <label style={FIELD_STYLE}>
        {say('Sổ', 'Book')}
        <select value={filter.kind} onChange={set('kind')} data-testid="book-kind">
          <option value="incoming">{say('Sổ văn bản đến', 'Incoming book')}</option>
          <option value="outgoing">{say('Sổ văn bản đi', 'Outgoing book')}</option>
        </select>
      </label>
      <label style={FIELD_STYLE}>
        {say('Sổ riêng (nếu có)', 'Own series (if any)')}
        <input value={filter.series} onChange={set('series')} maxLength={64} data-testid="book-series" />
      </label>
      <label style={FIELD_STYLE}>
        {say('Năm', 'Year')}
        <input
          value={filter.year}
          onChange={set('year')}
          inputMode="numeric"
          size={4}
          data-testid="book-year"
        />
        {alert('year')}
      </label>
      <label style={FIELD_STYLE}>
        {say('Vào sổ từ ngày', 'Registered from')}
        <input
          value={filter.from}
          onChange={set('from')}
          placeholder="dd/mm/yyyy"
          inputMode="numeric"
          data-testid="book-from"
        />
        {alert('from')}
      </label>
      <label style={FIELD_STYLE}>
        {say('Đến ngày', 'To')}
        <input
          value={filter.to}
          onChange={set('to')}
          placeholder="dd/mm/yyyy"
          inputMode="numeric"
          data-testid="book-to"
        />
        {alert('to')}
      </label>
      <div style={{ alignSelf: 'end' }}>
        <button type="submit">{say('Xem sổ', 'Show')}</button>
      </div>
    </form>
  );
}
