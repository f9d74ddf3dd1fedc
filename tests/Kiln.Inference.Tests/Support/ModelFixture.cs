using Kiln.Testing;

namespace Kiln.Inference.Tests.Support;

/// <summary>Trains the synthetic model once per test run and shares its ONNX file and a loaded model.</summary>
public sealed class ModelFixture : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("kiln-inference-tests-").FullName;

    /// <summary>Trains and loads the model.</summary>
    public ModelFixture()
    {
        ModelPath = Path.Combine(_directory, "model.onnx");
        TestModel.TrainAndExport(ModelPath);
        Model = OnnxModel.Load(ModelPath);
    }

    /// <summary>The exported ONNX file.</summary>
    public string ModelPath { get; }

    /// <summary>The model loaded once, shared by tests (scoring is thread-safe).</summary>
    public OnnxModel Model { get; }

    /// <summary>A scratch directory that is removed after the run.</summary>
    public string Directory => _directory;

    /// <summary>Releases the model and deletes the files.</summary>
    public void Dispose()
    {
        Model.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
