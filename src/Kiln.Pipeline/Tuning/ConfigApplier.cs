using System.Globalization;
using System.Text.RegularExpressions;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.IO;
using Kiln.Registry.Studies;

namespace Kiln.Pipeline.Tuning;

/// <summary>
/// Writes a trial's trainer and hyperparameters into config/&lt;env&gt;.yaml, and the trial as `tuning.applied` lineage, editing only those
/// values so the file's comments and layout stay; the result is re-read and checked before it replaces the file.
/// </summary>
/// <param name="configPath">The config file.</param>
public sealed partial class ConfigApplier(string configPath)
{
    /// <summary>Applies <paramref name="trial"/> of <paramref name="study"/> and returns the lineage written.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">A complete trial.</param>
    public AppliedTrial Apply(StudyRecord study, TrialRecord trial)
    {
        var before = KilnConfig.Load(configPath);
        var text = File.ReadAllText(configPath);
        var edited = Edit(text, study, trial);
        var after = KilnConfig.Parse(edited, before.Source);
        var expected = TrialParameters.FromRunParameters(trial.Parameters).ToTrainerConfig(before.Trainer.Seed);
        var applied = new AppliedTrial(study.Name, trial.Number, trial.RunId);
        if (after.Trainer.Name != expected.Name
            || !after.Trainer.Hyperparameters.OrderBy(h => h.Key).SequenceEqual(expected.Hyperparameters.OrderBy(h => h.Key))
            || after.Tuning.Applied != applied)
        {
            throw new PipelineException($"{before.Source}: writing trial {trial.Number} did not give the expected trainer section; the file was left unchanged");
        }

        AtomicFile.WriteAllText(configPath, edited);
        return applied;
    }

    /// <summary>The edited text: trainer.name, trainer.hyperparameters and tuning.applied set; everything else as it was.</summary>
    /// <param name="text">The config file's text.</param>
    /// <param name="study">The study.</param>
    /// <param name="trial">The trial to write.</param>
    public static string Edit(string text, StudyRecord study, TrialRecord trial)
    {
        var parameters = TrialParameters.FromRunParameters(trial.Parameters);
        var editor = new YamlTextEditor(text);
        var trainer = editor.Root.Find("trainer") is { IsMapping: true } t ? t : throw new PipelineException("the config has no 'trainer' mapping to write into");
        editor.Set(trainer, "name", parameters.Trainer);

        // Catalog order, so a rewritten mapping reads like the documentation.
        var entries = TrainerCatalog.Hyperparameters(parameters.Trainer)
            .Where(spec => parameters.Values.ContainsKey(spec.Name))
            .Select(spec => (spec.Name, Number(parameters.Values[spec.Name])))
            .ToList();
        if (trainer.Find("hyperparameters") is { IsMapping: true } hyperparameters)
        {
            editor.Replace(hyperparameters, entries);
        }
        else
        {
            editor.Set(trainer, "hyperparameters", YamlTextEditor.Flow(entries));
        }

        var applied = YamlTextEditor.Flow([("study", Quote(study.Name)), ("trial", trial.Number.ToString(CultureInfo.InvariantCulture)), ("run", trial.RunId)]);
        switch (editor.Root.Find("tuning"))
        {
            case null:
                editor.Append($"# Written by ./build.sh Tune --apply: the trial the trainer section came from.\ntuning:\n  applied: {applied}\n");
                break;
            case { IsMapping: true } tuning:
                editor.Set(tuning, "applied", applied);
                break;
            default:
                editor.Set(editor.Root, "tuning", YamlTextEditor.Flow([("applied", applied)]));
                break;
        }

        return editor.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) => PlainName().IsMatch(value) ? value : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex PlainName();
}
