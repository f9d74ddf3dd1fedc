namespace Kiln.Registry.Seeding;

/// <summary>A clock the seeder moves forward, so seeded runs have realistic, ordered times.</summary>
/// <param name="start">The first time.</param>
public sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>The current time.</summary>
    public DateTimeOffset Now { get; private set; } = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Now += by;
}
