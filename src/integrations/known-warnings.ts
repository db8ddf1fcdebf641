/**
 * Silences one warning Astro 7 makes rolldown print for every MDX file in a build:
 * `MODULE_LEVEL_DIRECTIVE … "use astro:head-inject" … may not be preserved when bundling`.
 * Astro adds that directive itself and reads it before bundling, so nothing is lost; the
 * warning is a known Astro bug (withastro/astro#18087, "triage: fix verified"). A site of
 * 500 notes printed it 500 times, ten lines each, burying every warning that matters. Any
 * other directive, and any other warning, is still printed.
 */
import type { Plugin } from 'vite';

/** The part of a rolldown log this filter reads. */
interface BuildLog {
  code?: string;
  message: string;
}

/** Whether a build log is Astro's own head-inject directive warning. */
export function isHeadInjectDirectiveWarning(log: BuildLog): boolean {
  return log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"');
}

/** A Vite plugin that drops that warning and passes every other log on. */
export function quietKnownWarnings(): Plugin {
  return {
    name: 'assay:quiet-known-warnings',
    onLog(_level, log) {
      if (isHeadInjectDirectiveWarning(log)) return false;
    },
  };
}
