import type { z } from 'astro/zod';

/** One line per zod issue, naming the field path: "- source.url: Invalid URL". */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `- ${path}: ${issue.message}`;
    })
    .join('\n');
}
