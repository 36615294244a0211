import { useEffect, useState } from 'react';

/** The screens, addressed by the URL fragment so Back/Forward and reloads keep the place. */
export type Route =
  | { name: 'library' }
  | { name: 'vendor'; vendorId: number; tab: VendorTab }
  | { name: 'compare' }
  | { name: 'policy' }
  | { name: 'export' }
  | { name: 'settings' };

export type VendorTab = 'review' | 'changes' | 'history';
const TABS: readonly VendorTab[] = ['review', 'changes', 'history'];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  switch (parts[0]) {
    case 'vendor': {
      const vendorId = Number(parts[1]);
      const tab = TABS.find((t) => t === parts[2]) ?? 'review';
      return Number.isInteger(vendorId) && vendorId > 0
        ? { name: 'vendor', vendorId, tab }
        : { name: 'library' };
    }
    case 'compare':
      return { name: 'compare' };
    case 'policy':
      return { name: 'policy' };
    case 'export':
      return { name: 'export' };
    case 'settings':
      return { name: 'settings' };
    default:
      return { name: 'library' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'vendor':
      return `#/vendor/${route.vendorId}/${route.tab}`;
    case 'library':
      return '#/library';
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
