// For the tests and pnpm bench, never part of the app: loaded (`--import`) into
// every server they start, whose stdin is a pipe from the process that started
// it. However that process ends (an aborted run, a worker killed with -9), the
// pipe closes, and the server shuts down as at SIGTERM: none outlives its test
// to load the machine.
process.stdin.once("close", () => {
  process.kill(process.pid, "SIGTERM");
  // A shutdown that hangs must not keep it either.
  setTimeout(() => process.kill(process.pid, "SIGKILL"), 10_000).unref();
});
process.stdin.resume();
// The server's own handles decide when it may exit, not this pipe.
process.stdin.unref();
