using Kiln.Hashing;
using Kiln.Pipeline.Configuration;
using Kiln.Pipeline.Evaluation;
using Kiln.Pipeline.Features;
using Kiln.Pipeline.Registration;
using Kiln.Pipeline.Training;
using Kiln.Registry;
using Kiln.Registry.Artifacts;
using Kiln.Registry.Promotion;
using Kiln.Registry.Storage;
using Kiln.Registry.Tests.Fixtures;

namespace Kiln.Pipeline.Tests;

/// <summary>Two checkouts, each with its own artifact cache, configured with one PostgreSQL registry (.ci/postgres.sh) and one S3 bucket (.ci/s3.sh).</summary>
public sealed class SharedStoresTests
{
    private const string GoodTrainer = "name: LightGbm\n  seed: 1\n  hyperparameters: { number_of_iterations: 60, learning_rate: 0.1 }";
    private const string ChangedTrainer = "name: LightGbm\n  seed: 1\n  hyperparameters: { number_of_iterations: 3, learning_rate: 0.02, number_of_leaves: 2 }";

    [Fact]
    public async Task ASecondCheckoutIsDecidedAgainstTheFirstsChampionAndBothAndAThirdMachineSeeTheSameRegistry()
    {
        var postgres = PostgresTestServer.Require();
        var s3 = S3TestServer.Require();
        var database = postgres.CreateDatabase();
        try
        {
            var prefix = s3.NewPrefix();
            var registry = $"""

                registry:
                  model_name: churn
                  store: {postgres.StoreUri(database)}
                  artifacts: s3://{prefix.Bucket}/{prefix.Key}
                """;
            using var first = TestWorkspace.WithChurn();
            using var second = TestWorkspace.WithChurn();

            var (firstContext, firstRegistry) = await EvaluateAsync(first, GoodTrainer, registry, s3);
            var v1 = new ModelRegistration(firstContext, firstRegistry).Register(sourceRunId: null);
            var (secondContext, secondRegistry) = await EvaluateAsync(second, ChangedTrainer, registry, s3);
            var v2 = new ModelRegistration(secondContext, secondRegistry).Register(sourceRunId: null);

            Assert.Equal((1, PromotionOutcome.Champion), (v1.Version.Version, v1.Decision!.Outcome));
            Assert.Equal((2, PromotionOutcome.Challenger), (v2.Version.Version, v2.Decision!.Outcome));
            Assert.Contains("champion v1", v2.Decision.Reason, StringComparison.Ordinal);
            Assert.Equal(
                firstRegistry.ListVersions("churn").Select(v => (v.Version, v.Model.Sha256, v.Aliases.Count)),
                secondRegistry.ListVersions("churn").Select(v => (v.Version, v.Model.Sha256, v.Aliases.Count)));

            // A third machine (the service): read-only, an empty cache, the champion's bytes fetched from the bucket and verified.
            using var third = TestWorkspace.WithChurn(rows: 10);
            var serving = ModelRegistry.Open(firstContext.RegistryOptions with
            {
                Access = StoreAccess.ReadOnly,
                ArtifactStore = new ArtifactStoreOptions(third.Root, third.At("cache"), s3.Settings()),
            });
            var champion = serving.Resolve("models:/churn@champion");
            Assert.Equal(v1.Version.Model.Sha256, FileHash.Sha256(champion.Verify()));
            Assert.StartsWith(third.At("cache"), champion.Verify(), StringComparison.Ordinal);
        }
        finally
        {
            postgres.DropDatabase(database);
        }
    }

    private static async Task<(PipelineContext Context, ModelRegistry Registry)> EvaluateAsync(TestWorkspace workspace, string trainer, string registry, S3TestServer s3)
    {
        var context = new PipelineContext(workspace.Root, KilnConfig.Parse(TestWorkspace.ChurnYaml(trainer) + registry, "config/prod.yaml"))
        {
            StoreOptions = new ArtifactStoreOptions(workspace.Root, workspace.At("cache"), s3.Settings()),
        };
        await new FeaturesStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new TrainStage(context).RunAsync(TestContext.Current.CancellationToken);
        await new EvaluateStage(context).RunAsync(TestContext.Current.CancellationToken);
        return (context, ModelRegistry.Open(context.RegistryOptions));
    }
}
