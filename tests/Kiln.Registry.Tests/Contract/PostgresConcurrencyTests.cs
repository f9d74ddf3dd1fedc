namespace Kiln.Registry.Tests.Contract;

/// <summary>The contract of <see cref="ConcurrencyTests"/> on a PostgreSQL database (.ci/postgres.sh).</summary>
public sealed class PostgresConcurrencyTests : ConcurrencyTests
{
    /// <inheritdoc />
    protected override RegistryBackend NewRegistry() => new TempPostgresRegistry();
}
