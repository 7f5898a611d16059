using System.Globalization;
using System.Net;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Exposition;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DeepSeek.Observe.Host.Cli;

/// <summary>
/// <c>simulate --listen</c>: serves each simulated scrape target at its own path, so a scraper pulls the fleet the way
/// it pulls the real exporters. A scrape answers with the step its clock falls in, generated once per step.
/// </summary>
internal static class SimulationListener
{
    public static async Task RunAsync(FleetGenerator generator, IPEndPoint endpoint, long endMs, TextWriter output, CancellationToken cancellationToken)
    {
        var targets = FleetTargets.Of(generator.Catalog);
        var byPath = targets.ToDictionary(t => t.Path, StringComparer.Ordinal);
        var cache = new StepCache(generator);
        var clock = TimeProvider.System;
        var step = TimeSpan.FromMilliseconds(generator.Time.StepMs);
        var interval = PrometheusDuration.Format(step);
        var timeout = PrometheusDuration.Format(step < TimeSpan.FromSeconds(10) ? step : TimeSpan.FromSeconds(10));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        await using var app = builder.Build();

        app.MapGet("/", () => Results.Text(Index(targets), "text/plain; charset=utf-8"));
        app.MapGet("/scrape-config", (HttpRequest request) =>
            Results.Text(ScrapeConfigWriter.Write(targets, request.Host.Value ?? endpoint.ToString(), interval, timeout), "application/yaml; charset=utf-8"));
        app.MapGet("/targets/{job}/{instance}/metrics", (string job, string instance) =>
        {
            if (!byPath.TryGetValue($"/targets/{Uri.EscapeDataString(job)}/{instance}/metrics", out var target))
            {
                return Results.NotFound($"no simulated target {job} {instance}; GET / lists them\n");
            }

            var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (nowMs < generator.Time.StartMs)
            {
                return Results.Text("the simulation has not started yet\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var body = new StringBuilder(target.SeriesCount * 160);
            ExpositionWriter.Write(body, target, cache.At((nowMs - generator.Time.StartMs) / generator.Time.StepMs));
            return Results.Text(body.ToString(), ExpositionWriter.ContentType);
        });

        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        await output.WriteLineAsync($"listening: {string.Join(' ', addresses)} targets={targets.Count} (GET / lists them, GET /scrape-config for Prometheus)");

        try
        {
            var remaining = DateTimeOffset.FromUnixTimeMilliseconds(endMs) - clock.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, clock, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: stop serving, as an exporter does.
        }

        await app.StopAsync(CancellationToken.None);
    }

    /// <summary>Parses host:port (or :port for every interface, as the exporters' listen flags read it).</summary>
    public static IPEndPoint Endpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        var host = colon >= 0 ? value[..colon].Trim('[', ']') : string.Empty;
        if (colon < 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            throw new UsageException($"--listen: '{value}' is not host:port (e.g. 127.0.0.1:9400, or :9400 for every interface)");
        }

        var address = host switch
        {
            "" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(host, out var ip) => ip,
            _ => throw new UsageException($"--listen: '{host}' is not an IP address or localhost"),
        };
        return new IPEndPoint(address, port);
    }

    private static string Index(IReadOnlyList<ExposedTarget> targets)
    {
        var index = new StringBuilder("# simulated scrape targets: job instance path series\n");
        foreach (var target in targets)
        {
            index.Append(CultureInfo.InvariantCulture, $"{target.Job} {target.Instance} {target.Path} {target.SeriesCount}\n");
        }

        return index.ToString();
    }
}
