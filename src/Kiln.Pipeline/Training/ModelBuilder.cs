using Kiln.Inference;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Schema;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

namespace Kiln.Pipeline.Training;

/// <summary>Builds the ML.NET loaders and the exportable training pipeline from the feature list and trainer config.</summary>
/// <param name="ml">The seeded ML.NET context.</param>
/// <param name="schema">The feature schema.</param>
/// <param name="trainer">The trainer configuration.</param>
public sealed class ModelBuilder(MLContext ml, FeatureSchema schema, TrainerConfig trainer)
{
    /// <summary>The internal boolean label column fed to the trainer.</summary>
    public const string LabelColumn = "__Label";

    /// <summary>The internal id column carried for reporting.</summary>
    public const string IdColumn = "__Id";

    private const string LabelTextColumn = "__LabelText";
    private const string FeaturesColumn = "__Features";

    /// <summary>A loader for the clean/train/test files with only the feature columns: the ONNX model's inputs come from it.</summary>
    public TextLoader FeatureLoader() => Loader(includeLabel: false);

    /// <summary>A loader for the clean/train/test files with the id, features and the label text.</summary>
    public TextLoader FullLoader() => Loader(includeLabel: true);

    /// <summary>Maps the label text to the boolean label; kept outside the model so the exported model never needs a label.</summary>
    /// <param name="data">Data from <see cref="FullLoader"/>.</param>
    public IDataView WithBooleanLabel(IDataView data) =>
        ml.Transforms.Conversion.MapValue(
                LabelColumn,
                new[] { new KeyValuePair<string, bool>(schema.Positive, true), new KeyValuePair<string, bool>(schema.Negative, false) },
                LabelTextColumn)
            .Fit(data)
            .Transform(data);

    /// <summary>The feature transforms and the configured trainer, all exportable to ONNX.</summary>
    public IEstimator<ITransformer> Pipeline()
    {
        var featureColumns = new List<string>();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (schema.Numeric.Count > 0)
        {
            var pairs = schema.Numeric.Select(name => new InputOutputColumnPair("__num_" + name, name)).ToArray();
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(pairs, MissingValueReplacingEstimator.ReplacementMode.Mean));
            featureColumns.AddRange(pairs.Select(p => p.OutputColumnName));
        }

        if (schema.Categorical.Count > 0)
        {
            var pairs = schema.Categorical.Select(name => new InputOutputColumnPair("__cat_" + name, name)).ToArray();
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(pairs));
            featureColumns.AddRange(pairs.Select(p => p.OutputColumnName));
        }

        pipeline = pipeline.Append(ml.Transforms.Concatenate(FeaturesColumn, [.. featureColumns]));
        if (!TrainerCatalog.IsTreeBased(trainer.Name))
        {
            pipeline = pipeline.Append(ml.Transforms.NormalizeMeanVariance(FeaturesColumn));
        }

        return pipeline.Append(Trainer());
    }

    private IEstimator<ITransformer> Trainer()
    {
        var h = trainer.Hyperparameters;
        int Int(string name) => (int)h[name];
        float Float(string name) => (float)h[name];

        // One thread everywhere: multi-threaded training is not byte-reproducible.
        return trainer.Name switch
        {
            TrainerCatalog.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = LabelColumn,
                FeatureColumnName = FeaturesColumn,
                NumberOfIterations = Int("number_of_iterations"),
                LearningRate = h["learning_rate"],
                NumberOfLeaves = Int("number_of_leaves"),
                MinimumExampleCountPerLeaf = Int("minimum_example_count_per_leaf"),
                NumberOfThreads = 1,
                Seed = trainer.Seed,
                Silent = true,
                Booster = new GradientBooster.Options
                {
                    L1Regularization = h["l1_regularization"],
                    L2Regularization = h["l2_regularization"],
                    FeatureFraction = h["feature_fraction"],
                },
            }),
            TrainerCatalog.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = LabelColumn,
                FeatureColumnName = FeaturesColumn,
                NumberOfTrees = Int("number_of_trees"),
                LearningRate = h["learning_rate"],
                NumberOfLeaves = Int("number_of_leaves"),
                MinimumExampleCountPerLeaf = Int("minimum_example_count_per_leaf"),
                NumberOfThreads = 1,
                Seed = trainer.Seed,
            }),
            TrainerCatalog.LbfgsLogisticRegression => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = LabelColumn,
                FeatureColumnName = FeaturesColumn,
                L1Regularization = Float("l1_regularization"),
                L2Regularization = Float("l2_regularization"),
                OptimizationTolerance = Float("optimization_tolerance"),
                HistorySize = Int("history_size"),
                MaximumNumberOfIterations = Int("maximum_number_of_iterations"),
                NumberOfThreads = 1,
            }),
            _ => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = LabelColumn,
                FeatureColumnName = FeaturesColumn,
                L1Regularization = Float("l1_regularization"),
                L2Regularization = Float("l2_regularization"),
                MaximumNumberOfIterations = Int("maximum_number_of_iterations"),
                NumberOfThreads = 1,
            }),
        };
    }

    private TextLoader Loader(bool includeLabel)
    {
        // Clean files are laid out as id, features..., label (FeatureSchema.CleanColumns).
        var columns = new List<TextLoader.Column>();
        if (includeLabel)
        {
            columns.Add(new TextLoader.Column(IdColumn, DataKind.String, 0));
        }

        for (var i = 0; i < schema.Features.Count; i++)
        {
            var feature = schema.Features[i];
            columns.Add(new TextLoader.Column(feature.Name, feature.Kind == FeatureKind.Numeric ? DataKind.Single : DataKind.String, i + 1));
        }

        if (includeLabel)
        {
            columns.Add(new TextLoader.Column(LabelTextColumn, DataKind.String, schema.Features.Count + 1));
        }

        return ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = [.. columns],
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            ReadMultilines = true,
            MissingRealsAsNaNs = true,
            TrimWhitespace = false,
        });
    }
}
