using Kiln.Dashboard.Hosting;
using Kiln.Registry;
using Microsoft.AspNetCore.StaticFiles;

namespace Kiln.Dashboard.Artifacts;

/// <summary>Downloads of run and version artifacts, read from the content store by their recorded hash and verified.</summary>
public static class ArtifactEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    /// <summary>Maps <c>/runs/{id}/artifacts/{name}</c> and <c>/models/{model}/versions/{version}/artifacts/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapArtifactEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/runs/{id}/artifacts/{name}", RunArtifact).WithName("RunArtifact").WithSummary("A file a run produced");
        routes.MapGet("/models/{model}/versions/{version:int}/artifacts/{name}", VersionArtifact).WithName("VersionArtifact").WithSummary("A file of a model version");
        return routes;
    }

    private static IResult RunArtifact(string id, string name, HttpContext context, ModelRegistry registry, ArtifactFiles files)
    {
        if (registry.FindRun(id) is not { } run)
        {
            return Problem.Result(context, StatusCodes.Status404NotFound, $"There is no run '{id}' in the registry.");
        }

        var artifact = RunArtifacts.Find(run, name);
        return artifact is null
            ? Problem.Result(context, StatusCodes.Status404NotFound,
                $"Run {id} has no artifact named '{name}'; its artifacts are: {Names(run.Artifacts.Select(a => RunArtifacts.Name(a)))}.")
            : Serve(context, files, artifact.Sha256, name);
    }

    private static IResult VersionArtifact(string model, int version, string name, HttpContext context, ModelRegistry registry, ArtifactFiles files)
    {
        if (registry.Store.FindVersion(model, version) is not { } found)
        {
            return Problem.Result(context, StatusCodes.Status404NotFound, $"Model '{model}' has no version {version}.");
        }

        var artifact = found.Artifacts.FirstOrDefault(a => a.Name == name);
        return artifact is null
            ? Problem.Result(context, StatusCodes.Status404NotFound,
                $"{found.Reference} has no artifact named '{name}'; its artifacts are: {Names(found.Artifacts.Select(a => a.Name))}.")
            : Serve(context, files, artifact.Sha256, name);
    }

    private static IResult Serve(HttpContext context, ArtifactFiles files, string sha256, string name)
    {
        try
        {
            var file = files.Open(sha256);
            var contentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
            // Pictures show inline (reports embed them); everything else downloads, so no stored page ever renders under this origin.
            var inline = contentType.StartsWith("image/", StringComparison.Ordinal) && contentType != "image/svg+xml";
            context.Response.Headers.CacheControl = "private, max-age=86400, immutable";
            return TypedResults.PhysicalFile(file.Path, contentType, inline ? null : name);
        }
        catch (ArtifactRefusedException e)
        {
            return Problem.Result(context, StatusCodes.Status403Forbidden, $"'{name}' was refused: {e.Message}.");
        }
        catch (ArtifactIntegrityException e)
        {
            return Problem.Result(context, e.ActualSha256 is null ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
                e.ActualSha256 is null
                    ? $"'{name}' is recorded (sha256 {e.ExpectedSha256}) but its content is not in the store; it was recorded before Kiln kept run artifacts, or the store was cleaned."
                    : $"'{name}' is not served: {e.Message}");
        }
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".md"] = "text/markdown; charset=utf-8";
        provider.Mappings[".onnx"] = "application/octet-stream";
        provider.Mappings[".csv"] = "text/csv; charset=utf-8";
        provider.Mappings[".lock"] = "text/plain; charset=utf-8";
        return provider;
    }
}
