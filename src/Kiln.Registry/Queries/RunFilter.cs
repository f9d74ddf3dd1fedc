using System.Globalization;

namespace Kiln.Registry.Queries;

/// <summary>
/// The run filter language, read in this one place: conditions such as <c>roc_auc &gt; 0.85</c> joined by <c>and</c>.
/// A bare name is a metric; <c>metrics.</c> and <c>params.</c> say which explicitly (<c>params.trainer.name = LightGbm</c>).
/// Values are numbers, bare words or quoted text (<c>'a b'</c>, <c>"a b"</c>, a doubled quote inside stands for one).
/// </summary>
public static class RunFilter
{
    /// <summary>The operators, as listed in error messages.</summary>
    public const string OperatorList = "> >= < <= = !=";

    /// <summary>The longest filter accepted, so a pasted blob cannot become a giant query.</summary>
    public const int MaxLength = 2000;

    private const string OperatorCharacters = "<>=!~";

    private static readonly (string Symbol, ComparisonOperator Operator)[] Operators =
    [
        (">=", ComparisonOperator.GreaterOrEqual),
        ("<=", ComparisonOperator.LessOrEqual),
        ("!=", ComparisonOperator.NotEqual),
        (">", ComparisonOperator.GreaterThan),
        ("<", ComparisonOperator.LessThan),
        ("=", ComparisonOperator.Equal),
    ];

    /// <summary>The symbol of <paramref name="comparison"/>, e.g. <c>&gt;=</c>.</summary>
    public static string Symbol(ComparisonOperator comparison) => Operators.First(o => o.Operator == comparison).Symbol;

    /// <summary>Reads <paramref name="text"/> into conditions; blank text is no condition. Throws <see cref="RunFilterException"/> naming what is wrong and where.</summary>
    public static IReadOnlyList<RunCondition> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (text.Length > MaxLength)
        {
            throw new RunFilterException($"the filter is {text.Length} characters long; at most {MaxLength} are allowed", MaxLength + 1);
        }

        var reader = new Reader(text);
        var conditions = new List<RunCondition>();
        while (true)
        {
            conditions.Add(ReadCondition(reader, afterAnd: conditions.Count > 0));
            reader.SkipSpaces();
            if (reader.AtEnd)
            {
                return conditions;
            }

            var (word, at) = reader.ReadWord();
            if (word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            throw word.Equals("or", StringComparison.OrdinalIgnoreCase)
                ? new RunFilterException($"'or' at position {at} is not supported; join conditions with 'and'", at)
                : new RunFilterException($"expected 'and' at position {at}, found '{Shorten(word.Length > 0 ? word : reader.Rest)}'", at);
        }
    }

    private static RunCondition ReadCondition(Reader reader, bool afterAnd)
    {
        reader.SkipSpaces();
        if (reader.AtEnd)
        {
            throw new RunFilterException($"expected a condition after 'and' at position {reader.Position}", reader.Position);
        }

        var nameAt = reader.Position;
        if (reader.Peek is '\'' or '"')
        {
            throw new RunFilterException($"expected a metric or param name at position {nameAt}, found quoted text; names are written without quotes", nameAt);
        }

        var (name, _) = reader.ReadWord();
        if (name.Length == 0)
        {
            throw new RunFilterException(
                $"expected a metric or param name at position {nameAt}, found '{reader.ReadOperator().Text}'" + (afterAnd ? "" : " (e.g. roc_auc > 0.85)"), nameAt);
        }

        var (target, key) = Target(name, nameAt);

        reader.SkipSpaces();
        var operatorAt = reader.Position;
        if (reader.AtEnd)
        {
            throw new RunFilterException($"missing operator after '{name}' at position {operatorAt}; use one of {OperatorList}", operatorAt);
        }

        var (symbol, _) = reader.ReadOperator();
        if (symbol.Length == 0)
        {
            throw new RunFilterException(
                $"expected an operator after '{name}' at position {operatorAt}, found '{Shorten(reader.Rest)}'; use one of {OperatorList}", operatorAt);
        }

        var comparison = Operators.Where(o => o.Symbol == symbol).Select(o => (ComparisonOperator?)o.Operator).FirstOrDefault()
            ?? throw new RunFilterException($"unknown operator '{symbol}' at position {operatorAt}; use one of {OperatorList}", operatorAt);

        reader.SkipSpaces();
        var valueAt = reader.Position;
        if (reader.AtEnd)
        {
            throw new RunFilterException($"missing value after '{symbol}' at position {valueAt}", valueAt);
        }

        string value;
        if (reader.Peek is '\'' or '"')
        {
            value = reader.ReadQuoted();
        }
        else
        {
            (value, _) = reader.ReadWord();
            if (value.Length == 0)
            {
                throw new RunFilterException($"expected a value after '{symbol}' at position {valueAt}, found '{reader.ReadOperator().Text}'", valueAt);
            }
        }

        double? number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : null;
        if (target == ConditionTarget.Metric && number is null)
        {
            throw new RunFilterException(
                $"metric '{key}' is compared with a number, but '{Shorten(value)}' at position {valueAt} is not one (for a parameter write params.{key})", valueAt);
        }

        if (target == ConditionTarget.Parameter && number is null && comparison is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            throw new RunFilterException(
                $"'{symbol}' compares numbers, but '{Shorten(value)}' at position {valueAt} is not one; compare text with = or !=", valueAt);
        }

        return new RunCondition(target, key, comparison, value, number);
    }

    private static (ConditionTarget Target, string Key) Target(string name, int at)
    {
        foreach (var (prefix, target) in new[]
                 {
                     ("metrics.", ConditionTarget.Metric), ("metric.", ConditionTarget.Metric),
                     ("params.", ConditionTarget.Parameter), ("param.", ConditionTarget.Parameter),
                 })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = name[prefix.Length..];
                return key.Length > 0
                    ? (target, key)
                    : throw new RunFilterException($"'{name}' at position {at} names no {target.ToString().ToLowerInvariant()}; write e.g. {prefix}roc_auc", at);
            }
        }

        return (ConditionTarget.Metric, name);
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    /// <summary>A cursor over the filter text; positions it reports are 1-based.</summary>
    private sealed class Reader(string text)
    {
        private int _index;

        public bool AtEnd => _index >= text.Length;

        public int Position => _index + 1;

        public char Peek => text[_index];

        public string Rest => text[_index..];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek))
            {
                _index++;
            }
        }

        public (string Text, int Position) ReadWord() =>
            ReadWhile(c => !char.IsWhiteSpace(c) && !OperatorCharacters.Contains(c) && c is not ('\'' or '"'));

        public (string Text, int Position) ReadOperator() => ReadWhile(OperatorCharacters.Contains);

        public string ReadQuoted()
        {
            var quote = Peek;
            var start = Position;
            _index++;
            var value = new System.Text.StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw new RunFilterException($"the quote {quote} at position {start} is never closed", start);
                }

                var c = text[_index++];
                if (c != quote)
                {
                    value.Append(c);
                }
                else if (!AtEnd && Peek == quote)
                {
                    value.Append(quote);
                    _index++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        private (string Text, int Position) ReadWhile(Func<char, bool> accept)
        {
            var start = _index;
            while (!AtEnd && accept(Peek))
            {
                _index++;
            }

            return (text[start.._index], start + 1);
        }
    }
}
