using System.Text;
using Kiln.Hashing;
using Kiln.Inference;
using Microsoft.ML;

namespace Kiln.Pipeline.Caching;

/// <summary>The version of the code that produces stage outputs: any rebuild that changes behaviour changes it.</summary>
public static class CodeVersion
{
    private static readonly Lazy<string> Value = new(Compute);

    /// <summary>sha256 over the Kiln.Pipeline and Kiln.Inference assemblies and the ML.NET version, as lowercase hex.</summary>
    public static string Current => Value.Value;

    private static string Compute()
    {
        // Deterministic builds make the assembly hash change exactly when the compiled code does.
        var parts = new[]
        {
            FileHash.Sha256(typeof(CodeVersion).Assembly.Location),
            FileHash.Sha256(typeof(OnnxModel).Assembly.Location),
            "Microsoft.ML " + typeof(MLContext).Assembly.GetName().Version,
        };
        return FileHash.Sha256(Encoding.UTF8.GetBytes(string.Join("\n", parts)));
    }
}
