namespace Kiln.Targets.Output;

/// <summary>The severity of a log line, which picks its colour or prefix.</summary>
internal enum LogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}
