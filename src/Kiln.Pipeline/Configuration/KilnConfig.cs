using System.Globalization;
using Kiln.Pipeline.Evaluation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kiln.Pipeline.Configuration;

/// <summary>The whole validated configuration of one environment (config/local.yaml or config/prod.yaml).</summary>
/// <param name="Source">The file it was loaded from, as shown in messages.</param>
/// <param name="Dataset">The data and its schema.</param>
/// <param name="Validation">Row validation limits.</param>
/// <param name="Split">The train/test split.</param>
/// <param name="Trainer">The trainer and its hyperparameters.</param>
/// <param name="QualityGate">The evaluation thresholds.</param>
/// <param name="Registry">The model registry and promotion rule.</param>
/// <param name="Container">The serving image.</param>
/// <param name="Deploy">The rollout target.</param>
public sealed record KilnConfig(
    string Source,
    DatasetConfig Dataset,
    ValidationConfig Validation,
    SplitConfig Split,
    TrainerConfig Trainer,
    QualityGateConfig QualityGate,
    RegistryConfig Registry,
    ContainerConfig Container,
    DeployConfig Deploy)
{
    /// <summary>The optional `tuning:` section, read by <see cref="TuningConfigReader"/>.</summary>
    public TuningConfig Tuning { get; init; } = TuningConfig.Default(Source);

    /// <summary>Every effective parameter flattened to "section.key" → invariant text, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Parameters => Flatten();

    /// <summary>Loads and validates a YAML file; every problem is a <see cref="ConfigException"/> naming file, line and key.</summary>
    /// <param name="path">The YAML file.</param>
    public static KilnConfig Load(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new ConfigException($"{path}: configuration file not found");
        }

        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);
        var display = relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? path : relative;
        return Parse(System.IO.File.ReadAllText(path), display);
    }

    /// <summary>Parses and validates YAML text; <paramref name="source"/> is the file name used in messages.</summary>
    /// <param name="yaml">The YAML document.</param>
    /// <param name="source">The name shown in error messages, e.g. "config/local.yaml".</param>
    public static KilnConfig Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{source}:{e.Start.Line}: invalid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            throw new ConfigException($"{source}:1: expected a mapping with the sections dataset, trainer, ...");
        }

        var root = new YamlSection(source, "", rootNode);
        root.RejectUnknownKeys("dataset", "validation", "split", "trainer", "quality_gate", "registry", "container", "deploy", "tuning");
        return new KilnConfig(
            source,
            ReadDataset(root.Section("dataset", required: true)!),
            ReadValidation(root.Section("validation", required: false)),
            ReadSplit(root.Section("split", required: false)),
            ReadTrainer(root.Section("trainer", required: true)!),
            ReadQualityGate(root.Section("quality_gate", required: false)),
            ReadRegistry(root.Section("registry", required: false)),
            ReadContainer(root.Section("container", required: false)),
            ReadDeploy(root.Section("deploy", required: false)))
        { Tuning = TuningConfigReader.Read(root.Section("tuning", required: false), source) };
    }

    private static DatasetConfig ReadDataset(YamlSection section)
    {
        section.RejectUnknownKeys("path", "oracle", "id", "label", "numeric", "categorical", "ignore");
        var label = section.Section("label", required: true)!;
        label.RejectUnknownKeys("column", "positive", "negative");
        var labelConfig = new LabelConfig(
            label.String("column", required: true)!,
            label.String("positive", required: true)!,
            label.String("negative", required: true)!);
        if (labelConfig.Positive == labelConfig.Negative)
        {
            throw new ConfigException($"{section.File}:{label.Line}: 'dataset.label.positive' and 'dataset.label.negative' must differ");
        }

        var dataset = new DatasetConfig(
            section.String("path", required: true)!,
            section.String("oracle", required: false),
            section.String("id", required: true)!,
            labelConfig,
            section.StringList("numeric"),
            section.StringList("categorical"),
            section.StringList("ignore"));
        if (dataset.Numeric.Count + dataset.Categorical.Count == 0)
        {
            throw new ConfigException($"{section.File}:{section.Line}: 'dataset' needs at least one feature column under 'numeric' or 'categorical'");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in new[] { dataset.Id, dataset.Label.Column }.Concat(dataset.Numeric).Concat(dataset.Categorical).Concat(dataset.Ignore))
        {
            if (!seen.Add(column))
            {
                throw new ConfigException($"{section.File}:{section.Line}: column '{column}' is listed more than once in 'dataset' (id, label, numeric, categorical and ignore must not overlap)");
            }
        }

        return dataset;
    }

    private static ValidationConfig ReadValidation(YamlSection? section)
    {
        section?.RejectUnknownKeys("max_rejected_fraction");
        return new ValidationConfig(section?.Double("max_rejected_fraction", 0.02, 0, 1) ?? 0.02);
    }

    private static SplitConfig ReadSplit(YamlSection? section)
    {
        section?.RejectUnknownKeys("test_fraction", "seed", "stratify");
        return new SplitConfig(
            section?.Double("test_fraction", 0.2, 0.01, 0.99) ?? 0.2,
            section?.Int("seed", 42) ?? 42,
            section?.Bool("stratify", true) ?? true);
    }

    private static TrainerConfig ReadTrainer(YamlSection section)
    {
        section.RejectUnknownKeys("name", "seed", "hyperparameters");
        var name = section.String("name", required: true)!;
        if (!TrainerCatalog.Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ConfigException($"{section.File}:{section.Line}: unknown trainer '{name}' in 'trainer.name'{Suggestions.Hint(name, TrainerCatalog.Names)}");
        }

        var specs = TrainerCatalog.Hyperparameters(name);
        var values = specs.ToDictionary(spec => spec.Name, spec => spec.Default, StringComparer.Ordinal);
        var hyperparameters = section.Section("hyperparameters", required: false);
        foreach (var (key, keyNode, value) in hyperparameters?.Entries() ?? [])
        {
            var spec = specs.FirstOrDefault(candidate => candidate.Name == key)
                ?? throw hyperparameters!.Error(keyNode, $"unknown key 'trainer.hyperparameters.{key}' for trainer {name}{Suggestions.Hint(key, specs.Select(s => s.Name))}");
            var number = hyperparameters!.ParseDouble(value, $"trainer.hyperparameters.{key}", spec.Minimum, spec.Maximum);
            if (spec.IsInteger && number != Math.Floor(number))
            {
                throw hyperparameters.Error(value, $"'trainer.hyperparameters.{key}' must be a whole number, got '{number.ToString(CultureInfo.InvariantCulture)}'");
            }

            values[key] = number;
        }

        return new TrainerConfig(name, section.Int("seed", 1), values);
    }

    private static QualityGateConfig ReadQualityGate(YamlSection? section)
    {
        section?.RejectUnknownKeys("minimums", "maximums");
        return new QualityGateConfig(ReadThresholds(section?.Section("minimums", required: false)), ReadThresholds(section?.Section("maximums", required: false)));
    }

    private static Dictionary<string, double> ReadThresholds(YamlSection? section)
    {
        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in section?.Entries() ?? [])
        {
            if (!MetricNames.All.Contains(key, StringComparer.Ordinal))
            {
                throw section!.Error(keyNode, $"unknown metric '{section.KeyPath(key)}'{Suggestions.Hint(key, MetricNames.All)}");
            }

            thresholds[key] = section!.ParseDouble(value, section.KeyPath(key), double.MinValue, double.MaxValue);
        }

        return thresholds;
    }

    private static RegistryConfig ReadRegistry(YamlSection? section)
    {
        section?.RejectUnknownKeys("model_name", "path", "promotion");
        var promotion = section?.Section("promotion", required: false);
        promotion?.RejectUnknownKeys("metric", "min_delta", "min_relative_delta", "bootstrap_resamples", "confidence", "require_significance");
        var metric = promotion?.String("metric", required: false, MetricNames.RocAuc) ?? MetricNames.RocAuc;
        if (!MetricNames.All.Contains(metric, StringComparer.Ordinal))
        {
            throw new ConfigException($"{promotion!.File}:{promotion.Line}: unknown metric '{metric}' in 'registry.promotion.metric'{Suggestions.Hint(metric, MetricNames.All)}");
        }

        return new RegistryConfig(
            section?.String("model_name", required: false, "model") ?? "model",
            section?.String("path", required: false, "artifacts/registry/kiln.db") ?? "artifacts/registry/kiln.db",
            new PromotionConfig(
                metric,
                promotion?.Double("min_delta", 0) ?? 0,
                promotion?.Double("min_relative_delta", 0) ?? 0,
                promotion?.Int("bootstrap_resamples", 1000, 1) ?? 1000,
                promotion?.Double("confidence", 0.95, 0.5, 0.9999) ?? 0.95,
                promotion?.Bool("require_significance", true) ?? true));
    }

    private static ContainerConfig ReadContainer(YamlSection? section)
    {
        section?.RejectUnknownKeys("image", "base_image");
        return new ContainerConfig(
            section?.String("image", required: false, "kiln-model") ?? "kiln-model",
            section?.String("base_image", required: false, "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled")
                ?? "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled");
    }

    private static DeployConfig ReadDeploy(YamlSection? section)
    {
        section?.RejectUnknownKeys("registry", "container_name", "port", "ready_timeout_seconds");
        return new DeployConfig(
            section?.String("registry", required: false, "127.0.0.1:5000") ?? "127.0.0.1:5000",
            section?.String("container_name", required: false, "kiln-model") ?? "kiln-model",
            section?.Int("port", 8080, 1, 65535) ?? 8080,
            section?.Int("ready_timeout_seconds", 30, 1) ?? 30);
    }

    private SortedDictionary<string, string> Flatten()
    {
        static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        static string List(IReadOnlyList<string> values) => string.Join(",", values);
        var p = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["dataset.path"] = Dataset.Path,
            ["dataset.oracle"] = Dataset.Oracle ?? "",
            ["dataset.id"] = Dataset.Id,
            ["dataset.label.column"] = Dataset.Label.Column,
            ["dataset.label.positive"] = Dataset.Label.Positive,
            ["dataset.label.negative"] = Dataset.Label.Negative,
            ["dataset.numeric"] = List(Dataset.Numeric),
            ["dataset.categorical"] = List(Dataset.Categorical),
            ["dataset.ignore"] = List(Dataset.Ignore),
            ["validation.max_rejected_fraction"] = Number(Validation.MaxRejectedFraction),
            ["split.test_fraction"] = Number(Split.TestFraction),
            ["split.seed"] = Split.Seed.ToString(CultureInfo.InvariantCulture),
            ["split.stratify"] = Split.Stratify ? "true" : "false",
            ["trainer.name"] = Trainer.Name,
            ["trainer.seed"] = Trainer.Seed.ToString(CultureInfo.InvariantCulture),
            ["registry.model_name"] = Registry.ModelName,
            ["registry.path"] = Registry.Path,
            ["registry.promotion.metric"] = Registry.Promotion.Metric,
            ["registry.promotion.min_delta"] = Number(Registry.Promotion.MinDelta),
            ["registry.promotion.min_relative_delta"] = Number(Registry.Promotion.MinRelativeDelta),
            ["registry.promotion.bootstrap_resamples"] = Registry.Promotion.BootstrapResamples.ToString(CultureInfo.InvariantCulture),
            ["registry.promotion.confidence"] = Number(Registry.Promotion.Confidence),
            ["registry.promotion.require_significance"] = Registry.Promotion.RequireSignificance ? "true" : "false",
            ["container.image"] = Container.Image,
            ["container.base_image"] = Container.BaseImage,
            ["deploy.registry"] = Deploy.Registry,
            ["deploy.container_name"] = Deploy.ContainerName,
            ["deploy.port"] = Deploy.Port.ToString(CultureInfo.InvariantCulture),
            ["deploy.ready_timeout_seconds"] = Deploy.ReadyTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in Trainer.Hyperparameters)
        {
            p[$"trainer.hyperparameters.{name}"] = Number(value);
        }

        foreach (var (name, value) in Tuning.LineageParameters)
        {
            p[name] = value;
        }

        foreach (var (name, value) in QualityGate.Minimums)
        {
            p[$"quality_gate.minimums.{name}"] = Number(value);
        }

        foreach (var (name, value) in QualityGate.Maximums)
        {
            p[$"quality_gate.maximums.{name}"] = Number(value);
        }

        return p;
    }
}
