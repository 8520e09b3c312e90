/** What the core needs from a logger. The extension passes a redacting LogOutputChannel adapter. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
