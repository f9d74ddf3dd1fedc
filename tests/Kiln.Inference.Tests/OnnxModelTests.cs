using Kiln.Hashing;
using Kiln.Inference.Tests.Support;
using Kiln.Testing;

namespace Kiln.Inference.Tests;

public sealed class OnnxModelTests(ModelFixture fixture)
{
    [Fact]
    public void ExposesOneInputPerFeatureColumnWithItsKind()
    {
        var inputs = fixture.Model.Inputs.ToDictionary(i => i.Name, i => i.Kind);

        Assert.Equal(5, inputs.Count);
        Assert.All(TestModel.NumericColumns, c => Assert.Equal(FeatureKind.Numeric, inputs[c]));
        Assert.All(TestModel.CategoricalColumns, c => Assert.Equal(FeatureKind.Categorical, inputs[c]));
    }

    [Fact]
    public void ReportsTheFileShaAndFullPath()
    {
        Assert.Equal(FileHash.Sha256(fixture.ModelPath), fixture.Model.Sha256);
        Assert.Equal(Path.GetFullPath(fixture.ModelPath), fixture.Model.Path);
        Assert.Matches("^[0-9a-f]{64}$", fixture.Model.Sha256);
    }

    [Fact]
    public void ScoresBitwiseEqualToOnnxRuntimeCalledDirectly()
    {
        var rows = TestModel.Generate(300, seed: 42);

        var predictions = fixture.Model.Score(BatchFiller.Fill(fixture.Model, rows));
        var expected = DirectOrt.Score(fixture.ModelPath, rows);

        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Label, predictions[i].Label);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i].Probability), BitConverter.SingleToInt32Bits(predictions[i].Probability));
        }
    }

    [Fact]
    public void SeparatesChurnersFromStayersOnFreshRows()
    {
        var rows = TestModel.Generate(1000, seed: 99);

        var predictions = fixture.Model.Score(BatchFiller.Fill(fixture.Model, rows));

        var churners = rows.Select((r, i) => (r, p: predictions[i].Probability)).Where(x => x.r.Churned).Select(x => x.p).Average();
        var stayers = rows.Select((r, i) => (r, p: predictions[i].Probability)).Where(x => !x.r.Churned).Select(x => x.p).Average();
        Assert.True(churners > stayers + 0.15, $"mean probability churners {churners:F3} vs stayers {stayers:F3}");
        Assert.All(predictions, p => Assert.Equal(p.Probability >= 0.5f, p.Label));
    }

    [Fact]
    public void ScoresARowTheSameAloneAsInsideABatch()
    {
        var rows = TestModel.Generate(100, seed: 5);
        var inBatch = fixture.Model.Score(BatchFiller.Fill(fixture.Model, rows));

        for (var i = 0; i < rows.Count; i += 17)
        {
            var alone = fixture.Model.Score(BatchFiller.Fill(fixture.Model, [rows[i]]));
            Assert.Equal(inBatch[i], alone[0]);
        }
    }

    [Fact]
    public void TreatsUnsetValuesAsMissingAndStillScores()
    {
        var batch = fixture.Model.CreateBatch(2);
        batch.SetNumeric(batch.IndexOf("tenure_months"), 0, 3);

        var predictions = fixture.Model.Score(batch);

        Assert.All(predictions, p => Assert.InRange(p.Probability, 0f, 1f));
        Assert.NotEqual(predictions[0].Probability, predictions[1].Probability);
    }

    [Fact]
    public void ScoresAnUnseenCategoryExactlyAsOnnxRuntimeDoes()
    {
        var rows = new List<ChurnRow> { new(12, 70, 2, "lifetime-deal", "crypto", false) };

        var prediction = fixture.Model.Score(BatchFiller.Fill(fixture.Model, rows))[0];

        Assert.Equal(DirectOrt.Score(fixture.ModelPath, rows)[0].Probability, prediction.Probability);
    }

    [Fact]
    public void ScoresAPaddedCategoryAsTrainingSawItTrimmed()
    {
        var rows = TestModel.Generate(20, seed: 11);
        var padded = rows.Select(r => r with { Contract = $"  {r.Contract}\t", PaymentMethod = $" {r.PaymentMethod} " }).ToList();

        var expected = fixture.Model.Score(BatchFiller.Fill(fixture.Model, rows));
        var actual = fixture.Model.Score(BatchFiller.Fill(fixture.Model, padded));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task GivesTheSameAnswersWhenScoringFromManyThreadsAtOnce()
    {
        var rows = TestModel.Generate(50, seed: 11);
        var expected = fixture.Model.Score(BatchFiller.Fill(fixture.Model, rows));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 20).Select(_ => fixture.Model.Score(BatchFiller.Fill(fixture.Model, rows))).ToList())));

        Assert.All(results.SelectMany(r => r), actual => Assert.Equal(expected, actual));
    }

    [Fact]
    public void AnswersMinusOneForAnUnknownInput()
    {
        var batch = fixture.Model.CreateBatch(1);

        Assert.Equal(-1, batch.IndexOf("no_such_column"));
        Assert.Equal(-1, batch.IndexOf("Tenure_Months"));
    }

    [Fact]
    public void RefusesANumericValueForACategoricalInputNamingIt()
    {
        var batch = fixture.Model.CreateBatch(1);

        var error = Assert.Throws<InvalidOperationException>(() => batch.SetNumeric(batch.IndexOf("contract"), 0, 1));

        Assert.Contains("'contract'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAnEmptyBatch()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Model.CreateBatch(0));
    }

    [Fact]
    public void ScoresCopiedBatchesExactlyAsTheOriginals()
    {
        var first = TestModel.Generate(3, seed: 21);
        var second = TestModel.Generate(4, seed: 22);
        var combined = fixture.Model.CreateBatch(7);

        BatchFiller.Fill(fixture.Model, first).CopyTo(combined, 0);
        BatchFiller.Fill(fixture.Model, second).CopyTo(combined, 3);

        Assert.Equal(fixture.Model.Score(BatchFiller.Fill(fixture.Model, [.. first, .. second])), fixture.Model.Score(combined));
    }
}
