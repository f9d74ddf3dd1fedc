using System.Collections.Frozen;
using Kiln.Hashing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Kiln.Inference;

/// <summary>An ONNX binary classifier exported by ML.NET, held in one reused, thread-safe ONNX Runtime session.</summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions;
    private readonly FrozenDictionary<string, int> _indexByName;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private OnnxModel(string path, string sha256, InferenceSession session, SessionOptions sessionOptions, IReadOnlyList<ModelInput> inputs, string[] outputNames)
    {
        Metadata = session.ModelMetadata.CustomMetadataMap.ToFrozenDictionary(StringComparer.Ordinal);
        Path = path;
        Sha256 = sha256;
        _session = session;
        _sessionOptions = sessionOptions;
        _runOptions = new RunOptions();
        Inputs = inputs;
        _inputNames = [.. inputs.Select(i => i.Name)];
        _indexByName = inputs.Select((input, index) => (input.Name, index)).ToFrozenDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        _outputNames = outputNames;
    }

    /// <summary>The full path of the loaded model file.</summary>
    public string Path { get; }

    /// <summary>The lowercase hex SHA-256 of the model file.</summary>
    public string Sha256 { get; }

    /// <summary>The model's custom metadata (ONNX metadata_props), e.g. the reference statistics Kiln's Train stage embeds; empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The model's inputs, in model order.</summary>
    public IReadOnlyList<ModelInput> Inputs { get; }

    /// <summary>The ONNX names of the label, probability and score outputs (ML.NET may suffix them, e.g. <c>Probability.output</c>).</summary>
    public (string Label, string Probability, string Score) OutputNames => (_outputNames[0], _outputNames[1], _outputNames[2]);

    /// <summary>Loads and checks a model; throws <see cref="ModelLoadException"/> naming the file when it cannot be used.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="expectedSha256">When given, the file's SHA-256 must match (case-insensitive hex).</param>
    public static OnnxModel Load(string path, string? expectedSha256 = null) => Load(path, expectedSha256, ScoringOptions.Default);

    /// <summary>Loads and checks a model with explicit session tuning.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="expectedSha256">When given, the file's SHA-256 must match (case-insensitive hex).</param>
    /// <param name="options">ONNX Runtime session tuning.</param>
    public static OnnxModel Load(string path, string? expectedSha256, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = ExistingFile(path);

        // Read once and both hash and load the same bytes, so the file cannot change between the check and the load.
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (IOException e)
        {
            throw new ModelLoadException($"cannot read model file {fullPath}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModelLoadException($"cannot read model file {fullPath}: {e.Message}");
        }

        var sha256 = FileHash.Sha256(bytes);
        CheckSha256(fullPath, expectedSha256, sha256);

        var sessionOptions = CreateSessionOptions(options);
        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            sessionOptions.Dispose();
            throw new ModelLoadException($"{fullPath} is not a usable ONNX model: {e.Message}");
        }

        try
        {
            var inputs = ReadInputs(fullPath, session);
            var outputs = FindOutputs(fullPath, session);
            return new OnnxModel(fullPath, sha256, session, sessionOptions, inputs, outputs);
        }
        catch
        {
            session.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>Checks, without loading it, that the model file exists and has the expected SHA-256; throws the <see cref="ModelLoadException"/> that <see cref="Load(string, string?, ScoringOptions)"/> would.</summary>
    /// <remarks>For refusing a bad file before a service opens its port; <see cref="Load(string, string?, ScoringOptions)"/> still checks the bytes it loads.</remarks>
    /// <param name="path">The .onnx file.</param>
    /// <param name="expectedSha256">When given, the file's SHA-256 must match (case-insensitive hex).</param>
    /// <returns>The file's full path.</returns>
    public static string Verify(string path, string? expectedSha256)
    {
        var fullPath = ExistingFile(path);
        if (expectedSha256 is not null)
        {
            CheckSha256(fullPath, expectedSha256, FileHash.Sha256(fullPath));
        }

        return fullPath;
    }

    /// <summary>Creates an empty batch (all values missing) shaped for this model's inputs.</summary>
    /// <param name="rows">How many rows the batch holds; at least 1.</param>
    public FeatureBatch CreateBatch(int rows) => new(Inputs, _indexByName, rows);

    /// <summary>Scores every row of the batch in one ONNX Runtime call; safe to call from many threads at once.</summary>
    /// <param name="batch">A batch created by this model's <see cref="CreateBatch"/>.</param>
    public Prediction[] Score(FeatureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Inputs, Inputs))
        {
            throw new ArgumentException("the batch was created by a different model", nameof(batch));
        }

        var rows = batch.Rows;
        long[] shape = [rows, 1];
        var values = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Inputs[i].Kind == FeatureKind.Numeric
                    ? OrtValue.CreateTensorValueFromMemory(batch.Numeric[i], shape)
                    : CreateStringTensor(batch.Categorical[i], shape);
            }

            using var outputs = _session.Run(_runOptions, _inputNames, values, _outputNames);
            var labels = outputs[0].GetTensorDataAsSpan<bool>();
            var probabilities = outputs[1].GetTensorDataAsSpan<float>();
            var scores = outputs[2].GetTensorDataAsSpan<float>();
            var predictions = new Prediction[rows];
            for (var r = 0; r < rows; r++)
            {
                predictions[r] = new Prediction(labels[r], probabilities[r], scores[r]);
            }

            return predictions;
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
        _sessionOptions.Dispose();
    }

    private static OrtValue CreateStringTensor(string[] column, long[] shape)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        for (var r = 0; r < column.Length; r++)
        {
            value.StringTensorSetElementAt(column[r].AsSpan(), r);
        }

        return value;
    }

    private static string ExistingFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        return File.Exists(fullPath) ? fullPath : throw new ModelLoadException($"model file not found: {fullPath}");
    }

    private static void CheckSha256(string fullPath, string? expected, string actual)
    {
        if (expected is not null && !string.Equals(actual, expected.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException($"sha256 mismatch for model file {fullPath}: expected {expected.Trim().ToLowerInvariant()}, actual {actual}");
        }
    }

    private static SessionOptions CreateSessionOptions(ScoringOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        return sessionOptions;
    }

    private static List<ModelInput> ReadInputs(string path, InferenceSession session)
    {
        var inputs = new List<ModelInput>(session.InputMetadata.Count);
        foreach (var name in session.InputNames)
        {
            var metadata = session.InputMetadata[name];
            var dimensions = metadata.IsTensor ? metadata.Dimensions : [];
            if (!metadata.IsTensor || dimensions.Length != 2 || dimensions[1] != 1)
            {
                throw new ModelLoadException($"{path}: input '{name}' has shape [{string.Join(", ", dimensions)}]; Kiln feeds one value per row, shape [-1, 1]");
            }

            var kind = metadata.ElementDataType switch
            {
                TensorElementType.Float => FeatureKind.Numeric,
                TensorElementType.String => FeatureKind.Categorical,
                var other => throw new ModelLoadException($"{path}: input '{name}' has unsupported type {other}; Kiln feeds float32 (numeric) or string (categorical) inputs"),
            };
            inputs.Add(new ModelInput(name, kind));
        }

        return inputs;
    }

    private static string[] FindOutputs(string path, InferenceSession session)
    {
        string Find(string prefix, TensorElementType type)
        {
            var name = session.OutputNames.FirstOrDefault(n => n.StartsWith(prefix, StringComparison.Ordinal))
                ?? throw new ModelLoadException($"{path}: no output named '{prefix}*' (outputs: {string.Join(", ", session.OutputNames)})");
            var actual = session.OutputMetadata[name].ElementDataType;
            return actual == type ? name : throw new ModelLoadException($"{path}: output '{name}' is {actual}, expected {type}");
        }

        return [Find(ModelOutputs.Label, TensorElementType.Bool), Find(ModelOutputs.Probability, TensorElementType.Float), Find(ModelOutputs.Score, TensorElementType.Float)];
    }
}
