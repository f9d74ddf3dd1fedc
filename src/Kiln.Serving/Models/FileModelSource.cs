namespace Kiln.Serving.Models;

/// <summary>Serves the model file named by <c>Kiln:Model:Path</c>, optionally checked against <c>Kiln:Model:Sha256</c>.</summary>
/// <param name="configuration">The app configuration.</param>
public sealed class FileModelSource(IConfiguration configuration) : IModelSource
{
    /// <inheritdoc />
    public Task<ModelArtifact> ResolveAsync(CancellationToken cancellationToken)
    {
        var path = configuration["Kiln:Model:Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException("no model configured: set Kiln:Model:Path (environment variable Kiln__Model__Path) to an .onnx file");
        }

        var sha256 = configuration["Kiln:Model:Sha256"];
        return Task.FromResult(new ModelArtifact(
            path,
            configuration["Kiln:Model:Name"] is { Length: > 0 } name ? name : "churn",
            configuration["Kiln:Model:Version"] is { Length: > 0 } version ? version : "1",
            string.IsNullOrWhiteSpace(sha256) ? null : sha256));
    }
}
