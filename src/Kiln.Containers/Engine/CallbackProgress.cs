namespace Kiln.Containers;

/// <summary>Reports progress synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts and may reorder).</summary>
/// <typeparam name="T">The progress value type.</typeparam>
/// <param name="report">Called for every value, in order.</param>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
