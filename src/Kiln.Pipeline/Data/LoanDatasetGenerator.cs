using System.Globalization;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Tuning;

namespace Kiln.Pipeline.Data;

/// <summary>
/// Generates a loan-default dataset with another schema than churn (other columns, label values "Y"/"N", blanks, a quoted category
/// with a comma, skewed amounts, thresholds and an interaction), for checking that Kiln works on a second, real-world-shaped table.
/// </summary>
/// <param name="seed">The random seed; the same seed always gives the same file.</param>
/// <param name="rows">How many data rows to write.</param>
public sealed class LoanDatasetGenerator(int seed = 11, int rows = 6_000)
{
    /// <summary>The file name written.</summary>
    public const string FileName = "loans.csv";

    /// <summary>The YAML `dataset:` section describing the file.</summary>
    public const string DatasetYaml = """
        dataset:
          path: loans.csv
          id: application
          label: { column: defaulted, positive: "Y", negative: "N" }
          numeric: [annual_income, loan_amount, credit_score, employment_years, delinquencies, utilisation]
          categorical: [term, purpose, home]
        """;

    private static readonly string[] Purposes = ["car", "home improvement", "debt consolidation", "business, small", "medical", "education"];
    private static readonly string[] Homes = ["rent", "own", "mortgage"];

    /// <summary>Writes loans.csv into the directory atomically and returns its path.</summary>
    /// <param name="directory">The target directory (created when missing).</param>
    public string WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var random = new Random(seed);
        AtomicFile.WriteText(path, writer =>
        {
            CsvWriter.WriteRow(writer, ["application", "annual_income", "loan_amount", "credit_score", "term", "purpose", "employment_years", "home", "delinquencies", "utilisation", "defaulted"]);
            for (var i = 0; i < rows; i++)
            {
                CsvWriter.WriteRow(writer, Row(random, i));
            }
        });
        return path;
    }

    private static string[] Row(Random random, int index)
    {
        string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        var income = Math.Exp(10.8 + 0.5 * Gaussian.Sample(random));
        var amount = Math.Min(60_000, Math.Exp(9.2 + 0.7 * Gaussian.Sample(random)));
        var score = Math.Clamp(680 + 60 * Gaussian.Sample(random), 450, 850);
        var longTerm = random.NextDouble() < 0.35;
        var purpose = Purposes[random.Next(Purposes.Length)];
        var years = random.Next(35);
        var home = Homes[random.Next(Homes.Length)];
        var delinquencies = Poisson(random, 0.4);
        var utilisation = Math.Clamp(random.NextDouble() * 1.3, 0, 1.3);
        // Thresholds and an interaction, as real credit data has, so trees and linear models differ.
        var z = -2.0 + 3.0 * Math.Min(amount / income, 1.5) - 0.012 * (score - 680)
            + (longTerm ? 0.5 : 0) + (score < 620 && longTerm ? 0.8 : 0)
            + purpose switch { "business, small" => 0.7, "medical" => 0.4, "car" => -0.3, _ => 0 }
            - 0.03 * Math.Min(years, 15) + (home == "rent" ? 0.3 : 0)
            + 0.45 * Math.Min(delinquencies, 3) + 2.0 * Math.Max(0, utilisation - 0.85);
        var defaulted = random.NextDouble() < 1 / (1 + Math.Exp(-z));
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"A{index:D6}"),
            Number(income, "F0"),
            Number(amount, "F0"),
            Number(score, "F0"),
            longTerm ? "60m" : "36m",
            purpose,
            random.NextDouble() < 0.08 ? "" : years.ToString(CultureInfo.InvariantCulture),
            home,
            delinquencies.ToString(CultureInfo.InvariantCulture),
            Number(utilisation, "F3"),
            defaulted ? "Y" : "N",
        ];
    }

    private static int Poisson(Random random, double mean)
    {
        var (limit, product, count) = (Math.Exp(-mean), random.NextDouble(), 0);
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }
}
