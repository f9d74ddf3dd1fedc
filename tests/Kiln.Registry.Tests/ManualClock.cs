namespace Kiln.Registry.Tests;

/// <summary>A clock the test moves by hand, so run ordering does not depend on timing.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
