using System.Globalization;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Schema;
using Kiln.Registry.Metrics;

namespace Kiln.Pipeline.Evaluation;

/// <summary>How well the generator's true probabilities rank the test rows: the ceiling a model could reach on this data.</summary>
public static class OracleComparison
{
    /// <summary>The ROC AUC of the oracle probabilities on the test rows they cover, or null without an oracle file, a matching row or both classes among them.</summary>
    /// <param name="oracleFile">The configured <c>id,probability</c> side file, or null.</param>
    /// <param name="rows">The test rows.</param>
    /// <param name="labels">Their labels, row for row.</param>
    public static double? Auc(string? oracleFile, IReadOnlyList<ValidatedRow> rows, IReadOnlyList<bool> labels)
    {
        if (oracleFile is null || !File.Exists(oracleFile))
        {
            return null;
        }

        var truth = new Dictionary<string, float>(StringComparer.Ordinal);
        using (var reader = CsvReader.Open(oracleFile))
        {
            reader.ReadRecord();
            while (reader.ReadRecord() is { Fields: [var id, var probability] })
            {
                if (float.TryParse(probability, NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
                {
                    truth[id] = p;
                }
            }
        }

        var matched = Enumerable.Range(0, rows.Count).Where(i => truth.ContainsKey(rows[i].Id)).ToArray();
        if (matched.Length == 0)
        {
            return null;
        }

        var auc = RocAuc.Compute([.. matched.Select(i => labels[i])], [.. matched.Select(i => truth[rows[i].Id])]);
        return double.IsNaN(auc) ? null : auc;
    }
}
