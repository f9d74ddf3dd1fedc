using System.Globalization;
using Kiln.Naming;
using Kiln.Pipeline.Evaluation;
using YamlDotNet.RepresentationModel;

namespace Kiln.Pipeline.Configuration;

/// <summary>Reads and checks the optional `tuning:` section; every problem names the file, line and key.</summary>
internal static class TuningConfigReader
{
    private static readonly string[] RangeKinds = ["uniform", "log", "int", "int_log", "choice"];

    /// <summary>Reads the section, taking every value it leaves out (all of them when it is absent) from <see cref="TuningConfig.Default"/>.</summary>
    public static TuningConfig Read(YamlSection section)
    {
        var defaults = TuningConfig.Default;
        section.RejectUnknownKeys("study", "trainers", "search_space", "folds", "metric", "trials", "timeout_minutes", "seed", "sampler", "startup_trials", "pruner", "applied");
        var trainers = ReadTrainers(section, defaults.Trainers);
        var metric = section.String("metric", defaults.Metric);
        if (!MetricNames.All.Contains(metric, StringComparer.Ordinal))
        {
            throw section.Error(ValueNode(section, "metric")!, $"unknown metric '{metric}' in 'tuning.metric'{Suggestions.Hint(metric, MetricNames.All)}");
        }

        var sampler = section.String("sampler", defaults.Sampler);
        if (sampler is not ("tpe" or "random"))
        {
            throw section.Error(ValueNode(section, "sampler")!, $"'tuning.sampler' must be tpe or random, got '{sampler}'");
        }

        var pruner = section.String("pruner", defaults.Pruner);
        if (pruner is not ("median" or "none"))
        {
            throw section.Error(ValueNode(section, "pruner")!, $"'tuning.pruner' must be median or none, got '{pruner}'");
        }

        var foldsNode = KeyNode(section, "folds");
        double? timeout = ValueNode(section, "timeout_minutes") is { } timeoutNode && !IsNull(timeoutNode)
            ? section.ParseDouble(timeoutNode, "tuning.timeout_minutes", 0, 10_000_000)
            : defaults.TimeoutMinutes;
        if (timeout == 0)
        {
            throw section.Error(ValueNode(section, "timeout_minutes")!, "'tuning.timeout_minutes' is 0: the study would run no trial (give a positive number of minutes, or remove the key)");
        }

        return new TuningConfig(
            section.String("study", required: false, defaults.Study),
            trainers,
            ReadSearchSpace(section, trainers),
            section.Int("folds", defaults.Folds, 2, 100),
            metric,
            ReadTrials(section, defaults.Trials),
            timeout,
            section.Int("seed", defaults.Seed),
            sampler,
            section.Int("startup_trials", defaults.StartupTrials, 1, 10_000),
            pruner,
            ValueNode(section, "applied") is null ? defaults.Applied : ReadApplied(section.Section("applied", required: true)))
        {
            FoldsLocation = $"{section.File}:{foldsNode?.Start.Line ?? section.Line}",
        };
    }

    private static int ReadTrials(YamlSection section, int fallback)
    {
        if (ValueNode(section, "trials") is { } node && node is YamlScalarNode { Value: "0" })
        {
            throw section.Error(node, "'tuning.trials' is 0: the study would run no trial (give at least 1)");
        }

        return section.Int("trials", fallback, 1, 1_000_000);
    }

    private static IReadOnlyList<string> ReadTrainers(YamlSection section, IReadOnlyList<string> fallback)
    {
        var node = ValueNode(section, "trainers");
        if (node is null || IsNull(node))
        {
            return fallback;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw section.Error(node, "'tuning.trainers' must be a list, e.g. [LightGbm, LbfgsLogisticRegression]");
        }

        if (sequence.Children.Count == 0)
        {
            throw section.Error(node, $"'tuning.trainers' is empty: list at least one of {string.Join(", ", TrainerCatalog.Names)}, or remove the key to search them all");
        }

        var trainers = new List<string>();
        foreach (var item in sequence.Children)
        {
            var name = (item as YamlScalarNode)?.Value ?? "";
            if (!TrainerCatalog.Names.Contains(name, StringComparer.Ordinal))
            {
                throw section.Error(item, $"unknown trainer '{name}' in 'tuning.trainers'{Suggestions.Hint(name, TrainerCatalog.Names)}");
            }

            if (trainers.Contains(name))
            {
                throw section.Error(item, $"trainer '{name}' is listed twice in 'tuning.trainers'");
            }

            trainers.Add(name);
        }

        return trainers;
    }

