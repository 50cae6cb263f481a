/**
 * Checker configuration: profile and per-rule severity or "off". Plain types here (the command line builds its
 * configuration from validated arguments without loading zod); configuration that comes from outside (a file,
 * stored settings) is validated with the zod schemas of config-schema.ts.
 */
export const PROFILES = ['LOCAL', 'C2021'] as const;
export type Profile = (typeof PROFILES)[number];

export const RULE_SETTINGS = ['off', 'error', 'warning', 'info'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export interface Config {
  profile: Profile;
  rules: Record<string, RuleSetting>;
}

export const DEFAULT_CONFIG: Config = { profile: 'LOCAL', rules: {} };

/** A configuration with its defaults filled in (profile LOCAL, no rule changed). */
export function resolveConfig(input?: Partial<Config>): Config {
  return { profile: input?.profile ?? 'LOCAL', rules: input?.rules ?? {} };
}
