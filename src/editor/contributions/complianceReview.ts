import { registerReview } from '../review/registerReview';
import type { TandemContribution } from './contribution';

/** Review Selection and Review File, with quick fixes for the findings (the findings themselves are a service). */
export const complianceReview: TandemContribution = {
  name: 'the compliance review',
  create: ({ review, models, log, boundary }) => registerReview(review, models.service, log, boundary),
};
