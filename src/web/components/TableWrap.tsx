// The horizontal scroller around a wide table (or a map). When its content is wider than the screen
// (a phone at 360 px, a file preview) the scroller says so in words above it and with a shadow at
// the edge that has more, takes keyboard focus, so it can be scrolled without a mouse, and is named
// after the table's caption (or `label`); otherwise it stays out of the tab order and says nothing.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../lib/i18n.ts';

export function TableWrap({
  children,
  label,
  className,
}: {
  children: ReactNode;
  /** The scroller's name when it holds no table with a caption (a map). */
  label?: string;
  className?: string;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState<string | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () =>
      setScrolls(
        el.scrollWidth > el.clientWidth + 1
          ? (label ?? el.querySelector('caption')?.textContent?.trim() ?? '')
          : null,
      );
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    const table = el.firstElementChild;
    if (table) ro.observe(table);
    return () => ro.disconnect();
  }, [label]);
  return (
    <>
      {scrolls !== null ? (
        <p className="scroll-hint" aria-hidden="true">
          {t('dashboard.scrollHint')}
        </p>
      ) : null}
      <div
        ref={ref}
        className={`table-wrap${className ? ` ${className}` : ''}${scrolls !== null ? ' scrolls' : ''}`}
        {...(scrolls !== null ? { tabIndex: 0, role: 'region', 'aria-label': scrolls || undefined } : {})}
      >
        {children}
      </div>
    </>
  );
}
