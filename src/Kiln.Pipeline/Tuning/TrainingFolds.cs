using System.Globalization;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.IO;
using Kiln.Pipeline.Schema;
using Kiln.Pipeline.Training;
using Microsoft.ML;

namespace Kiln.Pipeline.Tuning;

/// <summary>
/// The training split cut into stratified folds, loaded once through Train's own loader and cached in memory across trials.
/// The test split is never read.
/// </summary>
public sealed class TrainingFolds
{
    private readonly IDataView[] _train;
    private readonly IDataView[] _validation;

    private TrainingFolds(int rows, int positives, IDataView[] train, IDataView[] validation)
    {
        Rows = rows;
        Positives = positives;
        _train = train;
        _validation = validation;
    }

    /// <summary>How many folds there are.</summary>
    public int Count => _train.Length;

    /// <summary>Rows in the training split.</summary>
    public int Rows { get; }

    /// <summary>Positive rows in the training split.</summary>
    public int Positives { get; }

    /// <summary>The rows a trial trains on for fold <paramref name="fold"/> (every other fold).</summary>
    /// <param name="fold">The fold number.</param>
    public IDataView Train(int fold) => _train[fold];

    /// <summary>The rows fold <paramref name="fold"/> is scored on.</summary>
    /// <param name="fold">The fold number.</param>
    public IDataView Validation(int fold) => _validation[fold];

    /// <summary>Reads data/03-features/train.csv, assigns stratified folds and writes each fold's rows once (atomically, so workers can share them).</summary>
    /// <param name="context">The pipeline context.</param>
    /// <param name="schema">The feature schema Features wrote.</param>
    public static TrainingFolds Prepare(PipelineContext context, FeatureSchema schema)
    {
        var tuning = context.Config.Tuning;
        if (!File.Exists(context.TrainCsv))
        {
            throw new PipelineException($"{context.Relative(context.TrainCsv)} not found; run Features first");
        }

        string[] header;
        var records = new List<string[]>();
        using (var reader = CsvReader.Open(context.TrainCsv))
        {
            header = reader.ReadRecord()?.Fields ?? throw new PipelineException($"{context.Relative(context.TrainCsv)} is empty; run Features again");
            while (reader.ReadRecord() is { } record)
            {
                records.Add(record.Fields);
            }
        }

        // Clean files end with the label column (FeatureSchema.CleanColumns).
        var labels = records.Select(fields => fields[^1] == schema.Positive).ToArray();
        var positives = labels.Count(l => l);
        var (minority, minorityCount) = positives <= labels.Length - positives ? (schema.Positive, positives) : (schema.Negative, labels.Length - positives);
        if (tuning.Folds > minorityCount)
        {
            throw new ConfigException(
                $"{tuning.FoldsLocation}: 'tuning.folds' is {tuning.Folds} but {context.Relative(context.TrainCsv)} has only {minorityCount} row(s) labelled '{minority}'; "
                + $"every fold needs at least one, so use at most {Math.Max(2, minorityCount)} folds{(minorityCount < 2 ? " (or more data)" : "")}");
        }

        var assignment = StratifiedKFold.Assign(labels, tuning.Folds, tuning.Seed);
        var directory = Path.Combine(context.TuningDirectory, "folds", string.Create(CultureInfo.InvariantCulture, $"{tuning.Folds}-folds-seed-{tuning.Seed}"));
        var ml = new MLContext(tuning.Seed);
        var builder = new ModelBuilder(ml, schema, context.Config.Trainer);
        var train = new IDataView[tuning.Folds];
        var validation = new IDataView[tuning.Folds];
        for (var fold = 0; fold < tuning.Folds; fold++)
        {
            var trainPath = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"fold-{fold}-train.csv"));
            var validationPath = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"fold-{fold}-validation.csv"));
            var current = fold;
            Write(trainPath, header, records.Where((_, i) => assignment[i] != current));
            Write(validationPath, header, records.Where((_, i) => assignment[i] == current));
            train[fold] = ml.Data.Cache(builder.WithBooleanLabel(builder.FullLoader().Load(trainPath)));
            validation[fold] = ml.Data.Cache(builder.WithBooleanLabel(builder.FullLoader().Load(validationPath)));
        }

        return new TrainingFolds(records.Count, positives, train, validation);
    }

    private static void Write(string path, string[] header, IEnumerable<string[]> rows) =>
        AtomicFile.WriteText(path, writer =>
        {
            CsvWriter.WriteRow(writer, header);
            foreach (var row in rows)
            {
                CsvWriter.WriteRow(writer, row);
            }
        });
}
