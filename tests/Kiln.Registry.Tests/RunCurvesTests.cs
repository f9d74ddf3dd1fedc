using System.Text;
using Kiln.Registry.Runs;

namespace Kiln.Registry.Tests;

public sealed class RunCurvesTests
{
    [Fact]
    public void LongCurvesAreThinnedToTheCapKeepingBothEndsAndTheirShape()
    {
        var full = Enumerable.Range(0, 6001).Select(i => i / 6000.0).Select(x => new CurvePoint(x, Math.Sqrt(x))).ToList();

        var curves = RunCurves.From(full, full);

        Assert.InRange(curves.Roc.Count, 50, RunCurves.MaxPoints);
        Assert.Equal(full[0], curves.Roc[0]);
        Assert.Equal(full[^1], curves.Roc[^1]);
        // Every dropped point lies close to the straight line between its kept neighbours.
        Assert.All(full, p =>
        {
            var right = curves.Roc.First(k => k.X >= p.X);
            var left = curves.Roc.Last(k => k.X <= p.X);
            var y = right.X == left.X ? left.Y : left.Y + (right.Y - left.Y) * (p.X - left.X) / (right.X - left.X);
            Assert.InRange(p.Y - y, -0.02, 0.02);
        });
    }

    [Fact]
    public void ShortCurvesAreKeptWholeAndRoundTripThroughJson()
    {
        var roc = new[] { new CurvePoint(0, 0), new CurvePoint(0.1, 0.6), new CurvePoint(1, 1) };
        var pr = new[] { new CurvePoint(0.01, 1), new CurvePoint(0.5, 0.7), new CurvePoint(1, 0.25) };

        var curves = RunCurves.From(roc, pr);
        var read = RunCurves.Parse(Encoding.UTF8.GetBytes(curves.ToJson()), "curves.json");

        Assert.Equal(roc, read.Roc);
        Assert.Equal(pr, read.PrecisionRecall);
    }

    [Theory]
    [InlineData("{\"roc\": [[0, 0]]}", "curves.json of run R has no 'precision_recall' array")]
    [InlineData("{\"roc\": [[0, 0], [1]], \"precision_recall\": []}", "'roc' point 1 is not an [x, y] pair of numbers")]
    [InlineData("{\"roc\": [", "is not valid curves JSON")]
    public void MalformedCurvesNameTheFileAndTheProblem(string json, string message)
    {
        var error = Assert.Throws<RegistryException>(() => RunCurves.Parse(Encoding.UTF8.GetBytes(json), "curves.json of run R"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
