using System.Globalization;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Schema;
using Kiln.Registry.Metrics;
using Kiln.Statistics.Association;
using Kiln.Statistics.Drift;
using Kiln.Statistics.Summaries;

namespace Kiln.Pipeline.Profiling;

/// <summary>Turns the two passes' counts into the <see cref="DatasetProfile"/>: summaries, label rates, correlations, associations, duplicates, leakage, drift and warnings.</summary>
internal static class ProfileAssembler
{
    private const int TopCategories = 20;
    private const int MaxAssociationCategories = 1000;
    private const double HighMissingShare = 0.2;

    private static readonly (string Name, double Probability)[] QuantileLevels =
        [("p01", 0.01), ("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)];

    public static DatasetProfile Assemble(string file, string sha256, FeatureSchema schema, FirstPassResult first, ProfilePlan plan, bool[] testMask, SplitConfig split)
    {
        var warnings = new List<string>();
        var sampleCount = first.Sampler.Count;
        var columns = first.Columns.Select((column, c) => Column(first, plan, c, sampleCount)).ToArray();
        var labelled = first.Positives + first.Negatives;
        var label = new LabelSummary(schema.Label, schema.Positive, schema.Negative, first.Positives, first.Negatives, first.InvalidLabels,
            LabelRate.Of("all rows", first.Positives, labelled));

        if (first.Malformed > 0)
        {
            warnings.Add($"{first.Malformed:N0} of {first.Records:N0} rows are malformed (wrong number of fields or broken quoting) and are left out of the column statistics");
        }

        foreach (var column in columns)
        {
            if (column.Note is { } note && column.Role != ColumnRole.Id && (column.ProfiledAs == ColumnType.Text || column.InferredType == ColumnType.Empty || (column.ProfiledAs == ColumnType.Numeric && column.NotNumbers > 0)))
            {
                warnings.Add($"{column.Name}: {note}");
            }

            var total = column.Present + column.Missing;
            if (total > 0 && (double)column.Missing / total > HighMissingShare && column.InferredType != ColumnType.Empty)
            {
                warnings.Add($"{column.Name}: {(double)column.Missing / total:P1} of values are missing");
            }
        }

        if (first.InvalidLabels > 0)
        {
            warnings.Add($"{schema.Label}: {first.InvalidLabels:N0} rows have a label other than '{schema.Positive}' or '{schema.Negative}'; they are left out of every label rate");
        }

        var constant = columns.Where(c => c.Distinct <= 1).Select(c => c.Name).ToArray();
        foreach (var name in constant)
        {
            var column = columns.First(c => c.Name == name);
            warnings.Add(column.Present == 0 ? $"{name} is constant: every value is missing" : $"{name} is constant: it holds one value in every row");
        }

        var duplicates = Duplicates(schema.Id, plan);
        if (duplicates.DuplicatedValues > 0)
        {
            warnings.Add($"{schema.Id}: {duplicates.DuplicatedValues:N0} ids occur more than once ({duplicates.ExtraRows:N0} extra rows), e.g. {string.Join(", ", duplicates.Examples.Take(3).Select(e => $"'{e.Value}' ×{e.Count}"))}");
        }

        var leakage = Leakage(first, plan, sampleCount);
        foreach (var suspect in leakage.Where(l => l.Suspect))
        {
            warnings.Add($"{suspect.Column} alone separates the label almost perfectly (single-column AUC {suspect.Auc:F3}): check it is not derived from the label or recorded after it");
        }

        var drift = Drift(schema, first, plan, testMask, split);
        foreach (var feature in drift.Features.Where(f => f.Status == "drifted"))
        {
            warnings.Add($"{feature.Feature}: train and test differ (PSI {feature.Psi:F3} ≥ {drift.Threshold:F1})");
        }

        return new DatasetProfile(
            file,
            sha256,
            first.Records,
            first.Malformed,
            first.AcceptedLabels.Count,
            first.RejectedByReason,
            sampleCount,
            first.Sampler.IsComplete,
            label,
            columns,
            Correlations(first, plan, sampleCount),
            Associations(first, plan, sampleCount),
            duplicates,
            constant,
            leakage,
            drift,
            warnings);
    }

    private static ColumnProfile Column(FirstPassResult first, ProfilePlan plan, int c, int sampleCount)
    {
        var column = first.Columns[c];
        var (inferred, profiledAs, note) = plan.Classes[c];
        NumericSummary? numeric = null;
        CategorySummary? categories = null;
        IReadOnlyList<LabelRate> rates = [];
        var numericPlan = plan.Numeric.FirstOrDefault(n => n.Column == c);
        if (numericPlan is not null)
        {
            var sorted = column.SampleNumbers(sampleCount).ToArray().Where(v => !double.IsNaN(v)).ToArray();
            Array.Sort(sorted);
            var quantiles = QuantileLevels.ToDictionary(q => q.Name, q => Quantiles.Of(sorted, q.Probability));
            var histogram = numericPlan.Histogram.Select((count, i) =>
            {
                var low = numericPlan.Low + i * numericPlan.Width;
                return new HistogramBin(low, low + numericPlan.Width, count);
            }).ToArray();
            numeric = new NumericSummary(column.Moments.Minimum, column.Moments.Maximum, column.Moments.Mean, column.Moments.StandardDeviation, quantiles, histogram);
            rates = [.. Enumerable.Range(0, numericPlan.Bins.Count)
                .Where(b => numericPlan.RateRows[b] > 0 || b != numericPlan.Bins.MissingBin)
                .Select(b => LabelRate.Of(numericPlan.Bins.Label(b), numericPlan.RatePositives[b], numericPlan.RateRows[b]))];
        }
        else if (column.CategoryNames.Count > 0)
        {
            var top = TopIds(column);
            var shown = top.Sum(id => column.CategoryCounts[id]);
            categories = new CategorySummary(
                [.. top.Select(id => new CategoryCount(column.CategoryNames[id], column.CategoryCounts[id], (double)column.CategoryCounts[id] / column.Present))],
                column.Present - shown,
                column.MinimumLength,
                column.MaximumLength,
                column.MeanLength);
            if (column.Role is not (ColumnRole.Label or ColumnRole.Id))
            {
                var list = top.Select(id => LabelRate.Of(column.CategoryNames[id], column.CategoryPositives[id], column.CategoryLabelled[id])).ToList();
                var otherIds = Enumerable.Range(0, column.CategoryNames.Count).Except(top).ToArray();
                var otherRows = otherIds.Sum(id => column.CategoryLabelled[id]);
                if (otherRows > 0)
                {
                    list.Add(LabelRate.Of("other", otherIds.Sum(id => column.CategoryPositives[id]), otherRows));
                }

                if (column.MissingLabelled > 0)
                {
                    list.Add(LabelRate.Of("missing", column.MissingPositives, column.MissingLabelled));
                }

                rates = list;
            }
        }

        if (column.Role == ColumnRole.Id && column.Present > 0)
        {
            note ??= column.Distinct.Count >= column.Present ? "the id column: one distinct value per row" : "the id column: see duplicate ids";
        }

        return new ColumnProfile(column.Name, column.Role, inferred, profiledAs, column.Present, column.Missing, column.Distinct.Count, column.Distinct.IsExact,
            column.NotNumbers, column.NotNumberExamples, numeric, categories, rates, note);
    }

    private static int[] TopIds(ColumnAccumulator column) =>
        [.. Enumerable.Range(0, column.CategoryNames.Count)
            .OrderByDescending(id => column.CategoryCounts[id]).ThenBy(id => column.CategoryNames[id], StringComparer.Ordinal)
            .Take(TopCategories)];

    private static MatrixTable Correlations(FirstPassResult first, ProfilePlan plan, int sampleCount)
    {
        var names = plan.Numeric.Select(n => first.Names[n.Column]).Append(plan.Schema.Label).ToArray();
        var labels = first.SlotLabels;
        var series = plan.Numeric.Select(n => first.Columns[n.Column].SampleNumbers(sampleCount).ToArray())
            .Append(labels.ToArray().Select(l => l < 0 ? double.NaN : l).ToArray()).ToArray();
        var values = Symmetric(names.Length, (i, j) =>
        {
            var correlation = new RunningCorrelation();
            for (var slot = 0; slot < sampleCount; slot++)
            {
                if (!double.IsNaN(series[i][slot]) && !double.IsNaN(series[j][slot]))
                {
                    correlation.Add(series[i][slot], series[j][slot]);
                }
            }

            return correlation.Pearson;
        });

        return new MatrixTable($"Pearson r on {sampleCount:N0} sampled rows, pairwise complete; the label as 1 ({plan.Schema.Positive}) / 0 ({plan.Schema.Negative})", names, values);
    }

    private static MatrixTable Associations(FirstPassResult first, ProfilePlan plan, int sampleCount)
    {
        var chosen = first.Columns
            .Where((column, c) => plan.Classes[c].ProfiledAs == ColumnType.Categorical && column.Role != ColumnRole.Label && column.CategoryNames.Count is > 0 and <= MaxAssociationCategories)
            .ToArray();

        // Levels: the most frequent categories, "other", "missing"; the label's levels are its two values.
        var levels = chosen.Select(column =>
        {
            var top = TopIds(column);
            var map = new int[column.CategoryNames.Count];
            Array.Fill(map, top.Length);
            for (var i = 0; i < top.Length; i++)
            {
                map[top[i]] = i;
            }

            var ids = column.SampleCategories(sampleCount).ToArray();
            return (Count: top.Length + 2, Levels: ids.Select(id => id == ColumnAccumulator.MissingCategory ? top.Length + 1 : id < 0 ? top.Length : map[id]).ToArray());
        }).Append((Count: 2, Levels: first.SlotLabels.ToArray().Select(l => (int)l).ToArray())).ToArray();

        var names = chosen.Select(c => c.Name).Append(plan.Schema.Label).ToArray();
        var values = Symmetric(names.Length, (i, j) =>
        {
            var table = Enumerable.Range(0, levels[i].Count).Select(_ => new long[levels[j].Count]).ToArray();
            for (var slot = 0; slot < sampleCount; slot++)
            {
                var a = levels[i].Levels[slot];
                var b = levels[j].Levels[slot];
                if (a >= 0 && b >= 0)
                {
                    table[a][b]++;
                }
            }

            return CramersV.Of(table);
        });

        return new MatrixTable($"Cramér's V on {sampleCount:N0} sampled rows; the {TopCategories} most frequent categories of each column, 'other' and 'missing' as levels", names, values);
    }

    /// <summary>A symmetric matrix, each pair computed once.</summary>
    private static double[][] Symmetric(int size, Func<int, int, double> pair)
    {
        var values = Enumerable.Range(0, size).Select(_ => new double[size]).ToArray();
        for (var i = 0; i < size; i++)
        {
            for (var j = i; j < size; j++)
            {
                values[i][j] = values[j][i] = pair(i, j);
            }
        }

        return values;
    }

    private static DuplicateIds Duplicates(string idColumn, ProfilePlan plan)
    {
        var duplicated = plan.DuplicateCounts.Where(d => d.Value > 1).ToArray();
        return new DuplicateIds(
            idColumn,
            duplicated.Length,
            duplicated.Sum(d => d.Value - 1),
            [.. duplicated.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Take(10).Select(d => new CategoryCount(d.Key, d.Value, double.NaN))]);
    }

    private static List<LeakageCheck> Leakage(FirstPassResult first, ProfilePlan plan, int sampleCount)
    {
        var labels = first.SlotLabels;
        var checks = new List<LeakageCheck>();
        for (var c = 0; c < first.Columns.Length; c++)
        {
            var column = first.Columns[c];
            var profiledAs = plan.Classes[c].ProfiledAs;
            if (column.Role is ColumnRole.Id or ColumnRole.Label || profiledAs == ColumnType.Text || column.Present == 0)
            {
                continue;
            }

            var scoreOf = ScoreFunction(column, sampleCount, profiledAs == ColumnType.Numeric);
            var y = new List<bool>(sampleCount);
            var scores = new List<double>(sampleCount);
            for (var slot = 0; slot < sampleCount; slot++)
            {
                var score = scoreOf(slot);
                if (labels[slot] >= 0 && !double.IsNaN(score))
                {
                    y.Add(labels[slot] == 1);
                    scores.Add(score);
                }
            }

            var auc = RocAuc.Compute(y, scores);
            if (!double.IsNaN(auc))
            {
                var folded = Math.Max(auc, 1 - auc);
                checks.Add(new LeakageCheck(column.Name, folded, y.Count, folded >= LeakageCheck.SuspectAuc));
            }
        }

        return [.. checks.OrderByDescending(c => c.Auc).ThenBy(c => c.Column, StringComparer.Ordinal)];
    }

    private static Func<int, double> ScoreFunction(ColumnAccumulator column, int sampleCount, bool numeric)
    {
        if (numeric)
        {
            var numbers = column.SampleNumbers(sampleCount).ToArray();
            return slot => numbers[slot];
        }

        // A category scores its own label rate: the best any model could do with this column alone.
        var labelled = column.CategoryLabelled.Sum() + column.MissingLabelled;
        var overall = labelled == 0 ? double.NaN : (double)(column.CategoryPositives.Sum() + column.MissingPositives) / labelled;
        var rates = column.CategoryNames.Select((_, id) => column.CategoryLabelled[id] == 0 ? overall : (double)column.CategoryPositives[id] / column.CategoryLabelled[id]).ToArray();
        var missing = column.MissingLabelled == 0 ? overall : (double)column.MissingPositives / column.MissingLabelled;
        var ids = column.SampleCategories(sampleCount).ToArray();
        return slot => ids[slot] == ColumnAccumulator.MissingCategory ? missing : ids[slot] < 0 ? overall : rates[ids[slot]];
    }

    private static DriftReport Drift(FeatureSchema schema, FirstPassResult first, ProfilePlan plan, bool[] testMask, SplitConfig split)
    {
        var testRows = testMask.LongCount(t => t);
        var features = new List<FeatureDrift>();
        foreach (var feature in schema.Features)
        {
            var index = Array.IndexOf(first.Names, feature.Name);
            var numeric = plan.Numeric.FirstOrDefault(n => n.Column == index && n.IsFeature);
            var categorical = plan.CategoricalDrift.FirstOrDefault(n => n.Column == index);
            if (numeric is not null)
            {
                features.Add(Compare(feature.Name, "numeric", numeric.Bins, numeric.Train, numeric.Test));
            }
            else if (categorical is not null)
            {
                var (bins, train, test) = categorical.Binned();
                features.Add(Compare(feature.Name, "categorical", bins, train, test));
            }
            else
            {
                features.Add(new FeatureDrift(feature.Name, feature.Kind == Kiln.Inference.FeatureKind.Numeric ? "numeric" : "categorical", double.NaN, "unknown", []));
            }
        }

        var method = string.Create(CultureInfo.InvariantCulture,
            $"the Features stage's split (split.test_fraction {split.TestFraction}, seed {split.Seed}, {(split.Stratify ? "stratified" : "not stratified")}) of the rows it accepts; numeric features in deciles of the training split, categorical ones by the training split's {TopCategories} most frequent categories, plus 'other' and 'missing' — the bins the model's reference statistics use");
        return new DriftReport(method, testMask.Length - testRows, testRows, PopulationStability.DriftedThreshold, features);
    }

    private static FeatureDrift Compare(string name, string kind, Kiln.Statistics.Binning.FeatureBins bins, long[] train, long[] test)
    {
        var psi = PopulationStability.Index(train, test);
        var rows = Enumerable.Range(0, bins.Count).Where(b => train[b] + test[b] > 0).Select(b => new DriftBin(bins.Label(b), train[b], test[b])).ToArray();
        return new FeatureDrift(name, kind, psi, PopulationStability.Describe(psi), rows);
    }
}
