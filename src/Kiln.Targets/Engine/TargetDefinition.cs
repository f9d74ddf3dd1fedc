using System.Linq.Expressions;

namespace Kiln.Targets.Engine;

/// <summary>Collects what a target property declares; the engine reads it after the property ran.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }

    public List<Target> Dependencies { get; } = [];

    public List<Target> AfterTargets { get; } = [];

    public List<Target> BeforeTargets { get; } = [];

    public List<Target> TriggerTargets { get; } = [];

    public List<Target> TriggeredByTargets { get; } = [];

    public List<Expression<Func<bool>>> StaticConditions { get; } = [];

    public List<Expression<Func<bool>>> DynamicConditions { get; } = [];

    public List<LambdaExpression> Requirements { get; } = [];

    public List<Func<CancellationToken, Task>> Actions { get; } = [];

    public bool ProceedsAfterFailure { get; private set; }

    public bool IsAssuredAfterFailure { get; private set; }

    public bool IsUnlisted { get; private set; }

    public Func<CacheStatus>? CacheCheck { get; private set; }

    /// <summary>The source file of the target's first Description or Executes call, or null when it has neither.</summary>
    public string? DeclaringFile { get; private set; }

    /// <summary>The line of that call.</summary>
    public int DeclaringLine { get; private set; }

    public ITargetDefinition Description(string description, string declaringFile = "", int declaringLine = 0)
    {
        DescriptionText = description;
        return Declared(declaringFile, declaringLine);
    }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(Dependencies, targets);

    public ITargetDefinition After(params Target[] targets) => Add(AfterTargets, targets);

    public ITargetDefinition Before(params Target[] targets) => Add(BeforeTargets, targets);

    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggerTargets, targets);

    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredByTargets, targets);

    public ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition) => Add(StaticConditions, condition);

    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition) => Add(DynamicConditions, condition);

    public ITargetDefinition Requires(Expression<Func<object?>> parameter) => Add(Requirements, (LambdaExpression)parameter);

    public ITargetDefinition Requires(Expression<Func<bool>> condition) => Add(Requirements, (LambdaExpression)condition);

    public ITargetDefinition ProceedAfterFailure()
    {
        ProceedsAfterFailure = true;
        return this;
    }

    public ITargetDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    public ITargetDefinition Unlisted()
    {
        IsUnlisted = true;
        return this;
    }

    public ITargetDefinition Executes(Action action, string declaringFile = "", int declaringLine = 0)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Declared(declaringFile, declaringLine).Add(Actions, _ =>
        {
            action();
            return Task.CompletedTask;
        });
    }

    public ITargetDefinition Executes(Func<Task> action, string declaringFile = "", int declaringLine = 0)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Declared(declaringFile, declaringLine).Add(Actions, _ => action());
    }

    public ITargetDefinition Executes(Func<CancellationToken, Task> action, string declaringFile = "", int declaringLine = 0) =>
        Declared(declaringFile, declaringLine).Add(Actions, action);

    public ITargetDefinition Cached(Func<CacheStatus> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        CacheCheck = check;
        return this;
    }

    // The first call is the one in the target's own property; later ones may come from helpers declared elsewhere.
    private TargetDefinition Declared(string file, int line)
    {
        if (DeclaringFile is null && file.Length > 0)
        {
            DeclaringFile = file;
            DeclaringLine = line;
        }

        return this;
    }

    private TargetDefinition Add<T>(List<T> list, params IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            list.Add(item);
        }

        return this;
    }
}
