using DeepSeek.Observe.Alerting.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>
/// Registers rule evaluation. It reads PromQL through <see cref="Core.Query.IPromqlEvaluator"/> (the query component),
/// writes through <see cref="Core.Series.ISampleAppender"/> and reads <c>ALERTS_FOR_STATE</c> through
/// <see cref="Core.Series.ISeriesQuerier"/> (the store), and sends to every registered <see cref="IAlertSink"/>.
/// </summary>
public static class RuleEvaluationExtensions
{
    public static IServiceCollection AddRuleEvaluation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RuleEvaluationOptions>().Bind(configuration.GetSection(AlertingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleEvaluationOptions>, RuleEvaluationOptionsValidator>());
        services.TryAddSingleton<RuleInstrumentation>();
        services.TryAddSingleton<RuleManager>();
        services.AddHostedService(provider => provider.GetRequiredService<RuleManager>());
        return services;
    }

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/rules", RulesApi.Rules)
            .WithName("Rules")
            .WithSummary("Rule groups with each rule's health, last evaluation and alerts, in Prometheus's JSON shape (type=alert|record filters).")
            .WithTags("Alerting");
        endpoints.MapGet("/api/v1/alerts", RulesApi.Alerts)
            .WithName("Alerts")
            .WithSummary("Pending and firing alerts of the platform's alerting rules, in Prometheus's JSON shape.")
            .WithTags("Alerting");
        endpoints.MapPost("/-/reload", RulesApi.Reload)
            .WithName("Reload")
            .WithSummary("Re-reads the rule files; on any error the running rules stay and the errors come back as 400.")
            .WithTags("Alerting");
        return endpoints;
    }
}
