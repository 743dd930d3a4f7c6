/** The numbers behind the routing advice, in one place, each with why it is what it is. */
export interface QualityParameters {
  /** Calls a task × model cell needs before the advice compares it. */
  readonly minimumCalls: number;
  /** Observations of the task's deciding measure (settled completions, ratings, findings…) a cell needs. */
  readonly minimumObservations: number;
  /** How much worse (in share points) the cheaper model may be on the deciding measure and still be advised. */
  readonly margin: number;
  /** Resamples of a bootstrap interval. */
  readonly bootstrapResamples: number;
  /** The seed of every bootstrap interval. */
  readonly bootstrapSeed: number;
  /** The normal quantile of the intervals' confidence level. */
  readonly z: number;
  /** The days of calls the monthly saving is worked out from. */
  readonly volumeWindowDays: number;
  /** Generated code counts as kept when at least this share of it is still there after 5 minutes (and it was not undone). */
  readonly keptSurvival: number;
}

export const DEFAULT_QUALITY_PARAMETERS: QualityParameters = {
  // The usual rule of thumb for a normal approximation of a mean; below it the cost per call is mostly noise.
  minimumCalls: 30,
  // At 20 observations a rate's Wilson interval is about ±0.2 at its widest; asking for more would take weeks of ratings.
  minimumObservations: 20,
  // Five points of acceptance is about what separates the two models on public benchmarks: a smaller margin
  // would never be met by a trial's sample sizes, a larger one would trade away a visible share of quality.
  margin: 0.05,
  // Enough for the 2.5% and 97.5% quantiles to move by less than a point between seeds, still quick per cell.
  bootstrapResamples: 2000,
  // Fixed, so the report shows the same intervals each time it is built from the same data.
  bootstrapSeed: 0x7a4d3e,
  // 95% two-sided, the level routingAnalysis.ts's Interval promises.
  z: 1.96,
  // A month, as the saving is per month; fewer days of data are scaled up to it.
  volumeWindowDays: 30,
  // More than half still there: the user built on the answer rather than replacing it.
  keptSurvival: 0.5,
};
