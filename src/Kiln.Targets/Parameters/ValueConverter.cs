using System.Globalization;

namespace Kiln.Targets.Parameters;

/// <summary>Converts the text of a parameter value to the member's type, with an error naming parameter, value, origin and expected type.</summary>
internal static class ValueConverter
{
    public static object? Convert(ParameterMember parameter, IReadOnlyList<string> values, ValueSource source)
    {
        if (parameter.IsArray)
        {
            var array = Array.CreateInstance(parameter.Type.GetElementType()!, values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                array.SetValue(ConvertOne(parameter, values[i], source), i);
            }

            return array;
        }

        if (values.Count == 0)
        {
            if (parameter.IsBool)
            {
                return true;
            }

            throw new Engine.BuildError($"Parameter {parameter.Option} ({source.Description}) needs a value of type {parameter.TypeDescription}.");
        }

        if (values.Count > 1)
        {
            throw new Engine.BuildError($"Parameter {parameter.Option} ({source.Description}) takes one value but got {values.Count}: {Shown(parameter, string.Join(' ', values))}.");
        }

        return ConvertOne(parameter, values[0], source);
    }

    private static object ConvertOne(ParameterMember parameter, string text, ValueSource source)
    {
        var type = parameter.ValueType;
        var value = text.Trim();
        object? result = null;
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(bool))
        {
            result = value.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" or "on" => true,
                "false" or "no" or "0" or "off" => false,
                _ => null,
            };
        }
        else if (type == typeof(int) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            result = i;
        }
        else if (type == typeof(long) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            result = l;
        }
        else if (type == typeof(double) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            result = d;
        }
        else if (type.IsEnum && Enum.TryParse(type, value, ignoreCase: true, out var e) && Enum.IsDefined(type, e!) && !char.IsDigit(value.FirstOrDefault()))
        {
            result = e;
        }
        else if (type == typeof(AbsolutePath) && value.Length > 0)
        {
            try
            {
                result = AbsolutePath.Resolve(value, source.BaseDirectory);
            }
            catch (ArgumentException)
            {
                result = null;
            }
        }
        else if (!type.IsEnum && type != typeof(bool) && type != typeof(int) && type != typeof(long) && type != typeof(double) && type != typeof(AbsolutePath))
        {
            throw new Engine.BuildError($"Parameter {parameter.Option} has type {type.Name}, which Kiln cannot set (use string, bool, int, long, double, an enum, AbsolutePath or an array of these).");
        }

        return result ?? throw new Engine.BuildError(
            $"Parameter {parameter.Option}: value {Shown(parameter, $"'{text}'")} from {source.Description} is not a valid {Expected(parameter)}.");
    }

    private static string Expected(ParameterMember parameter) => parameter.ValueType switch
    {
        { IsEnum: true } type => $"{type.Name} (one of: {string.Join(", ", Enum.GetNames(type))})",
        var type when type == typeof(bool) => "bool (true or false)",
        var type when type == typeof(int) => "int (whole number)",
        var type when type == typeof(long) => "long (whole number)",
        var type when type == typeof(double) => "double (number such as 0.5)",
        var type when type == typeof(AbsolutePath) => "path",
        var type => type.Name,
    };

    private static string Shown(ParameterMember parameter, string text) => parameter.IsSecret ? "(secret)" : text;
}
