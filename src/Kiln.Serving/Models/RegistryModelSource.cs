using Kiln.Inference;
using Kiln.Registry;
using Kiln.Registry.Resolution;
using Kiln.Serving.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Models;

/// <summary>Serves the model named by <c>Kiln:Model:Source</c>: <c>models:/churn@champion</c>, <c>models:/churn/3</c> or a file path, resolved through the registry at <c>Kiln:Registry:Path</c>.</summary>
/// <param name="model">The model settings (the source, and the name and version a plain file is served under).</param>
/// <param name="registry">Where the registry is.</param>
/// <param name="environment">Gives the content root a relative registry path is resolved against.</param>
public sealed class RegistryModelSource(IOptions<ModelOptions> model, IOptions<RegistryLocationOptions> registry, IHostEnvironment environment) : IModelSource
{
    /// <inheritdoc />
    public Task<ModelArtifact> ResolveAsync(CancellationToken cancellationToken)
    {
        var reference = model.Value.Source;
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new InvalidOperationException("no model configured: set Kiln:Model:Source (environment variable Kiln__Model__Source) to models:/<name>@<alias>, models:/<name>/<version> or an .onnx file");
        }

        try
        {
            var parsed = ModelReference.Parse(reference.Trim());
            return Task.FromResult(parsed.Kind == ModelReferenceKind.FilePath ? FromFile(parsed.Text) : FromRegistry(parsed.Text));
        }
        catch (RegistryException e)
        {
            // Registry messages already name the reference, the file and the hashes; the loader logs them and exits 1.
            throw new InvalidOperationException($"Kiln:Model:Source '{reference}': {e.Message}", e);
        }
    }

    private ModelArtifact FromFile(string path)
    {
        var settings = model.Value;
        return new ModelArtifact(
            OnnxModel.Verify(Path.GetFullPath(path, environment.ContentRootPath), settings.ExpectedSha256), settings.Name, settings.Version, settings.ExpectedSha256);
    }

    private ModelArtifact FromRegistry(string reference)
    {
        var database = Path.GetFullPath(registry.Value.Path, environment.ContentRootPath);

        // Opening a missing registry would create an empty one; a service must never write a registry into existence.
        if (!File.Exists(database))
        {
            throw new InvalidOperationException(
                $"Kiln:Model:Source '{reference}': the registry database '{database}' does not exist; set Kiln:Registry:Path (environment variable Kiln__Registry__Path) or register a model first (./build.sh Register)");
        }

        ResolvedModel resolved;
        try
        {
            resolved = ModelRegistry.Open(new RegistryOptions(database)).Resolve(reference);
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"Kiln:Model:Source '{reference}': cannot read the registry database '{database}': {e.Message}", e);
        }

        resolved.Verify();
        var version = resolved.Version!;
        return new ModelArtifact(resolved.Path, version.Name, version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), resolved.ExpectedSha256);
    }
}
