/**
 * Site-wide settings: the one place a publisher edits to make Assay theirs.
 * Everything that reaches `dist/` and depends on who publishes reads from here.
 */
import { checkedUrl } from './lib/safe-url.ts';

// Links here reach every page, feed and preview: only web addresses and site paths (src/lib/safe-url.ts).
const CONFIG = 'src/site.config.ts';
const WEB = { mailto: false, sitePath: false };

export const site = {
  /** Absolute URL the site is served from, used for canonical links, feeds and previews. */
  url: process.env.ASSAY_SITE_URL
    ? checkedUrl(process.env.ASSAY_SITE_URL, { field: 'ASSAY_SITE_URL' }, WEB)
    : checkedUrl('https://assay.example.com', { file: CONFIG, field: 'url' }, WEB),
  /** Publisher name, shown in the masthead, feeds, previews and structured data. */
  publisher: 'Assay Rare Earths Research',
  /** Short name for the masthead on small screens. */
  shortName: 'Assay',
  /** Publisher logo for structured data and feeds: a site path or absolute URL, with its pixel size. */
  logo: {
    path: checkedUrl('/og/site.png', { file: CONFIG, field: 'logo.path' }, { mailto: false }),
    width: 1200,
    height: 630,
  },
  /** One line describing the publication. */
  tagline: 'Monthly market notes on rare earths and permanent magnets',
  /** Author used when a note names none. */
  defaultAuthor: 'Assay Research Desk',
  /** Language of the content (BCP 47). */
  language: 'en-GB',
  /** Social handles for link previews (without @), if any. */
  social: { twitter: undefined as string | undefined },
  /** UTM parameters added to links in the email edition and feeds. */
  newsletterUtm: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'monthly-note' },
  /**
   * One colour per entity across the whole site: a series with one of these names (in any
   * case), or a single-series dataset whose metadata says `entity: United States`, is drawn in
   * this colour in every chart. Other series take the chart palette in order
   * (src/charts/palette.ts). Hex colours, each at least 3:1 against both page backgrounds.
   */
  seriesColors: {
    World: '#0072B2',
    'United States': '#D55E00',
    Germany: '#009E73',
    China: '#8C6BB1',
    Japan: '#C0679A',
    'South Korea': '#C77C00',
    India: '#2E94CF',
  } as Record<string, string>,
  /** Notes per page in archive and topic lists before they paginate. */
  pageSize: 20,
  /**
   * The topics notes and events are filed under. A note's or event's `topics` must name one of
   * these, by name or slug, in any case (the content check fails on any other, with a
   * suggestion); pages show the name written here and link to /topics/<slug>/.
   */
  topics: [
    {
      name: 'Magnets',
      slug: 'magnets',
      description: 'Rare earth permanent magnets: who makes them, who buys them, and the trade between.',
    },
    {
      name: 'Export controls',
      slug: 'export-controls',
      description: 'China’s licensing rules for rare earths and magnets, and what they do to shipments.',
    },
    {
      name: 'Germany',
      slug: 'germany',
      description: 'Germany as a destination for China’s magnet exports.',
    },
    {
      name: 'United States',
      slug: 'united-states',
      description: 'The United States as a destination for China’s magnet exports.',
    },
  ],
  /** The site footer: who publishes, how to reach them, the terms, privacy and the newsletter. */
  footer: {
    /** Copyright line; a fixed text, never the build clock. */
    copyright: '© 2025 Assay Rare Earths Research',
    /** Where readers write to the desk. */
    contact: checkedUrl('mailto:research@assay.example.com', { file: CONFIG, field: 'footer.contact' }),
    /** Terms of use and licence (a page or a section of one). */
    terms: checkedUrl('/about/#terms', { file: CONFIG, field: 'footer.terms' }),
    /** How the site treats readers' data. */
    privacy: checkedUrl('/about/#privacy', { file: CONFIG, field: 'footer.privacy' }),
    /** Newsletter sign-up, at the publisher's mailing-list provider. */
    newsletter: checkedUrl('https://newsletter.assay.example.com/subscribe', {
      file: CONFIG,
      field: 'footer.newsletter',
    }),
  },
} as const;
