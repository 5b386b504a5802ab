/** Query keys of the messaging data, under ['account'] so they go when the session ends. */
const ALL = ['account', 'messaging'] as const;

export const messagingKeys = {
  all: ALL,
  /** Both conversation lists (archived and not). */
  lists: () => [...ALL, 'list'] as const,
  list: (archived: boolean) => [...ALL, 'list', { archived }] as const,
  one: (id: string) => [...ALL, 'one', id] as const,
  search: (q: string) => [...ALL, 'search', q] as const,
  people: () => [...ALL, 'people'] as const,
  /**
   * A message attachment's bytes (or preview), by address. An address always names the same
   * bytes, so it lives outside ALL, where no refresh of the conversations reaches it.
   */
  attachmentContent: (url: string) => ['account', 'attachment-content', url] as const,
};
