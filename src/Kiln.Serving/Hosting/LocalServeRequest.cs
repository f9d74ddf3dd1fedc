namespace Kiln.Serving.Hosting;

/// <summary>What <see cref="LocalServer"/> serves and where.</summary>
/// <param name="Store">The registry's store: <c>sqlite:&lt;file&gt;</c> (or a plain SQLite path) or <c>postgres://user@host:5432/db</c>.</param>
/// <param name="Reference">The registered model, e.g. <c>models:/churn@champion</c>.</param>
/// <param name="Port">The port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="Artifacts">The artifact store's URI; null keeps <c>store/</c> beside a SQLite database.</param>
/// <param name="Password">The password of a <c>postgres://</c> store; null reads <c>PGPASSWORD</c>.</param>
public sealed record LocalServeRequest(string Store, string Reference, int Port, string? Artifacts = null, string? Password = null)
{
    /// <summary>A request to serve <paramref name="reference"/> from the registry <paramref name="registry"/> names (its store, artifacts and password), on <paramref name="port"/>.</summary>
    /// <param name="registry">The registry as the build opens it.</param>
    /// <param name="reference">The registered model, e.g. <c>models:/churn@champion</c>.</param>
    /// <param name="port">The port on 127.0.0.1; 0 picks a free one.</param>
    public static LocalServeRequest From(Kiln.Registry.RegistryOptions registry, string reference, int port)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return new(registry.StoreUri, reference, port, registry.ResolvedArtifacts, registry.Postgres?.Password);
    }

    /// <summary>The password masked, so logging the request never prints it.</summary>
    public override string ToString() =>
        $"LocalServeRequest {{ Store = {Kiln.Registry.Storage.RegistryStores.Describe(Store)}, Reference = {Reference}, Port = {Port}, Artifacts = {Artifacts}, Password = {(Password is null ? "(none)" : "***")} }}";
}
