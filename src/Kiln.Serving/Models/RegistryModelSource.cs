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
/// <param name="early">A resolution begun while the app was built; used only if it was begun from these very settings.</param>
public sealed class RegistryModelSource(IOptions<ModelOptions> model, IOptions<RegistryLocationOptions> registry, IHostEnvironment environment, EarlyResolution? early = null)
    : IModelSource
{
    /// <inheritdoc />
    public Task<ModelArtifact> ResolveAsync(CancellationToken cancellationToken)
    {
        if (early?.For(model.Value, registry.Value, environment.ContentRootPath) is { } begun)
        {
            return begun;
        }

        return Task.FromResult(Resolve(model.Value, registry.Value, environment.ContentRootPath));
    }

    /// <summary>Resolves <paramref name="model"/>'s source: a file path directly, a <c>models:/</c> reference through the registry.</summary>
    /// <param name="model">The model settings.</param>
    /// <param name="registry">Where the registry is.</param>
    /// <param name="contentRoot">The directory relative paths are resolved against.</param>
    /// <exception cref="InvalidOperationException">No source, a registry or entry that does not exist, or a registry error (its message names the reference).</exception>
    /// <exception cref="ModelLoadException">The file is missing or its bytes do not match the expected sha256.</exception>
    internal static ModelArtifact Resolve(ModelOptions model, RegistryLocationOptions registry, string contentRoot)
    {
        var reference = model.Source;
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new InvalidOperationException("no model configured: set Kiln:Model:Source (environment variable Kiln__Model__Source) to models:/<name>@<alias>, models:/<name>/<version> or an .onnx file");
        }

        try
        {
            var parsed = ModelReference.Parse(reference.Trim());
            return parsed.Kind == ModelReferenceKind.FilePath ? FromFile(model, parsed.Text, contentRoot) : FromRegistry(registry, parsed.Text, contentRoot);
        }
        catch (RegistryException e)
        {
            // Registry messages already name the reference, the file and the hashes; the loader logs them and exits 1.
            throw new InvalidOperationException($"Kiln:Model:Source '{reference}': {e.Message}", e);
        }
    }

    private static ModelArtifact FromFile(ModelOptions settings, string path, string contentRoot) => new(
        OnnxModel.Verify(Path.GetFullPath(path, contentRoot), settings.ExpectedSha256), settings.Name, settings.Version, settings.ExpectedSha256);

    private static ModelArtifact FromRegistry(RegistryLocationOptions registry, string reference, string contentRoot)
    {
        var options = registry.ToRegistryOptions(contentRoot);

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
