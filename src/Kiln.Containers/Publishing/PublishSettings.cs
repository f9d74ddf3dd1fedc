namespace Kiln.Containers;

/// <summary>How the service is published for the image: always self-contained for linux-x64 with invariant globalization (no SDK, runtime or ICU in the image).</summary>
/// <param name="Trimmed">Trim the framework (TrimMode=partial: the app and its libraries stay whole); roughly halves the size.</param>
/// <param name="ReadyToRun">Precompile to native code after trimming (trimming drops the framework's own precompiled code, which costs start time).</param>
public sealed record PublishSettings(bool Trimmed, bool ReadyToRun)
{
    /// <summary>Smallest image and fastest start; the publish takes a few minutes on 2 cores. What Containerize uses.</summary>
    public static PublishSettings Release { get; } = new(Trimmed: true, ReadyToRun: true);

    /// <summary>Untrimmed, no extra precompilation: a publish in seconds, a bigger image. For tests and inner loops.</summary>
    public static PublishSettings Fast { get; } = new(Trimmed: false, ReadyToRun: false);

    /// <summary>The runtime identifier images are built for.</summary>
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>The MSBuild properties passed to dotnet publish.</summary>
    public IReadOnlyList<string> MsBuildProperties()
    {
        List<string> properties =
        [
            "InvariantGlobalization=true",
            "DebugType=none",
            "GenerateDocumentationFile=false",
        ];
        if (Trimmed)
        {
            // Partial trimming keeps every assembly that did not opt into trimming (the service, ONNX Runtime's wrapper,
            // prometheus-net) whole, so their reflection keeps working; reflection JSON stays available as a fallback.
            properties.AddRange(["PublishTrimmed=true", "TrimMode=partial", "SuppressTrimAnalysisWarnings=true", "JsonSerializerIsReflectionEnabledByDefault=true"]);
        }

        if (ReadyToRun)
        {
            properties.Add("PublishReadyToRun=true");
        }

        return properties;
    }
}
