// The horizontal scroller around a wide table. When the table is wider than the screen (a phone at
// 360 px, a file preview) the scroller takes keyboard focus, so it can be scrolled without a mouse,
// and is named after the table's caption; otherwise it stays out of the tab order.
import { type ReactNode, useEffect, useRef, useState } from 'react';

export function TableWrap({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState<string | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () =>
      setScrolls(
        el.scrollWidth > el.clientWidth + 1 ? (el.querySelector('caption')?.textContent?.trim() ?? '') : null,
      );
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    const table = el.firstElementChild;
    if (table) ro.observe(table);
    return () => ro.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-wrap"
      {...(scrolls !== null ? { tabIndex: 0, role: 'region', 'aria-label': scrolls || undefined } : {})}
    >
      {children}
    </div>
  );
}
