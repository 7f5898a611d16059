using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Simulation.Demo;

/// <summary>
/// <c>serve --demo</c>: a simulated fleet inside the platform, fed through its own HTTP receivers, with a random fault
/// every <see cref="FaultEvery"/>.
/// </summary>
public sealed class DemoOptions : IValidatableObject
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }

    [Range(2, 256)]
    public int Nodes { get; set; } = 16;

    [Range(1, FleetSpec.MaxGpusPerNode)]
    public int GpusPerNode { get; set; } = 8;

    /// <summary>Seed of the fleet and its faults; null draws one from the clock, so each demo differs.</summary>
    public ulong? Seed { get; set; }

    /// <summary>Scrape interval of the simulated exporters.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>One fault starts in each slot of this length; it lasts 60 % of the slot, then the fleet recovers.</summary>
    public TimeSpan FaultEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Healthy history written at start (as fast as the receivers take it), so charts and baselines have data.</summary>
    public TimeSpan Backfill { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>remote_write URL of the platform's own receiver; the host fills it from its first listen address.</summary>
    public Uri? RemoteWriteUrl { get; set; }

    /// <summary>OTLP/HTTP base URL the fleet's logs go to (the platform's own <c>/v1/logs</c>); null sends no logs.</summary>
    public Uri? OtlpUrl { get; set; }

    /// <summary>Background log lines per node per minute, on top of what faults log.</summary>
    [Range(0, 10_000)]
    public double LogLinesPerNodePerMinute { get; set; } = 12;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Step < TimeSpan.FromSeconds(1) || Step > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"Demo:Step must be between 1s and 5m, not {Step}", [nameof(Step)]);
        }

        if (FaultEvery < 4 * Step)
        {
            yield return new ValidationResult($"Demo:FaultEvery must be at least four steps ({4 * Step}), not {FaultEvery}", [nameof(FaultEvery)]);
        }

        if (Backfill < TimeSpan.Zero || Backfill > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"Demo:Backfill must be between 0 and 1d, not {Backfill}", [nameof(Backfill)]);
        }

        if (RemoteWriteUrl is null || RemoteWriteUrl.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Demo:RemoteWriteUrl must be the platform's http(s) remote_write URL", [nameof(RemoteWriteUrl)]);
        }
    }
}
