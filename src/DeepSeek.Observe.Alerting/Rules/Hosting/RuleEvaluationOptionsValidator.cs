using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>
/// Start-up check: external labels are valid and every rule file loads, so a bad rule file stops the platform with
/// every error listed (file, group, rule), as <c>promtool check rules</c> would print them.
/// </summary>
internal sealed class RuleEvaluationOptionsValidator(IPromqlEvaluator promql) : IValidateOptions<RuleEvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, RuleEvaluationOptions options)
    {
        if (!LabelSet.TryCreate(options.ExternalLabels, out _, out var labelError))
        {
            return ValidateOptionsResult.Fail($"{AlertingOptions.SectionName}:{nameof(RuleEvaluationOptions.ExternalLabels)}: {labelError}");
        }

        if (options.ExternalUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return ValidateOptionsResult.Fail($"{AlertingOptions.SectionName}:{nameof(RuleEvaluationOptions.ExternalUrl)}: '{url}' is not an absolute URL");
        }

        var result = new RuleFileLoader(promql).Load(options.RuleFiles);
        return result.Succeeded
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{AlertingOptions.SectionName}:{nameof(RuleEvaluationOptions.RuleFiles)}: {e}"));
    }
}
