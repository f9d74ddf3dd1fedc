using Kiln.Hashing;
using Kiln.Inference.Tests.Support;

namespace Kiln.Inference.Tests;

public sealed class ModelLoadingTests(ModelFixture fixture)
{
    [Fact]
    public void LoadsWhenTheExpectedShaMatchesInAnyCase()
    {
        using var model = OnnxModel.Load(fixture.ModelPath, fixture.Model.Sha256.ToUpperInvariant());

        Assert.Equal(fixture.Model.Sha256, model.Sha256);
    }

    [Fact]
    public void RejectsAShaMismatchNamingPathExpectedAndActual()
    {
        var wrong = new string('0', 64);

        var error = Assert.Throws<ModelLoadException>(() => OnnxModel.Load(fixture.ModelPath, wrong));

        Assert.Contains(Path.GetFullPath(fixture.ModelPath), error.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Model.Sha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAMissingFileNamingIt()
    {
        var path = Path.Combine(fixture.Directory, "absent.onnx");

        var error = Assert.Throws<ModelLoadException>(() => OnnxModel.Load(path));

        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAFileThatIsNotOnnxNamingIt()
    {
        var path = Path.Combine(fixture.Directory, "not-a-model.onnx");
        File.WriteAllText(path, "customer_id,churned\n1,yes\n");

        var error = Assert.Throws<ModelLoadException>(() => OnnxModel.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyChecksTheFileWithoutLoadingItAndGivesTheSameMessagesAsLoad()
    {
        var wrong = new string('0', 64);
        var path = Path.Combine(fixture.Directory, "not-a-model-but-hashed.onnx");
        File.WriteAllText(path, "not onnx");

        var mismatch = Assert.Throws<ModelLoadException>(() => OnnxModel.Verify(fixture.ModelPath, wrong));
        var missing = Assert.Throws<ModelLoadException>(() => OnnxModel.Verify(Path.Combine(fixture.Directory, "absent.onnx"), null));

        Assert.Equal(Assert.Throws<ModelLoadException>(() => OnnxModel.Load(fixture.ModelPath, wrong)).Message, mismatch.Message);
        Assert.Contains("model file not found", missing.Message, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(fixture.ModelPath), OnnxModel.Verify(fixture.ModelPath, fixture.Model.Sha256.ToUpperInvariant()));
        Assert.Equal(Path.GetFullPath(path), OnnxModel.Verify(path, FileHash.Sha256(path)));
    }
}
