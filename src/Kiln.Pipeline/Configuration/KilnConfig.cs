using System.Globalization;
using Kiln.Naming;
using Kiln.Pipeline.Evaluation;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Storage;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kiln.Pipeline.Configuration;

/// <summary>The whole validated configuration of one environment (config/local.yaml or config/prod.yaml).</summary>
/// <remarks>
/// Adding a section: a positional record in this folder whose properties are the YAML keys in PascalCase, with a static
/// <c>Default</c> when the section is optional; a <c>ReadX(YamlSection)</c> below that takes every default from it; and a
/// parameter here. <see cref="Parameters"/> then flattens it without being told.
/// </remarks>
/// <param name="Source">The file it was loaded from, as shown in messages.</param>
/// <param name="Dataset">The data and its schema.</param>
/// <param name="Validation">Row validation limits.</param>
/// <param name="Split">The train/test split.</param>
/// <param name="Trainer">The trainer and its hyperparameters.</param>
/// <param name="QualityGate">The evaluation thresholds.</param>
/// <param name="Registry">The model registry and promotion rule.</param>
/// <param name="Container">The serving image.</param>
/// <param name="Deploy">The rollout target.</param>
/// <param name="Tuning">What Tune searches and how it scores trials; read by <see cref="TuningConfigReader"/>.</param>
public sealed record KilnConfig(
    string Source,
    DatasetConfig Dataset,
    ValidationConfig Validation,
    SplitConfig Split,
    TrainerConfig Trainer,
    QualityGateConfig QualityGate,
    RegistryConfig Registry,
    ContainerConfig Container,
    DeployConfig Deploy,
    TuningConfig Tuning)
{
    /// <summary>Every effective parameter flattened to "section.key" → invariant text, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Parameters => ConfigParameters.Flatten(this);

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
            throw new ConfigException($"{source}:{e.Start.Line}: invalid YAML: {e.InnerException?.Message ?? e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            throw new ConfigException($"{source}:1: expected a mapping with the sections dataset, trainer, ...");
        }

        var root = new YamlSection(source, "", rootNode);
        root.RejectUnknownKeys("dataset", "validation", "split", "trainer", "quality_gate", "registry", "container", "deploy", "tuning");
        return new KilnConfig(
            source,
            ReadDataset(root.Section("dataset", required: true)),
            ReadValidation(root.Section("validation", required: false)),
            ReadSplit(root.Section("split", required: false)),
            ReadTrainer(root.Section("trainer", required: true)),
            ReadQualityGate(root.Section("quality_gate", required: false)),
            ReadRegistry(root.Section("registry", required: false)),
            ReadContainer(root.Section("container", required: false)),
            ReadDeploy(root.Section("deploy", required: false)),
            TuningConfigReader.Read(root.Section("tuning", required: false)));
    }

    private static DatasetConfig ReadDataset(YamlSection section)
    {
        section.RejectUnknownKeys("path", "oracle", "id", "label", "numeric", "categorical", "ignore");
        var label = section.Section("label", required: true);
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

    private static ValidationConfig ReadValidation(YamlSection section)
    {
        section.RejectUnknownKeys("max_rejected_fraction");
        var defaults = ValidationConfig.Default;
        return new ValidationConfig(section.Double("max_rejected_fraction", defaults.MaxRejectedFraction, 0, 1));
    }

    private static SplitConfig ReadSplit(YamlSection section)
    {
        section.RejectUnknownKeys("test_fraction", "seed", "stratify");
        var defaults = SplitConfig.Default;
        return new SplitConfig(
            section.Double("test_fraction", defaults.TestFraction, 0.01, 0.99),
            section.Int("seed", defaults.Seed),
            section.Bool("stratify", defaults.Stratify));
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
        foreach (var (key, keyNode, value) in hyperparameters.Entries())
        {
            var spec = specs.FirstOrDefault(candidate => candidate.Name == key)
                ?? throw hyperparameters.Error(keyNode, $"unknown key 'trainer.hyperparameters.{key}' for trainer {name}{Suggestions.Hint(key, specs.Select(s => s.Name))}");
            var number = hyperparameters.ParseDouble(value, $"trainer.hyperparameters.{key}", spec.Minimum, spec.Maximum);
            if (spec.IsInteger && number != Math.Floor(number))
            {
                throw hyperparameters.Error(value, $"'trainer.hyperparameters.{key}' must be a whole number, got '{number.ToString(CultureInfo.InvariantCulture)}'");
            }

            values[key] = number;
        }

        return new TrainerConfig(name, section.Int("seed", TrainerConfig.DefaultSeed), values);
    }

    private static QualityGateConfig ReadQualityGate(YamlSection section)
    {
        section.RejectUnknownKeys("minimums", "maximums");
        return new QualityGateConfig(ReadThresholds(section.Section("minimums", required: false)), ReadThresholds(section.Section("maximums", required: false)));
    }

    private static Dictionary<string, double> ReadThresholds(YamlSection section)
    {
        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in section.Entries())
        {
            if (!MetricNames.All.Contains(key, StringComparer.Ordinal))
            {
                throw section.Error(keyNode, $"unknown metric '{section.KeyPath(key)}'{Suggestions.Hint(key, MetricNames.All)}");
            }

            thresholds[key] = section.ParseDouble(value, section.KeyPath(key), double.MinValue, double.MaxValue);
        }

        return thresholds;
    }

    private static RegistryConfig ReadRegistry(YamlSection section)
    {
        // Retired rather than aliased: one spelling for one setting, and the message says exactly what to write instead.
        if (section.Entries().FirstOrDefault(entry => entry.Key == "path") is { KeyNode: { } pathKey, Value: var pathValue })
        {
            var old = (pathValue as YamlScalarNode)?.Value ?? RegistryStores.SqlitePath(RegistryConfig.Default.Store);
            throw section.Error(pathKey,
                $"'registry.path' was replaced by 'registry.store', which takes a URI: write 'store: {RegistryStores.SqliteScheme}{old}' (or postgres://user@host:5432/database for a shared registry)");
        }

        section.RejectUnknownKeys("model_name", "store", "promotion", "artifacts");
        var defaults = RegistryConfig.Default;
        var store = ReadStoreUri(section, "store", defaults.Store, uri => RegistryStores.Problem(uri, "'registry.store'"))!;
        var artifacts = ReadStoreUri(section, "artifacts", defaults.Artifacts, uri => ArtifactStores.Problem(uri, "'registry.artifacts'"));
        if (RegistryConfig.Mismatch(store, artifacts) is { } mismatch)
        {
            throw section.Error(section.Entries().First(entry => entry.Key == "store").Value, mismatch);
        }

        return new RegistryConfig(
            section.String("model_name", defaults.ModelName),
            store,
            ReadPromotion(section.Section("promotion", required: false), defaults.Promotion),
            artifacts);
    }

    private static PromotionConfig ReadPromotion(YamlSection section, PromotionConfig defaults)
    {
        section.RejectUnknownKeys("metric", "min_delta", "min_relative_delta", "bootstrap_resamples", "confidence", "require_significance");
        var metric = section.String("metric", defaults.Metric);
        if (!MetricNames.All.Contains(metric, StringComparer.Ordinal))
        {
            throw new ConfigException($"{section.File}:{section.Line}: unknown metric '{metric}' in 'registry.promotion.metric'{Suggestions.Hint(metric, MetricNames.All)}");
        }

        return new PromotionConfig(
            metric,
            section.Double("min_delta", defaults.MinDelta),
            section.Double("min_relative_delta", defaults.MinRelativeDelta),
            section.Int("bootstrap_resamples", defaults.BootstrapResamples, 1),
            section.Double("confidence", defaults.Confidence, 0.5, 0.9999),
            section.Bool("require_significance", defaults.RequireSignificance));
    }

    // A store URI is checked where it is written, so a typo names its line; the message never repeats a password.
    private static string? ReadStoreUri(YamlSection section, string key, string? fallback, Func<string, string?> problem)
    {
        var uri = section.String(key, required: false, fallback);
        if (uri is null || problem(uri) is not { } message)
        {
            return uri;
        }

        throw section.Error(section.Entries().First(entry => entry.Key == key).Value, message);
    }

    private static ContainerConfig ReadContainer(YamlSection section)
    {
        section.RejectUnknownKeys("image", "base_image");
        var defaults = ContainerConfig.Default;
        return new ContainerConfig(section.String("image", defaults.Image), section.String("base_image", defaults.BaseImage));
    }

    private static DeployConfig ReadDeploy(YamlSection section)
    {
        section.RejectUnknownKeys("registry", "container_name", "port", "ready_timeout_seconds");
        var defaults = DeployConfig.Default;
        return new DeployConfig(
            section.String("registry", defaults.Registry),
            section.String("container_name", defaults.ContainerName),
            section.Int("port", defaults.Port, 1, 65535),
            section.Int("ready_timeout_seconds", defaults.ReadyTimeoutSeconds, 1));
    }
}
