import {
  type PairedAnalysis,
  type PairedVerdict,
  pairedAnalysis,
  pairedVerdict,
  type WelchAnalysis,
  welchAnalysis,
} from '../report/paired.js';
import { type Summary, summarize } from '../report/stats.js';
import type { PairedArm, PairedDesign, PairedRun } from './design.js';

/** One arm's outcomes over the complete seeds (unpaired summary, context only). */
export interface ArmSummary {
  arm: PairedArm;
  /** Test outcome at the best validation epoch, in the reported unit. */
  test: Summary;
  validation: Summary;
  bestEpoch: Summary;
  cpuSeconds: Summary;
}

/** A comparison of two arms in the claim's direction (positive = `better` is better). */
export interface Comparison {
  name: string;
  better: string;
  baseline: string;
  paired: PairedAnalysis;
  /** The unpaired interval of the same difference, for context only. */
  welch: WelchAnalysis;
}

/** The analysis of a design as far as its runs go. */
export interface DesignAnalysis {
  claim: string;
  plannedSeeds: number[];
  /** Seeds that have all three arms; only these enter any comparison. */
  completeSeeds: number[];
  runsFinished: number;
  arms: ArmSummary[];
  /** Dropout against rate 0 (pre-registered gate). */
  gate?: Comparison;
  /** Claimed arm against Dropout (pre-registered primary comparison). */
  claimComparison?: Comparison;
  /** Claimed arm against rate 0 (context). */
  claimedVsControl?: Comparison;
  verdict: PairedVerdict;
}

/**
 * The pre-registered analysis: on the seeds with all three arms, seed-paired differences of the
 * test outcome in the claim's direction (for 'min' outcomes baseline - better, else better - baseline),
 * the gate, the primary comparison and the verdict rule of report/paired.ts.
 */
export function analyseDesign(design: PairedDesign, runs: PairedRun[]): DesignAnalysis {
  const [control, dropout, claimed] = design.arms;
  const runOf = (arm: PairedArm, seed: number) => runs.find((r) => r.arm === arm.label && r.seed === seed);
  const completeSeeds = design.seeds.filter((seed) => design.arms.every((arm) => runOf(arm, seed)));
  const scale = design.outcome.scale;
  const outcomes = (arm: PairedArm, field: 'testAtBest' | 'validationAtBest' = 'testAtBest') =>
    completeSeeds.map((seed) => scale * (runOf(arm, seed) as PairedRun)[field]);
  const arms: ArmSummary[] =
    completeSeeds.length === 0
      ? []
      : design.arms.map((arm) => ({
          arm,
          test: summarize(outcomes(arm)),
          validation: summarize(outcomes(arm, 'validationAtBest')),
          bestEpoch: summarize(completeSeeds.map((seed) => (runOf(arm, seed) as PairedRun).bestEpoch + 1)),
          cpuSeconds: summarize(completeSeeds.map((seed) => (runOf(arm, seed) as PairedRun).cpuSeconds)),
        }));
  const compare = (name: string, better: PairedArm, baseline: PairedArm): Comparison | undefined => {
    if (completeSeeds.length < 2) return undefined;
    const [a, b] =
      design.outcome.direction === 'max'
        ? [outcomes(better), outcomes(baseline)]
        : [outcomes(baseline), outcomes(better)];
    return {
      name,
      better: better.label,
      baseline: baseline.label,
      paired: pairedAnalysis(a, b),
      welch: welchAnalysis(a, b),
    };
  };
  const gate = compare('gate: Dropout vs rate 0', dropout, control);
  const claimComparison = compare(`claim: ${claimed.label} vs Dropout`, claimed, dropout);
  const claimedVsControl = compare(`context: ${claimed.label} vs rate 0`, claimed, control);
  return {
    claim: design.claim,
    plannedSeeds: design.seeds,
    completeSeeds,
    runsFinished: runs.length,
    arms,
    gate,
    claimComparison,
    claimedVsControl,
    verdict: pairedVerdict(gate?.paired, claimComparison?.paired, completeSeeds.length, design.seeds.length),
  };
}
