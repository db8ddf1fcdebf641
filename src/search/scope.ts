/**
 * Which pages site search covers: notes ("/notes/<slug>/") and events ("/events/<slug>/").
 * Lists, month and topic pages repeat notes' headlines and would crowd the results;
 * earlier versions ("/notes/<slug>/v1/") are noindex and left out by Base.
 */
export function isSearchablePath(path: string): boolean {
  const note = /^\/notes\/[^/]+\/$/.test(path) && !/^\/notes\/(page|\d{4})\/$/.test(path);
  return note || /^\/events\/[^/]+\/$/.test(path);
}

/** The result type search shows as a filter: "Event" or "Note". */
export function searchKind(path: string): 'Event' | 'Note' {
  return path.startsWith('/events/') ? 'Event' : 'Note';
}
