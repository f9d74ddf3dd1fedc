namespace Kiln.Serving.Models;

/// <summary>Where the served model comes from: a file today, a registry alias (<c>models:/churn@champion</c>) tomorrow.</summary>
public interface IModelSource
{
    /// <summary>Resolves the one model this service instance serves.</summary>
    /// <param name="cancellationToken">Cancelled when the host stops during startup.</param>
    Task<ModelArtifact> ResolveAsync(CancellationToken cancellationToken);
}
