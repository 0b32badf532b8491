import { DashboardView } from './DashboardView.tsx';

/** A region's public page: the same dashboard, filtered to the region. */
export function RegionPage({ code }: { code: string }) {
  return <DashboardView region={code} />;
}
