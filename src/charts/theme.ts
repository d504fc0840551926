/**
 * Colours of a chart that follow the reader's theme on the page: drawn as CSS variables (set by the site's
 * stylesheet in the dark theme) with the light colour as fallback. Exported files are drawn without them, so
 * that every SVG reader shows the light colours.
 */
const THEMED: Record<string, string> = {
  // Earlier waves recede behind the latest one in either theme.
  '#bbbbbb': '--chart-wave-1',
  '#999999': '--chart-wave-2',
  '#777777': '--chart-wave-3',
  // Interval lines, zero rules and notes, dark on light paper.
  '#333': '--chart-ink',
  '#333333': '--chart-ink',
  '#666': '--chart-muted',
  '#666666': '--chart-muted',
  '#999': '--chart-rule',
  // A withheld cell of a heat table.
  '#eeeeee': '--chart-blank',
};

/** Rewrites the themed colours of a drawing (see THEMED) as CSS variables falling back to the light colour. */
export function themeColours(drawing: Element): void {
  for (const el of drawing.querySelectorAll('[fill], [stroke]')) {
    const styles = (['fill', 'stroke'] as const).flatMap((attr) => {
      const colour = el.getAttribute(attr)?.toLowerCase();
      const name = colour === undefined ? undefined : THEMED[colour];
      return name ? [`${attr}: var(${name}, ${colour})`] : [];
    });
    if (styles.length) el.setAttribute('style', [el.getAttribute('style'), ...styles].filter(Boolean).join('; '));
  }
}
