using Docker.DotNet.Models;
using Kiln.Testing;

namespace Kiln.Containers.Tests.Fixtures;

/// <summary>
/// Built once per test run: the shared synthetic ONNX model, the published service, and three images on the offline base —
/// version 1.0.0, version 1.1.0 and a broken one whose model is not ONNX (it exits before it is ready).
/// </summary>
public sealed class ServiceImages : IAsyncLifetime
{
    /// <summary>The repository the test images are tagged in.</summary>
    public const string Repository = "kiln-test-churn";

    /// <summary>The source label of every test image (what cleanup filters on).</summary>
    public const string Source = "https://example.test/kiln";

    private const string DevelopmentSocket = "/tmp/kiln-docker.sock";

    private string? _unavailable;
    private DockerEngine? _engine;

    /// <summary>The engine (call <see cref="Require"/> first).</summary>
    public DockerEngine Engine => _engine ?? throw new InvalidOperationException(_unavailable);

    /// <summary>Whether an engine answered and the images were built.</summary>
    public bool IsAvailable => _engine is not null && _unavailable is null;

    /// <summary>Scratch directory for this run.</summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), $"kiln-containers-tests-{Guid.NewGuid():N}");

    /// <summary>The trained model.</summary>
    public string ModelPath => Path.Combine(WorkDirectory, "model.onnx");

    /// <summary>The published service.</summary>
    public string PublishDirectory => Path.Combine(WorkDirectory, "publish");

    /// <summary>The rows the tests score, one with a missing number.</summary>
    public IReadOnlyList<ChurnRow> Rows { get; } = [.. TestModel.Generate(4, seed: 3), new(12, float.NaN, 2, "one-year", "card", false)];

    /// <summary>The rows as the JSON body of POST /predict.</summary>
    public string RowsJson => TestModel.PredictBody(Rows);

    /// <summary>What local ONNX Runtime predicts for the rows.</summary>
    public float[] Expected { get; private set; } = [];

    /// <summary>Version 1.0.0.</summary>
    public BuiltImage V1 { get; private set; } = null!;

    /// <summary>Version 1.1.0.</summary>
    public BuiltImage V2 { get; private set; } = null!;

    /// <summary>Version 1.2.0, whose model is not an ONNX file.</summary>
    public BuiltImage Broken { get; private set; } = null!;

    /// <summary>Every build and publish output line, for assertions about what was printed.</summary>
    public List<string> BuildLog { get; } = [];

    /// <summary>Skips (or, in CI, fails) the calling test when no engine answered.</summary>
    public void Require()
    {
        if (_unavailable is not null)
        {
            EngineRequirement.SkipOrFail(_unavailable);
        }
    }

    /// <summary>Connects, trains, publishes and builds.</summary>
    public async ValueTask InitializeAsync()
    {
        try
        {
            // Developers who ran .ci/container-engine.sh without sourcing its output still get the engine it started.
            var address = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || !File.Exists(DevelopmentSocket) ? null : $"unix://{DevelopmentSocket}";
            _engine = await DockerEngine.ConnectAsync(address);
        }
        catch (ContainerException e)
        {
            _unavailable = e.Message;
            return;
        }

        Directory.CreateDirectory(WorkDirectory);
        TestModel.TrainAndExport(ModelPath);
        Expected = TestModel.ScoreLocally(ModelPath, Rows);
        var brokenModel = Path.Combine(WorkDirectory, "broken.onnx");
        await File.WriteAllTextAsync(brokenModel, "this is not an ONNX model");

        var root = RepositoryRoot.Path;
        await ServicePublisher.PublishAsync(Path.Combine(root, "src", "Kiln.Serving"), PublishDirectory, PublishSettings.Fast, Log);
        var builder = new ImageBuilder(_engine);
        ImageBuildRequest Request(string version, string model) => new(
            Repository, version, PublishDirectory, model, Path.Combine(root, "Dockerfile"), "churn", "7",
            BaseImage: OfflineBaseImage.Tag, Revision: "0123abcd", Source: Source, DataSha256: new string('d', 64));
        V1 = await builder.BuildAsync(Request("1.0.0", ModelPath), Log);
        V2 = await builder.BuildAsync(Request("1.1.0", ModelPath), Log);
        Broken = await builder.BuildAsync(Request("1.2.0", brokenModel), Log);
    }

    /// <summary>Removes what the tests left running and the scratch directory; images stay cached for the next run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            var leftovers = await _engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
            foreach (var container in leftovers.Where(c => c.Image.StartsWith(Repository, StringComparison.Ordinal) || c.Names.Any(n => n.StartsWith("/kiln-test-", StringComparison.Ordinal))))
            {
                await _engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }

            // Each run's rebuild leaves the previous run's images untagged; drop them so repeated runs do not fill the disk.
            await _engine.Client.Images.PruneImagesAsync(new ImagesPruneParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["dangling"] = new Dictionary<string, bool> { ["true"] = true },
                    ["label"] = new Dictionary<string, bool> { [$"org.opencontainers.image.source={Source}"] = true },
                },
            });
            _engine.Dispose();
        }

        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }

    private void Log(string line)
    {
        lock (BuildLog)
        {
            BuildLog.Add(line);
        }
    }
}
