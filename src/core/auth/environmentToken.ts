/** The environment variable whose token wins over stored ones (Codespaces, CI). */
export const ENV_TOKEN_VARIABLE = 'VUED_TOKEN';

/** The token `VUED_TOKEN` gives, trimmed; undefined when it is unset or blank. */
export function environmentToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = (env[ENV_TOKEN_VARIABLE] ?? '').trim();
  return token === '' ? undefined : token;
}
