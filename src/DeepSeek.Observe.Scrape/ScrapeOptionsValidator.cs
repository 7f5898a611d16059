using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Scrape;

/// <summary>Start-up check that the scrape configuration file reads and validates, naming the line to fix.</summary>
internal sealed class ScrapeOptionsValidator : IValidateOptions<ScrapeOptions>
{
    public ValidateOptionsResult Validate(string? name, ScrapeOptions options)
    {
        if (string.IsNullOrEmpty(options.ConfigFile))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            ScrapeConfig.Load(options.ConfigFile);
            return ValidateOptionsResult.Success;
        }
        catch (ScrapeConfigException ex)
        {
            return ValidateOptionsResult.Fail($"{ScrapeOptions.SectionName}:{nameof(ScrapeOptions.ConfigFile)}: {ex.Message}");
        }
    }
}
