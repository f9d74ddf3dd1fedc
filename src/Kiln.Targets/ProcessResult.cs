namespace Kiln.Targets;

/// <summary>The outcome of a process run through <see cref="ProcessTasks"/>.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Every line the process wrote to standard output and standard error, in arrival order, unmasked.</param>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output);
