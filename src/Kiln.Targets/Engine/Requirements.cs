using System.Collections;
using System.Linq.Expressions;
using Kiln.Targets.Parameters;
using Kiln.Targets.Text;

namespace Kiln.Targets.Engine;

/// <summary>Checks every Requires of the targets that will run, before any of them runs, and explains how to supply what is missing.</summary>
internal static class Requirements
{
    public static void Check(ExecutionPlan plan, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = new List<string>();
        foreach (var planned in plan.Targets.Where(t => t.SkipReason is null))
        {
            foreach (var requirement in planned.Node.Definition.Requirements)
            {
                if (Problem(planned.Node, requirement, parameters) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new BuildError(string.Join(Environment.NewLine, problems));
        }
    }

    private static string? Problem(TargetNode node, LambdaExpression requirement, IReadOnlyList<ParameterMember> parameters)
    {
        if (requirement is Expression<Func<bool>> condition)
        {
            return Conditions.Evaluate(node, condition, "Requires")
                ? null
                : $"Target {node.Name} requires `{ExpressionText.Render(condition)}`, which is false.";
        }

        var value = Conditions.Evaluate(node, (Expression<Func<object?>>)requirement, "Requires");
        if (!IsMissing(value))
        {
            return null;
        }

        var member = ExpressionText.AccessedMember(requirement);
        return parameters.FirstOrDefault(p => p.Member == member || (member is not null && p.MemberName == member.Name && p.Member.DeclaringType == member.DeclaringType)) is { } parameter
            ? $"Target {node.Name} requires parameter {parameter.MemberName}: pass {parameter.Option} <value>, or set environment variable {parameter.EnvironmentName}, or add \"{parameter.MemberName}\" to .nuke/parameters.json."
            : $"Target {node.Name} requires `{ExpressionText.Render(requirement)}` to have a value.";
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count == 0,
        _ => false,
    };
}
