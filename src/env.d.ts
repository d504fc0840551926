/// <reference types="astro/client" />

declare namespace App {
  /** Set by a report page so that MDX components know which report and language they render. */
  interface Locals {
    report?: { id: string; lang: import('./survey/text.ts').Lang };
  }
}
