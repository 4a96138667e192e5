import type { ReactNode } from 'react';
import { RequirementsSubNav } from '@/components/requirements/sub-nav';

export default function RequirementsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <RequirementsSubNav />
      {children}
    </>
  );
}
