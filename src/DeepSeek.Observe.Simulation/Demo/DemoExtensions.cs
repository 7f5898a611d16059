using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepSeek.Observe.Simulation.Demo;

/// <summary>
/// Registers the demo fleet (a hosted service, only when <c>Demo:Enabled</c>) and maps <c>GET /api/v1/demo/faults</c>,
/// the faults injected so far: what a perfect root-cause analysis would have said.
/// </summary>
public static class DemoExtensions
{
    public static IServiceCollection AddDemoFleet(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DemoState>();
        if (configuration.GetValue<bool>($"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}"))
        {
            services.AddHttpClient(DemoFleetService.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 4 })
                // Each remote_write request would otherwise log two lines.
                .RemoveAllLoggers();
            services.AddHostedService<DemoFleetService>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/demo/faults", (DemoState state, TimeProvider clock) => state.IsRunning
                ? Results.Json(new { status = "success", data = state.GroundTruth(clock.GetUtcNow().ToUnixTimeMilliseconds()) })
                : Results.Json(new { status = "error", errorType = "not_found", error = "no demo fleet is running (start the platform with serve --demo)" }, statusCode: StatusCodes.Status404NotFound))
            .WithName("DemoFaults")
            .WithSummary("The faults the demo fleet has injected so far: kind, root entity, start/end, affected entities.")
            .WithTags("Demo");
        return endpoints;
    }
}
