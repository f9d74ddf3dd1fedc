using System.Linq.Expressions;
using Kiln.Targets.Text;

namespace Kiln.Targets.Engine;

/// <summary>Evaluates a target's condition lambdas and names the first false one by its source text.</summary>
internal static class Conditions
{
    public static string? FirstFalse(TargetNode node, IEnumerable<Expression<Func<bool>>> conditions, string kind)
    {
        foreach (var condition in conditions)
        {
            if (!Evaluate(node, condition, kind))
            {
                return ExpressionText.Render(condition);
            }
        }

        return null;
    }

    public static T Evaluate<T>(TargetNode node, Expression<Func<T>> condition, string kind)
    {
        try
        {
            // Interpreting avoids emitting IL for a lambda that runs once, which keeps startup short.
            return condition.Compile(preferInterpretation: true)();
        }
        catch (Exception e) when (e is not BuildError)
        {
            throw new BuildError($"Target {node.Name}: {kind} condition `{ExpressionText.Render(condition)}` threw {e.GetType().Name}: {e.Message}");
        }
    }
}
