using Kiln.Registry;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Storage;

namespace Kiln.Serving.Configuration;

/// <summary>Where the service finds the model registry for a <c>models:/</c> source (<c>Kiln:Registry:*</c>); it opens it read-only.</summary>
public sealed record RegistryLocationOptions : IKilnOptions
{
    /// <inheritdoc />
    public static string Section => "Kiln:Registry";

    /// <summary>The registry's store (<c>Kiln:Registry:Store</c>): <c>sqlite:&lt;file&gt;</c>, relative to the content root unless absolute, or <c>postgres://user@host:5432/db</c>.</summary>
    public string Store { get; set; } = "sqlite:artifacts/registry/kiln.db";

    /// <summary>The artifact store (<c>Kiln:Registry:Artifacts</c>): <c>file:&lt;dir&gt;</c> or <c>s3://bucket/prefix</c> (credentials from the AWS_* environment); empty keeps <c>store/</c> beside a SQLite database.</summary>
    public string? Artifacts { get; set; }

    /// <summary>The password of a <c>postgres://</c> store (<c>Kiln:Registry:Password</c>); empty reads <c>PGPASSWORD</c>, then <c>~/.pgpass</c>. A serving role needs only SELECT.</summary>
    public string? Password { get; set; }

    /// <summary>How the service opens the registry: read-only (no migrations, nothing created), relative paths against <paramref name="contentRoot"/>.</summary>
    /// <param name="contentRoot">The directory a relative SQLite file or <c>file:</c> store is resolved against.</param>
    public RegistryOptions ToRegistryOptions(string contentRoot) => new(
        RegistryStores.Resolve(Store.Trim(), contentRoot),
        Artifacts: string.IsNullOrWhiteSpace(Artifacts) ? null : Artifacts.Trim(),
        ArtifactStore: ArtifactStoreOptions.FromEnvironment(contentRoot),
        Postgres: PostgresSettings.FromEnvironment(Password),
        Access: StoreAccess.ReadOnly);

    /// <inheritdoc />
    public IEnumerable<string> Problems()
    {
        if (SettingRules.NotEmpty($"{Section}:Store", Store) is { } empty)
        {
            return [empty];
        }

        string?[] problems =
        [
            RegistryStores.Problem(Store.Trim(), $"{Section}:Store"),
            string.IsNullOrWhiteSpace(Artifacts) ? null : ArtifactStores.Problem(Artifacts.Trim(), $"{Section}:Artifacts"),
            !RegistryStores.IsSqlite(Store.Trim()) && string.IsNullOrWhiteSpace(Artifacts)
                ? $"{Section}:Store {RegistryStores.Describe(Store.Trim())} is a shared database, so {Section}:Artifacts must name the shared artifact store too (s3://bucket/prefix)"
                : null,
        ];
        return problems.OfType<string>().Take(1);
    }
}
