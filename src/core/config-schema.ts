/** zod schemas of the configuration, for configuration that comes from outside (files, stored settings). */
import { z } from 'zod';
import { type Config, PROFILES, RULE_SETTINGS } from './config';

export const ProfileSchema = z.enum(PROFILES);
export const RuleSettingSchema = z.enum(RULE_SETTINGS);

export const ConfigSchema = z.object({
  profile: ProfileSchema.default('LOCAL'),
  rules: z.record(z.string(), RuleSettingSchema).default({}),
});

// the schema and the plain type describe the same configuration
const _sameShape: z.infer<typeof ConfigSchema> extends Config ? (Config extends z.infer<typeof ConfigSchema> ? true : false) : false = true;
void _sameShape;

/** Validates configuration from outside and fills defaults; throws a zod error on bad input. */
export function parseConfig(input: unknown): Config {
  return ConfigSchema.parse(input ?? {});
}
