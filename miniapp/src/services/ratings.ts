import { RatingProgressSchema, RatingReviewListSchema, SelfRatingPageSchema, type RatingLevel, type RatingProgress, type RatingReviewList, type SelfRatingPage } from '@tj/shared';
import { http } from './http';

/** 对标定级 [004 §二(五)] (issue 17): every call names the org it is about. */
const base = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/ratings`;
const yearParams = (year?: number) => (year ? { year } : {});

export async function fetchSelfRating(orgId: string, year?: number): Promise<SelfRatingPage> {
  const { data } = await http.get<unknown>(`${base(orgId)}/self`, { params: yearParams(year) });
  return SelfRatingPageSchema.parse(data);
}

export async function submitSelfRating(orgId: string, level: RatingLevel): Promise<SelfRatingPage> {
  const { data } = await http.post<unknown>(`${base(orgId)}/self`, { level });
  return SelfRatingPageSchema.parse(data);
}

export async function fetchRatingReviews(orgId: string, year?: number): Promise<RatingReviewList> {
  const { data } = await http.get<unknown>(`${base(orgId)}/reviews`, { params: yearParams(year) });
  return RatingReviewListSchema.parse(data);
}

export async function reviewRatings(orgId: string, orgIds: string[], level: RatingLevel): Promise<RatingReviewList> {
  const { data } = await http.post<unknown>(`${base(orgId)}/reviews`, { orgIds, level });
  return RatingReviewListSchema.parse(data);
}

export async function fetchRatingProgress(orgId: string, year?: number): Promise<RatingProgress> {
  const { data } = await http.get<unknown>(`${base(orgId)}/progress`, { params: yearParams(year) });
  return RatingProgressSchema.parse(data);
}
