using System.Linq.Expressions;

namespace Kiln.Targets;

/// <summary>The fluent surface a target property configures (NUKE's ITargetDefinition).</summary>
public interface ITargetDefinition
{
    /// <summary>Sets the description shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>Runs these targets first and does not run this one when any of them fails.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Orders this target after the given ones when both run, without requiring them.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Orders this target before the given ones when both run, without requiring them.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Adds the given targets to the run, after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Adds this target to the run, after any of the given ones.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Skips the target (and dependencies nothing else needs) when the condition is false before anything runs.</summary>
    ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition);

    /// <summary>Skips the target when the condition is false right before it runs.</summary>
    ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition);

    /// <summary>Fails the run before any target runs when the given parameter has no value.</summary>
    ITargetDefinition Requires(Expression<Func<object?>> parameter);

    /// <summary>Fails the run before any target runs when the condition is false.</summary>
    ITargetDefinition Requires(Expression<Func<bool>> condition);

    /// <summary>Lets the run continue with other targets when this one fails.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs this target even after another target failed.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hides the target from <c>--help</c> and the schema.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Adds an action; several run in order.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Adds an asynchronous action; several run in order.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Adds a cancellable asynchronous action; the token fires on Ctrl-C or SIGTERM.</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>Makes the target a cached stage: skipped as "up to date" when the check says so and <c>--force</c> is absent.</summary>
    ITargetDefinition Cached(Func<CacheStatus> check);
}
