// Ctrl-C: aborts what the command is doing (a stream's HTTP connection is closed), and the CLI then
// exits with 130. A second Ctrl-C exits at once.
export const interrupted = new AbortController();

export function onInterrupt() {
  process.on('SIGINT', () => {
    if (interrupted.signal.aborted) process.exit(130);
    interrupted.abort();
  });
}
