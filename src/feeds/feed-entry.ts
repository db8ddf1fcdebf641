/** One note in a feed. Every URL is absolute. */
export interface FeedEntry {
  /** Permanent id: the note's URL. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Full body as HTML, charts as PNG `<img>`. */
  contentHtml: string;
  published: Date;
  updated: Date;
  authors: string[];
  categories: { name: string; slug: string; url: string }[];
  /** Preview image (1200x630 PNG). */
  image: string;
}
