namespace Kiln.Serving.Hosting;

/// <summary>Writes each log message as one plain line to a callback, such as the build's log.</summary>
/// <param name="write">Receives the lines.</param>
internal sealed class LineLoggerProvider(Action<string> write) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new LineLogger(write);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class LineLogger(Action<string> write) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception) + (exception is null ? "" : $": {exception.Message}");
            write(logLevel >= LogLevel.Warning ? $"{logLevel.ToString().ToLowerInvariant()}: {message}" : message);
        }
    }
}
