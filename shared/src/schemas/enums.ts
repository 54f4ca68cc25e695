import { MembershipStatuses } from '../domain/membership-status';
import { BranchCategories, CheckinStatuses, EthnicGroups, IndustryCategories, OrgTypes, Positions, RealNameStatuses, TransferStatuses } from '../enums';
import { enumField } from './common';

/** The enumerations as schemas, for response shapes and query parameters. */
export const OrgTypeSchema = enumField(OrgTypes);
export const BranchCategorySchema = enumField(BranchCategories);
export const IndustryCategorySchema = enumField(IndustryCategories);
export const PositionSchema = enumField(Positions);
export const EthnicGroupSchema = enumField(EthnicGroups);
export const CheckinStatusSchema = enumField(CheckinStatuses);
export const RealNameStatusSchema = enumField(RealNameStatuses);
export const TransferStatusSchema = enumField(TransferStatuses);
export const MembershipStatusSchema = enumField(MembershipStatuses);
