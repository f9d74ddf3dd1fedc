using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Kiln.Serving.Tests.Support;

/// <summary>Hosts the real service in-process with the given configuration on top of its appsettings.json.</summary>
/// <param name="settings">Configuration keys and values, e.g. Kiln:Model:Path.</param>
public sealed class KilnAppFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>Creates a client and waits (bounded) until the model is warm.</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var response = await client.GetAsync("/v2/health/ready");
            if (response.IsSuccessStatusCode)
            {
                return client;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the in-process service did not become ready within 10 s");
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
}
