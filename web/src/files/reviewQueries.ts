import { useQuery } from '@tanstack/react-query';
import { fetchReview, fetchReviewComments } from '../api/review';
import { fileKeys } from './queryKeys';

/** The reads of a version's design review, sharing the keys in queryKeys.ts. */

/** Every review comment on the version, oldest first (thread them with reviewThreads.ts). */
export const useReviewComments = (id: string, number: number) =>
  useQuery({
    queryKey: fileKeys.versionComments(id, number),
    queryFn: () => fetchReviewComments(id, number),
    // Others comment all the time: read afresh on every visit.
    refetchOnMount: 'always',
  });

/** The version's state, each reviewer's decision, who was asked, and what the caller may do. */
export const useReview = (id: string, number: number) =>
  useQuery({ queryKey: fileKeys.review(id, number), queryFn: () => fetchReview(id, number), refetchOnMount: 'always' });
