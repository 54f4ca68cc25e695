import { OutOfProvinceDestinations, type OutOfProvinceDestination } from '../enums';

/**
 * 临时中转团组织 [003 五2: "…应选择将组织关系转至“临时中转团组织”"]: a member who does not yet
 * know the branch over there transfers to the destination's temporary transit org. The
 * application names it with this reference instead of an org of the other system.
 */
export const TRANSIT_ORG_REF = 'transit';

export const isTransitOrgRef = (ref: string | null | undefined): boolean => ref === TRANSIT_ORG_REF;

/** '福建临时中转团组织' — the name the destination's transit org is shown with. */
export const transitOrgName = (region: OutOfProvinceDestination): string => `${OutOfProvinceDestinations[region]}临时中转团组织`;
