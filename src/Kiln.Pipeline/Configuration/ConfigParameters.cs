using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Kiln.Pipeline.Configuration;

/// <summary>
/// Flattens the configuration records into "section.key" → invariant text. Each key is its property's name in
/// snake_case, which is also its YAML key, so a new section or setting is flattened without being listed again.
/// </summary>
internal static class ConfigParameters
{
    /// <summary>Every section of the configuration (its properties typed as a configuration record), flattened and sorted by key.</summary>
    public static SortedDictionary<string, string> Flatten(KilnConfig config)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in Properties(typeof(KilnConfig)).Where(p => p.PropertyType.Namespace == typeof(KilnConfig).Namespace))
        {
            Add(parameters, SnakeCase(section.Name), section.GetValue(config));
        }

        return parameters;
    }

    private static void Add(SortedDictionary<string, string> parameters, string key, object? value)
    {
        switch (value)
        {
            case null:
                parameters[key] = "";
                break;
            case string text:
                parameters[key] = text;
                break;
            case bool flag:
                parameters[key] = flag ? "true" : "false";
                break;
            case double number:
                parameters[key] = number.ToString("R", CultureInfo.InvariantCulture);
                break;
            case int number:
                parameters[key] = number.ToString(CultureInfo.InvariantCulture);
                break;
            case IReadOnlyDictionary<string, double> map:
                foreach (var (name, number) in map)
                {
                    Add(parameters, $"{key}.{name}", number);
                }

                break;
            case IReadOnlyDictionary<string, IReadOnlyList<HyperparameterRange>> ranges:
                foreach (var (name, list) in ranges)
                {
                    Add(parameters, $"{key}.{name}", list);
                }

                break;
            case IEnumerable<string> list:
                parameters[key] = string.Join(",", list);
                break;
            case IEnumerable<IFormattable> list:
                // Items that define their own invariant text (ranges) read like a list of numbers would.
                parameters[key] = string.Join(",", list.Select(item => item.ToString(null, CultureInfo.InvariantCulture)));
                break;
            case IEnumerable:
                throw new NotSupportedException($"configuration value '{key}' is a collection of a kind that cannot be flattened");
            default:
                foreach (var property in Properties(value.GetType()))
                {
                    Add(parameters, $"{key}.{SnakeCase(property.Name)}", property.GetValue(value));
                }

                break;
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
