import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { MessageView } from '../../api/schema';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { useMessageSearch } from '../../messaging/queries';

const SEARCH_DELAY_MS = 300;

function resultPath(message: MessageView): string {
  const path = `/messages/${message.conversationId}`;
  return message.parentId ? `${path}?thread=${message.parentId}` : path;
}

/** Searches the person's messages as they type; a result opens its conversation (or thread). */
export function MessageSearch({ titleOf }: { titleOf: (conversationId: string) => string | undefined }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const results = useMessageSearch(q);
  const inputId = useId();
  const items = results.data?.items ?? [];

  return (
    <div className="message-search" role="search">
      <label className="field__label" htmlFor={inputId}>
        Search messages
      </label>
      <input
        className="field__control"
        id={inputId}
        type="search"
        value={text}
        maxLength={200}
        onChange={(event) => setText(event.target.value)}
      />
      {q ? (
        <>
          <ErrorBanner error={results.error} />
          {results.isPending ? <p aria-busy="true">Searching…</p> : null}
          {results.isSuccess && items.length === 0 ? <p className="message-search__empty">No messages match.</p> : null}
          {items.length ? (
            <ul className="message-search__results" aria-label="Search results">
              {items.map((message) => (
                <li key={message.id}>
                  <Link className="search-result" to={resultPath(message)} onClick={() => setText('')}>
                    <span className="search-result__where">
                      {message.authorName ?? 'A former member'} in {titleOf(message.conversationId) ?? 'a conversation'}
                    </span>
                    <span className="search-result__body">{message.body}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
