using Microsoft.Extensions.Options;

namespace Kiln.Serving.Configuration;

/// <summary>Binds the service's settings once, from appsettings.json and <c>Kiln__*</c> environment variables, to validated options records.</summary>
public static class KilnSettings
{
    /// <summary>The configuration root every Kiln setting lives under.</summary>
    public const string Root = "Kiln";

    /// <summary>The sections under <see cref="Root"/>, one per options record.</summary>
    public static IReadOnlyList<string> Sections { get; } =
        [ServiceOptions.Section, ModelOptions.Section, RegistryLocationOptions.Section, LimitsOptions.Section, BatchingOptions.Section, DriftOptions.Section];

    /// <summary>Registers every options record: bound from its section, unknown keys rejected, checked before the service starts.</summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddKilnSettings(this IServiceCollection services)
    {
        // Concrete calls, so the configuration binding generator writes the binding code (no reflection, trim-safe).
        services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.Section).ValidateOnStart();
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateOnStart();
        services.AddOptions<RegistryLocationOptions>().BindConfiguration(RegistryLocationOptions.Section).ValidateOnStart();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateOnStart();
        services.AddOptions<BatchingOptions>().BindConfiguration(BatchingOptions.Section).ValidateOnStart();
        services.AddOptions<DriftOptions>().BindConfiguration(DriftOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceOptions>, KilnOptionsValidator<ServiceOptions>>();
        services.AddSingleton<IValidateOptions<ModelOptions>, KilnOptionsValidator<ModelOptions>>();
        services.AddSingleton<IValidateOptions<RegistryLocationOptions>, KilnOptionsValidator<RegistryLocationOptions>>();
        services.AddSingleton<IValidateOptions<LimitsOptions>, KilnOptionsValidator<LimitsOptions>>();
        services.AddSingleton<IValidateOptions<BatchingOptions>, KilnOptionsValidator<BatchingOptions>>();
        services.AddSingleton<IValidateOptions<DriftOptions>, KilnOptionsValidator<DriftOptions>>();

        // A mistyped section (Kiln__Limit__MaxBatchRows) belongs to no record; the service section, always read, reports it.
        services.AddSingleton<IValidateOptions<ServiceOptions>, KilnSectionsValidator>();
        return services;
    }

    /// <summary>The message for a key no options record has, with the environment variable spelling and the keys that exist.</summary>
    /// <param name="unknown">The unknown key's section.</param>
    /// <param name="known">The names that exist at its level.</param>
    internal static string Unknown(IConfigurationSection unknown, IEnumerable<string> known) =>
        $"unknown setting {unknown.Path} (environment variable {unknown.Path.Replace(":", "__", StringComparison.Ordinal)}); the known ones are {string.Join(", ", known)}";
}
