/**
 * Public API of the pure core (no Office, no Node imports).
 * grid -> tables -> model -> rules -> findings.
 */
export * from './grid';
export * from './findings';
export * from './model';
export { checkWorkbook, parseWorkbook } from './check';
export { RULES, ruleByCode } from './rules';
export type { Rule, RuleMeta } from './rules/types';
export { DEFAULT_CONFIG, resolveConfig } from './config';
export { ConfigSchema, parseConfig } from './config-schema';
export type { Config, Profile } from './config';
