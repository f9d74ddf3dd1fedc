using System.Text;
using Kiln.Pipeline.Configuration;

namespace Kiln.Pipeline.Tuning;

/// <summary>Every trainer searched and its ranges: the defaults, with the config's ranges put in their place.</summary>
/// <param name="Trainers">The searched trainers, in config order.</param>
public sealed record SearchSpace(IReadOnlyList<TrainerSpace> Trainers)
{
    /// <summary>Builds the space of a `tuning:` section (or of the defaults when it is absent).</summary>
    /// <param name="tuning">The tuning configuration.</param>
    public static SearchSpace From(TuningConfig tuning) => new([.. tuning.Trainers.Select(trainer =>
    {
        var ranges = DefaultSearchSpace.For(trainer).ToList();
        foreach (var custom in tuning.SearchSpace.GetValueOrDefault(trainer) ?? [])
        {
            ranges.RemoveAll(range => range.Name == custom.Name);
            ranges.Add(custom);
        }

        return new TrainerSpace(trainer, ranges);
    })]);

    /// <summary>The space of one trainer.</summary>
    /// <param name="trainer">A searched trainer.</param>
    public TrainerSpace Of(string trainer) => Trainers.First(space => space.Trainer == trainer);

    /// <summary>A canonical text of the space; two configs that search the same space give the same text.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var space in Trainers)
        {
            text.Append(space.Trainer).Append(':');
            foreach (var range in space.Ranges.OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                text.Append(' ').Append(range);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
