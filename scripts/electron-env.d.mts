export function findElectron(): { path: string | null; reason: string | null };
export function electronVersion(): string;
export function electronNativeDir(): string;
export function electronSqliteBinding(): string;
