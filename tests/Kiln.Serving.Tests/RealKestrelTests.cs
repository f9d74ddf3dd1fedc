using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Kiln.Serving.Tests.Support;
using Kiln.Testing;

namespace Kiln.Serving.Tests;

public sealed class RealKestrelTests(ServingFixture fixture)
{
    [Fact]
    public async Task ServesPredictionsOnARealPortAndStopsCleanlyOnSigterm()
    {
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment());
        var ready = await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        TestContext.Current.SendDiagnosticMessage($"start to ready (as seen by polling): {ready.TotalMilliseconds:F0} ms");
        var rows = TestModel.Generate(5, 77);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.Port}") };

        using var response = await client.PostAsync("/predict", Bodies.Json(Bodies.Predict(rows)), TestContext.Current.CancellationToken);
        var probabilities = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.EnumerateArray().Select(r => r.GetProperty("probability").GetSingle());
        service.Terminate();

        Assert.Equal(DirectOrt.Score(fixture.ModelPath, rows).Select(e => e.Probability), probabilities);
        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(15)), "the service did not stop within 15 s of SIGTERM");
        Assert.Equal(0, service.ExitCode);
    }

    [Fact]
    public async Task FinishesAnInFlightRequestAfterSigterm()
    {
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment());
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        var body = Encoding.UTF8.GetBytes(Bodies.Predict(TestModel.Generate(3, 5)));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, service.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var head = $"POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2), TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        // The request is half sent when the container runtime asks the service to stop.
        service.Terminate();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        await stream.WriteAsync(body.AsMemory(body.Length / 2), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Contains("\"probability\"", answer, StringComparison.Ordinal);
        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task KeepsServingWhileDrainingAndAsksKeepAliveClientsToReconnect()
    {
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(),
            fixture.ProcessEnvironment(("Kiln__Service__DrainMilliseconds", "3000")));
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{service.Port}") };
        var body = Bodies.Predict(TestModel.Generate(2, 9));
        using (var before = await client.PostAsync("/predict", Bodies.Json(body), TestContext.Current.CancellationToken))
        {
            Assert.False(before.Headers.ConnectionClose ?? false);
        }

        service.Terminate();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        using var during = await client.PostAsync("/predict", Bodies.Json(body), TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync("/v2/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.True(during.Headers.ConnectionClose, "a draining instance should ask the client to close its connection");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.False(service.HasExited, "the instance should keep serving during its drain delay");
        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task TwoInstancesShareOnePortWithReusePort()
    {
        var port = ServiceProcess.FreePort();
        var environment = fixture.ProcessEnvironment(("Kiln__Service__ReusePort", "true"));
        await using var old = ServiceProcess.Start(port, environment);
        await old.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        await using var replacement = ServiceProcess.Start(port, environment);
        await replacement.WaitForOutputAsync("loaded and warm", TimeSpan.FromSeconds(30));
        old.Terminate();
        Assert.True(await old.WaitForExitAsync(TimeSpan.FromSeconds(15)));

        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/health/ready"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(replacement.HasExited);
    }

    [Fact]
    public async Task WithoutReusePortASecondInstanceCannotBindTheSamePort()
    {
        var port = ServiceProcess.FreePort();
        await using var first = ServiceProcess.Start(port, fixture.ProcessEnvironment());
        await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        await using var second = ServiceProcess.Start(port, fixture.ProcessEnvironment());

        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the second instance should fail to bind");
        Assert.NotEqual(0, second.ExitCode);
    }

    [Fact]
    public async Task RefusesToStartWhenTheModelFailsItsChecksumAndSaysWhy()
    {
        var wrong = new string('a', 64);
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment(("Kiln__Model__Sha256", wrong)));

        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the service should stop when its model is rejected");
        Assert.Equal(1, service.ExitCode);
        Assert.Contains("sha256 mismatch", service.Output, StringComparison.Ordinal);
        Assert.Contains(wrong, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAChunkSizePastTwoToTheSixtyFourWith400NotA500()
    {
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment());
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, service.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();

        // Kestrel reports this overflow as a plain IOException, not as a bad request.
        var request = "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "FFFFFFFFFFFFFFFFFF\r\n[1]\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("the request body could not be read: Bad chunk size data", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("\"LogLevel\":\"Error\"", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthcheckCommandExitsZeroWhenReadyAndOneWhenNothingListens()
    {
        await using var service = ServiceProcess.Start(ServiceProcess.FreePort(), fixture.ProcessEnvironment());
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, await RunHealthcheck($"http://127.0.0.1:{service.Port}"));
        Assert.Equal(1, await RunHealthcheck($"http://127.0.0.1:{ServiceProcess.FreePort()}/v2/health/ready"));
    }

    private static async Task<int> RunHealthcheck(string url)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [ServiceProcess.ServiceDll, "healthcheck", url]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }
}
