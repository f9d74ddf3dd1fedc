using System.Globalization;
using System.Text.Json;
using Kiln.Hashing;
using Kiln.Pipeline.IO;

namespace Kiln.Pipeline.Data;

/// <summary>Generates the deterministic synthetic churn dataset shipped as the example (data/01-raw/churn.csv).</summary>
/// <param name="seed">The random seed; the same seed always gives byte-identical files.</param>
/// <param name="rows">How many data rows to write.</param>
/// <param name="malformedFraction">The fraction of rows deliberately corrupted to exercise quarantine.</param>
public sealed class ChurnDatasetGenerator(int seed = 42, int rows = 30_000, double malformedFraction = 0.002)
{
    /// <summary>The generator version recorded in metadata.json; bump it whenever the output changes.</summary>
    public const string Version = "1";

    /// <summary>The CSV header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "customer_id", "gender", "senior_citizen", "partner", "tenure_months", "contract", "payment_method",
        "internet_service", "paperless_billing", "monthly_charges", "total_charges", "support_calls",
        "days_since_last_login", "region", "churned",
    ];

    private static readonly string[] Regions = ["Dublin, IE", "Cork, IE", "London, UK", "Manchester, UK", "Paris, FR", "Lyon, FR"];

    /// <summary>Writes churn.csv, churn.oracle.csv and metadata.json into the directory, each atomically.</summary>
    /// <param name="directory">The target directory (created when missing).</param>
    public GeneratedDataset WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var csvPath = Path.Combine(directory, "churn.csv");
        var oraclePath = Path.Combine(directory, "churn.oracle.csv");
        var random = new Random(seed);
        var oracle = new List<(string Id, double Probability)>(rows);
        var positives = 0;
        var wellFormed = 0;
        AtomicFile.WriteText(csvPath, writer =>
        {
            CsvWriter.WriteRow(writer, Columns);
            for (var i = 0; i < rows; i++)
            {
                var (fields, probability, churned) = Customer(random, i);
                oracle.Add((fields[0], probability));
                if (random.NextDouble() < malformedFraction)
                {
                    fields = Corrupt(random, fields);
                }
                else
                {
                    wellFormed++;
                    positives += churned ? 1 : 0;
                }

                CsvWriter.WriteRow(writer, fields);
            }
        });
        AtomicFile.WriteText(oraclePath, writer =>
        {
            CsvWriter.WriteRow(writer, ["customer_id", "true_probability"]);
            foreach (var (id, probability) in oracle)
            {
                CsvWriter.WriteRow(writer, [id, probability.ToString("F6", CultureInfo.InvariantCulture)]);
            }
        });

        var sha256 = FileHash.Sha256(csvPath);
        var metadataPath = Path.Combine(directory, "metadata.json");
        var metadata = new DatasetMetadata(
            "synthetic customer churn (smooth effects and interactions; see Kiln.Pipeline.Data.ChurnDatasetGenerator)",
            $"{typeof(ChurnDatasetGenerator).FullName} {Version}",
            seed,
            rows,
            "churn.csv",
            sha256,
            "churn.oracle.csv");
        metadata.Save(metadataPath);
        return new GeneratedDataset(csvPath, oraclePath, metadataPath, sha256, rows, (double)positives / Math.Max(1, wellFormed));
    }

    private static (string[] Fields, double Probability, bool Churned) Customer(Random random, int index)
    {
        var female = random.NextDouble() < 0.5;
        var senior = random.NextDouble() < 0.16;
        var partner = random.NextDouble() < 0.48;
        var tenure = (int)Math.Floor(73 * Math.Pow(random.NextDouble(), 1.4));
        var monthlyShare = Math.Clamp(0.78 - 0.009 * tenure, 0.12, 0.9);
        var u = random.NextDouble();
        var contract = u < monthlyShare ? "monthly" : u < monthlyShare + (1 - monthlyShare) * 0.5 ? "annual" : "biennial";
        u = random.NextDouble();
        var payment = u < 0.34 ? "e-check" : u < 0.55 ? "mail" : u < 0.77 ? "bank" : "card";
        u = random.NextDouble();
        var internet = u < 0.36 ? "dsl" : u < 0.80 ? "fiber" : "none";
        var paperless = random.NextDouble() < (internet == "none" ? 0.3 : 0.65);
        var baseCharge = internet switch { "fiber" => 82.0, "dsl" => 55.0, _ => 21.0 };
        var spread = internet == "none" ? 3.0 : 14.0;
        var monthly = Math.Round(Math.Clamp(baseCharge + spread * Normal(random), 18, 125), 2);
        var total = Math.Round(Math.Max(0, tenure * monthly * (1 + 0.04 * Normal(random))), 2);
        var supportCalls = Poisson(random, 0.6 + (internet == "fiber" ? 0.7 : 0.2) + (senior ? 0.4 : 0));
        var daysSinceLogin = Math.Round(-Math.Log(1 - random.NextDouble()) * (contract == "monthly" ? 16 : 9), 1);
        var region = Regions[random.Next(Regions.Length)];

        // Smooth main effects plus two interactions: learnable by trees, not trivially linear.
        var z = -3.1
            + 1.5 * Math.Exp(-tenure / 10.0)
            - 0.011 * tenure
            + contract switch { "monthly" => 0.95, "annual" => -0.45, _ => -1.5 }
            + 0.022 * (monthly - 65)
            + internet switch { "fiber" => 0.45, "dsl" => 0, _ => -0.6 }
            + 1.3 * Math.Tanh(supportCalls / 2.5)
            + (payment == "e-check" ? 0.35 : 0)
            + (payment == "e-check" && contract == "monthly" ? 0.45 : 0)
            + (internet == "fiber" ? 0.06 * Softplus(monthly - 92) : 0)
            + (senior ? 0.3 : 0)
            - (partner ? 0.2 : 0)
            + (paperless ? 0.15 : 0)
            + 0.75 * Math.Log(1 + daysSinceLogin / 7);
        var probability = 1 / (1 + Math.Exp(-z));
        var churned = random.NextDouble() < probability;

        string Number(double value, string format, double missingRate) =>
            random.NextDouble() < missingRate ? "" : value.ToString(format, CultureInfo.InvariantCulture);

        string[] fields =
        [
            $"C{index + 1:D6}",
            female ? "F" : "M",
            senior ? "1" : "0",
            partner ? "yes" : "no",
            tenure.ToString(CultureInfo.InvariantCulture),
            contract,
            payment,
            internet,
            paperless ? "yes" : "no",
            Number(monthly, "F2", 0.005),
            Number(total, "F2", 0.01),
            Number(supportCalls, "F0", 0.01),
            Number(daysSinceLogin, "F1", 0.02),
            region,
            churned ? "yes" : "no",
        ];
        return (fields, probability, churned);
    }

    private static string[] Corrupt(Random random, string[] fields)
    {
        switch (random.Next(4))
        {
            case 0:
                // A dropped or an extra cell: the wrong field count.
                return random.Next(2) == 0 ? fields[..^2].Append(fields[^1]).ToArray() : [.. fields, "extra"];
            case 1:
                fields[9] = random.Next(2) == 0 ? "N/A" : "12..5";
                break;
            case 2:
                fields[14] = random.Next(2) == 0 ? "maybe" : "";
                break;
            default:
                fields[4] = "about a year";
                break;
        }

        return fields;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x / 4)) * 4;
}
