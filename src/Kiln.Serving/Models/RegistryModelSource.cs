using Kiln.Inference;
using Kiln.Registry;
using Kiln.Registry.Resolution;
using Kiln.Serving.Configuration;
using Microsoft.Extensions.Options;

namespace Kiln.Serving.Models;

/// <summary>Serves the model named by <c>Kiln:Model:Source</c>: <c>models:/churn@champion</c>, <c>models:/churn/3</c> or a file path, resolved through the registry at <c>Kiln:Registry:Store</c> (opened read-only).</summary>
/// <param name="model">The model settings (the source, and the name and version a plain file is served under).</param>
/// <param name="registry">Where the registry is.</param>
/// <param name="environment">Gives the content root a relative SQLite file or <c>file:</c> store is resolved against.</param>
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
        var options = registry.Value.ToRegistryOptions(environment.ContentRootPath);

        // Read-only: a service never writes a registry into existence, and a role or file that allows only reading is enough.
        if (options.IsSqlite && !File.Exists(options.DatabasePath))
        {
            throw new InvalidOperationException(
                $"Kiln:Model:Source '{reference}': the registry database '{options.DatabasePath}' does not exist; set Kiln:Registry:Store (environment variable Kiln__Registry__Store) or register a model first (./build.sh Register)");
        }

        var resolved = ModelRegistry.Open(options).Resolve(reference);
        var path = resolved.Verify();
        var version = resolved.Version!;
        return new ModelArtifact(path, version.Name, version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), resolved.ExpectedSha256);
    }
}
