/**
 * A note's lead chart (its first `<Chart>`) away from the note: on the home page and on its
 * preview card. Read from the MDX with the content check's reader, not by rendering the note,
 * and drawn over the data of the note's latest version, as on its page: the same props over
 * the same data vintage are the same figure (the chart engine's key), so it is drawn once.
 * (src/components/notes/LeadChart.astro picks the same chart and data for the home page; it
 * keeps its own imports because Astro orders a page's stylesheets by import position, and
 * importing this module there would put the chart's stylesheet before the site's.)
 */
import { leadChartProps } from '../components/notes/note-links.ts';
import type { FileSource } from '../data/source.ts';
import { workingTree } from '../data/source.ts';
import { siteVersions, versionData } from '../versions/site.ts';
import { type Note, noteFile } from './collection.ts';

export interface LeadChart {
  /** The props as the note's page passes them (without the source-lines `__line`). */
  props: Record<string, unknown>;
  /** Project-relative path of the note's MDX file. */
  file: string;
  /** The data of the note's latest version: what its page draws from. */
  data: FileSource;
  /** The working tree's data, for a chart pinned to the latest data (`vintage="latest"`). */
  latestData: FileSource;
}

/**
 * The note's lead chart, or undefined when it has none or its props can only be known by
 * rendering the note (a `{...spread}`, a name the file defines): then the home page shows no
 * chart for it and its card has none.
 */
export function noteLeadChart(note: Note, { dev = false }: { dev?: boolean } = {}): LeadChart | undefined {
  const props = leadChartProps(note);
  if (!props) return undefined;
  return { props, ...noteChartData(note, { dev }) };
}

/** Where a note's charts read data on its latest page: its latest version's vintage, and today's. */
export function noteChartData(note: Note, { dev = false }: { dev?: boolean } = {}): Omit<LeadChart, 'props'> {
  const index = siteVersions({ dev });
  const file = noteFile(note);
  const version = index.files.get(file)?.versions.at(-1);
  const latestData = workingTree();
  return { file, data: version ? versionData(index, version, { dev }) : latestData, latestData };
}

/** The data a lead chart is drawn from: its note's latest version's, or today's when pinned to the latest. */
export function leadChartSource(lead: LeadChart): FileSource {
  return lead.props.vintage === 'latest' ? lead.latestData : lead.data;
}
