/** A topic's URL slug: "Export controls" → "export-controls". */
export function topicSlug(topic: string): string {
  return topic
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
