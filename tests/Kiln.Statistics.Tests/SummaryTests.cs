using Kiln.Statistics.Association;
using Kiln.Statistics.Hashing;
using Kiln.Statistics.Intervals;
using Kiln.Statistics.Sampling;
using Kiln.Statistics.Summaries;

namespace Kiln.Statistics.Tests;

public sealed class SummaryTests
{
    [Fact]
    public void RunningMomentsMatchTheTwoPassFormulas()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 10_000).Select(_ => 1e6 + random.NextDouble() * 10).ToArray();
        var moments = new RunningMoments();
        foreach (var value in values)
        {
            moments.Add(value);
        }

        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        Assert.Equal(mean, moments.Mean, 6);
        Assert.Equal(sd, moments.StandardDeviation, 6);
        Assert.Equal(values.Min(), moments.Minimum);
        Assert.Equal(values.Max(), moments.Maximum);
    }

    [Fact]
    public void RunningCorrelationMatchesPearsonAndIsNaNForAConstant()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 5000).Select(_ => random.NextDouble()).ToArray();
        var y = x.Select(v => 2 * v + random.NextDouble()).ToArray();
        var correlation = new RunningCorrelation();
        var constant = new RunningCorrelation();
        for (var i = 0; i < x.Length; i++)
        {
            correlation.Add(x[i], y[i]);
            constant.Add(x[i], 7);
        }

        double mx = x.Average(), my = y.Average();
        var r = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
        Assert.Equal(r, correlation.Pearson, 9);
        Assert.True(double.IsNaN(constant.Pearson));
    }

    [Fact]
    public void QuantilesInterpolateBetweenOrderStatistics()
    {
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(2.5, Quantiles.Of(sorted, 0.5));
        Assert.Equal(1, Quantiles.Of(sorted, 0));
        Assert.Equal(4, Quantiles.Of(sorted, 1));
        Assert.True(double.IsNaN(Quantiles.Of([], 0.5)));
    }

    [Fact]
    public void WilsonIntervalMatchesPublishedValuesAndStaysInsideZeroAndOne()
    {
        var none = Proportion.Wilson(0, 10);
        var half = Proportion.Wilson(5, 10);

        Assert.Equal(0, none.Low);
        Assert.Equal(0.2775, none.High, 4);
        Assert.Equal(0.2366, half.Low, 4);
        Assert.Equal(0.7634, half.High, 4);
        Assert.True(double.IsNaN(Proportion.Wilson(0, 0).Rate));
    }

    [Fact]
    public void CramersVIsOneForPerfectAssociationAndNearZeroForIndependence()
    {
        Assert.Equal(1, CramersV.Of([[50, 0], [0, 50]]), 9);
        Assert.Equal(0, CramersV.Of([[25, 25], [25, 25]]), 9);
        Assert.True(double.IsNaN(CramersV.Of([[10, 20], [0, 0]])), "one non-empty row has no association to measure");
    }

    [Fact]
    public void DistinctCounterIsExactBelowItsLimitAndCloseAboveIt()
    {
        var exact = new DistinctCounter();
        var estimated = new DistinctCounter(exactLimit: 1000);
        for (var i = 0; i < 200_000; i++)
        {
            var hash = StableHash.Of(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            estimated.Add(hash);
            if (i < 5000)
            {
                exact.Add(hash);
                exact.Add(hash);
            }
        }

        Assert.True(exact.IsExact);
        Assert.Equal(5000, exact.Count);
        Assert.False(estimated.IsExact);
        Assert.InRange(estimated.Count, 194_000, 206_000);
    }

    [Fact]
    public void StableHashIsTheSameForEqualNumbersAndDiffersForDifferentText()
    {
        Assert.Equal(StableHash.Of(1.0), StableHash.Of(1));
        Assert.Equal(StableHash.Of(0.0), StableHash.Of(-0.0));
        Assert.NotEqual(StableHash.Of("monthly"), StableHash.Of("annual"));
        Assert.Equal(StableHash.Of("monthly"), StableHash.Of("monthly".AsSpan()));
    }

    [Fact]
    public void ReservoirKeepsEveryItemWhileItHasRoomThenAUniformSample()
    {
        var sampler = new ReservoirSampler(1000, seed: 1);
        var sample = new int[1000];
        for (var i = 0; i < 100_000; i++)
        {
            var slot = sampler.Offer();
            if (i < 1000)
            {
                Assert.Equal(i, slot);
            }

            if (slot >= 0)
            {
                sample[slot] = i;
            }
        }

        Assert.False(sampler.IsComplete);
        // A uniform sample of 0..99,999 has a mean near 50,000 (standard error about 900).
        Assert.InRange(sample.Average(), 47_000, 53_000);
    }

    [Fact]
    public void ReservoirWithTheSameSeedChoosesTheSameSlots()
    {
        var first = new ReservoirSampler(100, seed: 9);
        var second = new ReservoirSampler(100, seed: 9);

        Assert.Equal(Enumerable.Range(0, 5000).Select(_ => first.Offer()).ToArray(), Enumerable.Range(0, 5000).Select(_ => second.Offer()).ToArray());
    }
}
