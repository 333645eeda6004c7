// For the tests and pnpm bench, never part of the app: loaded (`--import`) into
// every server they start, whose stdin is a pipe from the process that started
// it. However that process ends (an aborted run, a worker killed with -9), the
// pipe closes, and the server ends at once: none outlives its test to load the
// machine. Not with SIGTERM: its output went to that process too, and pino's
// flush at exit kept retrying a write to the closed pipe (stuck for minutes).
process.stdin.once("close", () => process.kill(process.pid, "SIGKILL"));
process.stdin.resume();
// The server's own handles decide when it may exit, not this pipe.
process.stdin.unref();
