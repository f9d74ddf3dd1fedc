using Kiln.Inference.Tests.Support;
using Kiln.Testing;

namespace Kiln.Inference.Tests;

public sealed class OnnxMetadataTests(ModelFixture fixture)
{
    [Fact]
    public void AnAppendedEntryIsReadBackByOnnxRuntimeAndScoresAreUnchanged()
    {
        var path = Path.Combine(fixture.Directory, "with-metadata.onnx");
        var value = "{\"version\":1,\"note\":\"ünïcode and a long value " + new string('x', 500) + "\"}";
        File.WriteAllBytes(path, OnnxMetadata.Append(File.ReadAllBytes(fixture.ModelPath), "kiln.test", value));

        using var model = OnnxModel.Load(path);
        var rows = TestModel.Generate(20, seed: 3);

        Assert.Equal(value, model.Metadata["kiln.test"]);
        Assert.Empty(fixture.Model.Metadata);
        Assert.Equal(DirectOrt.Score(fixture.ModelPath, rows), DirectOrt.Score(path, rows));
    }

    [Fact]
    public void AppendingTheSameEntryToTheSameModelGivesTheSameBytes()
    {
        var bytes = File.ReadAllBytes(fixture.ModelPath);

        Assert.Equal(OnnxMetadata.Append(bytes, "k", "v"), OnnxMetadata.Append(bytes, "k", "v"));
        Assert.NotEqual(OnnxMetadata.Append(bytes, "k", "v"), OnnxMetadata.Append(bytes, "k", "w"));
    }
}
