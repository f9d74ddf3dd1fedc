namespace Kiln.Serving.Models;

/// <summary>Where the served model comes from: a file (<see cref="FileModelSource"/>) or a registry reference (<see cref="RegistryModelSource"/>).</summary>
public interface IModelSource
{
    /// <summary>Resolves the one model this service instance serves.</summary>
    /// <param name="cancellationToken">Cancelled when the host stops during startup.</param>
    Task<ModelArtifact> ResolveAsync(CancellationToken cancellationToken);
}
