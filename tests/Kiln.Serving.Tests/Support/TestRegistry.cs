using Kiln.Registry;
using Kiln.Registry.Models;
using Kiln.Registry.Promotion;

namespace Kiln.Serving.Tests.Support;

/// <summary>A real registry holding the fixture's model as churn v1 (champion) and v2 (challenger): a SQLite file in a temporary directory, or a
/// given PostgreSQL database with its artifacts in that directory.</summary>
public sealed class TestRegistry : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-serving-registry-").FullName;

    /// <summary>Registers the model and a byte-different copy of it, so alias and version references resolve to different versions.</summary>
    /// <param name="modelPath">The .onnx file to register.</param>
    /// <param name="withChampion">False registers the second version only, so there is a challenger but no champion yet.</param>
    /// <param name="store">A <c>postgres://</c> store to register into instead of the SQLite file, or null.</param>
    public TestRegistry(string modelPath, bool withChampion = true, string? store = null)
    {
        StoreUri = store ?? "sqlite:" + DatabasePath;
        var registry = ModelRegistry.Open(new RegistryOptions(StoreUri, Artifacts: Artifacts));
        Champion = withChampion ? registry.Register(Request(modelPath, new PromotionDecision(PromotionOutcome.Champion, "first model", "roc_auc", 0.8))).Version : null;
        Challenger = registry.Register(Request(RetaggedCopy(modelPath), new PromotionDecision(PromotionOutcome.Challenger, "not better", "roc_auc", 0.79, 0.8, -0.01))).Version;
    }

    /// <summary>The registry database file.</summary>
    public string DatabasePath => Path.Combine(_directory, "kiln.db");

    /// <summary>The registry's store, as the service is configured with it (<c>Kiln:Registry:Store</c>).</summary>
    public string StoreUri { get; }

    /// <summary>The artifact store, as the service is configured with it (<c>Kiln:Registry:Artifacts</c>).</summary>
    public string Artifacts => "file:" + Path.Combine(_directory, "store");

    /// <summary>Version 1, aliased champion (null when made without one).</summary>
    public ModelVersion? Champion { get; }

    /// <summary>Version 2, aliased challenger.</summary>
    public ModelVersion Challenger { get; }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The registry keeps identical bytes as one version, so the challenger gets the same graph with another doc_string:
    // a length-delimited ModelProto field 6 appended to the file, which protobuf parsers read as the last value of that field.
    private string RetaggedCopy(string modelPath)
    {
        var copy = Path.Combine(_directory, "challenger", Path.GetFileName(modelPath));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        var docString = System.Text.Encoding.UTF8.GetBytes("challenger");
        File.WriteAllBytes(copy, [.. File.ReadAllBytes(modelPath), (6 << 3) | 2, (byte)docString.Length, .. docString]);
        return copy;
    }

    private static RegistrationRequest Request(string modelPath, PromotionDecision decision) => new(
        "churn",
        modelPath,
        new ModelSignature([new TensorSpec("tenure_months", "float32")], [new TensorSpec("probability", "float32")]),
        new Dictionary<string, double> { ["roc_auc"] = decision.CandidateValue },
        new ModelCardFacts("serving tests"),
        Decision: decision);
}
