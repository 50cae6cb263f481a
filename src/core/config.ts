/** Checker configuration, validated with zod: profile and per-rule severity or "off". */
import { z } from 'zod';

export const ProfileSchema = z.enum(['LOCAL', 'C2021']);
export type Profile = z.infer<typeof ProfileSchema>;

export const RuleSettingSchema = z.enum(['off', 'error', 'warning', 'info']);

export const ConfigSchema = z.object({
  profile: ProfileSchema.default('LOCAL'),
  rules: z.record(z.string(), RuleSettingSchema).default({}),
});
export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = { profile: 'LOCAL', rules: {} };

/** Validates a partial configuration and fills defaults; throws a zod error on bad input. */
export function resolveConfig(input?: unknown): Config {
  return ConfigSchema.parse(input ?? {});
}
