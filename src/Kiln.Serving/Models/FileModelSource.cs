using Kiln.Inference;
using Kiln.Serving.Configuration;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Models;

/// <summary>Serves the model file named by <c>Kiln:Model:Path</c>, checked against <c>Kiln:Model:Sha256</c> when that is set.</summary>
/// <param name="options">The model settings.</param>
public sealed class FileModelSource(IOptions<ModelOptions> options) : IModelSource
{
    /// <inheritdoc />
    public Task<ModelArtifact> ResolveAsync(CancellationToken cancellationToken)
    {
        var model = options.Value;
        if (string.IsNullOrWhiteSpace(model.Path))
        {
            throw new InvalidOperationException(
                "no model configured: set Kiln:Model:Path (environment variable Kiln__Model__Path) to an .onnx file, or Kiln:Model:Source to a registry reference such as models:/churn@champion");
        }

        return Task.FromResult(new ModelArtifact(OnnxModel.Verify(model.Path, model.ExpectedSha256), model.Name, model.Version, model.ExpectedSha256));
    }
}
