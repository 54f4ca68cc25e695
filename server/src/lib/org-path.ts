/** Materialized-path helpers (see db/schema/orgs.ts for why a path). */
export const childPath = (parentPath: string, id: number) => `${parentPath}${id}/`;
export const rootPath = (id: number) => `/${id}/`;
/** Ancestor ids, root first, excluding the org itself. */
export const ancestorIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number).slice(0, -1);
/** LIKE pattern for the strict descendants of an org ('/' and digits need no escaping). */
export const descendantsLike = (path: string) => `${path}%`;
export const isWithin = (path: string, ancestorPath: string) => path.startsWith(ancestorPath);
