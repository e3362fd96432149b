import type { Io } from './io';
import type { ExitCode } from './report';

/** One `baton <name>` command. */
export interface Command {
  readonly name: string;
  /** One line, for `baton help`. */
  readonly summary: string;
  /** The whole text of `baton <name> --help`. */
  readonly help: string;
  /** Throws UsageError, ProblemError or ServerUnreachableError; the entry point reports them. */
  run(args: readonly string[], io: Io): Promise<ExitCode>;
}
