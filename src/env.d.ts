/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by note and event pages for the MDX components they render. */
    assay?: import('./lib/render-context.ts').RenderContext;
  }
}
