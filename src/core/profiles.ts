/**
 * The two 指标体系 (profiles) as users read them. The template library (templates/library.json) carries the same
 * labels with the profiles' trees; a test keeps the two equal.
 */
import type { Profile } from './config';

export const PROFILE_LABEL: Readonly<Record<Profile, string>> = {
  LOCAL: '地方模板（成本指标在产出指标下）',
  C2021: '财预〔2021〕101号（成本指标为一级指标）',
};
