namespace Kiln.Targets.Text;

/// <summary>Replaces every secret value in a line before it reaches the console.</summary>
internal sealed class SecretMasker
{
    public const string Mask = "*****";

    private string[] _secrets = [];

    public void Add(IEnumerable<string> values)
    {
        // Longest first, so a secret that contains another is masked whole.
        _secrets = [.. _secrets.Concat(values.Where(v => !string.IsNullOrEmpty(v))).Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
