/**
 * caniemail.com data, through @jsx-email/doiuse-email: which features of an email's HTML
 * and inline CSS each client does not support (or only partly).
 */
import { DoIUseEmail } from '@jsx-email/doiuse-email';

/** One feature one client does not fully support. */
export interface Finding {
  /** caniemail's feature title, e.g. "HTML5 semantics" or "overflow". */
  feature: string;
  /** The client as `<family>.<platform>`, e.g. "outlook.windows". */
  client: string;
}

export interface CaniemailReport {
  /** Features a client does not support at all. */
  unsupported: Finding[];
  /** Features a client supports with caveats (caniemail's "partial"). */
  partial: Finding[];
  /** Features caniemail has no data for on a client. */
  unknown: Finding[];
}

/**
 * doiuse-email checks only the clients in its own list, which predates caniemail's
 * `outlook.outlook-com`; the data has it. This subclass checks any client in the data, one
 * at a time, and records a feature with no data for a client as unknown instead of throwing.
 */
class Checker extends DoIUseEmail {
  unknown: Finding[] = [];

  constructor(clients: readonly string[]) {
    // The constructor only accepts clients from its list; any valid one will do, then ours.
    super({ emailClients: ['gmail.ios'] });
    this.emailClients = [...clients] as DoIUseEmail['emailClients'];
  }

  override checkFeaturesSupport(featureTitles: string | string[]): void {
    const clients = this.emailClients;
    try {
      for (const feature of [featureTitles].flat()) {
        for (const client of clients) {
          this.emailClients = [client];
          try {
            super.checkFeaturesSupport(feature);
          } catch (error) {
            if (!/not found on/.test(String(error))) throw error;
            this.unknown.push({ feature, client });
          }
        }
      }
    } finally {
      this.emailClients = clients;
    }
  }
}

const MESSAGE = /^`(.+)` is (?:not|only partially) supported by `(.+)`$/;

function parse(message: string): Finding {
  const match = MESSAGE.exec(message);
  if (!match) throw new Error(`unexpected doiuse-email message: ${message}`);
  return { feature: match[1] as string, client: match[2] as string };
}

/** Checks an email's HTML (inline styles and any <style> block) against caniemail for `clients`. */
export function caniemail(html: string, clients: readonly string[]): CaniemailReport {
  const checker = new Checker(clients);
  const result = checker.check(html);
  return {
    unsupported: (result.success ? [] : result.errors).map(parse),
    partial: result.warnings.map(parse),
    unknown: checker.unknown,
  };
}

/** Distinct findings, in first-seen order, each with how often it occurred. */
export function tally(findings: readonly Finding[]): (Finding & { count: number })[] {
  const byKey = new Map<string, Finding & { count: number }>();
  for (const finding of findings) {
    const key = `${finding.feature}\u0000${finding.client}`;
    const seen = byKey.get(key);
    if (seen) seen.count += 1;
    else byKey.set(key, { ...finding, count: 1 });
  }
  return [...byKey.values()];
}