    private static Dictionary<string, IReadOnlyList<HyperparameterRange>> ReadSearchSpace(YamlSection section, IReadOnlyList<string> trainers)
    {
        var space = new Dictionary<string, IReadOnlyList<HyperparameterRange>>(StringComparer.Ordinal);
        var searchSpace = section.Section("search_space", required: false);
        foreach (var (trainer, trainerKey, _) in searchSpace.Entries())
        {
            if (!TrainerCatalog.Names.Contains(trainer, StringComparer.Ordinal))
            {
                throw searchSpace.Error(trainerKey, $"unknown trainer '{searchSpace.KeyPath(trainer)}'{Suggestions.Hint(trainer, TrainerCatalog.Names)}");
            }

            if (!trainers.Contains(trainer))
            {
                throw searchSpace.Error(trainerKey, $"'{searchSpace.KeyPath(trainer)}' is not searched: add {trainer} to 'tuning.trainers' or remove its ranges");
            }

            var ranges = searchSpace.Section(trainer, required: true);
            var specs = TrainerCatalog.Hyperparameters(trainer);
            var list = new List<HyperparameterRange>();
            foreach (var (name, nameNode, value) in ranges.Entries())
            {
                var spec = specs.FirstOrDefault(s => s.Name == name)
                    ?? throw ranges.Error(nameNode, $"unknown hyperparameter '{ranges.KeyPath(name)}' for trainer {trainer}{Suggestions.Hint(name, specs.Select(s => s.Name))}");
                list.Add(ReadRange(ranges, spec, value));
            }

            space[trainer] = list;
        }

        return space;
    }

    private static HyperparameterRange ReadRange(YamlSection ranges, HyperparameterSpec spec, YamlNode value)
    {
        var key = ranges.KeyPath(spec.Name);
        if (value is YamlScalarNode)
        {
            // A plain number fixes the hyperparameter for every trial of this trainer.
            return HyperparameterRange.Choice(spec.Name, Value(ranges, spec, value, key));
        }

        if (value is not YamlMappingNode mapping || mapping.Children.Count != 1)
        {
            throw ranges.Error(value, $"'{key}' must be a number or one of {{ uniform: [low, high] }}, {{ log: [low, high] }}, {{ int: [low, high] }}, {{ int_log: [low, high] }}, {{ choice: [a, b, ...] }}");
        }

        var (kindNode, boundsNode) = mapping.Children.Single();
        var kind = (kindNode as YamlScalarNode)?.Value ?? "";
        if (!RangeKinds.Contains(kind, StringComparer.Ordinal))
        {
            throw ranges.Error(kindNode, $"unknown range kind '{kind}' in '{key}'{Suggestions.Hint(kind, RangeKinds)}");
        }

        if (boundsNode is not YamlSequenceNode bounds)
        {
            throw ranges.Error(boundsNode, $"'{key}.{kind}' must be a list, e.g. [0.01, 0.3]");
        }

        var numbers = bounds.Children.Select(node => Value(ranges, spec, node, $"{key}.{kind}")).ToArray();
        if (kind == "choice")
        {
            return numbers.Length == 0
                ? throw ranges.Error(boundsNode, $"'{key}.choice' is empty: list at least one value")
                : HyperparameterRange.Choice(spec.Name, numbers);
        }

        if (numbers.Length != 2)
        {
            throw ranges.Error(boundsNode, $"'{key}.{kind}' must be [low, high], got {numbers.Length} value(s)");
        }

        var (low, high) = (numbers[0], numbers[1]);
        string Text(double number) => number.ToString(CultureInfo.InvariantCulture);
        if (low > high)
        {
            throw ranges.Error(boundsNode, $"'{key}.{kind}' is inverted: low {Text(low)} is above high {Text(high)}");
        }

        if (low == high)
        {
            throw ranges.Error(boundsNode, $"'{key}.{kind}' is empty: low and high are both {Text(low)} (write the number alone to fix it)");
        }

        if (kind is "log" or "int_log" && low <= 0)
        {
            throw ranges.Error(boundsNode, $"'{key}.{kind}' needs a low bound above 0 for a log scale, got {Text(low)}");
        }

        if (kind is "int" or "int_log" && !spec.IsInteger)
        {
            throw ranges.Error(kindNode, $"'{key}' takes fractional values: use uniform or log, not {kind}");
        }

        if (kind is "uniform" or "log" && spec.IsInteger)
        {
            throw ranges.Error(kindNode, $"'{key}' takes whole numbers: use int or int_log, not {kind}");
        }

        return kind switch
        {
            "uniform" => HyperparameterRange.Uniform(spec.Name, low, high),
            "log" => HyperparameterRange.LogUniform(spec.Name, low, high),
            _ => HyperparameterRange.Integer(spec.Name, low, high, log: kind == "int_log"),
        };
    }

    private static double Value(YamlSection ranges, HyperparameterSpec spec, YamlNode node, string keyPath)
    {
        var number = ranges.ParseDouble(node, keyPath, spec.Minimum, spec.Maximum);
        return spec.IsInteger && number != Math.Floor(number)
            ? throw ranges.Error(node, $"'{keyPath}' must be whole numbers, got '{number.ToString(CultureInfo.InvariantCulture)}'")
            : number;
    }

    private static AppliedTrial ReadApplied(YamlSection section)
    {
        section.RejectUnknownKeys("study", "trial", "run");
        return new AppliedTrial(section.String("study", required: true)!, section.Int("trial", 0, 0), section.String("run", required: true)!);
    }

    private static YamlNode? ValueNode(YamlSection section, string key) =>
        section.Entries().Where(e => e.Key == key).Select(e => e.Value).FirstOrDefault();

    private static YamlNode? KeyNode(YamlSection section, string key) =>
        section.Entries().Where(e => e.Key == key).Select(e => e.KeyNode).FirstOrDefault();

    private static bool IsNull(YamlNode value) => value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
