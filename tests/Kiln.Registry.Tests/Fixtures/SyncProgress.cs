namespace Kiln.Registry.Tests.Fixtures;

/// <summary>Calls back on the reporting thread (unlike Progress&lt;T&gt;), so a test can act at an exact point of a transfer.</summary>
internal sealed class SyncProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
