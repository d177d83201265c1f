// Errors kdrift throws and catches by the thousand as answers (an expression without a value,
// a macro that does not expand): no stack trace is captured for them, which V8 otherwise
// builds at every construction (the x86 uapi dump throws one for each macro without a value).

export class QuietError extends Error {
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}
