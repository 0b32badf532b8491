import { DashboardView } from './DashboardView.tsx';

export function DashboardPage() {
  return <DashboardView region={null} />;
}
