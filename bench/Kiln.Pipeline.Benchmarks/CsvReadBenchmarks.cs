using System.Text;
using BenchmarkDotNet.Attributes;
using Kiln.Pipeline.Data;
using nietras.SeparatedValues;

/// <summary>
/// Reading a CSV into what Kiln needs per record (start line, unquoted fields, raw text): Kiln's reader against the
/// libraries it was chosen from, each doing the same work, on the shipped churn.csv and on a ten times larger file.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class CsvReadBenchmarks
{
    private string _path = null!;

    /// <summary>Which file: "shipped" (data/01-raw/churn.csv, 30,000 rows, 2.3 MB) or "generated" (300,000 rows, 23 MB).</summary>
    [Params("shipped", "generated")]
    public string File { get; set; } = "shipped";

    /// <summary>Finds the shipped file, or generates the larger one once into the temp directory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (File == "shipped")
        {
            var root = Environment.GetEnvironmentVariable(ScoringBenchmarks.RootVariable) ?? throw new InvalidOperationException(ScoringBenchmarks.RootVariable + " is not set");
            _path = Path.Combine(root, "data", "01-raw", "churn.csv");
            return;
        }

        var directory = Path.Combine(Path.GetTempPath(), "kiln-csv-bench");
        _path = Path.Combine(directory, "churn.csv");
        if (!System.IO.File.Exists(_path))
        {
            new ChurnDatasetGenerator(seed: 42, rows: 300_000).WriteTo(directory);
        }
    }

    /// <summary>Kiln.Pipeline.IO.CsvReader: what ValidatingReader, Features and Predict use.</summary>
    [Benchmark(Baseline = true)]
    public long Kiln()
    {
        long fields = 0;
        using var reader = global::Kiln.Pipeline.IO.CsvReader.Open(_path);
        foreach (var record in reader.Records())
        {
            fields += record.Fields.Length + record.Raw.Length + record.Line;
        }

        return fields;
    }

    /// <summary>CsvHelper 34 straight, with line tracking, recovery from malformed data and the raw record decoded.</summary>
    [Benchmark]
    public long CsvHelper()
    {
        long fields = 0;
        var options = new global::CsvHelper.CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = false,
            MalformedData = global::CsvHelper.CsvMalformedDataHandling.Recover,
            FieldCountMismatch = global::CsvHelper.CsvFieldCountHandling.Allow,
        };
        using var stream = System.IO.File.OpenRead(_path);
        using var reader = global::CsvHelper.CsvReader.Create(stream, options, leaveOpen: false);
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetString(i);
            }

            fields += values.Length + Encoding.UTF8.GetString(reader.RawRecord).Length + reader.LineNumber;
        }

        return fields;
    }

    /// <summary>Sep, unescaping; it reports no error for an unclosed quote or text after a closing quote.</summary>
    [Benchmark]
    public long Sep()
    {
        long fields = 0;
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(_path);
        foreach (var row in reader)
        {
            var raw = row.Span.ToString();
            var values = new string[row.ColCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row[i].ToString();
            }

            fields += values.Length + raw.Length + row.LineNumberFrom;
        }

        return fields;
    }

    /// <summary>Sylvan.Data.Csv; it has no line numbers and throws on the first malformed record.</summary>
    [Benchmark]
    public long Sylvan()
    {
        long fields = 0;
        using var reader = global::Sylvan.Data.Csv.CsvDataReader.Create(_path, new global::Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = false });
        while (reader.Read())
        {
            var raw = reader.GetRawRecordSpan().ToString();
            var values = new string[reader.RowFieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetString(i);
            }

            fields += values.Length + raw.Length + reader.RowNumber;
        }

        return fields;
    }
}
