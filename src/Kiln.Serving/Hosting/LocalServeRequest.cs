namespace Kiln.Serving.Hosting;

/// <summary>What <see cref="LocalServer"/> serves and where.</summary>
/// <param name="RegistryPath">The registry database file.</param>
/// <param name="Reference">The registered model, e.g. <c>models:/churn@champion</c>.</param>
/// <param name="Port">The port on 127.0.0.1; 0 picks a free one.</param>
public sealed record LocalServeRequest(string RegistryPath, string Reference, int Port);
