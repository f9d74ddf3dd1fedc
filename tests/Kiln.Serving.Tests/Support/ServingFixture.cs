using Kiln.Testing;


namespace Kiln.Serving.Tests.Support;

/// <summary>Trains the synthetic model once per run and hosts one shared in-process service on it.</summary>
public sealed class ServingFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-serving-tests-").FullName;

    /// <summary>The exported ONNX file.</summary>
    public string ModelPath => Path.Combine(_directory, "model.onnx");

    /// <summary>A scratch directory removed after the run.</summary>
    public string ScratchDirectory => _directory;

    /// <summary>The row limit the shared service is configured with.</summary>
    public int MaxBatchRows => 50;

    /// <summary>The body size limit the shared service is configured with.</summary>
    public int MaxRequestBodyBytes => 64 * 1024;

    /// <summary>The shared in-process service.</summary>
    public KilnAppFactory App { get; private set; } = null!;

    /// <summary>A client of the shared service.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Settings for a service on the test model, with overrides.</summary>
    /// <param name="overrides">Extra or replaced keys.</param>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kiln:Model:Path"] = ModelPath,
            ["Kiln:Service:Version"] = "1.2.3-test",
            ["Kiln:Limits:MaxBatchRows"] = MaxBatchRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kiln:Limits:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        TestModel.TrainAndExport(ModelPath);
        App = new KilnAppFactory(Settings());
        Client = await App.CreateReadyClientAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
